import { roundScore, TREND_THRESHOLD } from "#app/domain/progress.ts";
import { SKILL_RULES } from "./skill-state.ts";

/**
 * Spaced review of missed questions. Pure and client-safe.
 *
 * - Missed: an answer scoring below 60 (the mean of its four evaluation
 *   scores) — the skill map's "weak". A missed answer opens a review item.
 * - The item comes back 1 day after the miss, as a fresh wording of the
 *   question in a drill.
 * - Each review answered at 60 or more (not missed) moves it to the next
 *   interval: 3 days, then 7, then 14. A passed 14-day review graduates the
 *   item: it is not asked again. So a question graduates after four passing
 *   reviews in a row — one good retry right after a miss is not yet recall.
 * - A missed review starts the schedule again at 1 day.
 * - Intervals count from the review answer, not from the due date, and a
 *   review answered early counts like one answered on time (the schedule is a
 *   reminder, not a lock).
 * - "Second try better": the first review scored at least 5 points above the
 *   missed answer (the same 5 points the progress page calls a real change).
 */

export const REVIEW_INTERVALS_DAYS = [1, 3, 7, 14] as const;
export const MISSED_BELOW = SKILL_RULES.weakBelow;
const DAY_MS = 24 * 60 * 60 * 1000;

export const REVIEW_RULE = `An answer scoring below ${MISSED_BELOW} comes back for review after ${REVIEW_INTERVALS_DAYS.join(", ")} days: each passed review moves it to the next interval, a missed one starts again at ${REVIEW_INTERVALS_DAYS[0]} day, and a passed ${REVIEW_INTERVALS_DAYS.at(-1)}-day review retires it.`;

export function isMissed(score: number) {
  return score < MISSED_BELOW;
}

/** One scored answer in a review item's history: the missed answer first, then each review. */
export type ReviewAttempt = { answerId: string; at: Date; score: number };

export type ReviewState = {
  status: "scheduled" | "graduated";
  /** Index into REVIEW_INTERVALS_DAYS of the interval now running (0 = 1 day); null once graduated. */
  step: number | null;
  intervalDays: number | null;
  /** When the next review is due; null once graduated. */
  dueAt: Date | null;
  /** The answer that set this state. */
  lastAnswerId: string;
  reviews: number;
};

const byTime = (a: ReviewAttempt, b: ReviewAttempt) => a.at.getTime() - b.at.getTime() || a.answerId.localeCompare(b.answerId);

/** The review state after these attempts, or null when the first answer was not missed (nothing to review). */
export function nextReview(history: readonly ReviewAttempt[]): ReviewState | null {
  const ordered = [...history].sort(byTime);
  const first = ordered[0];
  if (!first || !isMissed(first.score)) return null;
  let step = 0;
  let graduated = false;
  let last = first;
  for (const review of ordered.slice(1)) {
    last = review;
    if (isMissed(review.score)) step = 0;
    else if (step + 1 < REVIEW_INTERVALS_DAYS.length) step++;
    else {
      // Graduated is final: later answers to the same question (asked elsewhere) do not reopen it.
      graduated = true;
      break;
    }
  }
  const intervalDays = graduated ? null : REVIEW_INTERVALS_DAYS[step]!;
  return {
    status: graduated ? "graduated" : "scheduled",
    step: graduated ? null : step,
    intervalDays,
    dueAt: intervalDays === null ? null : new Date(last.at.getTime() + intervalDays * DAY_MS),
    lastAnswerId: last.answerId,
    reviews: ordered.indexOf(last),
  };
}

export function isDue(state: Pick<ReviewState, "dueAt">, now: Date) {
  return state.dueAt !== null && state.dueAt.getTime() <= now.getTime();
}

/** The items due now, the longest overdue first ("Due for review" on the dashboard). */
export function dueForReview<T extends { review: Pick<ReviewState, "dueAt"> | null }>(items: readonly T[], now: Date): T[] {
  return items
    .filter((item) => item.review !== null && isDue(item.review, now))
    .sort((a, b) => a.review!.dueAt!.getTime() - b.review!.dueAt!.getTime());
}

export type SecondTry = {
  firstAnswerId: string;
  firstScore: number;
  secondAnswerId: string;
  secondScore: number;
  change: number;
  better: boolean;
};

/** The missed answer against the first review of it; null until the question has been tried again. */
export function secondTry(history: readonly ReviewAttempt[]): SecondTry | null {
  const [first, second] = [...history].sort(byTime);
  if (!first || !second) return null;
  const change = roundScore(second.score - first.score);
  return {
    firstAnswerId: first.answerId,
    firstScore: first.score,
    secondAnswerId: second.answerId,
    secondScore: second.score,
    change,
    better: change >= TREND_THRESHOLD,
  };
}
