import { z } from "zod";
import { Recommendation } from "../schemas.ts";

/**
 * What the grader returns (strict structured output, checked by the same zod
 * object). Judgements carry the exact words of the answer they are about, so
 * code can check them; the fields come in the order the model should think:
 * what a complete answer covers, the evidence, then the scores.
 */

const score = z.number().int().min(0).max(100);

const QuotedJudgement = z.object({
  point: z.string().describe("The judgement, one sentence, specific to this answer"),
  quote: z
    .string()
    .describe(
      "The exact words of the candidate's answer this judgement is about, copied character for character (3–25 words, no paraphrase). Empty string only for an improvement about something the answer leaves out.",
    ),
});

const FactualError = z.object({
  quote: z.string().describe("The exact words of the answer that are wrong, copied character for character"),
  correction: z.string().describe("What is actually true, in one or two sentences"),
});

export const AnswerGradeOutput = z.object({
  complete_answer: z
    .array(z.string())
    .describe("What a complete answer to this question would cover: 3–5 key points, each a short phrase, independent of this answer"),
  strengths: z.array(QuotedJudgement).describe("What is genuinely good in the answer, each with its quote (empty if nothing is)"),
  improvements: z.array(QuotedJudgement).describe("Specific, actionable improvements, each with the quote it is about or an empty quote"),
  factual_errors: z
    .array(FactualError)
    .describe("Every statement in the answer that is technically or factually wrong, with its quote (empty if none)"),
  relevance: score,
  completeness: score,
  technical_correctness: score,
  clarity: score,
  summary: z.string().describe("Two or three sentences of honest, specific feedback on this answer"),
  knowledge_gaps: z.array(z.string()).describe("Concrete topics the answer showed the candidate does not know (empty if none)"),
  recommendations: z
    .array(Recommendation)
    .describe("Learning recommendations naming specific topics and real resources, each tied to a gap"),
});
export type AnswerGradeOutput = z.infer<typeof AnswerGradeOutput>;

/** A statement of the debrief and the question numbers it is based on. */
const CitedClaim = z.object({
  claim: z.string().describe("One specific observation about the candidate's answers"),
  questions: z.array(z.number().int()).describe("The numbers of the questions (Q1 = 1) whose answers show this; at least one"),
});

export const SessionDebriefOutput = z.object({
  technical_accuracy: score,
  communication_clarity: score,
  problem_solving: score,
  relevance: score.describe("Relevance of the answers to the job's requirements"),
  technical_feedback: z.array(CitedClaim),
  communication_feedback: z.array(CitedClaim),
  problem_solving_feedback: z.array(CitedClaim),
  relevance_feedback: z.array(CitedClaim),
  overall_comments: z.string().describe("Two or three sentences: the verdict and the most useful next step"),
  knowledge_gaps: z.array(CitedClaim).describe("Concrete topics to study, each citing the questions that revealed it"),
  learning_recommendations: z.array(Recommendation),
});
export type SessionDebriefOutput = z.infer<typeof SessionDebriefOutput>;
