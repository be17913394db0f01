import type { Route } from "./+types/sessions-id";
import { deleteInterview, getSessionSummary } from "#app/models/interview.server.ts";
import { getInterview } from "#app/models/interview-view.server.ts";
import { methodNotAllowed, noContent } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { sessionDetailJson } from "#app/api/interview-json.server.ts";
import { apiId, apiNotFound, orApiNotFound } from "#app/utils/not-found.server.ts";
import { usageJson } from "#app/api/usage-json.server.ts";
import { getInterviewUsage } from "#app/models/usage.server.ts";

/** The session with its posting and résumé snapshots, every message and its last AI failure. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const id = apiId(params.id, "Session");
  const [view, row, usage] = await Promise.all([getInterview(userId, id), getSessionSummary(userId, id), getInterviewUsage(userId, id)]);
  const detail = sessionDetailJson(orApiNotFound(view, "Session"), orApiNotFound(row, "Session"));
  // The AI cost of this interview so far (issue 20): an estimate.
  return Response.json({ ...detail, usage: usageJson(orApiNotFound(usage, "Session")) });
}

/** DELETE: the session in any state, with everything it holds; 204, or 404 for a missing or foreign id. */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
  const userId = await requireApiUserId(context);
  return (await deleteInterview(userId, apiId(params.id, "Session"))) ? noContent() : apiNotFound("Session");
}
