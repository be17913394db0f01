import { APIConnectionTimeoutError, APIError, BadRequestError, NotFoundError, toFile, UnprocessableEntityError, type OpenAI } from "openai";
import { env } from "#app/utils/env.server.ts";
import { z } from "zod";
import {
  DEFAULT_SPEECH_MODEL_NAME,
  DEFAULT_SPEECH_VOICE_NAME,
  DEFAULT_TRANSCRIPTION_MODEL_NAME,
  SPEECH_VOICE_NAMES,
} from "#app/domain/voice.ts";
import { cleanText } from "#app/utils/clean-text.ts";
import { AUDIO_MAX_DURATION_SECONDS } from "#app/domain/audio-file.ts";
import { AiError, classifyAiError, createAiClient, type AiSettings } from "./client.server.ts";
import { transcriptionUsage, type Usage } from "./usage.ts";

/**
 * Voice through the user's own provider: speech to text for spoken answers
 * (OpenAI-compatible `audio/transcriptions`) and text to speech for questions
 * read aloud (`audio/speech`). The same client as every other AI call
 * (createAiClient: the user's key and base URL, the SSRF guard on a URL they
 * chose, the SDK's retries); failures become AiErrors a person can act on.
 *
 * Response format: word timestamps and the duration come only with
 * `verbose_json`, which whisper-1 and the Whisper servers (faster-whisper /
 * speaches, LocalAI, vLLM) return but OpenAI's gpt-4o(-mini)-transcribe
 * refuse with a 400 ("response_format 'verbose_json' is not compatible…").
 * So: models of that family are asked for `json` straight away; any other
 * model is asked for `verbose_json` with word timestamps, and a 400/422
 * about the format is retried once with `json`. A transcript without words
 * leaves pauses unknown in the delivery feedback; without a duration, pace is
 * unknown unless the caller knows the length another way.
 */

export const DEFAULT_TRANSCRIPTION_MODEL = DEFAULT_TRANSCRIPTION_MODEL_NAME;
export const DEFAULT_SPEECH_MODEL = DEFAULT_SPEECH_MODEL_NAME;
export const DEFAULT_SPEECH_VOICE = DEFAULT_SPEECH_VOICE_NAME;
export const SPEECH_VOICES = SPEECH_VOICE_NAMES;
/** OpenAI's limit for one speech request. A question is far shorter. */
export const SPEECH_MAX_CHARACTERS = 4096;
/**
 * The most audio we keep for one question. SPEECH_MAX_CHARACTERS (some 680
 * words) read at a calm 130 words a minute last about 5¼ minutes: 13 MB as MP3
 * at its top bitrate (320 kbit/s), 15 MB as the 24 kHz 16-bit WAV a local server
 * might send instead. A real question (one to three sentences) is a few hundred
 * kilobytes.
 */
export const SPEECH_MAX_BYTES = 16 * 1024 * 1024;
/**
 * Per call: AI_TRANSCRIPTION_TIMEOUT_MS, 60 s by default. Five minutes of audio
 * take OpenAI seconds, but a local Whisper on a CPU can take a minute; the
 * worker's job expiry for transcription (5 minutes) must allow this times the
 * SDK's attempts (at most 2 for a transcription).
 */
const transcriptionTimeoutMs = () => env().AI_TRANSCRIPTION_TIMEOUT_MS;

/** OpenAI's transcribe models take json/text only (gpt-4o-transcribe, gpt-4o-mini-transcribe and dated variants, gpt-transcribe). */
export function transcriptionModelTakesVerboseJson(model: string) {
  return !/^gpt-.*transcribe/i.test(model);
}

export type TranscribedWord = { word: string; start: number; end: number };
export type Transcript = {
  text: string;
  /** From the provider (verbose_json's duration, or a duration-billed usage); null when it gave none. */
  durationSeconds: number | null;
  /** Word timestamps, in time order; null when the model gives none. */
  words: TranscribedWord[] | null;
  model: string;
  /** What the call is charged as (see transcriptionUsage): the provider's tokens or seconds, else ours, else the ceiling. */
  usage: Usage;
};

export const NO_SPEECH_MESSAGE = "We couldn't hear any words in that recording. Check your microphone and record again.";

type CallOptions = { timeoutMs?: number; maxRetries?: number };

const finite = z.number().refine(Number.isFinite);
const TranscriptionReply = z.object({
  text: z.string(),
  duration: finite.nonnegative().optional().catch(undefined),
  words: z
    .array(z.object({ word: z.string(), start: finite, end: finite }))
    .optional()
    .catch(undefined),
  usage: z
    .object({
      type: z.string(),
      seconds: finite.nonnegative().optional().catch(undefined),
      input_tokens: finite.nonnegative().optional().catch(undefined),
      output_tokens: finite.nonnegative().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

const INVALID_OUTPUT = new AiError("invalid_output", "Your AI provider returned a transcript we couldn't read. Try again.");

/** True when a 400/422 is the provider refusing the response format or timestamps (not the file or the model). */
function refusedFormat(error: unknown) {
  if (!(error instanceof BadRequestError || error instanceof UnprocessableEntityError)) return false;
  const body = error.error as { param?: unknown; message?: unknown } | undefined;
  const text = `${String(body?.param ?? "")} ${String(body?.message ?? error.message)}`;
  return /response_format|verbose_json|timestamp/i.test(text);
}

/** Translates a failed audio call into an AiError: the model and the audio get their own codes; the rest is classifyAiError's. */
export function classifyAudioError(error: unknown, what: { model: string; task: "transcription" | "speech" }): AiError {
  if (error instanceof AiError) return error;
  const modelMessage =
    what.task === "transcription"
      ? `Your AI endpoint doesn't transcribe with the model “${what.model}”. Choose another transcription model in Settings (with OpenAI: gpt-4o-mini-transcribe or whisper-1), or an endpoint that offers speech to text.`
      : `Your AI endpoint doesn't read text aloud with the model “${what.model}”. Choose another speech model in Settings, or use your browser's voice instead.`;
  if (error instanceof NotFoundError) return new AiError("unsupported_model", modelMessage);
  // A long recording on a slow (local) Whisper can outlast the timeout: say so, rather than "didn't respond".
  if (error instanceof APIConnectionTimeoutError && what.task === "transcription") {
    return new AiError(
      "ai_unavailable",
      "Your AI provider took too long to transcribe this recording. Try again, or record a shorter answer.",
    );
  }
  if (error instanceof APIError && (error.status === 400 || error.status === 413 || error.status === 415 || error.status === 422)) {
    const body = error.error as { param?: unknown; message?: unknown } | undefined;
    const param = String(body?.param ?? "");
    const message = String(body?.message ?? error.message);
    if (param === "voice" || (what.task === "speech" && /voice/i.test(message))) {
      return new AiError("unsupported_model", "Your AI endpoint doesn't offer the chosen voice. Choose another voice in Settings.");
    }
    if (what.task === "transcription") {
      if (/too short/i.test(message)) {
        return new AiError(
          "audio_unsupported",
          "That recording is too short for your AI provider to transcribe. Record your answer again.",
        );
      }
      if (error.status === 413 || /too large|maximum content size|file size/i.test(message)) {
        return new AiError("audio_unsupported", "That recording is larger than your AI provider accepts. Record a shorter answer.");
      }
      // "Invalid file format…", "Audio file might be corrupted or unsupported", "This model does not support the format you provided."
      if (
        error.status === 415 ||
        param === "file" ||
        (param !== "model" && /audio|file|format you provided|decode|corrupt/i.test(message))
      ) {
        return new AiError(
          "audio_unsupported",
          "Your AI provider couldn't read this recording. Record it again, or upload it as MP3, WAV, M4A or WebM.",
        );
      }
    }
    // "invalid model ID", "The model `x` does not exist…"
    if (param === "model" || /\bmodel\b/i.test(message)) return new AiError("unsupported_model", modelMessage);
  }
  return classifyAiError(error, { model: what.model });
}

function wordsInOrder(words: TranscribedWord[] | undefined): TranscribedWord[] | null {
  if (!words) return null;
  return words
    .filter((w) => w.end >= w.start && w.start >= 0)
    .map((w) => ({ word: cleanText(w.word).trim(), start: w.start, end: w.end }))
    .filter((w) => w.word)
    .sort((a, b) => a.start - b.start);
}

/**
 * The transcript of one recording, by the user's provider. `fileName` must carry
 * the format's extension (checkAudioFile's `fileName`): OpenAI reads the format
 * from it. `measuredSeconds`: the recording's length as the server measured it
 * from the file (never the client's claim), for the usage when the provider
 * reports none. Throws an AiError.
 */
export async function transcribeAudio(
  settings: AiSettings,
  input: { audio: Uint8Array; fileName: string; mimeType: string; model: string; language?: string; measuredSeconds?: number | null },
  options: CallOptions = {},
): Promise<Transcript> {
  const client = createAiClient(settings, { timeoutMs: options.timeoutMs ?? transcriptionTimeoutMs(), maxRetries: options.maxRetries });
  const file = await toFile(input.audio, input.fileName, { type: input.mimeType });
  const request = (verbose: boolean) =>
    client.audio.transcriptions.create({
      file,
      model: input.model,
      ...(input.language ? { language: input.language } : {}),
      ...(verbose
        ? { response_format: "verbose_json" as const, timestamp_granularities: ["word" as const] }
        : { response_format: "json" as const }),
    });

  let reply: unknown;
  try {
    const verbose = transcriptionModelTakesVerboseJson(input.model);
    try {
      reply = await request(verbose);
    } catch (error) {
      if (!verbose || !refusedFormat(error)) throw error;
      reply = await request(false);
    }
  } catch (error) {
    if (error instanceof SyntaxError) throw INVALID_OUTPUT; // a body that claims to be JSON and isn't
    throw classifyAudioError(error, { model: input.model, task: "transcription" });
  }

  // Some local servers answer plain text whatever was asked.
  const parsed = TranscriptionReply.safeParse(typeof reply === "string" ? { text: reply } : reply);
  if (!parsed.success) throw INVALID_OUTPUT;
  const { text, duration, words, usage } = parsed.data;
  const durationSeconds = duration ?? (usage?.type === "duration" && usage.seconds !== undefined ? usage.seconds : null);
  // A reply with neither tokens nor a length (plain text, or json without usage) for a recording the server
  // could not measure is charged as the longest recording allowed: the budget must count it, and a length
  // the client claimed (0, or none) can't be trusted for cost.
  const charged = transcriptionUsage(parsed.data, input.model, input.measuredSeconds ?? null, AUDIO_MAX_DURATION_SECONDS);
  // Provider output is untrusted text like any user input: cleaned before anything stores or shows it.
  return { text: cleanText(text).trim(), durationSeconds, words: wordsInOrder(words), model: input.model, usage: charged };
}

export type SynthesizedSpeech = { audio: Uint8Array; contentType: string; model: string; voice: string };

/**
 * A question read aloud by the user's provider (`audio/speech`), as MP3 —
 * the one format every browser plays. Throws an AiError.
 */
export async function synthesizeSpeech(
  settings: AiSettings,
  input: { text: string; voice: string; model: string; instructions?: string },
  options: CallOptions = {},
): Promise<SynthesizedSpeech> {
  const text = input.text.trim();
  if (!text) throw new AiError("invalid_request", "There is no text to read aloud.");
  if (text.length > SPEECH_MAX_CHARACTERS) {
    throw new AiError("invalid_request", `That text is too long to read aloud (more than ${SPEECH_MAX_CHARACTERS} characters).`);
  }
  const client: OpenAI = createAiClient(settings, options);
  let response: Response;
  let audio: Uint8Array;
  try {
    response = await client.audio.speech.create({
      model: input.model,
      voice: input.voice,
      input: text,
      response_format: "mp3",
      // tts-1 and tts-1-hd take no instructions.
      ...(input.instructions && !/^tts-1/.test(input.model) ? { instructions: input.instructions } : {}),
    });
    audio = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw classifyAudioError(error, { model: input.model, task: "speech" });
  }
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!contentType.startsWith("audio/") || audio.byteLength === 0) {
    throw new AiError("invalid_output", "Your AI provider didn't return audio for the question. Try again, or use your browser's voice.");
  }
  return { audio, contentType, model: input.model, voice: input.voice };
}
