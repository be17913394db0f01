import { Link } from "react-router";
import type { BudgetStatus } from "#app/costs/budget.ts";
import { formatCost, formatUsd } from "#app/costs/money.ts";
import type { UsageSummary } from "#app/costs/usage-summary.ts";

export type MonthSpendView = { month: string; usage: UsageSummary; budget: BudgetStatus };

// Formatters built once: `toLocaleDateString` with options builds one per call, a measured share of the dashboard's render.
const monthYear = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });
const monthLabel = (month: string) => monthYear.format(new Date(`${month}-01T00:00:00Z`));

/**
 * The month's estimated AI spend, against the budget when there is one: a
 * meter, a notice from 80 %, and at 100 % what is paused and where to raise
 * the budget. Without a budget, the spend alone and a link to set one.
 */
export function MonthSpend({ view }: { view: MonthSpendView }) {
  const { usage, budget } = view;
  const percent = budget.share === null ? null : Math.floor(budget.share * 100);
  return (
    <section aria-labelledby="spend-heading" className="card space-y-3" data-testid="month-spend">
      <h2 id="spend-heading">AI spend in {monthLabel(view.month)}</h2>
      <p>
        <span className="text-2xl font-semibold text-slate-900">{formatCost(usage.costMicros, { precision: "cents" })}</span>{" "}
        <span className="text-slate-700">
          estimated
          {budget.budgetMicros !== null ? ` of your ${formatUsd(budget.budgetMicros)} monthly budget` : ""} · {usage.calls} AI{" "}
          {usage.calls === 1 ? "call" : "calls"}
        </span>
      </p>
      {budget.budgetMicros !== null && percent !== null ? (
        <meter
          className="h-3 w-full max-w-md"
          min={0}
          max={budget.budgetMicros}
          low={budget.budgetMicros * 0.8}
          high={budget.budgetMicros * 0.99}
          optimum={0}
          value={Math.min(budget.spentMicros, budget.budgetMicros)}
          aria-label={`${percent} % of the monthly AI budget used`}
        >
          {percent} %
        </meter>
      ) : null}
      {budget.state === "exhausted" ? (
        <div role="alert" className="alert-error space-y-1" data-testid="budget-exhausted">
          <p>
            You have reached your monthly AI budget. New interviews and other new AI work are paused until{" "}
            {dayMonth.format(budget.resetsAt)} (UTC); interviews in progress can still be finished.
          </p>
          <p>
            <Link to="/settings#budget">Raise your monthly budget in Settings</Link>
          </p>
        </div>
      ) : budget.state === "notice" ? (
        <p className="alert-info" data-testid="budget-notice">
          You have used {percent} % of your monthly AI budget. <Link to="/settings#budget">Review it in Settings</Link>.
        </p>
      ) : budget.state === "none" ? (
        <p className="text-sm text-slate-600">
          No monthly budget set. <Link to="/settings#budget">Set one in Settings</Link> to be warned at 80 % and stopped at 100 %.
        </p>
      ) : null}
      {usage.unknownCostCalls ? (
        <p className="text-sm text-slate-600">
          {usage.unknownCostCalls} {usage.unknownCostCalls === 1 ? "call" : "calls"} of unknown cost not included —{" "}
          <Link to="/settings#prices">price the model in Settings</Link>.
        </p>
      ) : null}
      <p className="text-xs text-slate-500">Estimates from published prices and your own; your provider’s bill is what counts.</p>
    </section>
  );
}
