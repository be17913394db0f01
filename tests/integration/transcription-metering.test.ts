import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AUDIO_MAX_DURATION_SECONDS } from "../../app/domain/audio-file.ts";
import { estimateCost } from "../../app/costs/prices.ts";
import { silentMp3 } from "../fakes/openai-audio.ts";
import { speechLikeWav } from "../fixtures/make-wav.ts";
import { interviewWithQuestion, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * What a transcription with the default model (gpt-4o-mini-transcribe, asked for plain JSON: no duration
 * in the reply) is recorded as costing. The recorder's length is only a hint the client sends — 0, or
 * nothing — so the cost comes from the provider's tokens, else from a length the server measured, else
 * from the longest recording allowed: never $0 and never "unknown" (which the budget does not count).
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

type Interview = Awaited<ReturnType<typeof interviewWithQuestion>>;

/** Send a recording as the page's no-JS form does, with the recorder's length hint as given, and wait for its transcription. */
async function transcribe(x: Interview, file: { bytes: Uint8Array; name: string; type: string }, hint: Record<string, string>) {
  const before = await app.db.operation.count({ where: { sessionId: x.sessionId, kind: "transcribe_answer" } });
  const form = new FormData();
  form.set("intent", "transcribe");
  form.set("questionId", x.question.id);
  for (const [k, v] of Object.entries(hint)) form.set(k, v);
  form.set("audio", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  expect((await x.client.post(`/interviews/${x.sessionId}`, form)).status).toBe(302);
  const ops = await waitFor(async () => {
    const found = await app.db.operation.findMany({
      where: { sessionId: x.sessionId, kind: "transcribe_answer" },
      orderBy: { createdAt: "asc" },
    });
    return found.length > before ? found : null;
  }, "the transcription operation");
  const op = await waitForOperation(app, ops.at(-1)!.id);
  expect(op.status).toBe("completed");
  return app.db.aiUsage.findFirstOrThrow({ where: { operationId: op.id } });
}

const mp3 = { bytes: silentMp3(4), name: "answer.mp3", type: "audio/mpeg" }; // a length the server does not read
const claims: Array<Record<string, string>> = [{ recordedSeconds: "0" }, {}]; // the recorder said 0 seconds; it said nothing

describe("a transcription with the default model", () => {
  it("is metered from the provider's tokens, whatever length the request claims", async () => {
    const x = await interviewWithQuestion(app);
    for (const claim of claims) {
      const row = await transcribe(x, mp3, claim);
      expect(row, JSON.stringify(claim)).toMatchObject({ model: "gpt-4o-mini-transcribe", cachedInputTokens: 0, audioSeconds: null });
      expect(row.inputTokens).toBeGreaterThan(0);
      expect(row.outputTokens).toBeGreaterThan(0);
      // gpt-4o-mini-transcribe's token prices: $3 / 1M audio input tokens, $5 / 1M output tokens.
      expect(estimateCost(row, row.model).micros).toBe(row.inputTokens! * 3 + row.outputTokens! * 5);
    }
  });

  it("without usage in the reply, is charged as the longest recording allowed, or as a WAV's own length — not the claim", async () => {
    const x = await interviewWithQuestion(app);
    app.fake.reportUsage = false;
    for (const claim of claims) {
      const row = await transcribe(x, mp3, claim);
      expect(row, JSON.stringify(claim)).toMatchObject({ inputTokens: null, outputTokens: null, audioSeconds: AUDIO_MAX_DURATION_SECONDS });
      expect(estimateCost(row, row.model).micros).toBe(30_000); // ten minutes at $0.003 a minute: an upper bound, never $0
    }
    const wav = await transcribe(x, { bytes: speechLikeWav(3), name: "answer.wav", type: "audio/wav" }, { recordedSeconds: "0" });
    expect(wav).toMatchObject({ inputTokens: null, outputTokens: null });
    expect(wav.audioSeconds).toBeCloseTo(3, 1);
  });
});
