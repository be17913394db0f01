import type { AiSettings } from "#app/ai/client.server.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import {
  drillQuestionMessages,
  drillQuestionProblem,
  DrillQuestionOutput,
  DRILL_QUESTION_SCHEMA_NAME,
  reviewQuestionMessages,
  reviewQuestionProblem,
  ReviewQuestionOutput,
  REVIEW_QUESTION_SCHEMA_NAME,
  type DrillQuestionInput,
  type ReviewQuestionInput,
} from "./drills.ts";

/**
 * The next question of a drill: on the drill's topic only, never one asked
 * before. An off-topic or repeated reply is sent back once with the reason;
 * a second one fails the operation (Retry asks again from a fresh angle) —
 * an off-topic drill question is worse than none.
 */
export async function writeDrillQuestion(settings: AiSettings, input: Omit<DrillQuestionInput, "correction">) {
  const asked = [...input.askedBefore, ...input.drill.map((d) => d.question)];
  const output = await generateStructured({
    settings,
    schema: DrillQuestionOutput,
    name: DRILL_QUESTION_SCHEMA_NAME,
    messages: (correction) => drillQuestionMessages({ ...input, correction }),
    accept: (o) => drillQuestionProblem(o.question, { topic: input.topic, asked }),
  });
  return { ...output, question: output.question.trim(), probes: output.probes.trim() };
}

/** A fresh wording of a missed question for its review: never the original (or an earlier wording) again. */
export async function rewordMissedQuestion(settings: AiSettings, input: Omit<ReviewQuestionInput, "correction">) {
  const earlierWordings = [input.missed.question, ...input.earlierWordings];
  const output = await generateStructured({
    settings,
    schema: ReviewQuestionOutput,
    name: REVIEW_QUESTION_SCHEMA_NAME,
    messages: (correction) => reviewQuestionMessages({ ...input, earlierWordings, correction }),
    accept: (o) => reviewQuestionProblem(o.question, { topic: input.topic, earlierWordings }),
  });
  return { question: output.question.trim(), probes: output.probes.trim() };
}
