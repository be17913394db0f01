import type { CoachingForm } from "#app/forms/coaching-forms.ts";
import { orPageNotFound } from "#app/utils/not-found.server.ts";
import { requestModelAnswer } from "./answer-coaching.server.ts";
import { startDrill } from "./drill.server.ts";

/**
 * One coaching form of an interview's feedback page (issue 19): start a drill on a knowledge
 * gap (of one answer, or of the feedback), or ask for a strong answer. The STAR checklist
 * needs no form: it is written after a behavioural answer is scored. Returns where to go next.
 */
export async function coachingAction(userId: string, sessionId: string, form: CoachingForm): Promise<string> {
  switch (form.intent) {
    case "drill": {
      const source = { answerId: form.answerId.toLowerCase(), knowledgeGap: form.gap, sessionId };
      return `/interviews/${orPageNotFound(await startDrill(userId, source)).session.id}`;
    }
    case "drill-gap":
      return `/interviews/${orPageNotFound(await startDrill(userId, { feedbackOf: sessionId, knowledgeGap: form.gap })).session.id}`;
    case "model-answer":
      orPageNotFound(await requestModelAnswer(userId, form.answerId.toLowerCase(), { sessionId }));
      // A query, not a #fragment: without JavaScript the page refreshes itself while the answer is written,
      // and a refresh of a URL with a fragment only scrolls (the browser does not load the page again).
      return `/interviews/${sessionId}/feedback?coach=${form.answerId.toLowerCase()}`;
  }
}
