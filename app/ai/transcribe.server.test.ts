import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AUDIO_MAX_DURATION_SECONDS, identifyAudio } from "#app/domain/audio-file.ts";
import { FakeOpenAI, type RecordedRequest } from "#tests/fakes/openai-server.ts";
import { SAMPLE_TRANSCRIPTS } from "#tests/fakes/openai-audio.ts";
import { speechLikeWav, silenceWav } from "#tests/fixtures/make-wav.ts";
import { AiError, type AiSettings } from "./client.server.ts";
import { synthesizeSpeech, transcribeAudio, transcriptionModelTakesVerboseJson } from "./transcribe.server.ts";

// The real openai SDK, through createAiClient, against the fake provider on 127.0.0.1.
const fake = new FakeOpenAI();
let settings: AiSettings;
const fast = { timeoutMs: 5_000, maxRetries: 0 };

beforeAll(async () => {
  const url = await fake.start();
  settings = { apiKey: "sk-test-voice", model: "gpt-4o-mini", baseUrl: url, userChosenBaseUrl: false };
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const wav = speechLikeWav(3);
const recording = (model: string, extra: Partial<Parameters<typeof transcribeAudio>[1]> = {}) => ({
  audio: wav,
  fileName: "answer.wav",
  mimeType: "audio/wav",
  model,
  ...extra,
});
const fields = (r: RecordedRequest | undefined) => r?.form?.fields;

async function failure(run: Promise<unknown>) {
  try {
    await run;
  } catch (error) {
    if (error instanceof AiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an AiError");
}

describe("transcribing a recording", () => {
  it("asks whisper-1 for verbose JSON with word timestamps, and returns the words, the duration and the uploaded file's transcript", async () => {
    const transcript = await transcribeAudio(settings, recording("whisper-1", { language: "en" }), fast);
    expect(transcript.text).toBe(SAMPLE_TRANSCRIPTS[0]);
    expect(transcript.model).toBe("whisper-1");
    expect(transcript.durationSeconds).toBe(3); // the WAV's own length, as the provider measured it
    expect(transcript.words).toHaveLength(SAMPLE_TRANSCRIPTS[0]!.split(" ").length);
    expect(transcript.words![0]).toMatchObject({ word: "Um" });
    expect(transcript.words!.every((w, i, all) => w.start <= w.end && (i === 0 || all[i - 1]!.start <= w.start))).toBe(true);

    const [request] = fake.transcriptionRequests();
    expect(request?.apiKey).toBe("sk-test-voice");
    expect(fields(request)).toEqual({
      model: "whisper-1",
      response_format: "verbose_json",
      "timestamp_granularities[]": "word",
      language: "en",
    });
    expect(request?.form?.file).toEqual({
      field: "file",
      name: "answer.wav",
      type: "audio/wav",
      size: wav.byteLength,
      sha256: createHash("sha256").update(wav).digest("hex"),
    });
  });

  it("asks gpt-4o-mini-transcribe for plain JSON at once (it refuses verbose JSON): text, no words, no duration", async () => {
    const transcript = await transcribeAudio(settings, recording("gpt-4o-mini-transcribe"), fast);
    expect(transcript).toMatchObject({ text: SAMPLE_TRANSCRIPTS[0], durationSeconds: null, words: null, model: "gpt-4o-mini-transcribe" });
    // Charged by the tokens the reply reports (the fake: 10 audio tokens a second, a token per 4 characters).
    expect(transcript.usage).toEqual({
      model: "gpt-4o-mini-transcribe",
      inputTokens: 30,
      cachedInputTokens: 0,
      outputTokens: Math.ceil(SAMPLE_TRANSCRIPTS[0]!.length / 4),
      audioSeconds: null,
      speechCharacters: 0,
      calls: 1,
    });
    expect(fake.transcriptionRequests().map((r) => fields(r)?.response_format)).toEqual(["json"]);
    expect(transcriptionModelTakesVerboseJson("gpt-4o-transcribe")).toBe(false);
    expect(transcriptionModelTakesVerboseJson("gpt-4o-mini-transcribe-2025-12-15")).toBe(false);
    expect(transcriptionModelTakesVerboseJson("Systran/faster-whisper-small")).toBe(true);
  });

  it("charges a reply without tokens or a length as the file's measured length, else as the longest recording allowed", async () => {
    fake.reportUsage = false; // a provider that sends plain JSON without usage
    const unmeasured = await transcribeAudio(settings, recording("gpt-4o-mini-transcribe"), fast);
    expect(unmeasured.usage).toMatchObject({ inputTokens: null, outputTokens: null, audioSeconds: AUDIO_MAX_DURATION_SECONDS });
    const measured = await transcribeAudio(settings, recording("gpt-4o-mini-transcribe", { measuredSeconds: 3 }), fast);
    expect(measured.usage).toMatchObject({ inputTokens: null, audioSeconds: 3 });
  });

  it("falls back to plain JSON when another model refuses the verbose format, keeping a duration the usage reports", async () => {
    const transcript = await transcribeAudio(settings, recording("whisper-json-only"), fast);
    expect(transcript).toMatchObject({ text: SAMPLE_TRANSCRIPTS[0], durationSeconds: 3, words: null });
    expect(fake.transcriptionRequests().map((r) => fields(r)?.response_format)).toEqual(["verbose_json", "json"]);
  });

  it("returns a scripted transcript exactly, cleaned of control characters, with the words in time order", async () => {
    fake.transcribe({
      text: "  So\u0000 I would shard by tenant.  ",
      durationSeconds: 4.2,
      words: [
        { word: "tenant", start: 3.1, end: 3.6 },
        { word: "So", start: 0.2, end: 0.4 },
        { word: "", start: 0.5, end: 0.6 },
        { word: "backwards", start: 2, end: 1 },
      ],
    });
    const transcript = await transcribeAudio(settings, recording("Systran/faster-whisper-small"), fast);
    expect(transcript).toEqual({
      text: "So I would shard by tenant.",
      durationSeconds: 4.2,
      words: [
        { word: "So", start: 0.2, end: 0.4 },
        { word: "tenant", start: 3.1, end: 3.6 },
      ],
      model: "Systran/faster-whisper-small",
      usage: expect.objectContaining({ audioSeconds: 5 }), // the usage's whole seconds (the fake rounds up)
    });
  });

  it("returns transcripts scripted over HTTP, as e2e specs drive the fake from another process", async () => {
    const control = new URL("/__control/transcripts", fake.url).href;
    const response = await fetch(control, {
      method: "POST",
      body: JSON.stringify({ transcripts: [{ text: "First.", durationSeconds: 2 }, { text: "Second." }] }),
    });
    expect(response.status).toBe(200);
    const first = await transcribeAudio(settings, recording("whisper-1"), fast);
    const second = await transcribeAudio(settings, recording("whisper-1"), fast);
    const third = await transcribeAudio(settings, recording("whisper-1"), fast);
    expect([first.text, first.durationSeconds, second.text, second.durationSeconds]).toEqual(["First.", 2, "Second.", 3]);
    expect(third.text).toBe(SAMPLE_TRANSCRIPTS[2]); // then the samples, by request count
  });

  it("lets the SDK retry a 500 with the same upload", async () => {
    fake.script("500");
    const transcript = await transcribeAudio(settings, recording("whisper-1"), { timeoutMs: 5_000, maxRetries: 1 });
    expect(transcript.text).toBe(SAMPLE_TRANSCRIPTS[0]);
    const files = fake.transcriptionRequests().map((r) => r.form?.file?.sha256);
    expect(files).toHaveLength(2);
    expect(files[0]).toBe(files[1]);
    expect(fake.transcriptionRequests()[1]?.form?.file?.size).toBe(wav.byteLength);
  });
});

describe("transcription failures, in words a person can act on", () => {
  it("classifies key, quota, rate-limit, outage and timeout failures like every AI call", async () => {
    expect(await failure(transcribeAudio({ ...settings, apiKey: "sk-bad" }, recording("whisper-1"), fast))).toMatchObject({
      code: "api_key_rejected",
    });
    expect(await failure(transcribeAudio({ ...settings, apiKey: "sk-quota" }, recording("whisper-1"), fast))).toMatchObject({
      code: "quota_exhausted",
    });
    fake.script("429");
    expect(await failure(transcribeAudio(settings, recording("whisper-1"), fast))).toMatchObject({ code: "rate_limited" });
    expect(await failure(transcribeAudio({ ...settings, apiKey: "sk-down" }, recording("whisper-1"), fast))).toMatchObject({
      code: "ai_unavailable",
    });
    expect(
      await failure(transcribeAudio({ ...settings, apiKey: "sk-slow" }, recording("whisper-1"), { timeoutMs: 300, maxRetries: 0 })),
    ).toMatchObject({
      code: "ai_unavailable",
      message: "Your AI provider took too long to transcribe this recording. Try again, or record a shorter answer.",
    });
  });

  it("names an unknown transcription model (OpenAI's 400) or a missing one (404) as unsupported_model", async () => {
    expect(await failure(transcribeAudio(settings, recording("gpt-4o-mini"), fast))).toEqual({
      code: "unsupported_model",
      message:
        "Your AI endpoint doesn't transcribe with the model “gpt-4o-mini”. Choose another transcription model in Settings (with OpenAI: gpt-4o-mini-transcribe or whisper-1), or an endpoint that offers speech to text.",
    });
    expect(fake.transcriptionRequests()).toHaveLength(1); // not retried as a format problem
    fake.script("404");
    expect(await failure(transcribeAudio(settings, recording("whisper-1"), fast))).toMatchObject({ code: "unsupported_model" });
  });

  it("says when the provider can't read the audio: not audio, a format it doesn't take, too short", async () => {
    const notAudio = new TextEncoder().encode("this is a text file, not a recording");
    expect(await failure(transcribeAudio(settings, recording("whisper-1", { audio: notAudio }), fast))).toEqual({
      code: "audio_unsupported",
      message: "Your AI provider couldn't read this recording. Record it again, or upload it as MP3, WAV, M4A or WebM.",
    });
    expect(fake.transcriptionRequests()).toHaveLength(1);
    expect(await failure(transcribeAudio(settings, recording("gpt-4o-mini-transcribe", { fileName: "answer.aac" }), fast))).toMatchObject({
      code: "audio_unsupported",
    });
    expect(await failure(transcribeAudio(settings, recording("whisper-1", { audio: silenceWav(0.05) }), fast))).toEqual({
      code: "audio_unsupported",
      message: "That recording is too short for your AI provider to transcribe. Record your answer again.",
    });
  });

  it("refuses a reply that is not a transcript", async () => {
    fake.script("invalid");
    expect(await failure(transcribeAudio(settings, recording("whisper-1"), fast))).toMatchObject({ code: "invalid_output" });
    fake.script("garbage");
    expect(await failure(transcribeAudio(settings, recording("whisper-1"), fast))).toMatchObject({ code: "invalid_output" });
  });

  it("goes through the SSRF guard for a base URL the user chose", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://unused@127.0.0.1:1/unused");
    vi.stubEnv("SESSION_SECRET", "x".repeat(32));
    vi.stubEnv("ENCRYPTION_KEY", Buffer.alloc(32, 7).toString("base64"));
    vi.stubEnv("AI_ALLOW_PRIVATE_BASE_URLS", "false");
    try {
      expect(await failure(transcribeAudio({ ...settings, userChosenBaseUrl: true }, recording("whisper-1"), fast))).toMatchObject({
        code: "base_url_blocked",
      });
      expect(fake.transcriptionRequests()).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("reading a question aloud through the provider", () => {
  it("returns MP3 bytes and their content type", async () => {
    const speech = await synthesizeSpeech(
      settings,
      {
        text: " Tell me about a time you disagreed with a teammate. ",
        voice: "coral",
        model: "gpt-4o-mini-tts",
        instructions: "Speak calmly.",
      },
      fast,
    );
    expect(speech.contentType).toBe("audio/mpeg");
    expect(identifyAudio(speech.audio)).toEqual({ kind: "audio", format: "mp3" });
    expect(fake.speechRequests()[0]?.body).toEqual({
      model: "gpt-4o-mini-tts",
      voice: "coral",
      input: "Tell me about a time you disagreed with a teammate.",
      response_format: "mp3",
      instructions: "Speak calmly.",
    });
  });

  it("sends no instructions to tts-1, which takes none", async () => {
    await synthesizeSpeech(settings, { text: "Hello.", voice: "alloy", model: "tts-1", instructions: "Speak calmly." }, fast);
    expect(fake.speechRequests()[0]?.body).not.toHaveProperty("instructions");
  });

  it("names an unknown speech model or voice, and refuses text too long to read before calling", async () => {
    expect(await failure(synthesizeSpeech(settings, { text: "Hi.", voice: "alloy", model: "gpt-4o-mini" }, fast))).toMatchObject({
      code: "unsupported_model",
      message: expect.stringContaining("doesn't read text aloud with the model “gpt-4o-mini”"),
    });
    expect(await failure(synthesizeSpeech(settings, { text: "Hi.", voice: "robot", model: "tts-1" }, fast))).toEqual({
      code: "unsupported_model",
      message: "Your AI endpoint doesn't offer the chosen voice. Choose another voice in Settings.",
    });
    fake.reset();
    expect(await failure(synthesizeSpeech(settings, { text: "x".repeat(4097), voice: "alloy", model: "tts-1" }, fast))).toMatchObject({
      code: "invalid_request",
    });
    expect(fake.speechRequests()).toHaveLength(0);
    expect(
      await failure(synthesizeSpeech({ ...settings, apiKey: "sk-bad" }, { text: "Hi.", voice: "alloy", model: "tts-1" }, fast)),
    ).toMatchObject({
      code: "api_key_rejected",
    });
  });
});
