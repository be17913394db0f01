import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mp3DurationSeconds } from "../../app/domain/audio-file.ts";
import type { HttpClient } from "../support/http-client.ts";
import { visibleText } from "../support/html.ts";
import { interviewWithQuestion, readyUser, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * Issue 18: questions read aloud by the user's provider (Settings › Voice ›
 * "With my AI provider's voice"), as a browser without JavaScript uses it: the
 * Read aloud button asks for a `speak_question` operation, the worker gets the
 * audio from the provider's audio/speech (the fake OpenAI server) and keeps it
 * with the question, the page then carries an <audio> element for it; the call
 * is metered; a replay costs nothing; failures are classified on the page.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "5000", AI_MAX_RETRIES: "0" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

async function chooseReadAloud(client: HttpClient, readAloud: "off" | "browser" | "provider", speech: Record<string, string> = {}) {
  const res = await client.post("/settings", {
    intent: "voice",
    transcriptionModel: "gpt-4o-mini-transcribe",
    readAloud,
    maxRecordingSeconds: "300",
    ...speech,
  });
  expect(res.status).toBe(200);
  expect(visibleText(await res.text())).toContain("Voice settings saved.");
}

async function latestSpeech(sessionId: string) {
  const op = await waitFor(
    () => app.db.operation.findFirst({ where: { sessionId, kind: "speak_question" }, orderBy: { createdAt: "desc" } }),
    "a speak_question operation",
  );
  return waitForOperation(app, op.id);
}

const speechUrl = (sessionId: string, questionId: string) => `/interviews/${sessionId}/questions/${questionId}/speech`;

describe("questions read aloud by the provider's voice", () => {
  it("Settings offers it with its estimated cost per question", async () => {
    const { client } = await readyUser(app);
    const page = visibleText(await (await client.get("/settings")).text());
    expect(page).toContain(
      "With my AI provider's voice (audio/speech, billed by your provider: ≈ $0.0040 per question with gpt-4o-mini-tts (estimate",
    );
    await chooseReadAloud(client, "provider", { speechModel: "tts-1", speechVoice: "nova" });
    // tts-1 is billed per character: 250 characters at $15 per million.
    expect(visibleText(await (await client.get("/settings")).text())).toContain("≈ $0.0038 per question with tts-1");
  });

  it("is asked for once, metered, kept with the question and served to its owner only; a replay costs nothing", async () => {
    const x = await interviewWithQuestion(app);
    await chooseReadAloud(x.client, "provider", { speechVoice: "nova" });
    const before = visibleText(await (await x.client.get(`/interviews/${x.sessionId}`)).text());
    expect(before).toContain("Read aloud");
    expect(before).toContain("Your AI provider's voice (nova); billed by your provider.");

    const asked = await x.client.post(`/interviews/${x.sessionId}`, { intent: "speak-question", questionId: x.question.id });
    expect(asked.status).toBe(302);
    expect(await latestSpeech(x.sessionId)).toMatchObject({ status: "completed", subjectId: x.question.id });

    const [request] = app.fake.speechRequests();
    expect(request!.body).toMatchObject({ model: "gpt-4o-mini-tts", voice: "nova", input: x.question.content, response_format: "mp3" });

    // The page now plays it (an <audio> element, without JavaScript).
    const html = await (await x.client.get(`/interviews/${x.sessionId}`)).text();
    expect(html).toContain(`src="${speechUrl(x.sessionId, x.question.id)}?v=gpt-4o-mini-tts%3Anova"`);
    const audio = await x.client.get(speechUrl(x.sessionId, x.question.id));
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    expect(audio.headers.get("cache-control")).toBe("private, no-store");
    const bytes = new Uint8Array(await audio.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(0);

    // Metered like any AI work: the characters sent and the audio's length (gpt-4o-mini-tts is billed by the minute).
    const usage = await app.db.aiUsage.findMany({ where: { userId: x.userId, kind: "speak_question" } });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ model: "gpt-4o-mini-tts", speechCharacters: x.question.content.trim().length, failed: false });
    expect(usage[0]!.audioSeconds).toBeCloseTo(mp3DurationSeconds(bytes)!, 5);

    // Asking again changes nothing and calls nobody.
    expect((await x.client.post(`/interviews/${x.sessionId}`, { intent: "speak-question", questionId: x.question.id })).status).toBe(302);
    expect(await app.db.operation.count({ where: { sessionId: x.sessionId, kind: "speak_question" } })).toBe(1);
    expect(app.fake.speechRequests()).toHaveLength(1);

    // Someone else's: 404.
    const stranger = await readyUser(app);
    expect((await stranger.client.get(speechUrl(x.sessionId, x.question.id))).status).toBe(404);
    expect((await stranger.client.post(`/interviews/${x.sessionId}`, { intent: "speak-question", questionId: x.question.id })).status).toBe(
      404,
    );

    // Another voice is new audio: asked for again.
    await chooseReadAloud(x.client, "provider", { speechVoice: "coral" });
    await x.client.post(`/interviews/${x.sessionId}`, { intent: "speak-question", questionId: x.question.id });
    await waitFor(
      async () => (await app.db.questionSpeech.findUnique({ where: { questionId: x.question.id } }))?.voice === "coral",
      "the audio in the new voice",
    );
    expect(app.fake.speechRequests().at(-1)!.body).toMatchObject({ voice: "coral" });
  });

  it("a voice the provider doesn't offer fails with its reason, a link to Settings and Retry, on the page", async () => {
    const x = await interviewWithQuestion(app);
    await chooseReadAloud(x.client, "provider", { speechVoice: "robot" });
    await x.client.post(`/interviews/${x.sessionId}`, { intent: "speak-question", questionId: x.question.id });
    expect(await latestSpeech(x.sessionId)).toMatchObject({ status: "failed", errorCode: "unsupported_model" });
    const html = await (await x.client.get(`/interviews/${x.sessionId}`)).text();
    const page = visibleText(html);
    expect(page).toContain("Your AI endpoint doesn't offer the chosen voice. Choose another voice in Settings.");
    expect(page).toContain("Open Settings");
    expect(html).toContain('data-testid="operation-failed-speak_question"');
    expect(await app.db.questionSpeech.count({ where: { questionId: x.question.id } })).toBe(0);
  });

  it("is refused with a clear message while the provider's voice is not chosen", async () => {
    const x = await interviewWithQuestion(app);
    await chooseReadAloud(x.client, "browser");
    const refused = await x.client.post(`/interviews/${x.sessionId}`, { intent: "speak-question", questionId: x.question.id });
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain("Reading questions aloud with your provider's voice is off.");
    expect(await app.db.operation.count({ where: { sessionId: x.sessionId, kind: "speak_question" } })).toBe(0);
    expect(app.fake.speechRequests()).toHaveLength(0);
  });
});
