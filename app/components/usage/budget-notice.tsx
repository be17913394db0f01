import { Link } from "react-router";
import { mayStartAiWork, type BudgetStatus } from "#app/costs/budget.ts";

/**
 * The budget notice where AI work is asked for (the interview page): from
 * 80 % of the monthly budget, how much is used; at 100 %, that this interview
 * can still be finished while new work waits. Nothing below 80 % or without a
 * budget.
 */
export function BudgetNotice({ budget, interviewFinished }: { budget: BudgetStatus; interviewFinished: boolean }) {
  if (budget.state !== "notice" && budget.state !== "exhausted") return null;
  const decision = mayStartAiWork({ forStartedInterview: !interviewFinished, status: budget });
  const text = decision.allowed ? decision.notice : decision.message;
  if (!text) return null;
  return (
    <p className={budget.state === "exhausted" ? "alert-error text-sm" : "alert-info text-sm"} data-testid="budget-notice">
      {text} <Link to="/settings#budget">Review your budget in Settings</Link>.
    </p>
  );
}
