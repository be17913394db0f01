import { z } from "zod";

/**
 * The structured outputs we ask the model for. Each is sent as a JSON schema
 * (strict structured output) and the reply is validated against the same zod
 * object; anything that does not fit is "invalid output".
 */

export const QUESTION_TYPES = ["technical", "behavioral", "project", "situational"] as const;
export type QuestionTypeName = (typeof QUESTION_TYPES)[number];

export const Recommendation = z.object({
  topic: z.string().describe("A specific topic to study, e.g. 'PostgreSQL index types'"),
  resource: z.string().describe("A specific, real resource: a book chapter, official docs page, course or exercise"),
  why: z.string().describe("One sentence: which gap this closes"),
});

export const QuestionOutput = z.object({
  question: z.string().describe("The interview question, 1–3 sentences, addressed to the candidate"),
  type: z.enum(QUESTION_TYPES),
  is_follow_up: z.boolean().describe("True only when the question digs into the candidate's previous answer"),
  probes: z.string().describe("What the question is meant to reveal, in a short phrase (not shown before answering)"),
});
export type QuestionOutput = z.infer<typeof QuestionOutput>;

export type RecommendationItem = z.infer<typeof Recommendation>;
