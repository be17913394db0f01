import { describe, expect, test } from "vitest";
import { budgetStatus, effectiveBudget, mayStartAiWork, monthWindow } from "./budget.ts";

const now = new Date("2026-03-31T23:30:00-05:00"); // already 1 April in UTC

describe("the monthly window", () => {
  test("is the calendar month in UTC", () => {
    expect(monthWindow(now)).toEqual({ start: new Date("2026-04-01T00:00:00Z"), end: new Date("2026-05-01T00:00:00Z") });
    expect(monthWindow(new Date("2026-12-15T12:00:00Z")).end).toEqual(new Date("2027-01-01T00:00:00Z"));
  });
});

describe("budget status", () => {
  test.each([
    [0, "ok"],
    [3_999_999, "ok"],
    [4_000_000, "notice"],
    [4_999_999, "notice"],
    [5_000_000, "exhausted"],
    [7_000_000, "exhausted"],
  ])("%i µ$ of a $5 budget is %s", (spent, state) => {
    expect(budgetStatus({ spentMicros: spent, budgetMicros: 5_000_000, now }).state).toBe(state);
  });

  test("no budget, no limit; a budget of 0 allows nothing", () => {
    expect(budgetStatus({ spentMicros: 99_000_000, budgetMicros: null, now })).toMatchObject({ state: "none", share: null });
    expect(budgetStatus({ spentMicros: 0, budgetMicros: 0, now }).state).toBe("exhausted");
  });

  test("the user's budget, else the server's default", () => {
    expect(effectiveBudget(2_000_000, 10_000_000)).toBe(2_000_000);
    expect(effectiveBudget(null, 10_000_000)).toBe(10_000_000);
    expect(effectiveBudget(null, null)).toBeNull();
  });
});

describe("may AI work start?", () => {
  const exhausted = budgetStatus({ spentMicros: 5_200_000, budgetMicros: 5_000_000, now });
  const nearly = budgetStatus({ spentMicros: 4_250_000, budgetMicros: 5_000_000, now });

  test("under the budget, anything may start; near it, with a notice", () => {
    expect(mayStartAiWork({ forStartedInterview: false, status: budgetStatus({ spentMicros: 1, budgetMicros: 5_000_000, now }) })).toEqual({
      allowed: true,
      notice: null,
    });
    const decision = mayStartAiWork({ forStartedInterview: false, status: nearly });
    expect(decision).toEqual({
      allowed: true,
      notice: "You have used 85 % of your monthly AI budget ($4.25 of $5.00 estimated this month).",
    });
  });

  test("over the budget, work for an interview already under way still runs, with a notice", () => {
    const decision = mayStartAiWork({ forStartedInterview: true, status: exhausted });
    expect(decision.allowed).toBe(true);
    expect(decision.allowed && decision.notice).toMatch(/can still be finished/);
  });

  test("over the budget, new work (a new interview, a re-grade, work outside an interview) is refused with a way to raise it", () => {
    const decision = mayStartAiWork({ forStartedInterview: false, status: exhausted });
    expect(decision).toEqual({
      allowed: false,
      code: "budget_exhausted",
      message:
        "You have reached your monthly AI budget ($5.20 of $5.00 estimated this month). New interviews and other new AI work are paused until 1 May 2026 (UTC) — or raise your budget in Settings. Interviews in progress can still be finished.",
      link: { href: "/settings#budget", label: "Raise your monthly budget in Settings" },
    });
  });
});
