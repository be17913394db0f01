import type { FactualError, GradedAnswer } from "#app/ai/grading/grade-answer.server.ts";
import type { Judgement, TextRange } from "#app/ai/grading/quotes.ts";
import type { Scores } from "#app/ai/grading/rubric.ts";
import { ANSWER_CLASSES, type AnswerClass } from "#app/ai/grading/screening.ts";
import { clampScore } from "#app/domain/progress.ts";
import type { AnswerEvaluation } from "#app/generated/prisma/client.ts";
import { tidyList } from "#app/utils/clean-text.ts";
import type { Prisma } from "#app/utils/db.server.ts";

/**
 * How a graded answer (app/ai/grading/grade-answer.server.ts) is stored and
 * read back: the scores under the screening's caps, every judgement with its
 * quote and whether that quote was found in the answer, the rubric version,
 * the grader model and the sampling it ran with. The same shape holds a
 * second opinion. An evaluation written before grading existed (no rubric
 * version) reads back with `grading: null`: its lists were never checked.
 */

export type Evidence = { strengths: Judgement[]; improvements: Judgement[]; factualErrors: FactualError[] };

/** What the grading adds to an evaluation; null for a legacy evaluation. */
export type GradingView = {
  rubricVersion: string;
  graderModel: string;
  answerClass: AnswerClass;
  /** What the candidate is told about a screened answer ("This doesn't answer the question yet …"). */
  message: string | null;
  modelScores: Scores | null;
  completeAnswer: string[];
  evidence: Evidence;
  ignoredPassages: TextRange[];
  /** The sampling the provider accepted, e.g. { temperature: 0, seed: 17 }. */
  sampling: Record<string, number>;
};

/** A re-grade the user asked for, kept next to the score of record. */
export type SecondOpinionView = {
  scores: Scores;
  average: number;
  summary: string;
  knowledgeGaps: string[];
  grading: GradingView;
  gradedAt: Date;
};

/** Judgements that may be shown as facts about the answer: a verified quote, or an improvement about something missing. */
export const shownAsFact = (j: Judgement, kind: "strength" | "improvement") => j.verified || (kind === "improvement" && !j.quote);

export const averageOf = (s: Scores) => Math.round((s.relevance + s.completeness + s.technicalCorrectness + s.clarity) / 4);

const clampAll = (s: Scores): Scores => ({
  relevance: clampScore(s.relevance),
  completeness: clampScore(s.completeness),
  technicalCorrectness: clampScore(s.technicalCorrectness),
  clarity: clampScore(s.clarity),
});

function gradingOf(graded: GradedAnswer): GradingView {
  return {
    rubricVersion: graded.rubricVersion,
    graderModel: graded.graderModel,
    answerClass: graded.class,
    message: graded.message,
    modelScores: graded.modelScores,
    completeAnswer: tidyList(graded.completeAnswer, 8),
    evidence: { strengths: graded.strengths, improvements: graded.improvements, factualErrors: graded.factualErrors },
    ignoredPassages: graded.injection,
    sampling: graded.sampling,
  };
}

/**
 * The columns of a new evaluation. The legacy string lists keep only what may be shown as fact
 * (older readers — exports, the debrief prompt, API clients — never see an unverified praise).
 */
export function evaluationColumns(graded: GradedAnswer) {
  const scores = clampAll(graded.scores);
  return {
    relevanceScore: scores.relevance,
    completenessScore: scores.completeness,
    technicalCorrectness: scores.technicalCorrectness,
    clarityScore: scores.clarity,
    summary: graded.summary.trim(),
    strengths: tidyList(
      graded.strengths.filter((j) => shownAsFact(j, "strength")).map((j) => j.point),
      10,
    ),
    improvements: tidyList(
      graded.improvements.filter((j) => shownAsFact(j, "improvement")).map((j) => j.point),
      10,
    ),
    knowledgeGaps: tidyList(graded.knowledgeGaps, 10),
    recommendations: graded.recommendations.slice(0, 8),
    rubricVersion: graded.rubricVersion,
    graderModel: graded.graderModel,
    answerClass: graded.class,
    screeningMessage: graded.message,
    modelScores: graded.modelScores ?? undefined,
    completeAnswer: tidyList(graded.completeAnswer, 8),
    evidence: asJson(gradingOf(graded).evidence),
    ignoredPassages: asJson(graded.injection),
    sampling: graded.sampling,
  };
}

/** Plain data (judgements, ranges) as a JSON column value. */
const asJson = (value: object) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/** A second opinion as stored in its JSON column. */
export function secondOpinionColumn(graded: GradedAnswer, gradedAt: Date) {
  const scores = clampAll(graded.scores);
  return asJson({
    scores,
    summary: graded.summary.trim(),
    knowledgeGaps: tidyList(graded.knowledgeGaps, 10),
    grading: gradingOf(graded),
    gradedAt,
  });
}

const isClass = (value: unknown): value is AnswerClass => ANSWER_CLASSES.includes(value as AnswerClass);

/** The grading of a stored evaluation; null for a legacy one (graded before the rubric). */
export function readGrading(row: AnswerEvaluation): GradingView | null {
  if (!row.rubricVersion) return null;
  const evidence = (row.evidence ?? {}) as Partial<Evidence>;
  return {
    rubricVersion: row.rubricVersion,
    graderModel: row.graderModel ?? "unknown",
    answerClass: isClass(row.answerClass) ? row.answerClass : "answer",
    message: row.screeningMessage,
    modelScores: (row.modelScores as Scores | null) ?? null,
    completeAnswer: row.completeAnswer,
    evidence: {
      strengths: evidence.strengths ?? [],
      improvements: evidence.improvements ?? [],
      factualErrors: evidence.factualErrors ?? [],
    },
    ignoredPassages: (row.ignoredPassages as TextRange[] | null) ?? [],
    sampling: (row.sampling as Record<string, number> | null) ?? {},
  };
}

/** The second opinion kept on an evaluation, if the user asked for one. */
export function readSecondOpinion(row: AnswerEvaluation): SecondOpinionView | null {
  const stored = row.secondOpinion as {
    scores: Scores;
    summary: string;
    knowledgeGaps: string[];
    grading: GradingView;
    gradedAt: string;
  } | null;
  if (!stored) return null;
  return { ...stored, average: averageOf(stored.scores), gradedAt: new Date(stored.gradedAt) };
}
