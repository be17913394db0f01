import type { Route } from "./+types/operations-id";
import { getOperation } from "#app/models/operation.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { operationJson } from "#app/api/interview-json.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";

/** Status of one AI operation (poll every ~2 s until completed or failed). Others' ids are 404. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const operation = orApiNotFound(await getOperation(userId, apiId(params.id, "Operation")), "Operation");
  return Response.json(operationJson(operation), { headers: { "Cache-Control": "no-store" } });
}

export function action() {
  return methodNotAllowed(["GET"]);
}
