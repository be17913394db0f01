import type { Route } from "./+types/stats";
import { getDashboardStats } from "#app/models/stats.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { statsJson } from "#app/api/progress-json.server.ts";

/** The dashboard's numbers (Stories 6.3–6.5): totals, average, most practised roles, the score trend with changes. */
export async function loader({ context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  return Response.json(statsJson(await getDashboardStats(userId)), { headers: { "Cache-Control": "no-store" } });
}

export function action() {
  return methodNotAllowed(["GET"]);
}
