import type { PostingProgressView } from "#app/models/posting-progress.server.ts";
import type { DashboardStats } from "#app/models/progress.ts";
import { REVIEW_ERROR_STATUS, ReviewError } from "#app/models/review-error.server.ts";
import type { FeedbackView } from "#app/models/session-feedback.server.ts";
import { interviewApiError } from "./interview-json.server.ts";

/** JSON shapes of feedback, stats and progress (snake_case, ISO dates, scores as stored). */

export function feedbackJson(f: FeedbackView) {
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
    created_at: f.createdAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
  };
}

export function statsJson(stats: DashboardStats) {
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
    overall_trend: {
      first: stats.overallTrend.first,
      latest: stats.overallTrend.latest,
      total_change: stats.overallTrend.totalChange,
      trend: stats.overallTrend.trend,
    },
  };
}

export function progressJson(p: PostingProgressView) {
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
    overall: {
      first: p.overall.first,
      latest: p.overall.latest,
      total_change: p.overall.totalChange,
      trend: p.overall.trend,
    },
    dimensions: p.dimensions.map((d) => ({
      dimension: d.json,
      label: d.label,
      scores: d.values,
      first: d.first,
      latest: d.latest,
      total_change: d.totalChange,
      trend: d.trend,
    })),
  };
}

/** ReviewError or InterviewError → the API's error shape and status; anything else is rethrown. */
export function reviewApiError(error: unknown): Response {
  if (error instanceof ReviewError) {
    return Response.json(
      {
        error: { code: error.code, message: error.message },
        ...(error.operationId ? { operation_id: error.operationId } : {}),
      },
      { status: REVIEW_ERROR_STATUS[error.code] },
    );
  }
  return interviewApiError(error);
}
