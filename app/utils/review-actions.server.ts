import { data, redirect } from "react-router";
import { INTERVIEW_ERROR_STATUS, InterviewError } from "#app/models/interview.server.ts";
import { retakeInterview } from "#app/models/retake.server.ts";
import { REVIEW_ERROR_STATUS, ReviewError } from "#app/models/review-error.server.ts";
import { pageNotFound } from "./not-found.server.ts";

/**
 * The page side of the after-interview actions: a refusal becomes a message
 * shown next to the form (with the API's status code), a missing or foreign
 * session a 404 page. Anything unexpected is rethrown.
 */
export function reviewActionError(error: unknown, intent: string) {
  if (error instanceof ReviewError) {
    if (error.code === "not_found") pageNotFound();
    return data({ intent, error: error.message }, { status: REVIEW_ERROR_STATUS[error.code] });
  }
  if (error instanceof InterviewError) {
    // startInterview: the posting vanished between the check and the start.
    if (error.code === "not_found") {
      return data({ intent, error: "The job posting of this interview was deleted, so it can't be retaken." }, { status: 409 });
    }
    return data({ intent, error: error.message }, { status: INTERVIEW_ERROR_STATUS[error.code] });
  }
  throw error;
}

/** Start the retake and go to it. */
export async function retakeAndRedirect(userId: string, sessionId: string, repeatQuestions: boolean) {
  try {
    const { session } = await retakeInterview(userId, sessionId, { repeatQuestions });
    return redirect(`/interviews/${session.id}`);
  } catch (error) {
    return reviewActionError(error, "retake");
  }
}
