/**
 * Refusals of the after-interview actions (feedback generation, retakes) that
 * the interview lifecycle's own InterviewError does not name. Routes turn them
 * into a message on the page or the API's error shape with this status.
 */
export type ReviewErrorCode =
  "not_found" | "not_completed" | "nothing_answered" | "feedback_exists" | "feedback_in_progress" | "posting_deleted";

export const REVIEW_ERROR_STATUS: Record<ReviewErrorCode, number> = {
  not_found: 404,
  not_completed: 400,
  nothing_answered: 400,
  feedback_exists: 409,
  feedback_in_progress: 409,
  posting_deleted: 409,
};

export class ReviewError extends Error {
  override name = "ReviewError";
  readonly code: ReviewErrorCode;
  /** The operation already writing the feedback (feedback_in_progress), so a client can poll it. */
  readonly operationId?: string;
  constructor(code: ReviewErrorCode, message: string, operationId?: string) {
    super(message);
    this.code = code;
    this.operationId = operationId;
  }
}
