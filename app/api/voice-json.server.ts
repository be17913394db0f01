import { z } from "zod";
import type { KeptRecording, VoiceSettings } from "#app/models/voice.server.ts";
import { Id, Timestamp } from "./json.ts";
import type { VoiceSettingsJson } from "./responses.ts";

/**
 * The wire format of voice (issue 18): the user's voice settings (on
 * GET /api/v1/users/me) and the recordings they chose to keep.
 */

export function voiceSettingsJson(settings: VoiceSettings): VoiceSettingsJson {
  return {
    transcription_model: settings.transcriptionModel,
    read_aloud: settings.readAloud,
    speech_model: settings.speechModel,
    speech_voice: settings.speechVoice,
    max_recording_seconds: settings.maxRecordingSeconds,
    keep_recordings: settings.keepRecordings,
  };
}

export const RecordingJson = z
  .object({
    id: Id,
    session_id: Id.describe("The interview it was recorded in."),
    posting_title: z.string().describe("The job posting's title, as the interview keeps it."),
    question_number: z.number().int().nullable(),
    mime_type: z.string().describe("The audio's content type (what GET …/audio sends)."),
    byte_length: z.number().int().nonnegative(),
    duration_seconds: z.number().nullable().describe("From the provider or the recording itself; null when unknown."),
    transcript: z.string().nullable().describe("The provider's transcript as returned (the answer itself may have been corrected)."),
    created_at: Timestamp,
    audio_url: z.string().describe("GET this for the audio itself."),
  })
  .describe("A recording the user kept (Settings › Voice › Keep my recordings).");
export type RecordingJson = z.infer<typeof RecordingJson>;

export const RecordingListJson = z
  .object({ recordings: z.array(RecordingJson).describe("Newest first.") })
  .describe("The recordings the user kept. Empty unless keep_recordings is on (recordings are deleted once transcribed otherwise).");
export type RecordingListJson = z.infer<typeof RecordingListJson>;

/** The audio of a recording, as stored: its type is the recording's own (audio/webm, audio/ogg, audio/wav, audio/mpeg, audio/mp4 …). */
export const RecordingAudio = z.string().meta({ contentMediaType: "application/octet-stream" }).describe("The recording's bytes.");

export function recordingJson(recording: KeptRecording): RecordingJson {
  return {
    id: recording.id,
    session_id: recording.sessionId,
    posting_title: recording.postingTitle,
    question_number: recording.questionNumber,
    mime_type: recording.mimeType,
    byte_length: recording.byteLength,
    duration_seconds: recording.seconds,
    transcript: recording.transcript,
    created_at: recording.createdAt.toISOString(),
    audio_url: `/api/v1/recordings/${recording.id}/audio`,
  };
}
