import { z } from "zod";
import type { Route } from "./+types/sessions";
import { listSessions, startInterview, TARGET_QUESTIONS, getSessionSummary } from "#app/models/interview.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { interviewApiError, sessionJson } from "#app/utils/interview-json.server.ts";

const StartBody = z.object({
  job_posting_id: z.uuid(),
  target_questions: z.number().int().min(TARGET_QUESTIONS.min).max(TARGET_QUESTIONS.max).optional(),
  focus: z.enum(["balanced", "technical", "behavioral"]).optional(),
});
const StatusFilter = z.enum(["active", "paused", "completed"]).optional();

export async function loader({ request }: Route.LoaderArgs) {
  const userId = await requireApiUserId(request);
  const status = StatusFilter.safeParse(new URL(request.url).searchParams.get("status") ?? undefined);
  if (!status.success)
    return apiError(422, "validation_error", "status must be active, paused or completed.", {
      status: ["Use active, paused or completed"],
    });
  const sessions = await listSessions(userId, { status: status.data });
  return Response.json(sessions.map(sessionJson));
}

/** Start an interview; its first question is requested at once (poll operation_id). */
export async function action({ request }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const userId = await requireApiUserId(request);
  const body = await readJson(request, StartBody);
  try {
    const { session, operationId } = await startInterview(userId, {
      jobPostingId: body.job_posting_id,
      targetQuestions: body.target_questions,
      focus: body.focus,
    });
    const summary = await getSessionSummary(userId, session.id);
    return Response.json({ ...sessionJson(summary!), operation_id: operationId }, { status: 201 });
  } catch (error) {
    return interviewApiError(error);
  }
}
