import type { Route } from "./+types/sessions-id-messages";
import { getInterview } from "#app/models/interview-view.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { messagesJson } from "#app/api/interview-json.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";

/** Questions and answers in chronological order, answers with their evaluation once ready. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const view = orApiNotFound(await getInterview(userId, apiId(params.id, "Session")), "Session");
  return Response.json(messagesJson(view));
}

export function action() {
  return methodNotAllowed(["GET"]);
}
