import type { Route } from "./+types/sessions-id-pause";
import { pauseInterview, getSessionSummary } from "#app/models/interview.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { interviewApiError, sessionJson, type SessionWithOperationJson } from "#app/utils/interview-json.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";

/** Pause an active session: everything is kept. */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  const sessionId = apiId(params.id, "Session");
  try {
    await pauseInterview(userId, sessionId);
    const summary = await getSessionSummary(userId, sessionId);
    const operationId = null;
    return Response.json({ ...sessionJson(summary!), operation_id: operationId ?? null } satisfies SessionWithOperationJson);
  } catch (error) {
    return interviewApiError(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
