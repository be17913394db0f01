import { closestQuestion, otherType, plannedType, questionMessages, REPEAT_SIMILARITY, repeatCorrection } from "#app/ai/prompts.ts";
import {
  planTagging,
  planTargeting,
  TARGETED_QUESTION_SCHEMA_NAME,
  TargetedQuestionOutput,
  withTargeting,
} from "#app/ai/practice/targeting.ts";
import { QuestionOutput, type QuestionTypeName } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { questionContext, recordQuestion } from "#app/models/ai-results.server.ts";
import { announcePartial } from "#app/models/operation.server.ts";
import { questionTargeting } from "#app/models/skill-map.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { generateDrillQuestion } from "./drill-question.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * question.generate — the next interview question, from the posting, the
 * résumé and every earlier question and answer (dual context). The model
 * decides between the planned type of the rotation and one follow-up on the
 * last answer. A repeat of any question asked in this session or an earlier
 * attempt at the same posting is sent back naming the question it repeats and
 * asking for another type; if the model repeats itself again, the least
 * similar of its replies is used (below), so a repetitive model slows the
 * interview down but never stops it. A retry (the operation's retry number)
 * starts from another type and asks for a fresh angle. The question, the
 * session counter and the operation's completion are written in one transaction.
 */
export async function generateQuestion(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await questionContext(operation);
    if ("done" in context) return context.done;
    if (context.drill) return generateDrillQuestion(operation, { ...context, drill: context.drill }); // issue 19
    const { history, focus } = context;
    const planned = plannedType(focus, history.filter((e) => !e.isFollowUp).length);
    const last = history.at(-1);
    // A follow-up digs into the last answer; never two in a row, and never as the first question.
    const followUpAllowed = Boolean(last && last.answer !== null && !last.isFollowUp);
    const asked = [...history.map((e) => e.question), ...context.previousAttemptQuestions];

    // A retry never replays the request that failed: it asks for another type of the rotation.
    let askFor = operation.retryNumber > 0 ? otherType(focus, planned, operation.retryNumber) : planned;
    // Replies refused only for repeating an earlier question, with the type each was asked for.
    const repeats: Array<{ output: QuestionOutput; type: QuestionTypeName; similarity: number }> = [];

    // issue 19: "Weakest skills first" aims each question at the skill map's most urgent requirement; every
    // focus records which requirement(s) the question probes, so every interview moves the map (an empty map:
    // an ordinary question).
    const targetingFacts = await questionTargeting(operation.userId, context.sessionId);
    const targeting = targetingFacts
      ? focus === "weakest_first"
        ? planTargeting(targetingFacts)
        : planTagging(targetingFacts.candidates)
      : null;

    const streamQuestion = partialPublisher(context.sessionId, operation.id);
    const output: QuestionOutput & Partial<TargetedQuestionOutput> = await generateStructured({
      onPartial: (partial) => streamQuestion.push(partial.question),
      settings: await loadAiSettings(operation.userId),
      schema: targeting ? TargetedQuestionOutput : QuestionOutput,
      name: targeting ? TARGETED_QUESTION_SCHEMA_NAME : "interview_question",
      messages: (correction) => {
        const prompt = questionMessages({
          ...context,
          plannedType: askFor,
          followUpAllowed,
          retryNumber: operation.retryNumber,
          correction,
        });
        return targeting ? withTargeting(prompt, targeting.section) : prompt;
      },
      accept: (o: QuestionOutput & Partial<TargetedQuestionOutput>) => {
        const aim = targeting?.check({ ...o, requirement_ids: o.requirement_ids ?? [] }, followUpAllowed && o.is_follow_up).problem;
        if (aim) return aim;
        const text = o.question.trim();
        if (text.length < 10) return "the question was empty or too short; ask a complete question";
        if (text.length > 1_500) return "the question was too long; keep it to one to three sentences";
        const clash = closestQuestion(text, asked);
        if (!clash || clash.similarity < REPEAT_SIMILARITY) return null;
        repeats.push({ output: o, type: askFor, similarity: clash.similarity });
        askFor = otherType(focus, askFor, 1);
        return repeatCorrection(clash.question, askFor);
      },
      // The model repeated an earlier question even after being told which one and asked for another
      // type. Failing would leave the user a Retry that meets the same model and the same questions
      // again (the dead end this replaces), so the interview moves on with the least similar of the
      // replies: a near-repeat the user can answer or skip is better than an interview that cannot go on.
      lastResort: () => repeats.toSorted((a, b) => a.similarity - b.similarity)[0]?.output ?? null,
    });
    streamQuestion.stop();
    const fallback = repeats.find((r) => r.output === output);
    if (fallback) {
      logger.warn(
        { kind: "ai", operationId: operation.id, similarity: Number(fallback.similarity.toFixed(2)) },
        "the model kept repeating an earlier question; used its least similar reply",
      );
    }
    const isFollowUp = followUpAllowed && output.is_follow_up;
    return recordQuestion(operation.id, context.sessionId, {
      text: output.question,
      // The rotation decides the type of a new question (or the type asked for instead of a repeat);
      // a follow-up takes the type that fits it.
      type: isFollowUp ? output.type : (fallback?.type ?? askFor),
      isFollowUp,
      probes: output.probes,
      repeatFallback: Boolean(fallback),
      requirementIds: targeting?.check({ ...output, requirement_ids: output.requirement_ids ?? [] }, isFollowUp).requirementIds ?? [],
    });
  });
}

/**
 * Push the question text to the waiting page as the model writes it: the
 * first words at once, then at most every 100 ms (each push is a NOTIFY).
 */
function partialPublisher(sessionId: string, operationId: string) {
  let last = 0;
  let sent = "";
  let pending: ReturnType<typeof setTimeout> | undefined;
  let latest = "";
  const send = () => {
    pending = undefined;
    if (latest === sent) return;
    sent = latest;
    last = Date.now();
    void announcePartial(sessionId, operationId, latest.slice(0, 1_500)).catch(() => {});
  };
  return {
    push(text: string | undefined) {
      if (!text) return;
      latest = text;
      if (pending) return;
      const wait = Math.max(0, 100 - (Date.now() - last));
      if (wait === 0) send();
      else pending = setTimeout(send, wait);
    },
    /** The final question is about to be stored: no more partial pushes. */
    stop() {
      clearTimeout(pending);
      sent = latest;
    },
  };
}
