import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * An AI base URL the user chose may be a server of theirs that answers with a
 * body meant to fill our memory (the SSRF guard covers where we connect, not
 * how much we read back). Every AI reply is read up to 32 MB
 * (app/ai/reply-limits.server.ts), and a question's audio is kept up to 16 MB
 * (SPEECH_MAX_BYTES): past that, the call ends with a message that says so, in
 * the web process (Settings' "Test key") and in the worker alike, and both go
 * on serving.
 */

const MB = 1024 * 1024;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "5000", AI_MAX_RETRIES: "0" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

/** A ready user whose AI base URL is one they typed in (here: the fake, which tests may point at private addresses). */
async function userWithOwnEndpoint() {
  const user = await readyUser(app);
  const saved = await user.client.post("/settings", { intent: "save-provider", model: "gpt-4o-mini", baseUrl: app.fake.url });
  expect(saved.status).toBe(200);
  return user;
}

const testKey = async (client: Awaited<ReturnType<typeof readyUser>>["client"]) =>
  visibleText(await (await client.post("/settings", { intent: "test-api-key" })).text());

describe("AI replies larger than any real one", () => {
  it("Test key against an endpoint whose model list is larger than 32 MB says so, and the server keeps serving", async () => {
    const { client } = await userWithOwnEndpoint();
    app.fake.flood = { path: "/models", bytes: 33 * MB };
    const text = await testKey(client);
    expect(text).toContain("Your AI provider sent an answer larger than 32 MB, far more than any real reply, so it was refused.");
    expect(text).not.toContain("Your key works");

    // The same process answers the next requests as usual.
    app.fake.flood = null;
    expect((await client.get("/settings")).status).toBe(200);
    expect(await testKey(client)).toContain("Your key works.");
  });

  it("a question's audio over 16 MB fails the read-aloud job with its reason, keeps nothing, and the worker goes on", async () => {
    const { client, postingId } = await userWithOwnEndpoint();
    const sessionId = await startThroughUi(client, postingId);
    const question = await openQuestion(app, sessionId);
    const voice = await client.post("/settings", {
      intent: "voice",
      transcriptionModel: "gpt-4o-mini-transcribe",
      readAloud: "provider",
      maxRecordingSeconds: "300",
    });
    expect(visibleText(await voice.text())).toContain("Voice settings saved.");

    const speak = async () => {
      await client.post(`/interviews/${sessionId}`, { intent: "speak-question", questionId: question.id });
      const op = await waitFor(
        () => app.db.operation.findFirst({ where: { sessionId, kind: "speak_question" }, orderBy: { createdAt: "desc" } }),
        "a speak_question operation",
      );
      return waitForOperation(app, op.id);
    };

    // Under the 32 MB read limit, over what a question is kept with.
    app.fake.flood = { path: "/audio/speech", bytes: 20 * MB };
    expect(await speak()).toMatchObject({
      status: "failed",
      errorCode: "invalid_output",
      errorMessage: expect.stringContaining("Your AI provider's audio for this question is larger than 16 MB") as unknown,
    });
    expect(await app.db.questionSpeech.count({ where: { questionId: question.id } })).toBe(0);
    // The call was paid for: metered like any other.
    expect(await app.db.aiUsage.count({ where: { kind: "speak_question", sessionId } })).toBe(1);

    // Over the read limit: cut off while it arrives.
    app.fake.flood = { path: "/audio/speech", bytes: 33 * MB };
    expect(await speak()).toMatchObject({
      status: "failed",
      errorCode: "invalid_output",
      errorMessage: expect.stringContaining("Your AI provider sent an answer larger than 32 MB") as unknown,
    });
    expect(await app.db.questionSpeech.count({ where: { questionId: question.id } })).toBe(0);

    // The worker is still there: a normal reply is kept.
    app.fake.flood = null;
    expect(await speak()).toMatchObject({ status: "completed" });
    expect(await app.db.questionSpeech.count({ where: { questionId: question.id } })).toBe(1);
  });
});
