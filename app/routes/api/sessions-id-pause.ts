import type { Route } from "./+types/sessions-id-pause";
import { pauseInterview } from "#app/models/interview.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { sessionJson, type SessionWithOperationJson } from "#app/api/interview-json.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** Pause an active session: everything is kept. */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  const sessionId = apiId(params.id, "Session");
  try {
    const session = await pauseInterview(userId, sessionId);
    return Response.json({ ...sessionJson(session), operation_id: null } satisfies SessionWithOperationJson);
  } catch (error) {
    return apiRefusal(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
