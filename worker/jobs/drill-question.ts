import { rewordMissedQuestion, writeDrillQuestion } from "#app/ai/practice/drills.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { recordQuestion, type questionContext } from "#app/models/ai-results.server.ts";
import { failOperation } from "#app/models/operation.server.ts";
import { reviewQuestionFacts } from "#app/models/review.server.ts";
import type { Operation } from "#app/generated/prisma/client.ts";

type Context = Exclude<Awaited<ReturnType<typeof questionContext>>, { done: unknown }>;

/**
 * The next question of a drill (issue 19): on the drill's one topic only, never a question asked
 * before on that topic (earlier drills, questions that probed its requirement), linked to the
 * requirement it drills. Off-topic or repeated replies are sent back (app/ai/practice/drills.server.ts).
 * A review drill's one question is a fresh wording of the missed question, never an earlier wording.
 */
export async function generateDrillQuestion(operation: Operation, context: Context & { drill: NonNullable<Context["drill"]> }) {
  const { drill } = context;
  const settings = await loadAiSettings(operation.userId);
  const topic = { kind: drill.requirementId ? "requirement" : "knowledge_gap", name: drill.topic } as const;
  const requirementIds = drill.requirementId ? [drill.requirementId] : [];
  if (drill.reviewItemId) {
    const facts = await reviewQuestionFacts(operation.userId, drill.reviewItemId, context.sessionId);
    if (!facts) {
      await failOperation(operation.id, "missing_answer", "The missed answer this review was for no longer exists.");
      return { failed: "missing_answer" };
    }
    const output = await rewordMissedQuestion(settings, { posting: context.posting, resume: context.resume, topic, ...facts });
    return recordQuestion(operation.id, context.sessionId, {
      text: output.question,
      type: facts.missed.type,
      isFollowUp: false,
      probes: output.probes,
      repeatFallback: false,
      requirementIds,
    });
  }
  const output = await writeDrillQuestion(settings, {
    posting: context.posting,
    resume: context.resume,
    topic,
    number: context.history.length + 1,
    total: context.targetQuestions,
    drill: context.history.map((e) => ({ question: e.question, answer: e.answer, feedback: null })),
    askedBefore: context.previousAttemptQuestions,
    retryNumber: operation.retryNumber,
  });
  return recordQuestion(operation.id, context.sessionId, {
    text: output.question,
    type: output.type,
    isFollowUp: false,
    probes: output.probes,
    repeatFallback: false,
    requirementIds,
  });
}
