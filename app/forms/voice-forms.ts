import { z } from "zod";
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
  answer: z
    .string()
    .overwrite(cleanText)
    .max(ANSWER_LIMITS.max, `Drafts can be at most ${ANSWER_LIMITS.max.toLocaleString("en")} characters`)
    .optional(),
  // The recorder's measured length (the browser's WebM says none); only a hint.
  recordedSeconds: z.coerce.number().min(0).max(AUDIO_MAX_DURATION_SECONDS).optional().catch(undefined),
  source: z.enum(["recorder", "upload"]).default("upload"),
});

const modelName = z
  .string({ error: "Enter a model name" })
  .trim()
  .min(1, "Enter a model name")
  .max(100, "Model names are at most 100 characters")
  .regex(/^[\w.:/-]+$/, "Model names use letters, digits and . _ : / - only");

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
    .trim()
    .min(1, "Enter a voice")
    .max(50, "Voice names are at most 50 characters")
    .regex(/^[\w.:-]+$/, "Voice names use letters, digits and . _ : - only"),
  maxRecordingSeconds: z
    .number({ error: "Enter a number of seconds" })
    .int("Enter a whole number of seconds")
    .min(30, "Recordings can be limited to no less than 30 seconds")
    .max(AUDIO_MAX_DURATION_SECONDS, `Recordings can be at most ${AUDIO_MAX_DURATION_SECONDS} seconds`),
};

export const VoiceSettingsSchema = z.object({
  intent: z.literal("voice"),
  transcriptionModel: VoiceFields.transcriptionModel.default(DEFAULT_TRANSCRIPTION_MODEL_NAME),
  readAloud: VoiceFields.readAloud,
  // The provider's voice (audio/speech): used only when readAloud is "provider".
  speechModel: VoiceFields.speechModel.default(DEFAULT_SPEECH_MODEL_NAME),
  speechVoice: VoiceFields.speechVoice.default(DEFAULT_SPEECH_VOICE_NAME),
  maxRecordingSeconds: VoiceFields.maxRecordingSeconds,
  // An unticked checkbox sends nothing.
  keepRecordings: z
    .enum(["on", "true"])
    .optional()
    .transform((v) => v !== undefined),
});

export const DeleteRecordingSchema = z.object({ intent: z.literal("delete-recording"), recordingId: z.uuid() });
