import { z } from "#app/forms/zod.ts";
import type { Usage } from "#app/ai/usage.ts";
import { usdToMicros, type Micros } from "./money.ts";

/**
 * What AI calls cost, estimated from the price table below and the user's own
 * prices (Settings). Every figure shown to a person is labelled an estimate:
 * the table is copied by hand from the providers' public price lists, prices
 * change, and some providers bill differently (batch, regional, negotiated).
 * A model the table does not know has an unknown cost — never 0 — until the
 * user enters its price; a local model is priced 0 by its owner.
 * Client-safe and pure.
 */

/** When the figures below were last checked against OpenAI's price list. */
export const PRICES_AS_OF = "2025-08-07";

/** Prices in US dollars. A field left out means the model is not billed by that unit. */
const rate = (max: number) => z.optional(z.number().check(z.gte(0), z.lte(max)));
export const ModelPrice = z.object({
  /** Per 1M input (prompt) tokens. */
  input: rate(10_000),
  /** Per 1M input tokens served from the provider's prompt cache; left out = no discount (the input rate). */
  cachedInput: rate(10_000),
  /** Per 1M output (completion) tokens. */
  output: rate(10_000),
  /** Per minute of audio (transcription, or speech where billed by length). */
  audioMinute: rate(1_000),
  /** Per 1M characters of text turned into speech. */
  speechCharacters: rate(10_000),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/** A user's own prices, by model name (as typed in Settings; matched like the table, snapshots included). */
export const PriceOverrides = z
  .record(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), ModelPrice)
  .check(z.refine((o) => Object.keys(o).length <= 50, { message: "Enter prices for at most 50 models" }));
export type PriceOverrides = z.infer<typeof PriceOverrides>;

/**
 * OpenAI's standard (not batch, not flex) prices, USD. Token prices per 1M
 * tokens: input / cached input / output. whisper-1 is billed by the minute.
 * gpt-4o(-mini)-transcribe are billed by token: their input is the audio
 * (we send no text prompt), at the audio-token rate; their per-minute figure
 * is OpenAI's own estimate, used only when a reply reported no tokens (see
 * estimateCost). gpt-4o-mini-tts is priced by OpenAI's per-minute estimate.
 */
export const PRICE_TABLE: Record<string, ModelPrice> = {
  "gpt-5": { input: 1.25, cachedInput: 0.125, output: 10 },
  "gpt-5-mini": { input: 0.25, cachedInput: 0.025, output: 2 },
  "gpt-5-nano": { input: 0.05, cachedInput: 0.005, output: 0.4 },
  "gpt-4.1": { input: 2, cachedInput: 0.5, output: 8 },
  "gpt-4.1-mini": { input: 0.4, cachedInput: 0.1, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, cachedInput: 0.025, output: 0.4 },
  "gpt-4o": { input: 2.5, cachedInput: 1.25, output: 10 },
  // The first gpt-4o snapshot kept its launch price and has no cache discount.
  "gpt-4o-2024-05-13": { input: 5, output: 15 },
  "gpt-4o-mini": { input: 0.15, cachedInput: 0.075, output: 0.6 },
  o1: { input: 15, cachedInput: 7.5, output: 60 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  "o3-mini": { input: 1.1, cachedInput: 0.55, output: 4.4 },
  "o4-mini": { input: 1.1, cachedInput: 0.275, output: 4.4 },
  "gpt-4-turbo": { input: 10, output: 30 },
  "gpt-3.5-turbo": { input: 0.5, output: 1.5 },
  "whisper-1": { audioMinute: 0.006 },
  "gpt-4o-transcribe": { input: 6, output: 10, audioMinute: 0.006 },
  "gpt-4o-mini-transcribe": { input: 3, output: 5, audioMinute: 0.003 },
  "tts-1": { speechCharacters: 15 },
  "tts-1-hd": { speechCharacters: 30 },
  "gpt-4o-mini-tts": { audioMinute: 0.015 },
};

/**
 * The names a model may be priced under, most specific first: as given
 * (lower-cased), without an "openai/" router prefix, and without a dated
 * snapshot suffix ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini", "gpt-3.5-turbo-0125"
 * → "gpt-3.5-turbo"). Never a shorter prefix: "gpt-4.1-mini" is not "gpt-4.1".
 */
export function modelNameCandidates(model: string): string[] {
  const name = model.trim().toLowerCase();
  const unrouted = name.replace(/^openai\//, "");
  const base = unrouted.replace(/-\d{4}-\d{2}-\d{2}$/, "").replace(/-(0[1-9]|1[0-2])\d{2}$/, "");
  return [...new Set([name, unrouted, base])];
}

export type PriceMatch = { price: ModelPrice; source: "yours" | "table"; pricedAs: string };

/** The price of a model: the user's own first, then the table; null when neither knows it. */
export function findPrice(model: string | null, overrides: PriceOverrides = {}): PriceMatch | null {
  if (!model) return null;
  const candidates = modelNameCandidates(model);
  const own = new Map(Object.entries(overrides).flatMap(([name, price]) => modelNameCandidates(name).map((n) => [n, { name, price }])));
  for (const candidate of candidates) {
    const hit = own.get(candidate);
    if (hit) return { price: hit.price, source: "yours", pricedAs: hit.name };
  }
  for (const candidate of candidates) {
    const price = PRICE_TABLE[candidate];
    if (price) return { price, source: "table", pricedAs: candidate };
  }
  return null;
}

export type CostEstimate =
  { micros: Micros; source: "yours" | "table"; pricedAs: string } | { micros: null; reason: "unknown_model" | "unknown_usage" };

type Figures = Pick<Usage, "inputTokens" | "cachedInputTokens" | "outputTokens" | "audioSeconds" | "speechCharacters">;

/**
 * The estimated cost of some usage of one model, in micro-dollars. Each unit
 * the model is priced by must be known: a token-priced model with unknown
 * token counts is "unknown_usage", not 0. Cached tokens the provider did not
 * report count as uncached (it gave no discount we know of). A model priced
 * both by token and by the minute (a transcription model billed by token, with
 * the provider's per-minute estimate) is charged by its tokens when they were
 * reported, else by its minutes — never both.
 */
export function estimateCost(usage: Figures, model: string | null, overrides: PriceOverrides = {}): CostEstimate {
  const match = findPrice(model, overrides);
  if (!match) return { micros: null, reason: "unknown_model" };
  const { price } = match;
  // A free model (a local one, priced 0 by its owner) costs nothing, even when it reports no usage.
  if (Object.values(price).every((rate) => rate === 0)) return { micros: 0, source: match.source, pricedAs: match.pricedAs };
  // Prices per 1M units in dollars are micro-dollars per unit: units × price is already µ$.
  let micros = 0;
  const byToken = price.input !== undefined || price.output !== undefined;
  const tokensReported = usage.inputTokens !== null && usage.outputTokens !== null;
  // Priced both ways: by its tokens when reported, else by its minutes.
  const minuteRate = byToken && tokensReported ? undefined : price.audioMinute;
  if (byToken && (tokensReported || minuteRate === undefined)) {
    if (usage.inputTokens === null || usage.outputTokens === null) return { micros: null, reason: "unknown_usage" };
    const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
    micros += (usage.inputTokens - cached) * (price.input ?? 0);
    micros += cached * (price.cachedInput ?? price.input ?? 0);
    micros += usage.outputTokens * (price.output ?? 0);
  }
  if (minuteRate !== undefined) {
    if (usage.audioSeconds === null) return { micros: null, reason: "unknown_usage" };
    micros += (usage.audioSeconds / 60) * usdToMicros(minuteRate);
  }
  if (price.speechCharacters !== undefined) {
    if (usage.speechCharacters === null) return { micros: null, reason: "unknown_usage" };
    micros += usage.speechCharacters * price.speechCharacters;
  }
  return { micros: Math.round(micros), source: match.source, pricedAs: match.pricedAs };
}

/** Usage summed per model (what a GROUP BY model over operations returns). */
export type ModelUsage = Figures & { model: string | null };

/**
 * The cost of several models' usage together (a month, an interview). Parts
 * of unknown cost are counted, not guessed: the total is then a lower bound
 * and the page says how many calls it leaves out.
 */
export function totalCost(rows: Array<ModelUsage & { calls: number }>, overrides: PriceOverrides = {}) {
  let micros = 0;
  let unknownCalls = 0;
  for (const row of rows) {
    const estimate = estimateCost(row, row.model, overrides);
    if (estimate.micros === null) unknownCalls += row.calls;
    else micros += estimate.micros;
  }
  return { micros, unknownCalls };
}
