import { describe, expect, test } from "vitest";
import { chatUsage, speechUsage, transcriptionUsage } from "#app/ai/usage.ts";
import { estimateCost, findPrice, modelNameCandidates, PRICE_TABLE, PriceOverrides, totalCost } from "./prices.ts";

const tokens = (input: number, cached: number | null, output: number) =>
  chatUsage(
    { prompt_tokens: input, completion_tokens: output, prompt_tokens_details: cached === null ? null : { cached_tokens: cached } },
    "m",
    "m",
  );

describe("model names", () => {
  test.each([
    ["gpt-4o-mini-2024-07-18", "gpt-4o-mini"],
    ["GPT-4o-mini", "gpt-4o-mini"],
    ["openai/gpt-4.1-mini", "gpt-4.1-mini"],
    ["gpt-3.5-turbo-0125", "gpt-3.5-turbo"],
    ["o4-mini-2025-04-16", "o4-mini"],
    ["gpt-5-2025-08-07", "gpt-5"],
  ])("%s is priced as %s", (model, base) => {
    expect(findPrice(model)?.pricedAs).toBe(base);
  });

  test("a dated snapshot with its own price keeps it", () => {
    expect(findPrice("gpt-4o-2024-05-13")).toMatchObject({ pricedAs: "gpt-4o-2024-05-13", price: { input: 5 } });
    expect(findPrice("gpt-4o-2024-08-06")).toMatchObject({ pricedAs: "gpt-4o", price: { input: 2.5 } });
  });

  test("a longer name is never priced as a shorter one", () => {
    expect(findPrice("gpt-4.1-mini")?.pricedAs).toBe("gpt-4.1-mini");
    expect(findPrice("gpt-4o-audio-preview")).toBeNull();
    expect(findPrice("gpt-4o-mini-search")).toBeNull();
    expect(modelNameCandidates("llama3.1:8b")).toEqual(["llama3.1:8b"]);
  });

  test("every price in the table is a valid price", () => {
    for (const [model, price] of Object.entries(PRICE_TABLE)) {
      expect(PriceOverrides.safeParse({ [model]: price }).success, model).toBe(true);
    }
  });
});

describe("estimated cost", () => {
  test("input, cached input and output tokens at the model's rates", () => {
    // gpt-4o-mini: $0.15 / $0.075 / $0.60 per 1M tokens.
    expect(estimateCost(tokens(10_000, 4_000, 1_000), "gpt-4o-mini-2024-07-18")).toEqual({
      micros: 6_000 * 0.15 + 4_000 * 0.075 + 1_000 * 0.6,
      source: "table",
      pricedAs: "gpt-4o-mini",
    });
  });

  test("cached tokens the provider did not report are charged at the input rate", () => {
    expect(estimateCost(tokens(10_000, null, 0), "gpt-4o-mini").micros).toBe(1_500);
  });

  test("a model without a cache price charges cached tokens at the input rate", () => {
    expect(estimateCost(tokens(1_000_000, 500_000, 0), "gpt-3.5-turbo").micros).toBe(500_000);
  });

  test("an unknown model has an unknown cost, not zero", () => {
    expect(estimateCost(tokens(1_000, 0, 100), "llama3.1:8b")).toEqual({ micros: null, reason: "unknown_model" });
    expect(estimateCost(tokens(1_000, 0, 100), null)).toEqual({ micros: null, reason: "unknown_model" });
  });

  test("unknown token counts give an unknown cost, not zero", () => {
    const unknown = chatUsage(null, "gpt-4o-mini", "gpt-4o-mini");
    expect(estimateCost(unknown, "gpt-4o-mini")).toEqual({ micros: null, reason: "unknown_usage" });
  });

  test("the user's own price wins, by base name too; a local model priced 0 costs 0", () => {
    const overrides = PriceOverrides.parse({ "gpt-4o-mini": { input: 1, output: 2 }, "llama3.1:8b": { input: 0, output: 0 } });
    expect(estimateCost(tokens(1_000, 0, 1_000), "gpt-4o-mini-2024-07-18", overrides)).toEqual({
      micros: 3_000,
      source: "yours",
      pricedAs: "gpt-4o-mini",
    });
    expect(estimateCost(tokens(50_000, 0, 9_000), "llama3.1:8b", overrides)).toMatchObject({ micros: 0, source: "yours" });
  });

  test("a free model costs 0 even when the local server reports no usage", () => {
    const overrides = PriceOverrides.parse({ "llama3.1:8b": { input: 0, output: 0 } });
    expect(estimateCost(chatUsage(null, "llama3.1:8b", "llama3.1:8b"), "llama3.1:8b", overrides)).toMatchObject({ micros: 0 });
  });

  test("transcription by the minute, speech by the character", () => {
    expect(estimateCost(transcriptionUsage({ usage: { type: "duration", seconds: 90 } }, "whisper-1"), "whisper-1").micros).toBe(9_000);
    expect(estimateCost(transcriptionUsage(null, "whisper-1"), "whisper-1")).toEqual({ micros: null, reason: "unknown_usage" });
    expect(estimateCost(transcriptionUsage(null, "whisper-1", 30), "whisper-1").micros).toBe(3_000);
    expect(estimateCost(speechUsage("tts-1", 2_000), "tts-1").micros).toBe(30_000);
  });

  test("a token-billed transcription model by its tokens when reported, else by the minute — never both", () => {
    // gpt-4o-mini-transcribe: $3 / 1M audio input tokens, $5 / 1M output tokens; OpenAI's estimate $0.003 a minute.
    const tokens = transcriptionUsage({ usage: { type: "tokens", input_tokens: 1_000, output_tokens: 200 } }, "gpt-4o-mini-transcribe", 60);
    expect(estimateCost(tokens, "gpt-4o-mini-transcribe").micros).toBe(1_000 * 3 + 200 * 5);
    expect(estimateCost(transcriptionUsage({}, "gpt-4o-mini-transcribe", 60), "gpt-4o-mini-transcribe").micros).toBe(3_000);
    expect(estimateCost(transcriptionUsage({}, "gpt-4o-mini-transcribe"), "gpt-4o-mini-transcribe").micros).toBeNull();
  });

  test("a month's total counts what it can and says how many calls it left out", () => {
    const rows = [
      { ...tokens(100_000, 0, 10_000), model: "gpt-4o-mini", calls: 12 },
      { ...tokens(5_000, 0, 500), model: "mystery-model", calls: 3 },
    ];
    expect(totalCost(rows)).toEqual({ micros: 15_000 + 6_000, unknownCalls: 3 });
  });

  test("overrides are checked like any input", () => {
    expect(PriceOverrides.safeParse({ "gpt-4o": { input: -1 } }).success).toBe(false);
    expect(PriceOverrides.safeParse({ "": { input: 1 } }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`m${i}`, { input: 1 }]));
    expect(PriceOverrides.safeParse(many).success).toBe(false);
  });
});
