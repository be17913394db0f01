import { Refusal } from "#app/utils/refusal.server.ts";

/**
 * Why an interview action was refused: the lifecycle (start, answer, pause,
 * resume, finish, retry) and the after-interview actions (feedback, retake).
 * Every function is scoped by the user, so another user's session is `not_found`.
 */
export type InterviewErrorCode =
  | "not_found"
  | "missing_prerequisites"
  | "not_active"
  | "not_paused"
  | "not_completed"
  | "question_pending"
  | "question_unanswered"
  | "no_open_question"
  | "all_questions_asked"
  | "operation_not_failed"
  | "too_many_interviews"
  | "nothing_answered"
  | "feedback_exists"
  | "feedback_in_progress"
  | "posting_deleted"
  // issue 19: "Weakest skills first" needs the posting's requirements.
  | "no_skill_map";

/** The HTTP status of each refusal: the one table behind the interview pages and the JSON API alike. */
export const INTERVIEW_ERROR_STATUS: Record<InterviewErrorCode, number> = {
  not_found: 404,
  missing_prerequisites: 400,
  not_active: 400,
  not_paused: 400,
  not_completed: 400,
  question_pending: 409,
  question_unanswered: 409,
  no_open_question: 400,
  all_questions_asked: 400,
  operation_not_failed: 409,
  too_many_interviews: 429,
  nothing_answered: 400,
  feedback_exists: 409,
  feedback_in_progress: 409,
  posting_deleted: 409,
  no_skill_map: 400,
};

export class InterviewError extends Refusal<InterviewErrorCode> {
  override name = "InterviewError";
  constructor(code: InterviewErrorCode, message: string, details?: ConstructorParameters<typeof Refusal>[3]) {
    super(code, message, INTERVIEW_ERROR_STATUS[code], details);
  }
}

export const interviewNotFound = () => new InterviewError("not_found", "Interview not found.");

export const POSTING_DELETED_MESSAGE =
  "The job posting of this interview was deleted, so it can't be retaken. Add the posting again to practise for it.";
