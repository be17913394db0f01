import type { Route } from "./+types/answers-id-star-check";
import { starCheckJson } from "#app/api/coaching-json.server.ts";
import { getStarCheck } from "#app/models/answer-coaching.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";

// GET /api/v1/answers/:id/star-check: the STAR checklist of a behavioural answer (written by itself once the answer is scored).
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const found = orApiNotFound(await getStarCheck(userId, apiId(params.id, "Answer")), "Answer");
  return Response.json(starCheckJson(found), { headers: { "Cache-Control": "no-store" } });
}

export function action() {
  return methodNotAllowed(["GET"]);
}
