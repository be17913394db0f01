import { z } from "zod";
import { Id, LearningRecommendation, OverallScore, Score, SessionStatus, Timestamp, Trend } from "#app/api/json.ts";
import type { PostingProgressView } from "#app/models/posting-progress.server.ts";
import type { DashboardStats, DimensionKey, SeriesSummary } from "#app/domain/progress.ts";
import { CLAIM_SECTIONS } from "#app/models/debrief-claims.server.ts";
import type { FeedbackView } from "#app/models/session-feedback.server.ts";

/**
 * JSON shapes of feedback, stats and progress (snake_case, ISO dates, scores
 * as stored): each serializer returns the `z.infer` of the schema beside it.
 */

const Change = z.number().nullable().describe("This score minus the previous scored one's; null when there is nothing to compare.");
const SeriesSummaryFields = {
  first: OverallScore.nullable(),
  latest: OverallScore.nullable(),
  total_change: z.number().nullable().describe("latest − first; null with fewer than two scores."),
  trend: Trend.nullable().describe(
    "improving / declining when the total change is at least the trend threshold; null with fewer than two scores.",
  ),
};

function seriesJson(s: SeriesSummary) {
  return { first: s.first, latest: s.latest, total_change: s.totalChange, trend: s.trend };
}

export const FeedbackJson = z
  .object({
    id: Id,
    session_id: Id,
    technical_accuracy_score: Score,
    communication_clarity_score: Score,
    problem_solving_score: Score,
    relevance_score: Score,
    overall_score: OverallScore.describe("The mean of the four scores."),
    technical_feedback: z.string(),
    communication_feedback: z.string(),
    problem_solving_feedback: z.string(),
    relevance_feedback: z.string(),
    overall_comments: z.string(),
    knowledge_gaps: z.array(z.string()),
    learning_recommendations: z.array(LearningRecommendation),
    claims: z
      .array(
        z.object({
          section: z.enum(CLAIM_SECTIONS),
          claim: z.string(),
          questions: z.array(z.number().int()).describe("The question numbers (question_number) this claim rests on."),
          verified: z.boolean().describe("False when the claim cited no question of this interview: not to be shown as a finding."),
        }),
      )
      .nullable()
      .describe(
        "Each feedback item and knowledge gap with the questions it cites, checked against the interview. The *_feedback strings hold only the verified ones. Null for feedback written before claims.",
      ),
    rubric_version: z.string().nullable(),
    grader_model: z.string().nullable().describe("The model that wrote this feedback; null for older feedback."),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .describe("The feedback on a whole interview.");
export type FeedbackJson = z.infer<typeof FeedbackJson>;

export function feedbackJson(f: FeedbackView): FeedbackJson {
  return {
    id: f.id,
    session_id: f.sessionId,
    technical_accuracy_score: f.scores.technicalAccuracy,
    communication_clarity_score: f.scores.communicationClarity,
    problem_solving_score: f.scores.problemSolving,
    relevance_score: f.scores.relevance,
    overall_score: f.overallScore,
    technical_feedback: f.text.technicalAccuracy,
    communication_feedback: f.text.communicationClarity,
    problem_solving_feedback: f.text.problemSolving,
    relevance_feedback: f.text.relevance,
    overall_comments: f.overallComments,
    knowledge_gaps: f.knowledgeGaps,
    learning_recommendations: f.learningRecommendations,
    claims: f.claims,
    rubric_version: f.rubricVersion,
    grader_model: f.graderModel,
    created_at: f.createdAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
  };
}

export const StatsJson = z
  .object({
    total_interviews: z.number().int().nonnegative(),
    completed_interviews: z.number().int().nonnegative(),
    scored_interviews: z.number().int().nonnegative(),
    average_overall_score: OverallScore.nullable(),
    total_questions_answered: z.number().int().nonnegative(),
    most_practised_roles: z.array(
      z.object({
        title: z.string(),
        company: z.string().nullable(),
        job_posting_id: Id.nullable(),
        interviews: z.number().int().nonnegative(),
        completed_interviews: z.number().int().nonnegative(),
        average_overall_score: OverallScore.nullable(),
        last_practised_at: Timestamp,
      }),
    ),
    score_trend: z
      .array(
        z.object({
          session_id: Id,
          date: Timestamp,
          job_posting: z.object({ title: z.string(), company: z.string().nullable() }),
          job_posting_id: Id.nullable(),
          retake_number: z.number().int(),
          overall_score: OverallScore.nullable(),
          change: Change,
        }),
      )
      .describe("Scored interviews, oldest first (at most the last 30)."),
    score_trend_truncated: z.boolean(),
    overall_trend: z.object(SeriesSummaryFields),
  })
  .describe("The dashboard's numbers, over interviews only: drills and review drills are practice on one topic and not counted.");
export type StatsJson = z.infer<typeof StatsJson>;

export function statsJson(stats: DashboardStats): StatsJson {
  return {
    total_interviews: stats.totalInterviews,
    completed_interviews: stats.completedInterviews,
    scored_interviews: stats.scoredInterviews,
    average_overall_score: stats.averageOverall,
    total_questions_answered: stats.totalAnswered,
    most_practised_roles: stats.roles.map((r) => ({
      title: r.title,
      company: r.company,
      job_posting_id: r.jobPostingId,
      interviews: r.interviews,
      completed_interviews: r.completed,
      average_overall_score: r.averageOverall,
      last_practised_at: r.lastPractisedAt.toISOString(),
    })),
    score_trend: stats.trend.map((t) => ({
      session_id: t.id,
      date: t.createdAt.toISOString(),
      job_posting: { title: t.title, company: t.company },
      job_posting_id: t.jobPostingId,
      retake_number: t.retakeNumber,
      overall_score: t.overall,
      change: t.change,
    })),
    score_trend_truncated: stats.trendTruncated,
    overall_trend: seriesJson(stats.overallTrend),
  };
}

const DimensionName = z.enum(["technical_accuracy", "communication_clarity", "problem_solving", "relevance"]);
const DIMENSION_NAME: Record<DimensionKey, z.infer<typeof DimensionName>> = {
  technicalAccuracy: "technical_accuracy",
  communicationClarity: "communication_clarity",
  problemSolving: "problem_solving",
  relevance: "relevance",
};

export const ProgressJson = z
  .object({
    job_posting: z.object({ id: Id, title: z.string(), company: z.string().nullable() }),
    trend_threshold: z.number().describe("Points of change that count as improving or declining."),
    attempts: z.array(
      z.object({
        session_id: Id,
        retake_number: z.number().int(),
        status: SessionStatus,
        answered_count: z.number().int().nonnegative(),
        created_at: Timestamp,
        completed_at: Timestamp.nullable(),
        overall_score: OverallScore.nullable(),
        change: Change,
        compared_to_session_id: Id.nullable(),
        scores: z.object({ technical_accuracy: Score, communication_clarity: Score, problem_solving: Score, relevance: Score }).nullable(),
      }),
    ),
    overall: z.object(SeriesSummaryFields),
    dimensions: z.array(
      z.object({
        dimension: DimensionName,
        label: z.string(),
        scores: z.array(Score),
        ...SeriesSummaryFields,
      }),
    ),
  })
  .describe("Every attempt at one posting with its changes, and each dimension's trend.");
export type ProgressJson = z.infer<typeof ProgressJson>;

export function progressJson(p: PostingProgressView): ProgressJson {
  return {
    job_posting: { id: p.posting.id, title: p.posting.title, company: p.posting.company },
    trend_threshold: p.threshold,
    attempts: p.attempts.map((a) => ({
      session_id: a.id,
      retake_number: a.retakeNumber,
      status: a.status,
      answered_count: a.answeredCount,
      created_at: a.createdAt.toISOString(),
      completed_at: a.completedAt?.toISOString() ?? null,
      overall_score: a.overall,
      change: a.change,
      compared_to_session_id: a.previousIndex === null ? null : p.attempts[a.previousIndex]!.id,
      scores: a.scores
        ? {
            technical_accuracy: a.scores.technicalAccuracy,
            communication_clarity: a.scores.communicationClarity,
            problem_solving: a.scores.problemSolving,
            relevance: a.scores.relevance,
          }
        : null,
    })),
    overall: seriesJson(p.overall),
    dimensions: p.dimensions.map((d) => ({ dimension: DIMENSION_NAME[d.key], label: d.label, scores: d.values, ...seriesJson(d) })),
  };
}
