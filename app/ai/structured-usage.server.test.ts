import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { FakeOpenAI, promptText, type ChatRequest } from "#tests/fakes/openai-server.ts";
import { AiError, type AiSettings } from "./client.server.ts";
import { generateStructured } from "./structured.server.ts";
import { measureUsage, recordAiUsage, UsageMeter } from "./usage-meter.server.ts";
import { chatUsage } from "./usage.ts";

// The real openai SDK against the fake server: what the worker's AI calls report to the usage meter.

const fake = new FakeOpenAI();
let settings: AiSettings;

const Answer = z.object({ text: z.string() });
// Long enough (> 1,024 tokens at 4 characters a token) for the provider's prefix cache to apply.
const STABLE = `You are a careful assistant. ${"The posting and the résumé say the same things again and again. ".repeat(90)}`;
const messages = (correction?: string) => [
  { role: "system" as const, content: STABLE },
  { role: "user" as const, content: `Answer briefly.${correction ? ` Your previous reply could not be used: ${correction}` : ""}` },
];

const promptTokens = (request: { body: ChatRequest | null }) => Math.ceil(promptText(request.body!).length / 4);

beforeAll(async () => {
  // createAiClient reads the per-call timeout and retries from the environment; no database is touched.
  vi.stubEnv("DATABASE_URL", "postgres://unused@127.0.0.1:1/unused");
  vi.stubEnv("SESSION_SECRET", "x".repeat(40));
  vi.stubEnv("ENCRYPTION_KEY", Buffer.alloc(32, 1).toString("base64"));
  vi.stubEnv("AI_MAX_RETRIES", "0");
  const url = await fake.start();
  settings = { apiKey: "sk-test-usage", model: "gpt-4o-mini", baseUrl: url, userChosenBaseUrl: false };
});
afterAll(async () => {
  await fake.stop();
  vi.unstubAllEnvs();
});
beforeEach(() => fake.reset());

describe("usage of structured calls", () => {
  test("a plain call reports the answering model's input, cached and output tokens", async () => {
    fake.answeredModel = (requested) => `${requested}-2024-07-18`;
    fake.respond("answer", () => ({ text: "Forty-two." }));
    const { value, usage, calls } = await measureUsage(() => generateStructured({ settings, schema: Answer, name: "answer", messages }));
    expect(value).toEqual({ text: "Forty-two." });
    const [request] = fake.chatRequests("answer");
    expect(calls).toHaveLength(1);
    expect(usage).toEqual({
      model: "gpt-4o-mini-2024-07-18",
      inputTokens: promptTokens(request!),
      cachedInputTokens: 0,
      outputTokens: Math.ceil(JSON.stringify({ text: "Forty-two." }).length / 4),
      audioSeconds: 0,
      speechCharacters: 0,
      calls: 1,
    });
  });

  test("a corrected reply counts both attempts, and the repeated prefix of the second comes from the cache", async () => {
    fake.respond("answer", (_request, { count }) => ({ text: count === 1 ? "no" : "A full answer." }));
    const { usage, calls } = await measureUsage(() =>
      generateStructured({
        settings,
        schema: Answer,
        name: "answer",
        messages,
        accept: (o) => (o.text.length < 3 ? "the answer was too short" : null),
      }),
    );
    const [first, second] = fake.chatRequests("answer");
    expect(calls).toHaveLength(2);
    expect(calls[0]!.cachedInputTokens).toBe(0);
    // The second prompt repeats the first up to the user message: whole 128-token blocks of that come from the cache.
    expect(calls[1]!.cachedInputTokens).toBeGreaterThanOrEqual(1024);
    expect(calls[1]!.cachedInputTokens! % 128).toBe(0);
    expect(calls[1]!.cachedInputTokens!).toBeLessThan(calls[1]!.inputTokens!);
    expect(usage!.inputTokens).toBe(promptTokens(first!) + promptTokens(second!));
    expect(usage!.cachedInputTokens).toBe(calls[1]!.cachedInputTokens);
    expect(usage!.calls).toBe(2);
  });

  test.each([
    ["plain", false],
    ["streamed", true],
  ])("%s replies that fail the schema twice are still metered when the call fails", async (_kind, stream) => {
    fake.script("invalid", "invalid");
    const meter = new UsageMeter();
    const error = await meter
      .run(() => generateStructured({ settings, schema: Answer, name: "answer", messages, ...(stream ? { onPartial: () => {} } : {}) }))
      .catch((e: unknown) => e);
    const calls = meter.calls;
    expect(error).toBeInstanceOf(AiError);
    expect((error as AiError).code).toBe("invalid_output");
    expect(calls).toHaveLength(2);
    if (stream) {
      // The SDK validates the streamed JSON when the reply's last content chunk arrives and stops
      // reading there, before the usage chunk: the call is counted, its figures are unknown (not 0).
      expect(calls.map((c) => [c.model, c.inputTokens, c.outputTokens])).toEqual([
        ["gpt-4o-mini", null, null],
        ["gpt-4o-mini", null, null],
      ]);
    } else {
      expect(calls.every((c) => c.inputTokens! > 0 && c.outputTokens! > 0)).toBe(true);
    }
  });

  test("a streamed call asks for usage and reports it from the last chunk", async () => {
    fake.respond("answer", () => ({ text: "Streamed, word by word." }));
    const partials: unknown[] = [];
    const { usage } = await measureUsage(() =>
      generateStructured({ settings, schema: Answer, name: "answer", messages, onPartial: (p) => partials.push(p) }),
    );
    const [request] = fake.chatRequests("answer");
    expect(request!.body!.stream).toBe(true);
    expect(request!.body!.stream_options).toEqual({ include_usage: true });
    expect(partials.length).toBeGreaterThan(0);
    expect(usage).toMatchObject({
      model: "gpt-4o-mini",
      inputTokens: promptTokens(request!),
      cachedInputTokens: 0,
      outputTokens: Math.ceil(JSON.stringify({ text: "Streamed, word by word." }).length / 4),
      calls: 1,
    });
  });

  test.each([
    ["plain", false],
    ["streamed", true],
  ])("a %s call to a provider that sends no usage records unknown figures, not zeros", async (_kind, stream) => {
    fake.reportUsage = false;
    const { value, usage } = await measureUsage(() =>
      generateStructured({ settings, schema: Answer, name: "answer", messages, ...(stream ? { onPartial: () => {} } : {}) }),
    );
    expect(value.text).toBeTruthy();
    expect(usage).toEqual({
      model: "gpt-4o-mini",
      inputTokens: null,
      cachedInputTokens: null,
      outputTokens: null,
      audioSeconds: 0,
      speechCharacters: 0,
      calls: 1,
    });
  });

  test("a call the provider refused (no reply) records nothing", async () => {
    fake.script("401");
    const meter = new UsageMeter();
    await expect(meter.run(() => generateStructured({ settings, schema: Answer, name: "answer", messages }))).rejects.toThrow(AiError);
    expect(meter.total()).toBeNull();
  });
});

describe("the usage meter", () => {
  const call = chatUsage({ prompt_tokens: 100, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 0 } }, "m", "m");

  test("a meter inside another reports to both; calls outside any meter go nowhere", async () => {
    recordAiUsage(call); // no meter: ignored
    const outer = new UsageMeter();
    const inner = new UsageMeter();
    await outer.run(async () => {
      recordAiUsage(call);
      await inner.run(async () => recordAiUsage(call));
    });
    expect(inner.total()?.inputTokens).toBe(100);
    expect(outer.total()?.inputTokens).toBe(200);
  });

  test("concurrent operations keep their own totals", async () => {
    const a = new UsageMeter();
    const b = new UsageMeter();
    const tick = () => new Promise((r) => setTimeout(r, 1));
    await Promise.all([
      a.run(async () => {
        for (let i = 0; i < 3; i++) {
          recordAiUsage(call);
          await tick();
        }
      }),
      b.run(async () => {
        await tick();
        recordAiUsage(call);
      }),
    ]);
    expect(a.total()?.calls).toBe(3);
    expect(b.total()?.calls).toBe(1);
  });
});
