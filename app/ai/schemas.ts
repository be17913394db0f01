import { z } from "zod";

/**
 * The structured outputs we ask the model for. Each is sent as a JSON schema
 * (strict structured output) and the reply is validated against the same zod
 * object; anything that does not fit is "invalid output".
 */

export const QUESTION_TYPES = ["technical", "behavioral", "project", "situational"] as const;
export type QuestionTypeName = (typeof QUESTION_TYPES)[number];

const score = z.number().int().min(0).max(100);

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

export const AnswerEvaluationOutput = z.object({
  relevance: score.describe("0–100: relevance of the answer to the question and to the job"),
  completeness: score.describe("0–100: did it cover what a strong answer covers"),
  technical_correctness: score.describe("0–100: accuracy of technical content (judge reasoning for non-technical questions)"),
  clarity: score.describe("0–100: clarity and structure"),
  summary: z.string().describe("Two or three sentences of honest, specific feedback on this answer"),
  strengths: z.array(z.string()).describe("Specific strengths of this answer (empty if none)"),
  improvements: z.array(z.string()).describe("Specific, actionable improvements"),
  knowledge_gaps: z.array(z.string()).describe("Concrete knowledge gaps the answer revealed (empty if none)"),
  recommendations: z.array(Recommendation).describe("Learning recommendations naming specific topics and resources"),
});
export type AnswerEvaluationOutput = z.infer<typeof AnswerEvaluationOutput>;

export const SessionFeedbackOutput = z.object({
  technical_accuracy: score,
  communication_clarity: score,
  problem_solving: score,
  relevance: score.describe("Relevance of the answers to the job's requirements"),
  technical_feedback: z.string(),
  communication_feedback: z.string(),
  problem_solving_feedback: z.string(),
  relevance_feedback: z.string(),
  overall_comments: z.string(),
  knowledge_gaps: z.array(z.string()),
  learning_recommendations: z.array(Recommendation),
});
export type SessionFeedbackOutput = z.infer<typeof SessionFeedbackOutput>;

export type RecommendationItem = z.infer<typeof Recommendation>;
