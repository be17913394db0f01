/**
 * Issue 15 item 6: an event stream has a maximum lifetime (15 minutes by
 * default, 1 s here) even while its session stays signed in; the browser's
 * EventSource then reconnects by itself, and the new stream says "ready" so
 * the page catches up. Its place in the per-user count is given back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/interviews.ts";
import { seedSession } from "../support/seed-sessions.ts";
import { listenToEvents } from "../support/sse.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { signUp } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ fakeOpenAI: false, env: { EVENT_STREAM_MAX_SECONDS: "1", EVENT_STREAMS_PER_USER: "1" } });
});
afterAll(() => app.close());

describe("the event stream's maximum lifetime", () => {
  it("ends a stream of a signed-in user after EVENT_STREAM_MAX_SECONDS, and the next one opens", async () => {
    const { client, userId } = await signUp(app);
    const interview = await seedSession(app, userId, { status: "active" });
    const url = `${app.url}/interviews/${interview.id}/events`;
    const headers = { cookie: client.cookieHeader() };

    const first = await listenToEvents(url, headers);
    expect(first.res.status).toBe(200);
    await waitFor(async () => first.ended(), "the stream to reach its lifetime", 10_000);
    expect(first.events.map((e) => e.event)).toEqual(["ready"]);

    // Still signed in: the reconnection is accepted, in the one place this user has.
    expect((await client.get("/dashboard")).status).toBe(200);
    const second = await waitFor(async () => {
      const stream = await listenToEvents(url, headers);
      if (stream.res.status === 200) return stream;
      await stream.stop();
      return null;
    }, "the reconnection to be accepted");
    await waitFor(async () => second.events.some((e) => e.event === "ready"), "the ready event");
    await second.stop();
  });
});
