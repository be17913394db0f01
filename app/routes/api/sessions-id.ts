import type { Route } from "./+types/sessions-id";
import { getSessionSummary } from "#app/models/interview.server.ts";
import { getInterview } from "#app/models/interview-view.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { sessionDetailJson } from "#app/utils/interview-json.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";

/** The session with its posting and résumé snapshots and every message. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const userId = await requireApiUserId(request);
  const id = apiId(params.id, "Session");
  const [view, row] = await Promise.all([getInterview(userId, id), getSessionSummary(userId, id)]);
  return Response.json(sessionDetailJson(orApiNotFound(view, "Session"), orApiNotFound(row, "Session")));
}

export function action() {
  return methodNotAllowed(["GET"]);
}
