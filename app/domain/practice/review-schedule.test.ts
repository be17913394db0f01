import { describe, expect, it } from "vitest";
import { dueForReview, isDue, isMissed, nextReview, REVIEW_INTERVALS_DAYS, secondTry, type ReviewAttempt } from "./review-schedule.ts";

const DAY = 24 * 60 * 60 * 1000;
const start = Date.UTC(2026, 2, 1, 9);
const at = (days: number) => new Date(start + days * DAY);
const attempt = (id: string, days: number, score: number): ReviewAttempt => ({ answerId: id, at: at(days), score });

describe("what counts as missed", () => {
  it("an answer below 60 is missed; one that was not missed opens no review", () => {
    expect(isMissed(59.75)).toBe(true);
    expect(isMissed(60)).toBe(false);
    expect(nextReview([attempt("a", 0, 60)])).toBeNull();
    expect(nextReview([])).toBeNull();
  });
});

describe("nextReview", () => {
  it("a missed answer is due one day later", () => {
    expect(nextReview([attempt("a", 0, 40)])).toEqual({
      status: "scheduled",
      step: 0,
      intervalDays: 1,
      dueAt: at(1),
      lastAnswerId: "a",
      reviews: 0,
    });
  });

  it("each passed review moves to the next interval — 1, 3, 7, 14 days — and a passed 14-day review graduates", () => {
    expect(REVIEW_INTERVALS_DAYS).toEqual([1, 3, 7, 14]);
    const history = [attempt("a", 0, 40), attempt("r1", 1, 70)];
    expect(nextReview(history)).toMatchObject({ step: 1, intervalDays: 3, dueAt: at(4), lastAnswerId: "r1" });
    history.push(attempt("r2", 4, 65));
    expect(nextReview(history)).toMatchObject({ step: 2, intervalDays: 7, dueAt: at(11) });
    history.push(attempt("r3", 11, 80));
    expect(nextReview(history)).toMatchObject({ step: 3, intervalDays: 14, dueAt: at(25) });
    history.push(attempt("r4", 25, 75));
    expect(nextReview(history)).toEqual({
      status: "graduated",
      step: null,
      intervalDays: null,
      dueAt: null,
      lastAnswerId: "r4",
      reviews: 4,
    });
  });

  it("a missed review starts again at one day, counted from that review", () => {
    const history = [attempt("a", 0, 40), attempt("r1", 1, 70), attempt("r2", 5, 30)];
    expect(nextReview(history)).toMatchObject({ status: "scheduled", step: 0, dueAt: at(6), lastAnswerId: "r2" });
  });

  it("a review answered early counts like one answered on time", () => {
    expect(nextReview([attempt("a", 0, 40), attempt("r1", 0.5, 90)])).toMatchObject({ step: 1, dueAt: at(3.5) });
  });

  it("replays the history in time order", () => {
    expect(nextReview([attempt("r1", 1, 70), attempt("a", 0, 40)])).toMatchObject({ step: 1, lastAnswerId: "r1" });
  });
});

describe("due for review", () => {
  it("lists the items due now, the longest overdue first, never graduated ones", () => {
    const items = [
      { id: "soon", review: nextReview([attempt("a", 0, 40)]) }, // due day 1
      { id: "older", review: nextReview([attempt("b", -3, 10)]) }, // due day -2
      { id: "later", review: nextReview([attempt("c", 0, 40), attempt("c1", 1, 90)]) }, // due day 4
      { id: "done", review: nextReview([attempt("d", 0, 40), ...[1, 4, 11, 25].map((d, i) => attempt(`d${i}`, d, 90))]) },
    ];
    expect(dueForReview(items, at(2)).map((i) => i.id)).toEqual(["older", "soon"]);
    expect(dueForReview(items, at(0)).map((i) => i.id)).toEqual(["older"]);
    expect(isDue(items[0]!.review!, at(1))).toBe(true);
  });
});

describe("secondTry", () => {
  it("compares the missed answer with its first review: better means at least 5 points up", () => {
    expect(secondTry([attempt("a", 0, 40)])).toBeNull();
    expect(secondTry([attempt("a", 0, 40), attempt("r1", 1, 45), attempt("r2", 4, 90)])).toEqual({
      firstAnswerId: "a",
      firstScore: 40,
      secondAnswerId: "r1",
      secondScore: 45,
      change: 5,
      better: true,
    });
    expect(secondTry([attempt("a", 0, 40), attempt("r1", 1, 44.75)])!.better).toBe(false);
  });
});
