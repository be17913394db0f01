import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeDelivery } from "../../app/domain/delivery.ts";
import { pruneExpiredRecords } from "../../app/models/housekeeping.server.ts";
import { speechLikeWav } from "../fixtures/make-wav.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * Issue 18, spoken answers through the interview page as a browser without
 * JavaScript sends them (multipart form with the audio file): checked by
 * content and size, transcribed by the worker through the user's provider (the
 * fake OpenAI server), the transcript appended to the draft and never
 * submitted, the audio dropped once transcribed unless kept, failures with
 * Retry, and delivery metrics stored with the answer.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "2000", AI_MAX_RETRIES: "0", AI_TRANSCRIPTION_TIMEOUT_MS: "3000" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

async function interviewWithQuestion(options: { apiKey?: string } = {}) {
  const user = await readyUser(app, options);
  const sessionId = await startThroughUi(user.client, user.postingId);
  const question = await openQuestion(app, sessionId);
  return { ...user, sessionId, questionId: question.id, questionType: question.questionType };
}

type Interview = Awaited<ReturnType<typeof interviewWithQuestion>>;

function audioForm(x: Interview, file: { bytes: Uint8Array; name: string; type?: string } | null, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("intent", "transcribe");
  form.set("questionId", x.questionId);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("audio", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? "audio/wav" }));
  return form;
}

async function latestTranscription(sessionId: string) {
  const op = await waitFor(
    () => app.db.operation.findFirst({ where: { sessionId, kind: "transcribe_answer" }, orderBy: { createdAt: "desc" } }),
    "a transcription operation",
  );
  return waitForOperation(app, op.id);
}

/** The answer box's text as the page renders it (the textarea's content). */
async function answerBox(x: Interview) {
  const html = await (await x.client.get(`/interviews/${x.sessionId}`)).text();
  const match = /<textarea[^>]*name="answer"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  return { html, box: (match?.[1] ?? "").replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&") };
}

describe("a spoken answer sent as an audio file", () => {
  it("is transcribed by the worker and appended to what was typed, the audio deleted, nothing submitted", async () => {
    const x = await interviewWithQuestion();
    app.fake.transcribe("Um, I led the billing migration to PostgreSQL.");
    const sent = await x.client.post(
      `/interviews/${x.sessionId}`,
      audioForm(x, { bytes: speechLikeWav(3), name: "my answer.wav" }, { answer: "Typed first." }),
    );
    expect(sent.status).toBe(302);
    const op = await latestTranscription(x.sessionId);
    expect(op).toMatchObject({ status: "completed", kind: "transcribe_answer" });

    const [request] = app.fake.transcriptionRequests();
    expect(request!.form!.file).toMatchObject({ name: "answer.wav" });
    expect(request!.form!.fields.model).toBe("gpt-4o-mini-transcribe");

    const clip = await app.db.audioClip.findFirstOrThrow({ where: { sessionId: x.sessionId } });
    expect(clip).toMatchObject({ transcript: "Um, I led the billing migration to PostgreSQL.", bytes: null, kept: false, format: "wav" });
    expect(clip.recordedSeconds).toBeCloseTo(3, 1);
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: x.sessionId } });
    expect(session.draftAnswer).toBe("Typed first.\n\nUm, I led the billing migration to PostgreSQL.");
    expect(await app.db.sessionMessage.count({ where: { sessionId: x.sessionId, kind: "answer" } })).toBe(0);

    const { box, html } = await answerBox(x);
    expect(box).toBe("Typed first.\n\nUm, I led the billing migration to PostgreSQL.");
    expect(visibleText(html)).toContain("Your recording was transcribed and added to your answer below");

    // A second recording is appended to the same answer.
    app.fake.transcribe("We compared totals every hour.");
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(2), name: "more.wav" }));
    await waitFor(
      async () => (await app.db.audioClip.count({ where: { sessionId: x.sessionId, transcribedAt: { not: null } } })) === 2,
      "2nd",
    );
    expect((await answerBox(x)).box).toBe(
      "Typed first.\n\nUm, I led the billing migration to PostgreSQL.\n\nWe compared totals every hour.",
    );
  });

  it("chosen with Submit answer is transcribed into the box, not submitted", async () => {
    const x = await interviewWithQuestion();
    app.fake.transcribe("Basically we shipped it in two weeks.");
    const form = audioForm(x, { bytes: speechLikeWav(2), name: "a.wav" }, { answer: "" });
    form.set("intent", "answer");
    expect((await x.client.post(`/interviews/${x.sessionId}`, form)).status).toBe(302);
    expect((await latestTranscription(x.sessionId)).status).toBe("completed");
    expect(await app.db.sessionMessage.count({ where: { sessionId: x.sessionId, kind: "answer" } })).toBe(0);
    expect((await answerBox(x)).box).toBe("Basically we shipped it in two weeks.");
  });

  it("stores the delivery metrics of the recordings, computed from the raw transcripts, on the submitted answer", async () => {
    const x = await interviewWithQuestion();
    const spoken = [
      { text: "Um, so I think we, like, moved the ledger to Postgres. Uh, it took a month.", durationSeconds: 6 },
      { text: "You know, we basically measured first.", durationSeconds: 3 },
    ];
    app.fake.transcribe(...spoken);
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(6), name: "1.wav" }));
    await waitFor(
      async () => (await app.db.audioClip.count({ where: { sessionId: x.sessionId, transcribedAt: { not: null } } })) === 1,
      "1st",
    );
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(3), name: "2.wav" }));
    await waitFor(
      async () => (await app.db.audioClip.count({ where: { sessionId: x.sessionId, transcribedAt: { not: null } } })) === 2,
      "2nd",
    );

    // The candidate cleans up the text before submitting: delivery is measured on what was said.
    const submitted = await x.client.post(`/interviews/${x.sessionId}`, {
      intent: "answer",
      questionId: x.questionId,
      answer: "We moved the ledger to Postgres in a month, measuring first.",
    });
    expect(submitted.status).toBe(302);
    const answer = await app.db.sessionMessage.findFirstOrThrow({ where: { sessionId: x.sessionId, kind: "answer" } });
    const expected = computeDelivery({ recordings: spoken.map((s) => ({ ...s, words: null })), questionType: x.questionType });
    expect(answer.deliveryMetrics).toEqual(expected);
    expect(expected).toMatchObject({ recordingCount: 2, durationSeconds: 9, fillerCount: 5, hedgeCount: 1 });
    expect(await app.db.audioClip.count({ where: { answerId: answer.id } })).toBe(2);

    // Shown beside the content scores, labelled as delivery, and summed on the feedback page.
    const page = visibleText(await (await x.client.get(`/interviews/${x.sessionId}`)).text());
    expect(page).toContain("Delivery: how you said it");
    expect(page).toContain(`${expected.wordsPerMinute} words a minute`);
    expect(page).toContain("“um” ×1");
    const feedback = visibleText(await (await x.client.get(`/interviews/${x.sessionId}/feedback`)).text());
    expect(feedback).toContain("How you spoke in the answer you recorded — not part of the scores above.");
    expect(feedback).toContain(`Filler words ${expected.fillerCount} (${expected.fillersPerMinute} a minute)`);
    // …and on the posting's progress page, attempt by attempt.
    const progress = visibleText(await (await x.client.get(`/jobs/${x.postingId}/progress`)).text());
    expect(progress).toContain("Delivery across attempts");
    expect(progress).toContain(`Attempt 1 1 ${expected.wordsPerMinute} ${expected.fillersPerMinute} ${expected.hedgeCount} Unknown`);
  });
});

describe("audio that can't be used is refused with a clear message, and nothing is written", () => {
  it("a file that is not audio (415), shown beside the file field", async () => {
    const x = await interviewWithQuestion();
    const before = await app.db.audioClip.count();
    const res = await x.client.post(
      `/interviews/${x.sessionId}`,
      audioForm(x, { bytes: new TextEncoder().encode("%PDF-1.7 not audio at all"), name: "cv.pdf", type: "audio/mpeg" }),
    );
    expect(res.status).toBe(415);
    const text = visibleText(await res.text());
    expect(text).toContain("“cv.pdf” isn't an audio recording.");
    expect(await app.db.audioClip.count()).toBe(before);
    expect(await app.db.operation.count({ where: { sessionId: x.sessionId, kind: "transcribe_answer" } })).toBe(0);
    expect(app.fake.transcriptionRequests()).toHaveLength(0);
  });

  it("no file at all (400)", async () => {
    const x = await interviewWithQuestion();
    const res = await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, null));
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("Choose an audio file");
  });

  it("an oversized file sent without a length is refused once past the limit (413, connection closed), unbuffered", async () => {
    const x = await interviewWithQuestion();
    const boundary = "----voice-test";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\ntranscribe\r\n--${boundary}\r\nContent-Disposition: form-data; name="questionId"\r\n\r\n${x.questionId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="long.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
    );
    const wav = speechLikeWav(1);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    // Far more than the 25 MB limit: after the server's 413 and close, the client may still hand several MB
    // to socket buffers before it notices (40 MB was once sent whole on a busy machine), but never 200 MB.
    const total = 200 * 1024 * 1024;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) {
          controller.enqueue(head);
          controller.enqueue(wav);
        }
        if (sent >= total) return controller.close();
        controller.enqueue(chunk);
        sent += chunk.byteLength;
      },
    });
    const res = await fetch(new URL(`/interviews/${x.sessionId}`, app.url), {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, cookie: x.client.cookieHeader(), origin: app.url },
    } as RequestInit).catch((error: unknown) => error);
    // The server answers as soon as the file passes 25 MB; the client may still be sending.
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(res.headers.get("connection")).toBe("close");
      expect(visibleText(await res.text())).toContain("larger than 25 MB");
    }
    expect(sent).toBeLessThan(total);
    expect(await app.db.audioClip.count({ where: { sessionId: x.sessionId } })).toBe(0);
  });

  it("an oversized file with a declared length is refused before it is read", async () => {
    const x = await interviewWithQuestion();
    const big = new Uint8Array(27 * 1024 * 1024);
    big.set(speechLikeWav(1));
    const res = await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: big, name: "big.wav" }));
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect(await app.db.audioClip.count({ where: { sessionId: x.sessionId } })).toBe(0);
  });

  it("another user's interview is a 404", async () => {
    const owner = await interviewWithQuestion();
    const other = await readyUser(app);
    const res = await other.client.post(`/interviews/${owner.sessionId}`, audioForm(owner, { bytes: speechLikeWav(1), name: "a.wav" }));
    expect(res.status).toBe(404);
    expect(await app.db.audioClip.count({ where: { sessionId: owner.sessionId } })).toBe(0);
  });
});

describe("transcription faults end in a message with Retry", () => {
  it("a rejected key fails the transcription, keeps the audio, and Retry transcribes it", async () => {
    const x = await interviewWithQuestion();
    app.fake.script("401");
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(2), name: "a.wav" }));
    const failed = await latestTranscription(x.sessionId);
    expect(failed).toMatchObject({ status: "failed", errorCode: "api_key_rejected" });
    const clip = await app.db.audioClip.findFirstOrThrow({ where: { sessionId: x.sessionId } });
    expect(clip.bytes).not.toBeNull();
    const page = visibleText(await (await x.client.get(`/interviews/${x.sessionId}`)).text());
    expect(page).toContain("Your OpenAI key was rejected");
    expect(page).toContain("Retry");

    app.fake.transcribe("Second time lucky.");
    const retried = await x.client.post(`/interviews/${x.sessionId}`, { intent: "retry", operationId: failed.id });
    expect(retried.status).toBe(302);
    const done = await latestTranscription(x.sessionId);
    expect(done).toMatchObject({ status: "completed", subjectId: clip.id, retryNumber: 1 });
    expect((await answerBox(x)).box).toBe("Second time lucky.");
  });

  it("Retry takes a slot of the hourly transcription allowance: with the hour's used up it is refused like a new recording (429), nothing sent", async () => {
    const x = await interviewWithQuestion();
    app.fake.script("401");
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(2), name: "a.wav" }));
    const failed = await latestTranscription(x.sessionId);
    expect(failed).toMatchObject({ status: "failed", errorCode: "api_key_rejected" });

    // The hour's recordings used up: the row rate-limiter-flexible keeps for this user's allowance, full for an hour.
    const key = `transcription_user:${x.userId}`;
    const full = { points: 1_000_000, expire: BigInt(Date.now() + 3_600_000) };
    await app.db.rateLimit.upsert({ where: { key }, create: { key, ...full }, update: full });
    const upload = await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(1), name: "b.wav" }));
    expect(upload.status).toBe(429);
    const said = /You have sent \d+ recordings in the last hour\. Please wait [^.]+ before sending another, or type your answer\./;
    expect(visibleText(await upload.text())).toMatch(said);

    const sent = app.fake.transcriptionRequests().length;
    const retried = await x.client.post(`/interviews/${x.sessionId}`, { intent: "retry", operationId: failed.id });
    expect(retried.status).toBe(429);
    expect(retried.headers.has("retry-after")).toBe(upload.headers.has("retry-after"));
    expect(visibleText(await retried.text())).toMatch(said);
    expect(await app.db.operation.count({ where: { sessionId: x.sessionId, kind: "transcribe_answer" } })).toBe(1);
    expect(app.fake.transcriptionRequests()).toHaveLength(sent);

    // A new hour: Retry transcribes.
    await app.db.rateLimit.delete({ where: { key } });
    app.fake.transcribe("Worth the wait.");
    expect((await x.client.post(`/interviews/${x.sessionId}`, { intent: "retry", operationId: failed.id })).status).toBe(302);
    expect(await latestTranscription(x.sessionId)).toMatchObject({ status: "completed", retryNumber: 1 });
  });

  it.each([
    ["a provider error that persists (5xx)", "500", "ai_unavailable"],
    ["a rate limit that persists (429)", "429", "rate_limited"],
  ] as const)("%s", async (_label, fault, code) => {
    const x = await interviewWithQuestion();
    app.fake.script(fault, fault, fault);
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(1), name: "a.wav" }));
    expect(await latestTranscription(x.sessionId)).toMatchObject({ status: "failed", errorCode: code });
    expect(visibleText(await (await x.client.get(`/interviews/${x.sessionId}`)).text())).toContain("Retry");
  });

  it("a model the endpoint doesn't have points to Settings", async () => {
    const x = await interviewWithQuestion();
    await app.db.user.update({ where: { id: x.userId }, data: { transcriptionModel: "no-such-transcriber" } });
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(1), name: "a.wav" }));
    const op = await latestTranscription(x.sessionId);
    expect(op).toMatchObject({ status: "failed", errorCode: "unsupported_model" });
    const page = visibleText(await (await x.client.get(`/interviews/${x.sessionId}`)).text());
    expect(page).toContain("no-such-transcriber");
    expect(page).toContain("Open Settings");
  });

  it("a provider slower than the transcription timeout: the timeout is said on the page, and Retry transcribes", async () => {
    const x = await interviewWithQuestion();
    app.fake.script("slow"); // never answers: the client's timeout (AI_TRANSCRIPTION_TIMEOUT_MS) fires
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(2), name: "a.wav" }));
    const failed = await latestTranscription(x.sessionId);
    expect(failed).toMatchObject({
      status: "failed",
      errorCode: "ai_unavailable",
      errorMessage: "Your AI provider took too long to transcribe this recording. Try again, or record a shorter answer.",
    });
    const html = await (await x.client.get(`/interviews/${x.sessionId}`)).text();
    expect(visibleText(html)).toContain("Your AI provider took too long to transcribe this recording.");
    expect(html).toContain('data-testid="operation-failed-transcribe_answer"');

    app.fake.transcribe("On time now.");
    expect((await x.client.post(`/interviews/${x.sessionId}`, { intent: "retry", operationId: failed.id })).status).toBe(302);
    expect(await latestTranscription(x.sessionId)).toMatchObject({ status: "completed", retryNumber: 1 });
    expect((await answerBox(x)).box).toBe("On time now.");
  });

  it("audio the provider can't read (AAC, which OpenAI refuses) is explained on the page as audio_unsupported, with Retry", async () => {
    const x = await interviewWithQuestion();
    // ADTS AAC frames: audio by our content check, but not a format OpenAI's audio/transcriptions takes.
    const aac = new Uint8Array(2048);
    for (let at = 0; at + 7 <= aac.length; at += 256) aac.set([0xff, 0xf1, 0x50, 0x80, 0x20, 0x1f, 0xfc], at);
    const sent = await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: aac, name: "answer.aac", type: "audio/aac" }));
    expect(sent.status).toBe(302);
    const failed = await latestTranscription(x.sessionId);
    expect(failed).toMatchObject({ status: "failed", errorCode: "audio_unsupported" });
    expect(app.fake.transcriptionRequests().at(-1)!.form!.file).toMatchObject({ name: "answer.aac" });
    const html = await (await x.client.get(`/interviews/${x.sessionId}`)).text();
    expect(visibleText(html)).toContain(
      "Your AI provider couldn't read this recording. Record it again, or upload it as MP3, WAV, M4A or WebM.",
    );
    expect(html).toContain('data-testid="operation-failed-transcribe_answer"');
    expect(visibleText(html)).toContain("Retry");
    expect(await app.db.sessionMessage.count({ where: { sessionId: x.sessionId, kind: "answer" } })).toBe(0);
  });

  it("a recording without words fails with 'record again'", async () => {
    const x = await interviewWithQuestion();
    app.fake.transcribe("   ");
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(1), name: "a.wav" }));
    expect(await latestTranscription(x.sessionId)).toMatchObject({ status: "failed", errorCode: "no_speech" });
  });
});

describe("privacy: recordings are kept only when the user asks", () => {
  async function keepRecordings(x: Interview, keep: boolean) {
    const res = await x.client.post("/settings", {
      intent: "voice",
      transcriptionModel: "gpt-4o-mini-transcribe",
      readAloud: "off",
      maxRecordingSeconds: "300",
      ...(keep ? { keepRecordings: "on" } : {}),
    });
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain("Voice settings saved.");
  }

  async function transcribed(x: Interview, seconds = 2) {
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(seconds), name: "a.wav" }));
    const op = await latestTranscription(x.sessionId);
    expect(op.status).toBe("completed");
    return app.db.audioClip.findFirstOrThrow({ where: { sessionId: x.sessionId }, orderBy: { createdAt: "desc" } });
  }

  it("kept: listed in Settings, playable by its owner only, deletable", async () => {
    const x = await interviewWithQuestion();
    await keepRecordings(x, true);
    const clip = await transcribed(x);
    expect(clip.kept).toBe(true);
    expect(clip.bytes).not.toBeNull();

    const settings = await (await x.client.get("/settings")).text();
    expect(settings).toContain(`/recordings/${clip.id}/audio`);
    const audio = await x.client.get(`/recordings/${clip.id}/audio`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/wav");
    expect(audio.headers.get("cache-control")).toBe("private, no-store");
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(new Uint8Array(clip.bytes!));

    const stranger = await readyUser(app);
    expect((await stranger.client.get(`/recordings/${clip.id}/audio`)).status).toBe(404);
    expect((await stranger.client.post("/settings", { intent: "delete-recording", recordingId: clip.id })).status).toBe(404);

    const deleted = await x.client.post("/settings", { intent: "delete-recording", recordingId: clip.id });
    expect(deleted.status).toBe(200);
    expect(visibleText(await deleted.text())).toContain("Recording deleted.");
    expect((await app.db.audioClip.findUniqueOrThrow({ where: { id: clip.id } })).bytes).toBeNull();
    expect((await x.client.get(`/recordings/${clip.id}/audio`)).status).toBe(404);
  });

  it("turning 'keep recordings' off deletes the audio already kept", async () => {
    const x = await interviewWithQuestion();
    await keepRecordings(x, true);
    const clip = await transcribed(x);
    await keepRecordings(x, false);
    expect(await app.db.audioClip.findUniqueOrThrow({ where: { id: clip.id } })).toMatchObject({ bytes: null, kept: false });
  });

  it("recordings go with their interview and with the account", async () => {
    const x = await interviewWithQuestion();
    await keepRecordings(x, true);
    await transcribed(x);
    const deleted = await x.client.post(`/interviews/${x.sessionId}/delete`, {});
    expect(deleted.status).toBe(302);
    expect(await app.db.audioClip.count({ where: { sessionId: x.sessionId } })).toBe(0);

    const y = await interviewWithQuestion();
    expect(visibleText(await (await y.client.get("/settings")).text()), "none kept: not mentioned").not.toMatch(/kept recording/);
    await keepRecordings(y, true);
    await transcribed(y);
    await transcribed(y);
    // The account deletion form says what goes with the account.
    expect(visibleText(await (await y.client.get("/settings")).text())).toContain(
      "Deletes your account, key, résumé, job postings, interviews and feedback, and 2 kept recordings for good.",
    );
    await app.db.user.delete({ where: { id: y.userId } }); // what deleteAccount does, after the password check
    expect(await app.db.audioClip.count({ where: { userId: y.userId } })).toBe(0);
  });

  it("the audio of an unkept recording left untranscribed is deleted by the housekeeping a day later", async () => {
    const x = await interviewWithQuestion();
    app.fake.script("401");
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(1), name: "a.wav" }));
    expect((await latestTranscription(x.sessionId)).status).toBe("failed");
    const clip = await app.db.audioClip.findFirstOrThrow({ where: { sessionId: x.sessionId } });
    await pruneExpiredRecords();
    expect((await app.db.audioClip.findUniqueOrThrow({ where: { id: clip.id } })).bytes, "a fresh one waits for Retry").not.toBeNull();
    await app.db.audioClip.update({ where: { id: clip.id }, data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) } });
    await pruneExpiredRecords();
    expect((await app.db.audioClip.findUniqueOrThrow({ where: { id: clip.id } })).bytes).toBeNull();
  });

  it("a failed transcription keeps its audio for Retry until the answer is submitted", async () => {
    const x = await interviewWithQuestion();
    app.fake.script("401");
    await x.client.post(`/interviews/${x.sessionId}`, audioForm(x, { bytes: speechLikeWav(1), name: "a.wav" }));
    expect((await latestTranscription(x.sessionId)).status).toBe("failed");
    await x.client.post(`/interviews/${x.sessionId}`, { intent: "answer", questionId: x.questionId, answer: "Typed after all." });
    expect((await app.db.audioClip.findFirstOrThrow({ where: { sessionId: x.sessionId } })).bytes).toBeNull();
  });
});
