import type { Route } from "./+types/sessions-id-feedback";
import { getSessionSummary } from "#app/models/interview.server.ts";
import { getSessionFeedback } from "#app/models/session-feedback.server.ts";
import { apiError, methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { feedbackJson } from "#app/api/progress-json.server.ts";

/** The session's feedback (Story 5.5); 404 when the session is not found or has no feedback yet. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const sessionId = apiId(params.id, "Session");
  const feedback = await getSessionFeedback(userId, sessionId);
  if (feedback) return Response.json(feedbackJson(feedback));
  orApiNotFound(await getSessionSummary(userId, sessionId), "Session");
  return apiError(404, "not_found", "This session has no feedback yet. Poll its operation, or POST generate-feedback to request it.");
}

export function action() {
  return methodNotAllowed(["GET"]);
}
