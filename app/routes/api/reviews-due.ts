import type { Route } from "./+types/reviews-due";
import { dueReviewsJson } from "#app/api/review-json.server.ts";
import { listDueReviews } from "#app/models/review.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

/** GET /api/v1/reviews/due (issue 19): the missed questions whose spaced review is due now. */
export async function loader({ context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  return Response.json(dueReviewsJson(await listDueReviews(userId)), { headers: { "Cache-Control": "no-store" } });
}

export function action() {
  return methodNotAllowed(["GET"]);
}
