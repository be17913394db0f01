import { writeDrillQuestion } from "#app/ai/practice/drills.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { recordQuestion, type questionContext } from "#app/models/ai-results.server.ts";
import type { Operation } from "#app/generated/prisma/client.ts";

type Context = Exclude<Awaited<ReturnType<typeof questionContext>>, { done: unknown }>;

/**
 * The next question of a drill (issue 19): on the drill's one topic only, never a question asked
 * before at this posting, linked to the requirement it drills. Off-topic or repeated replies are
 * sent back (app/ai/practice/drills.server.ts).
 */
export async function generateDrillQuestion(operation: Operation, context: Context & { drill: NonNullable<Context["drill"]> }) {
  const { drill } = context;
  const output = await writeDrillQuestion(await loadAiSettings(operation.userId), {
    posting: context.posting,
    resume: context.resume,
    topic: { kind: drill.requirementId ? "requirement" : "knowledge_gap", name: drill.topic },
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
    requirementIds: drill.requirementId ? [drill.requirementId] : [],
  });
}
