import type { Route } from "./+types/users-me-usage";
import { monthUsageJson } from "#app/api/usage-json.server.ts";
import { getMonthUsage } from "#app/models/usage.server.ts";
import { apiError, methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

/** One month's AI usage and estimated spend against the budget (?month=YYYY-MM, default: this month, UTC). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const month = new URL(request.url).searchParams.get("month");
  if (month !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    return apiError(422, "validation_error", "Some fields are invalid.", { month: ["Use the form YYYY-MM, like 2026-05"] });
  }
  const now = month ? new Date(`${month}-01T00:00:00Z`) : new Date();
  return Response.json(monthUsageJson(await getMonthUsage(userId, now)), { headers: { "Cache-Control": "no-store" } });
}

export function action() {
  return methodNotAllowed(["GET"]);
}
