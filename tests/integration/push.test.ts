import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClient } from "../support/http-client.ts";
import { openQuestion, readyUser, startThroughUi, waitFor } from "../support/interviews.ts";
import { listenToEvents } from "../support/sse.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  // A long AI timeout: a test holds the model's reply back until its event stream is open.
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "30000" } });
});
afterAll(() => app.close());

/** The interview's event stream, read with this client's session cookie. */
const listen = (client: HttpClient, path: string) =>
  listenToEvents(new URL(path, client.baseUrl).toString(), { cookie: client.cookieHeader() });

describe("push: Server-Sent Events from the worker through Postgres NOTIFY", () => {
  it("streams the question text as it is written, then announces the finished operation", async () => {
    const { client, postingId } = await readyUser(app);
    app.fake.chunkDelayMs = 20;
    // The question is written only once the stream is open, however late that is.
    const release = app.fake.hold();
    const sessionId = await startThroughUi(client, postingId);
    const stream = await listen(client, `/interviews/${sessionId}/events`);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get("content-encoding")).toBeNull();
    await waitFor(async () => stream.events.length > 0, "the stream's first event");
    release();

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

  it("says when the interview is deleted (from another tab, say) and ends the stream", async () => {
    const { client, postingId } = await readyUser(app);
    // Its first question is still being written: the page has a stream open.
    const release = app.fake.hold();
    const sessionId = await startThroughUi(client, postingId);
    const stream = await listen(client, `/interviews/${sessionId}/events`);
    await waitFor(async () => stream.events.some((e) => e.event === "ready"), "the ready event");

    expect((await client.post(`/interviews/${sessionId}/delete`, {})).status).toBe(302);
    await waitFor(async () => stream.ended(), "the stream to end");
    release();
    expect(stream.events.map((e) => e.event)).toEqual(["ready", "deleted"]);
    expect(stream.events[1]!.data).toEqual({ type: "deleted", sessionId });
    // What the page then revalidates into, and what a reconnection gets.
    expect((await client.get(`/interviews/${sessionId}`)).status).toBe(404);
    expect((await client.get(`/interviews/${sessionId}/events`)).status).toBe(404);
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
