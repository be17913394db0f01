/**
 * Issue 15 items 6 and 10: an interview's event stream lives no longer than
 * the login session that opened it — logout (page or API), a password change
 * elsewhere ("sign out everywhere"), account deletion — and one user holds a
 * bounded number of streams. An event published after the revocation must not
 * reach the stream (it carried the next question's text before); a quiet
 * stream ends on the re-check timer (1 s here instead of 15 s).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishEvent } from "../../app/utils/events.server.ts";
import { waitFor } from "../support/interviews.ts";
import { seedSession } from "../support/seed-sessions.ts";
import { listenToEvents } from "../support/sse.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { signUp, TEST_PASSWORD } from "../support/users.ts";

const STREAMS_PER_USER = 3;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    fakeOpenAI: false,
    env: {
      RATE_LIMIT_REGISTER_PER_IP: "1000",
      EVENT_STREAM_CHECK_SECONDS: "1",
      EVENT_STREAMS_PER_USER: String(STREAMS_PER_USER),
    },
  });
});
afterAll(() => app.close());

/** A signed-in user (browser client) with an interview to listen to. */
async function userWithInterview() {
  const user = await signUp(app);
  const interview = await seedSession(app, user.userId, { status: "active" });
  return { ...user, interviewId: interview.id };
}

/** The interview's event stream, once it has said "ready". */
async function openStream(interviewId: string, headers: Record<string, string>) {
  const stream = await listenToEvents(`${app.url}/interviews/${interviewId}/events`, headers);
  expect(stream.res.status).toBe(200);
  await waitFor(async () => stream.events.some((e) => e.event === "ready"), "the ready event");
  return stream;
}

const SECRET = "The next question, which only a signed-in user may read";

/** What the worker sends while it writes a question. */
const publishPartial = (interviewId: string) =>
  publishEvent(app.db, { type: "partial", sessionId: interviewId, operationId: crypto.randomUUID(), text: SECRET });

type Stream = Awaited<ReturnType<typeof openStream>>;
const received = (stream: Stream) => stream.events.some((e) => e.event === "partial");

/** Publish an event after the session was revoked: the stream must end without passing it on. */
async function expectEndsWithoutTheEvent(stream: Stream, interviewId: string) {
  await publishPartial(interviewId);
  await waitFor(async () => stream.ended() || received(stream), "the stream to end", 10_000);
  // Give a wrongly delivered event the same chance to arrive as the end had.
  await new Promise((resolve) => setImmediate(resolve));
  expect(received(stream), "the event published after the revocation").toBe(false);
  expect(stream.ended()).toBe(true);
  expect(JSON.stringify(stream.events)).not.toContain(SECRET);
}

describe("an event stream lives no longer than its login session", () => {
  it("passes events on while the session is signed in", async () => {
    const user = await userWithInterview();
    const stream = await openStream(user.interviewId, { cookie: user.client.cookieHeader() });
    await publishPartial(user.interviewId);
    await waitFor(async () => received(stream), "the partial event");
    expect(stream.ended()).toBe(false);
    await stream.stop();
  });

  it("ends at logout, before the next event", async () => {
    const user = await userWithInterview();
    const stream = await openStream(user.interviewId, { cookie: user.client.cookieHeader() });
    expect((await user.client.post("/logout", {})).status).toBe(302);
    await expectEndsWithoutTheEvent(stream, user.interviewId);
  });

  it("ends when its API token is logged out", async () => {
    const user = await userWithInterview();
    const login = await app.client().json("POST", "/api/v1/auth/login", { email: user.email, password: TEST_PASSWORD });
    const authorization = `Bearer ${((await login.json()) as { access_token: string }).access_token}`;
    const stream = await openStream(user.interviewId, { authorization });
    expect((await app.client().json("POST", "/api/v1/auth/logout", undefined, { authorization })).status).toBe(204);
    await expectEndsWithoutTheEvent(stream, user.interviewId);
  });

  it("ends when the password is changed on another device (every other session is signed out)", async () => {
    const user = await userWithInterview();
    const stream = await openStream(user.interviewId, { cookie: user.client.cookieHeader() });
    const otherDevice = app.client();
    expect((await otherDevice.post("/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(302);
    const changed = await otherDevice.post("/settings", {
      intent: "change-password",
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new passphrase for everywhere",
      confirmPassword: "a brand new passphrase for everywhere",
    });
    expect(changed.status).toBe(200);
    await expectEndsWithoutTheEvent(stream, user.interviewId);
  });

  it("ends when the account is deleted", async () => {
    const user = await userWithInterview();
    const stream = await openStream(user.interviewId, { cookie: user.client.cookieHeader() });
    const deleted = await user.client.post("/settings", { intent: "delete-account", password: TEST_PASSWORD, confirm: "delete" });
    expect(deleted.status).toBe(302);
    expect(await app.db.user.count({ where: { id: user.userId } })).toBe(0);
    // The interview went with the account; an event naming it must still not get through.
    await expectEndsWithoutTheEvent(stream, user.interviewId);
  });

  it("ends a quiet stream on the re-check timer, without any event", async () => {
    const user = await userWithInterview();
    const stream = await openStream(user.interviewId, { cookie: user.client.cookieHeader() });
    expect((await user.client.post("/logout", {})).status).toBe(302);
    await waitFor(async () => stream.ended(), "the stream to end", 10_000);
  });
});

describe("open event streams per user", () => {
  it(`refuses a user's stream beyond ${STREAMS_PER_USER} with 429, frees a place when one ends, and leaves other users alone`, async () => {
    const user = await userWithInterview();
    const headers = { cookie: user.client.cookieHeader() };
    const streams = [];
    for (let i = 0; i < STREAMS_PER_USER; i++) streams.push(await openStream(user.interviewId, headers));

    const refused = await fetch(`${app.url}/interviews/${user.interviewId}/events`, {
      headers: { ...headers, accept: "text/event-stream" },
    });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/too many/i);

    const other = await userWithInterview();
    const theirs = await openStream(other.interviewId, { cookie: other.client.cookieHeader() });

    await streams.pop()!.stop();
    const again = await waitFor(async () => {
      const stream = await listenToEvents(`${app.url}/interviews/${user.interviewId}/events`, headers);
      if (stream.res.status === 200) return stream;
      await stream.stop();
      return null;
    }, "a place to free up");
    await again.stop();
    await theirs.stop();
    for (const stream of streams) await stream.stop();
  });
});
