import { writeSessionDebrief } from "#app/ai/grading/session-debrief.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { feedbackContext, recordFeedback } from "#app/models/ai-results.server.ts";
import { debriefColumns } from "#app/models/debrief-claims.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * session.feedback — the debrief of a completed interview from the posting and
 * résumé snapshots and every question, answer and per-answer evaluation,
 * written by the user's grading model. Each claim cites the questions it rests
 * on, and code checks those numbers (app/ai/grading/session-debrief.server.ts).
 * One feedback per session (unique); the overall score is our mean of the four.
 */
export async function summarizeSession(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await feedbackContext(operation);
    if ("done" in context) return context.done;
    const debrief = await writeSessionDebrief(await loadAiSettings(operation.userId, "grading"), {
      posting: context.posting,
      resume: context.resume,
      exchanges: context.exchanges.map((x) => ({
        number: x.number,
        type: x.type,
        isFollowUp: x.isFollowUp,
        question: x.question,
        answer: x.answer,
        evaluation: x.evaluation
          ? {
              relevance: x.evaluation.relevance,
              completeness: x.evaluation.completeness,
              technicalCorrectness: x.evaluation.technicalCorrectness,
              clarity: x.evaluation.clarity,
              summary: x.evaluation.summary,
              answerClass: x.evaluation.grading?.answerClass,
            }
          : null,
      })),
    });
    return recordFeedback(operation.id, context.sessionId, debriefColumns(debrief));
  });
}
