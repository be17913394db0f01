import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeOpenAI } from "#tests/fakes/openai-server.ts";
import { classifyAiError, createAiClient, type AiSettings } from "./client.server.ts";
import { runWithJobSignal } from "./job-signal.server.ts";

// The real openai SDK, through createAiClient, against the fake provider on 127.0.0.1, inside a job whose
// signal the test aborts (as pg-boss does at the job's time limit) while the provider still holds its reply.
const fake = new FakeOpenAI();
let settings: AiSettings;

beforeAll(async () => {
  const url = await fake.start();
  settings = { apiKey: "sk-test-job-signal", model: "gpt-4o-mini", baseUrl: url, userChosenBaseUrl: false };
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const body = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Ask me a question." }] };

async function untilRequests(count: number) {
  for (let i = 0; fake.chatRequests().length < count; i++) {
    if (i > 200) throw new Error(`the provider saw ${fake.chatRequests().length} requests, not ${count}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Run `call` in a job, abort the job once the provider has the request, and return how the call ended. */
async function abortedInFlight(call: () => Promise<unknown>) {
  fake.hold();
  const job = new AbortController();
  const running = runWithJobSignal(job.signal, async () => {
    try {
      await call();
      return null;
    } catch (error) {
      return classifyAiError(error, settings);
    }
  });
  await untilRequests(1);
  const started = Date.now();
  job.abort();
  const error = await running;
  return { error, ms: Date.now() - started };
}

const TIME_LIMIT = "Your AI provider took longer than this task may run";

describe("an AI call made for a job ends when the job's signal aborts", () => {
  // maxRetries 3: an abort the SDK took for a timeout would be retried (with backoff) instead of ending the call.
  const client = () => createAiClient(settings, { timeoutMs: 20_000, maxRetries: 3 });

  it("a plain call: the connection is closed, the call ends at once with the time-limit message, nothing is retried", async () => {
    const { error, ms } = await abortedInFlight(() => client().chat.completions.create(body));
    expect(error).toMatchObject({ code: "ai_unavailable" });
    expect(error?.message).toContain(TIME_LIMIT);
    expect(ms).toBeLessThan(400); // the SDK's first retry backoff alone is 500 ms or more
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.chatRequests()).toHaveLength(1);
    expect(fake.chatRequests()[0]!.abandoned).toBe(true);
  });

  it("a streamed call ends the same way", async () => {
    const { error, ms } = await abortedInFlight(() => client().chat.completions.stream(body).finalChatCompletion());
    expect(error).toMatchObject({ code: "ai_unavailable" });
    expect(error?.message).toContain(TIME_LIMIT);
    expect(ms).toBeLessThan(400);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.chatRequests()).toHaveLength(1);
    expect(fake.chatRequests()[0]!.abandoned).toBe(true);
  });

  it("outside a job, or in a job still running, calls go through as before", async () => {
    expect((await client().chat.completions.create(body)).choices).toHaveLength(1);
    const job = new AbortController();
    const reply = await runWithJobSignal(job.signal, () => client().chat.completions.create(body));
    expect(reply.choices).toHaveLength(1);
    expect(fake.chatRequests().map((r) => r.abandoned)).toEqual([undefined, undefined]);
  });
});
