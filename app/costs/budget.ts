import { formatUsd, type Micros } from "./money.ts";

/**
 * Monthly AI budgets, as pure rules. A budget counts the estimated cost of
 * the AI calls of one calendar month in UTC (the same month for every user
 * and server, whatever their time zone: it starts at 00:00 UTC on the 1st).
 * At 80 % the pages show a notice; at 100 % new AI work is refused — but an
 * interview in progress can always be finished, so no answer is left without
 * its question, evaluation or debrief. The spend can therefore pass the
 * budget by what the interviews in progress still need. Calls of unknown
 * cost (a model with no price) are not counted: the meter lists them apart.
 */

/** The UTC calendar month holding `now`: [start, end). */
export function monthWindow(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}

/** The share of the budget at which the pages start to warn. */
export const BUDGET_NOTICE_SHARE = 0.8;

export type BudgetState = "none" | "ok" | "notice" | "exhausted";

export type BudgetStatus = {
  state: BudgetState;
  spentMicros: Micros;
  /** Null: no budget (the user set none and the server has no default). */
  budgetMicros: Micros | null;
  /** spent / budget (1 = all of it), null without a budget. */
  share: number | null;
  /** When the month's count starts again (the next month's start, UTC). */
  resetsAt: Date;
};

/** The budget that applies: the user's own, else the server-wide default (env), else none. */
export function effectiveBudget(userBudgetMicros: Micros | null, serverDefaultMicros: Micros | null): Micros | null {
  return userBudgetMicros ?? serverDefaultMicros;
}

export function budgetStatus(input: { spentMicros: Micros; budgetMicros: Micros | null; now?: Date }): BudgetStatus {
  const { spentMicros, budgetMicros } = input;
  const resetsAt = monthWindow(input.now ?? new Date()).end;
  if (budgetMicros === null) return { state: "none", spentMicros, budgetMicros, share: null, resetsAt };
  // A budget of 0 means "no AI spending": exhausted from the start.
  const share = budgetMicros === 0 ? 1 : spentMicros / budgetMicros;
  const state = share >= 1 ? "exhausted" : share >= BUDGET_NOTICE_SHARE ? "notice" : "ok";
  return { state, spentMicros, budgetMicros, share, resetsAt };
}

export const BUDGET_SETTINGS_LINK = { href: "/settings#budget", label: "Raise your monthly budget in Settings" } as const;

export type AiWorkDecision =
  | { allowed: true; notice: string | null }
  | { allowed: false; code: "budget_exhausted"; message: string; link: typeof BUDGET_SETTINGS_LINK };

const dayMonthYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const monthName = (date: Date) => dayMonthYear.format(date);

/**
 * May this AI work start now? `forStartedInterview`: the work takes an
 * interview already under way to its end — the interview has had AI work
 * before this (so it was started while the budget allowed) and has no debrief
 * yet, and the work is its remaining questions or the transcription of a
 * spoken answer (while it is still being answered), the evaluation of its
 * answers or its debrief. Such work always runs, so no answer is left without
 * its question, evaluation or debrief. Everything else is new work and is
 * refused at 100 %: a new interview, retake or drill (its first question),
 * the extras of an interview even under way (a strong answer, a question read
 * aloud, a second opinion, a STAR check), work on an interview that already
 * has its debrief, work belonging to no interview (requirement extraction) —
 * whatever its kind, including kinds added later. The kinds are chosen in
 * models/usage.server.ts (assertBudgetAllows).
 */
export function mayStartAiWork(input: { forStartedInterview: boolean; status: BudgetStatus }): AiWorkDecision {
  const { status } = input;
  const used =
    status.budgetMicros === null ? "" : `${formatUsd(status.spentMicros)} of ${formatUsd(status.budgetMicros)} estimated this month`;
  if (status.state !== "exhausted") {
    const percent = status.share === null ? 0 : Math.floor(status.share * 100);
    return { allowed: true, notice: status.state === "notice" ? `You have used ${percent} % of your monthly AI budget (${used}).` : null };
  }
  if (input.forStartedInterview) {
    return {
      allowed: true,
      notice: `You have reached your monthly AI budget (${used}). This interview can still be finished; new AI work waits until ${monthName(status.resetsAt)} or a higher budget.`,
    };
  }
  return {
    allowed: false,
    code: "budget_exhausted",
    message: `You have reached your monthly AI budget (${used}). New interviews and other new AI work are paused until ${monthName(status.resetsAt)} (UTC) — or raise your budget in Settings. Interviews in progress can still be finished.`,
    link: BUDGET_SETTINGS_LINK,
  };
}
