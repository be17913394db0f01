import { z } from "./zod.ts";

/** "Review now" on the dashboard's "Due for review" list: start a review drill of one item (issue 19). */
export const StartReviewSchema = z.object({
  intent: z.literal("review"),
  reviewItemId: z.uuid({ error: "That review is not valid. Reload the page." }),
});
