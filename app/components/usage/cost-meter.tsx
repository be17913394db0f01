import { Link } from "react-router";
import { formatCost } from "#app/costs/money.ts";
import type { UsageSummary } from "#app/costs/usage-summary.ts";

const integer = new Intl.NumberFormat("en-US");
const number = (n: number) => integer.format(n);
const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * What an interview's AI calls cost so far (or in total, once it is finished):
 * an estimate from the price table and the user's own prices, always labelled
 * as one, with the tokens behind it and the share served from the provider's
 * prompt cache. Calls of unknown cost are named, with the way to price them.
 */
export function CostMeter({ usage, finished }: { usage: UsageSummary; finished: boolean }) {
  return (
    <section aria-labelledby="cost-heading" className="text-sm text-slate-700" data-testid="interview-cost">
      <h2 id="cost-heading" className="sr-only">
        AI cost
      </h2>
      <p>
        <span className="font-medium text-slate-800">{finished ? "Estimated AI cost" : "Estimated AI cost so far"}:</span>{" "}
        {formatCost(usage.costMicros)}
        {usage.calls ? (
          <>
            {" · "}
            {number(usage.calls)} AI {usage.calls === 1 ? "call" : "calls"}, {number(usage.inputTokens)} input tokens
            {usage.cachedShare !== null ? ` (${percent(usage.cachedShare)} from cache)` : ""}, {number(usage.outputTokens)} output tokens
          </>
        ) : null}
      </p>
      {usage.unknownCostCalls ? (
        <p>
          {usage.unknownCostCalls} {usage.unknownCostCalls === 1 ? "call has" : "calls have"} an unknown cost (not included) —{" "}
          <Link to="/settings#prices">set the model’s price in Settings</Link>.
        </p>
      ) : null}
    </section>
  );
}
