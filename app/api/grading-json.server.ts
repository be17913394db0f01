import { z } from "zod";
import { BAND_NAMES, bandFor, type Scores } from "#app/ai/grading/rubric.ts";
import { ANSWER_CLASSES } from "#app/ai/grading/screening.ts";
import { Score, Timestamp } from "#app/api/json.ts";
import type { GradingView } from "#app/models/answer-grading.server.ts";
import type { EvaluationView } from "#app/models/interview-view.server.ts";

/**
 * The grading fields of an answer's evaluation in the JSON API (issue 17):
 * added next to the older fields, which keep their shape (strengths and
 * improvements stay string arrays, holding only what may be shown as fact).
 * Null for an evaluation made before grading against the rubric.
 */

export const TextRange = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .describe("A passage of the answer's `content`: UTF-16 code unit offsets (JavaScript string indices), end exclusive.");

export const BandName = z
  .enum(BAND_NAMES)
  .describe("The rubric band of a 0–100 score: Missing 0–34, Partial 35–62, Solid 63–82, Strong 83–100.");
export const AnswerClass = z
  .enum(ANSWER_CLASSES)
  .describe("What code found before grading: an ordinary answer, or a non-answer class whose scores are capped by code.");

export const Judgement = z
  .object({
    point: z.string(),
    quote: z
      .string()
      .describe("The words of the answer this judgement is about, as the grader quoted them; empty for something the answer leaves out."),
    verified: z.boolean().describe("True only when the quote was found in the answer. An unverified judgement must not be shown as fact."),
    ranges: z.array(TextRange).describe("Where the quote is in the answer (empty unless verified)."),
  })
  .describe("A strength or an improvement with its evidence.");

export const FactualErrorJson = z
  .object({
    correction: z.string().describe("What is actually true."),
    quote: z.string(),
    verified: z.boolean(),
    ranges: z.array(TextRange),
  })
  .describe("A statement of the answer the grader found wrong, with its quote.");

const Bands = z.object({ relevance: BandName, completeness: BandName, technical_correctness: BandName, clarity: BandName });
const ScoresJson = z.object({ relevance: Score, completeness: Score, technical_correctness: Score, clarity: Score });

export const GradingJson = z
  .object({
    rubric_version: z.string(),
    grader_model: z.string(),
    answer_class: AnswerClass,
    message: z.string().nullable().describe("What the candidate is told about a non-answer; null for an ordinary answer."),
    model_scores: ScoresJson.nullable().describe("The grader's own scores before the caps; null when the model was not asked."),
    complete_answer: z.array(z.string()).describe("What a complete answer to this question covers."),
    judgements: z.object({ strengths: z.array(Judgement), improvements: z.array(Judgement), factual_errors: z.array(FactualErrorJson) }),
    ignored_passages: z
      .array(TextRange)
      .describe("Passages addressed to the grader (e.g. “ignore previous instructions”), cut before grading."),
    sampling: z
      .record(z.string(), z.number())
      .describe("The sampling the provider accepted, e.g. { temperature: 0, seed: 17 }; {} when no model was asked."),
  })
  .describe("How an answer was graded, with the evidence for each judgement.");

export const SecondOpinionJson = z
  .object({
    scores: ScoresJson,
    bands: Bands,
    summary: z.string(),
    knowledge_gaps: z.array(z.string()),
    grading: GradingJson,
    graded_at: Timestamp,
  })
  .describe("A re-grade the user asked for. The evaluation's own scores stay the score of record.");

export const EvaluationGradingFields = {
  bands: Bands.describe("The rubric band of each score."),
  grading: GradingJson.nullable().describe("Null for an evaluation made before answers were graded against the rubric (legacy)."),
  second_opinion: SecondOpinionJson.nullable(),
};

const snakeScores = (s: Scores) => ({
  relevance: s.relevance,
  completeness: s.completeness,
  technical_correctness: s.technicalCorrectness,
  clarity: s.clarity,
});
const bandsOf = (s: Scores) => ({
  relevance: bandFor(s.relevance).name,
  completeness: bandFor(s.completeness).name,
  technical_correctness: bandFor(s.technicalCorrectness).name,
  clarity: bandFor(s.clarity).name,
});

function gradingJson(g: GradingView): z.infer<typeof GradingJson> {
  return {
    rubric_version: g.rubricVersion,
    grader_model: g.graderModel,
    answer_class: g.answerClass,
    message: g.message,
    model_scores: g.modelScores ? snakeScores(g.modelScores) : null,
    complete_answer: g.completeAnswer,
    judgements: {
      strengths: g.evidence.strengths,
      improvements: g.evidence.improvements,
      factual_errors: g.evidence.factualErrors.map((e) => ({
        correction: e.correction,
        quote: e.quote,
        verified: e.verified,
        ranges: e.ranges,
      })),
    },
    ignored_passages: g.ignoredPassages,
    sampling: g.sampling,
  };
}

export function evaluationGradingJson(e: EvaluationView) {
  const second = e.secondOpinion;
  return {
    bands: bandsOf(e),
    grading: e.grading ? gradingJson(e.grading) : null,
    second_opinion: second
      ? {
          scores: snakeScores(second.scores),
          bands: bandsOf(second.scores),
          summary: second.summary,
          knowledge_gaps: second.knowledgeGaps,
          grading: gradingJson(second.grading),
          graded_at: second.gradedAt.toISOString(),
        }
      : null,
  };
}
