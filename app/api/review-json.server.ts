import { z } from "zod";
import type { DueReview } from "#app/models/review.server.ts";
import { Id, Timestamp } from "./json.ts";

/** JSON shape of the spaced review (issue 19): GET /api/v1/reviews/due. */

export const DueReviewJson = z
  .object({
    id: Id.describe("The review item: start its review drill with POST /drills { review_item_id }."),
    topic: z.string().describe("What the fresh wording asks about: the requirement, the drill's topic or the missed knowledge gap."),
    requirement_id: Id.nullable().describe("The skill-map requirement the question probes, if any."),
    due_at: Timestamp,
    interval_days: z.number().int().describe("The interval that ran out: 1, 3, 7 or 14 days."),
    reviews: z.number().int().nonnegative().describe("Reviews answered so far."),
    missed: z.object({
      answer_id: Id,
      session_id: Id,
      question: z.string().describe("The question as it was asked then (the review asks it in a fresh wording)."),
      score: z.number().nullable(),
      answered_at: Timestamp,
    }),
  })
  .describe("A missed question whose spaced review is due.");

export const DueReviewsJson = z
  .object({ reviews: z.array(DueReviewJson).describe("Due now, the longest overdue first (at most 50).") })
  .describe("The questions due for review.");
export type DueReviewsJson = z.infer<typeof DueReviewsJson>;

export function dueReviewsJson(reviews: readonly DueReview[]): DueReviewsJson {
  return {
    reviews: reviews.map((r) => ({
      id: r.id,
      topic: r.topic,
      requirement_id: r.requirementId,
      due_at: r.dueAt.toISOString(),
      interval_days: r.intervalDays,
      reviews: r.reviews,
      missed: {
        answer_id: r.missed.answerId,
        session_id: r.missed.sessionId,
        question: r.missed.question,
        score: r.missed.score,
        answered_at: r.missed.answeredAt.toISOString(),
      },
    })),
  };
}
