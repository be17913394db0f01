import type { Route } from "./+types/job-postings-id-progress";
import { getPostingProgress } from "#app/models/posting-progress.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { progressJson } from "#app/api/progress-json.server.ts";

/** Attempts at one posting with their changes, and each dimension's total change and trend (Stories 7.4, 7.5). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const progress = orApiNotFound(await getPostingProgress(userId, apiId(params.id, "Job posting")), "Job posting");
  return Response.json(progressJson(progress), { headers: { "Cache-Control": "no-store" } });
}

export function action() {
  return methodNotAllowed(["GET"]);
}
