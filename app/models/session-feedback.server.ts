import type { InterviewFeedback, Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/utils/db.server.ts";
import { InterviewError, interviewNotFound } from "./interview-error.server.ts";
import { lockSession, NOTHING_TO_SCORE_MESSAGE, retryOperation } from "./interview.server.ts";
import { getInterview } from "./interview-view.server.ts";
import { readClaims, recheckClaims } from "./debrief-claims.server.ts";
import { startOperation } from "./operation.server.ts";

/**
 * Whole-session feedback as the user reads it, and the two ways to ask for it
 * again: a new request when none exists (POST generate-feedback, or the page's
 * "Generate feedback"), and Retry of a failed attempt. The worker job
 * (worker/jobs/summarize-session.ts) writes the feedback; nothing here ever
 * makes up a score.
 */

export type LearningRecommendation = { topic: string; resource: string; why: string };

/** Stored JSON → recommendations, dropping anything malformed rather than failing the page. */
export function learningRecommendations(value: Prisma.JsonValue): LearningRecommendation[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return [];
    const { topic, resource, why } = item as Record<string, unknown>;
    if (typeof topic !== "string" || !topic.trim()) return [];
    return [
      {
        topic: topic.trim(),
        resource: typeof resource === "string" ? resource.trim() : "",
        why: typeof why === "string" ? why.trim() : "",
      },
    ];
  });
}

export type FeedbackView = ReturnType<typeof feedbackView>;

export function feedbackView(row: InterviewFeedback) {
  return {
    id: row.id,
    sessionId: row.sessionId,
    scores: {
      technicalAccuracy: row.technicalAccuracyScore,
      communicationClarity: row.communicationClarityScore,
      problemSolving: row.problemSolvingScore,
      relevance: row.relevanceScore,
    },
    overallScore: row.overallScore,
    text: {
      technicalAccuracy: row.technicalFeedback,
      communicationClarity: row.communicationFeedback,
      problemSolving: row.problemSolvingFeedback,
      relevance: row.relevanceFeedback,
    },
    overallComments: row.overallComments,
    knowledgeGaps: row.knowledgeGaps,
    learningRecommendations: learningRecommendations(row.learningRecommendations),
    /** Issue 17: each claim with the question numbers it cites; null for feedback written before claims. */
    claims: readClaims(row.claims),
    rubricVersion: row.rubricVersion,
    graderModel: row.graderModel,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The session's feedback, or null (no feedback yet, or not this user's session). */
export async function getSessionFeedback(userId: string, sessionId: string) {
  const row = await db.interviewFeedback.findFirst({ where: { sessionId, session: { userId } } });
  return row ? feedbackView(row) : null;
}

/** Everything the feedback page shows: the interview (Q&A, evaluations, the feedback operation) and its feedback. */
export async function getFeedbackReport(userId: string, sessionId: string) {
  const [interview, feedback] = await Promise.all([getInterview(userId, sessionId), getSessionFeedback(userId, sessionId)]);
  if (!interview) return null;
  const questionNumbers = interview.exchanges.map((x) => x.question.number);
  return { interview, feedback: feedback && { ...feedback, claims: recheckClaims(feedback.claims, questionNumbers) } };
}

/**
 * Ask the worker to write the feedback of a completed session that has none
 * and none in progress. Serialised on the session row, so two clicks (or two
 * API calls) start one operation.
 */
export async function requestSessionFeedback(userId: string, sessionId: string) {
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, userId, sessionId);
    if (session.status !== "completed") {
      throw new InterviewError("not_completed", "Feedback is written once the interview is finished. Finish the interview first.");
    }
    // Finished before any answer (abandoned): there is nothing to score.
    if (session.answeredCount === 0) throw new InterviewError("nothing_answered", NOTHING_TO_SCORE_MESSAGE);
    if (await tx.interviewFeedback.count({ where: { sessionId } })) {
      throw new InterviewError("feedback_exists", "This interview already has its feedback.");
    }
    const running = await tx.operation.findFirst({
      where: { sessionId, kind: "session_feedback", status: { in: ["pending", "processing"] } },
      select: { id: true },
    });
    if (running) {
      throw new InterviewError("feedback_in_progress", "The feedback for this interview is already being written.", {
        operationId: running.id,
      });
    }
    return startOperation(tx, { userId, sessionId, kind: "session_feedback" });
  });
}

/**
 * Retry of a failed step shown on the feedback page — the session's feedback
 * or one answer's evaluation: a new operation (the failed one stays as
 * history). Null when there is nothing to retry any more: the feedback
 * arrived meanwhile, or the operation is not failed (a resent form).
 */
export async function retryFeedback(userId: string, sessionId: string, operationId: string) {
  const operation = await db.operation.findFirst({
    where: { id: operationId, userId, sessionId, kind: { in: ["session_feedback", "answer_evaluation"] } },
    select: { id: true, kind: true },
  });
  if (!operation) throw interviewNotFound();
  if (operation.kind === "session_feedback" && (await db.interviewFeedback.count({ where: { sessionId } }))) return null;
  try {
    return await retryOperation(userId, operationId, { sessionId });
  } catch (error) {
    if (error instanceof InterviewError && error.code === "operation_not_failed") return null;
    throw error;
  }
}
