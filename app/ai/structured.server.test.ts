import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { FakeOpenAI } from "#tests/fakes/openai-server.ts";
import type { AiSettings } from "./client.server.ts";
import { generateStructured } from "./structured.server.ts";

// The options added for the grader (sampling, client settings, onReply) and what stays as it was.
const fake = new FakeOpenAI();
const client = { timeoutMs: 5_000, maxRetries: 0 };
let settings: AiSettings;
beforeAll(async () => {
  settings = { apiKey: "sk-test", model: "m", baseUrl: await fake.start(), userChosenBaseUrl: false };
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const Schema = z.object({ word: z.string() });
const call = (apiKey: string, extra: Partial<Parameters<typeof generateStructured<typeof Schema>>[0]> = {}) =>
  generateStructured({
    settings: { ...settings, apiKey },
    schema: Schema,
    name: "word",
    client,
    messages: () => [{ role: "user", content: "a word" }],
    ...extra,
  });

describe("generateStructured", () => {
  it("sends no sampling settings unless asked (the interviewer's calls are unchanged)", async () => {
    await call("sk-test");
    const body = fake.chatRequests("word")[0]!.body!;
    expect(body.temperature).toBeUndefined();
    expect(body.seed).toBeUndefined();
  });

  it("sends temperature and seed when asked, and reports each reply's usage and sampling", async () => {
    const replies: unknown[] = [];
    await call("sk-test", { sampling: { temperature: 0, seed: 3 }, onReply: (r) => replies.push(r) });
    expect(fake.chatRequests("word")[0]!.body).toMatchObject({ temperature: 0, seed: 3 });
    expect(replies).toEqual([
      { usage: { promptTokens: expect.any(Number), completionTokens: expect.any(Number) }, sampling: { temperature: 0, seed: 3 } },
    ]);
  });

  it("drops only the setting a 400 names, once", async () => {
    await call("sk-noseed", { sampling: { temperature: 0, seed: 3 } });
    const bodies = fake.chatRequests("word").map((r) => r.body!);
    expect(bodies.map((b) => [b.temperature, b.seed])).toEqual([
      [0, 3],
      [0, undefined],
    ]);
  });

  it("still fails at once on a 400 about something else (nothing to drop)", async () => {
    fake.script("400");
    await expect(call("sk-test", { sampling: { temperature: 0, seed: 1 } })).rejects.toMatchObject({ code: "invalid_request" });
    expect(fake.chatRequests("word")).toHaveLength(1);
  });

  it("leaves a provider that refuses `seed` alone when no seed is sent", async () => {
    fake.respond("word", () => ({ word: "x" }));
    await expect(call("sk-noseed")).resolves.toEqual({ word: "x" });
    expect(fake.chatRequests("word")).toHaveLength(1);
  });
});
