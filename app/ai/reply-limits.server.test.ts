import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeOpenAI } from "#tests/fakes/openai-server.ts";
import { classifyAiError, createAiClient, type AiSettings } from "./client.server.ts";
import { AI_REPLY_MAX_BYTES } from "./reply-limits.server.ts";
import { synthesizeSpeech } from "./transcribe.server.ts";

// The real openai SDK, through createAiClient, against the fake provider on 127.0.0.1.
const fake = new FakeOpenAI();
let settings: AiSettings;

beforeAll(async () => {
  const url = await fake.start();
  settings = { apiKey: "sk-test-limits", model: "gpt-4o-mini", baseUrl: url, userChosenBaseUrl: false };
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return classifyAiError(error, settings);
  }
  throw new Error("expected the call to fail");
}
const listModels = (timeoutMs: number) => failure(createAiClient(settings, { timeoutMs, maxRetries: 0 }).models.list());

describe("what is read of an AI provider's reply", () => {
  // (An endless body, `bytes: Infinity`, ends the same way; a finite one keeps this test safe to run without the limit.)
  it("a body of exactly the size limit is read; one byte more is refused", async () => {
    fake.flood = { path: "/models", bytes: AI_REPLY_MAX_BYTES };
    expect((await createAiClient(settings, { timeoutMs: 5_000, maxRetries: 0 }).models.list()).data).toEqual([]);

    fake.flood = { path: "/models", bytes: AI_REPLY_MAX_BYTES + 1 };
    const error = await listModels(5_000);
    expect(error).toMatchObject({ code: "invalid_output" });
    expect(error.message).toContain(`larger than ${AI_REPLY_MAX_BYTES / 1024 / 1024} MB`);
  });

  // The SDK's timeout covers a JSON body; audio (and streams, and error bodies) it leaves to us.
  it("audio that keeps dripping in is cut off at its deadline, four times the call's timeout", async () => {
    fake.flood = { path: "/audio/speech", bytes: Infinity, pauseMs: 100 };
    const started = Date.now();
    const speech = synthesizeSpeech(
      settings,
      { text: "Why?", voice: "alloy", model: "gpt-4o-mini-tts" },
      { timeoutMs: 300, maxRetries: 0 },
    );
    const error = await failure(speech);
    expect(error).toMatchObject({ code: "ai_unavailable" });
    expect(error.message).toContain("kept sending its answer for too long");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a reply within the limits reads as usual", async () => {
    const page = await createAiClient(settings, { timeoutMs: 5_000, maxRetries: 0 }).models.list();
    expect(page.data.map((m) => m.id)).toContain("gpt-4o-mini");
  });
});
