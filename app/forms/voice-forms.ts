import { z } from "./zod.ts";
import {
  DEFAULT_SPEECH_MODEL_NAME,
  DEFAULT_SPEECH_VOICE_NAME,
  DEFAULT_TRANSCRIPTION_MODEL_NAME,
  READ_ALOUD_MODES,
} from "#app/domain/voice.ts";
import { AUDIO_MAX_DURATION_SECONDS } from "#app/domain/audio-file.ts";
import { ANSWER_LIMITS } from "#app/domain/interview-rules.ts";
import { cleanText } from "#app/utils/clean-text.ts";

/**
 * The voice forms (issue 18): a recording or audio file sent for a transcript
 * from the interview page, and the voice section of Settings. The audio file
 * itself is checked by its content on the server (domain/audio-file.ts).
 */

/** A recording sent from the answer form: the file travels beside these fields (field `audio`). */
export const TranscribeSchema = z.object({
  intent: z.literal("transcribe"),
  questionId: z.uuid(),
  // What is typed in the answer box travels with the upload without JavaScript: saved as the draft first.
  answer: z.optional(
    z
      .string()
      .check(
        z.overwrite(cleanText),
        z.maxLength(ANSWER_LIMITS.max, `Drafts can be at most ${ANSWER_LIMITS.max.toLocaleString("en")} characters`),
      ),
  ),
  // The recorder's measured length (the browser's WebM says none); only a hint.
  recordedSeconds: z.catch(z.optional(z.coerce.number().check(z.gte(0), z.lte(AUDIO_MAX_DURATION_SECONDS))), undefined),
  source: z._default(z.enum(["recorder", "upload"]), "upload"),
});

const modelName = z
  .string({ error: "Enter a model name" })
  .check(
    z.trim(),
    z.minLength(1, "Enter a model name"),
    z.maxLength(100, "Model names are at most 100 characters"),
    z.regex(/^[\w.:/-]+$/, "Model names use letters, digits and . _ : / - only"),
  );

/**
 * The voice fields, one schema each: the Settings form below and the API's
 * PATCH /api/v1/users/me (api/request-bodies.ts VoiceSettingsBody) validate with
 * these same objects.
 */
export const VoiceFields = {
  transcriptionModel: modelName,
  readAloud: z.enum(READ_ALOUD_MODES, { error: "Choose whether questions are read aloud" }),
  speechModel: modelName,
  speechVoice: z
    .string({ error: "Enter a voice" })
    .check(
      z.trim(),
      z.minLength(1, "Enter a voice"),
      z.maxLength(50, "Voice names are at most 50 characters"),
      z.regex(/^[\w.:-]+$/, "Voice names use letters, digits and . _ : - only"),
    ),
  maxRecordingSeconds: z
    .number({ error: "Enter a number of seconds" })
    .check(
      z.int("Enter a whole number of seconds"),
      z.gte(30, "Recordings can be limited to no less than 30 seconds"),
      z.lte(AUDIO_MAX_DURATION_SECONDS, `Recordings can be at most ${AUDIO_MAX_DURATION_SECONDS} seconds`),
    ),
};

export const VoiceSettingsSchema = z.object({
  intent: z.literal("voice"),
  transcriptionModel: z._default(VoiceFields.transcriptionModel, DEFAULT_TRANSCRIPTION_MODEL_NAME),
  readAloud: VoiceFields.readAloud,
  // The provider's voice (audio/speech): used only when readAloud is "provider".
  speechModel: z._default(VoiceFields.speechModel, DEFAULT_SPEECH_MODEL_NAME),
  speechVoice: z._default(VoiceFields.speechVoice, DEFAULT_SPEECH_VOICE_NAME),
  maxRecordingSeconds: VoiceFields.maxRecordingSeconds,
  // An unticked checkbox sends nothing.
  keepRecordings: z.pipe(
    z.optional(z.enum(["on", "true"])),
    z.transform((v) => v !== undefined),
  ),
});

export const DeleteRecordingSchema = z.object({ intent: z.literal("delete-recording"), recordingId: z.uuid() });
