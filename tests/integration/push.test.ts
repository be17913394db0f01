import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClient } from "../support/http-client.ts";
import { openQuestion, readyUser, startThroughUi, waitFor } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
});
afterAll(() => app.close());

type Received = { event: string; data: Record<string, unknown>; at: number };

/** Read a Server-Sent-Events stream like EventSource does, collecting events until `stop()`. */
async function listen(client: HttpClient, path: string) {
  const controller = new AbortController();
  const res = await fetch(new URL(path, client.baseUrl), {
    headers: { cookie: client.cookieHeader(), accept: "text/event-stream" },
    signal: controller.signal,
  });
  const events: Received[] = [];
  const done = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = block.match(/^event: (.+)$/m)?.[1];
          const data = block.match(/^data: (.+)$/m)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data), at: Date.now() });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { res, events, stop: async () => (controller.abort(), await done) };
}

describe("push: Server-Sent Events from the worker through Postgres NOTIFY", () => {
  it("streams the question text as it is written, then announces the finished operation", async () => {
    const { client, postingId } = await readyUser(app);
    app.fake.chunkDelayMs = 20;
    const sessionId = await startThroughUi(client, postingId);
    const stream = await listen(client, `/interviews/${sessionId}/events`);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get("content-encoding")).toBeNull();

    const question = await openQuestion(app, sessionId);
    await waitFor(async () => stream.events.some((e) => e.event === "operation"), "the operation event");
    await stream.stop();
    expect(stream.events[0]!.event).toBe("ready");
    const partials = stream.events.filter((e) => e.event === "partial").map((e) => String(e.data.text));
    expect(partials.length).toBeGreaterThan(1);
    // Each partial is a growing prefix of the final question.
    for (const text of partials) expect(question.content.startsWith(text.trim()) || text.startsWith(question.content)).toBe(true);
    const finished = stream.events.find((e) => e.event === "operation")!;
    expect(finished.data).toMatchObject({ sessionId, kind: "question_generation", status: "completed" });
    expect(finished.at).toBeGreaterThanOrEqual(stream.events.filter((e) => e.event === "partial").at(-1)!.at);
  });

  it("refuses another user's session and signed-out visitors", async () => {
    const owner = await readyUser(app);
    const sessionId = await startThroughUi(owner.client, owner.postingId);
    const intruder = await readyUser(app);
    const res = await fetch(`${app.url}/interviews/${sessionId}/events`, { headers: { cookie: intruder.client.cookieHeader() } });
    expect(res.status).toBe(404);
    const anonymous = await fetch(`${app.url}/interviews/${sessionId}/events`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });
});
