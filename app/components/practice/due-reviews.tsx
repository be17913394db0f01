import { Form, Link } from "react-router";
import { DateText } from "#app/components/date-text.tsx";
import { formatScore } from "#app/components/score.tsx";
import { REVIEW_RULE } from "#app/domain/practice/review-schedule.ts";

export type DueReviewRow = {
  id: string;
  topic: string;
  dueAt: Date;
  intervalDays: number;
  reviews: number;
  missed: { sessionId: string; questionNumber: number; score: number | null; answeredAt: Date; postingTitle: string };
};

/**
 * "Due for review" (issue 19): the questions the user missed whose spaced
 * review is due, longest overdue first. Each starts a review drill — the
 * missed question in a fresh wording — with a plain form, so it works
 * without JavaScript; an error (no key, too many starts) shows here.
 */
export function DueReviews({ reviews, error }: { reviews: readonly DueReviewRow[]; error?: string | null }) {
  return (
    <section aria-labelledby="due-reviews-heading" className="card space-y-3" data-testid="due-reviews">
      <h2 id="due-reviews-heading">Due for review</h2>
      <p className="text-sm text-slate-600">{REVIEW_RULE}</p>
      {error ? (
        <p className="alert-error" role="alert" data-testid="review-error">
          {error}
        </p>
      ) : null}
      {reviews.length === 0 ? (
        <p className="text-slate-700" data-testid="due-reviews-empty">
          Nothing to review today. Questions you miss (a score below 60) come back here a day later, in a fresh wording.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {reviews.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="due-review">
              <div className="min-w-0 space-y-1">
                <p className="font-medium">{r.topic}</p>
                <p className="text-sm text-slate-700">
                  Missed <DateText date={r.missed.answeredAt} />
                  {r.missed.score !== null ? ` (score ${formatScore(r.missed.score)})` : ""} in{" "}
                  <Link to={`/interviews/${r.missed.sessionId}/feedback#q${r.missed.questionNumber}-feedback`}>
                    {r.missed.postingTitle}
                  </Link>
                  {r.reviews > 0 ? ` · reviewed ${r.reviews === 1 ? "once" : `${r.reviews} times`}` : ""} · due after{" "}
                  {r.intervalDays === 1 ? "1 day" : `${r.intervalDays} days`}
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="reviewItemId" value={r.id} />
                <button type="submit" className="btn-secondary py-1.5 text-sm" aria-label={`Review now: ${r.topic}`}>
                  Review now
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
