import { db } from "#app/utils/db.server.ts";
import { startInterview } from "./interview.server.ts";
import { InterviewError, interviewNotFound, POSTING_DELETED_MESSAGE } from "./interview-error.server.ts";

/**
 * Retake a completed interview (Epic 7): a new session for the same posting,
 * with the same length and focus. startInterview numbers it (highest attempt
 * in the chain + 1), points it at the chain's first session (so a retake of a
 * retake still points at the original) and, unless `repeatQuestions`, keeps
 * the interviewer away from questions of the earlier attempts.
 */
export async function retakeInterview(userId: string, sessionId: string, options: { repeatQuestions?: boolean } = {}) {
  const previous = await db.interviewSession.findFirst({
    where: { id: sessionId, userId },
    select: { status: true, jobPostingId: true, targetQuestions: true, focus: true },
  });
  if (!previous) throw interviewNotFound();
  if (previous.status !== "completed") throw new InterviewError("not_completed", "Finish this interview before retaking it.");
  if (!previous.jobPostingId) throw new InterviewError("posting_deleted", POSTING_DELETED_MESSAGE);
  return startInterview(userId, {
    jobPostingId: previous.jobPostingId,
    targetQuestions: previous.targetQuestions,
    focus: previous.focus,
    retakeOf: sessionId,
    repeatQuestions: options.repeatQuestions ?? false,
  });
}
