import type { Usage } from "#app/ai/usage.ts";
import { estimateCost, type PriceOverrides } from "./prices.ts";
import type { Micros } from "./money.ts";

/**
 * A summary of stored AI calls (one AiUsage row each): tokens, the cached
 * share and the estimated cost. Pure and client-safe: the pages show it, the
 * models and the export compute it.
 */

/** One stored call: the figures of the AI layer's Usage, one call each. */
export type UsageRow = Omit<Usage, "calls">;

/** What some AI calls consumed and their estimated cost. Token sums count the calls that reported them. */
export type UsageSummary = {
  calls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  audioSeconds: number;
  /** Estimated cost of the calls whose cost is known (an estimate: see app/costs/prices.ts). */
  costMicros: Micros;
  /** Calls whose cost is unknown (a model without a price, or no usage reported): not in costMicros. */
  unknownCostCalls: number;
  /** cachedInputTokens / inputTokens, null when no input tokens were reported. */
  cachedShare: number | null;
};

export function summarizeUsage(rows: UsageRow[], overrides: PriceOverrides): UsageSummary {
  const summary: UsageSummary = {
    calls: rows.length,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    audioSeconds: 0,
    costMicros: 0,
    unknownCostCalls: 0,
    cachedShare: null,
  };
  for (const row of rows) {
    summary.inputTokens += row.inputTokens ?? 0;
    summary.cachedInputTokens += row.cachedInputTokens ?? 0;
    summary.outputTokens += row.outputTokens ?? 0;
    summary.audioSeconds += row.audioSeconds ?? 0;
    const cost = estimateCost(row, row.model, overrides);
    if (cost.micros === null) summary.unknownCostCalls += 1;
    else summary.costMicros += cost.micros;
  }
  summary.cachedShare = summary.inputTokens > 0 ? summary.cachedInputTokens / summary.inputTokens : null;
  return summary;
}
