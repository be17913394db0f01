/**
 * The audio half of the fake OpenAI server (tests/fakes/openai-server.ts):
 *
 *   POST /v1/audio/transcriptions  multipart (file, model, response_format json|text|verbose_json,
 *                                  timestamp_granularities[], language) → a deterministic transcript
 *   POST /v1/audio/speech          JSON (model, input, voice, response_format mp3|wav|pcm) → audio bytes
 *
 * It answers like OpenAI where tests depend on it: gpt-4o(-mini)-transcribe refuse
 * verbose_json with OpenAI's 400, whisper-1 and the local Whisper servers' model names
 * return word timestamps and the duration; an unknown model, a file name whose extension
 * OpenAI does not read, or bytes that are not audio get OpenAI's 400s. The transcript does
 * not depend on what the audio says: it is the next scripted one (`fake.transcribe(…)`, or
 * POST /__control/transcripts), else a sample answer chosen by request count. Its duration is
 * the scripted one, else the WAV header's, else the text read at 150 words a minute.
 */
import { createHash } from "node:crypto";
import { identifyAudio, wavDurationSeconds } from "#app/domain/audio-file.ts";
import { silenceWav } from "#tests/fixtures/make-wav.ts";

export type FakeTimedWord = { word: string; start: number; end: number };
/** What the next transcription returns; unset parts are derived (see above). */
export type ScriptedTranscript = { text: string; durationSeconds?: number; words?: FakeTimedWord[] };

export type RecordedForm = {
  fields: Record<string, string | string[]>;
  file: { field: string; name: string; type: string; size: number; sha256: string } | null;
};

/** Transcription models the fake knows, and whether each returns verbose_json (segments, words, duration). */
export const FAKE_TRANSCRIPTION_MODELS: Record<string, { verbose: boolean; usage: "duration" | "tokens" }> = {
  "whisper-1": { verbose: true, usage: "duration" },
  "gpt-4o-transcribe": { verbose: false, usage: "tokens" },
  "gpt-4o-mini-transcribe": { verbose: false, usage: "tokens" },
  "gpt-4o-mini-transcribe-2025-12-15": { verbose: false, usage: "tokens" },
  // What faster-whisper-server/speaches, LocalAI and vLLM users type.
  "Systran/faster-whisper-small": { verbose: true, usage: "duration" },
  "whisper-large-v3": { verbose: true, usage: "duration" },
  // A server that, like some vLLM versions, takes json and text only although it runs Whisper.
  "whisper-json-only": { verbose: false, usage: "duration" },
};
export const FAKE_SPEECH_MODELS = ["tts-1", "tts-1-hd", "gpt-4o-mini-tts"];
export const FAKE_SPEECH_VOICES = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"];
/** OpenAI decides the format by the file name's extension, then decodes. */
const OPENAI_AUDIO_EXTENSIONS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

/** Spoken answers with the usual habits in them, so delivery feedback has something to say in demos and e2e runs. */
export const SAMPLE_TRANSCRIPTS = [
  "Um, in my last role I led the migration of our billing service to PostgreSQL. I think the hardest part was, like, keeping both databases in sync during the cutover. We wrote a change data capture job and compared totals every hour, so we basically caught every mismatch before customers did.",
  "So the way I would approach it is to measure first. You know, most latency problems come from a few slow queries. I'd add tracing, find the worst endpoint, and fix that before touching anything else.",
  "Honestly, uh, I'd probably start by asking the stakeholder what they really need next week, and then offer a smaller version we can ship safely, with the rest planned for the following month.",
];

export type FakeAudioReply = { status: number; contentType: string; body: string | Uint8Array };

const json = (status: number, value: unknown): FakeAudioReply => ({ status, contentType: "application/json", body: JSON.stringify(value) });
const openAiError = (
  status: number,
  message: string,
  param: string | null = null,
  code: string | null = null,
  type = "invalid_request_error",
) => json(status, { error: { message, type, param, code } });

export async function readRecordedForm(raw: Buffer, contentType: string): Promise<{ form: RecordedForm; bytes: Uint8Array | null } | null> {
  let data: FormData;
  try {
    data = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
  const fields: RecordedForm["fields"] = {};
  let file: RecordedForm["file"] = null;
  let bytes: Uint8Array | null = null;
  for (const [name, value] of data) {
    if (typeof value === "string") {
      const existing = fields[name];
      fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    } else if (!file) {
      bytes = new Uint8Array(await value.arrayBuffer());
      file = {
        field: name,
        name: value.name,
        type: value.type,
        size: value.size,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      };
    }
  }
  return { form: { fields, file }, bytes };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Whisper-style word timings for a text: even words, a longer breath after each sentence, scaled to `duration`. */
export function fakeWordTimings(text: string, durationSeconds: number): FakeTimedWord[] {
  const raw = text.match(/\S+/g) ?? [];
  const words: FakeTimedWord[] = [];
  let cursor = 0.2;
  for (const token of raw) {
    const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (!word) continue;
    words.push({ word, start: cursor, end: cursor + 0.3 });
    cursor += 0.4 + (/[.!?]$/.test(token) ? 0.5 : 0);
  }
  const natural = (words.at(-1)?.end ?? 0) + 0.2;
  const scale = natural > 0 ? durationSeconds / natural : 1;
  return words.map((w) => ({ word: w.word, start: round2(w.start * scale), end: round2(w.end * scale) }));
}

const textDuration = (text: string) => round2(((text.match(/\S+/g)?.length ?? 0) / 150) * 60 + 0.6);

/** The answer to one POST /audio/transcriptions that got past auth and faults. */
export function transcriptionReply(
  parsed: { form: RecordedForm; bytes: Uint8Array | null } | null,
  next: () => ScriptedTranscript,
  fault: "garbage" | "invalid" | null,
): FakeAudioReply {
  if (!parsed) return openAiError(400, "Could not parse multipart form");
  const { form, bytes } = parsed;
  const field = (name: string) => {
    const value = form.fields[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const model = field("model");
  if (!model) return openAiError(400, "you must provide a model parameter", "model");
  if (!form.file || !bytes || form.file.field !== "file") return openAiError(400, "you must provide a file", "file");
  const spec = FAKE_TRANSCRIPTION_MODELS[model];
  if (!spec) return openAiError(400, "invalid model ID");
  const format = field("response_format") ?? "json";
  if (!["json", "text", "verbose_json"].includes(format)) {
    return openAiError(400, `The fake supports response_format json, text and verbose_json, not '${format}'.`, "response_format");
  }
  if (format === "verbose_json" && !spec.verbose) {
    return openAiError(
      400,
      `response_format 'verbose_json' is not compatible with model '${model}-api-ev3'. Use 'json' or 'text' instead.`,
      "response_format",
      "unsupported_value",
    );
  }
  const extension = form.file.name.split(".").pop()?.toLowerCase() ?? "";
  if (!OPENAI_AUDIO_EXTENSIONS.includes(extension)) {
    return openAiError(400, `Invalid file format. Supported formats: ${JSON.stringify(OPENAI_AUDIO_EXTENSIONS)}`);
  }
  if (identifyAudio(bytes).kind !== "audio")
    return openAiError(400, "Audio file might be corrupted or unsupported", "file", "invalid_value");
  const wavSeconds = wavDurationSeconds(bytes);
  if (wavSeconds !== null && wavSeconds < 0.1) {
    return openAiError(400, "Audio file is too short. Minimum audio length is 0.1 seconds.", "file", "audio_too_short");
  }

  if (fault === "garbage") return { status: 200, contentType: "application/json", body: '{"text": "unterminated' };
  if (fault === "invalid") return json(200, { unexpected: true });

  const scripted = next();
  const text = scripted.text;
  const duration = scripted.durationSeconds ?? (wavSeconds !== null ? round2(wavSeconds) : textDuration(text));
  const usage =
    spec.usage === "duration"
      ? { type: "duration", seconds: Math.ceil(duration) }
      : {
          type: "tokens",
          input_tokens: Math.ceil(duration * 10),
          output_tokens: Math.ceil(text.length / 4),
          total_tokens: Math.ceil(duration * 10) + Math.ceil(text.length / 4),
          input_token_details: { text_tokens: 0, audio_tokens: Math.ceil(duration * 10) },
        };
  if (format === "text") return { status: 200, contentType: "text/plain; charset=utf-8", body: `${text}\n` };
  if (format === "json") return json(200, { text, usage });

  const granularities = ([] as string[]).concat(form.fields["timestamp_granularities[]"] ?? []);
  const words = scripted.words ?? fakeWordTimings(text, duration);
  return json(200, {
    task: "transcribe",
    language: field("language") === "en" || !field("language") ? "english" : field("language"),
    duration,
    text,
    ...(granularities.includes("word") ? { words } : {}),
    ...(granularities.length === 0 || granularities.includes("segment")
      ? {
          segments: [
            {
              id: 0,
              seek: 0,
              start: 0,
              end: duration,
              text,
              tokens: [],
              temperature: 0,
              avg_logprob: -0.2,
              compression_ratio: 1.3,
              no_speech_prob: 0.01,
            },
          ],
        }
      : {}),
    usage,
  });
}

/**
 * Silent MPEG-1 Layer III: 128 kbit/s, 44.1 kHz, mono frames of 417 bytes
 * whose side information and main data are all zero, which decoders play as
 * silence (1,152 samples, about 26 ms, per frame).
 */
export function silentMp3(seconds: number): Uint8Array {
  const frameBytes = 417;
  const frames = Math.max(1, Math.ceil((seconds * 44_100) / 1152));
  const out = new Uint8Array(frames * frameBytes);
  for (let i = 0; i < frames; i++) out.set([0xff, 0xfb, 0x90, 0xc0], i * frameBytes);
  return out;
}

/** The answer to one POST /audio/speech that got past auth and faults. */
export function speechReply(body: Record<string, unknown> | null): FakeAudioReply {
  if (!body) return openAiError(400, "We could not parse the JSON body of your request.");
  const { model, input, voice } = body;
  const format = (body.response_format as string | undefined) ?? "mp3";
  if (typeof model !== "string" || !FAKE_SPEECH_MODELS.includes(model)) {
    return openAiError(404, `The model \`${String(model)}\` does not exist or you do not have access to it.`, null, "model_not_found");
  }
  if (typeof voice !== "string" || !FAKE_SPEECH_VOICES.includes(voice)) {
    return openAiError(
      400,
      `Invalid value: '${String(voice)}'. Supported values are: ${FAKE_SPEECH_VOICES.map((v) => `'${v}'`).join(", ")}.`,
      "voice",
      "invalid_value",
    );
  }
  if (typeof input !== "string" || input.length === 0) return openAiError(400, "Input must not be empty.", "input");
  if (input.length > 4096) {
    return openAiError(
      400,
      `Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${input.length} instead.`,
      "input",
      "string_above_max_length",
    );
  }
  const seconds = Math.max(0.5, textDuration(input));
  if (format === "mp3") return { status: 200, contentType: "audio/mpeg", body: silentMp3(seconds) };
  if (format === "wav") return { status: 200, contentType: "audio/wav", body: silenceWav(seconds, { sampleRate: 24_000 }) };
  if (format === "pcm") return { status: 200, contentType: "audio/pcm", body: silenceWav(seconds, { sampleRate: 24_000 }).subarray(44) };
  return openAiError(400, `The fake speaks mp3, wav and pcm, not '${format}'.`, "response_format");
}
