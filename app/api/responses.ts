import { z } from "zod";
import { RESUME_FILE_EXTENSIONS, RESUME_MAX_FILE_BYTES } from "#app/domain/resume-text.ts";
import { Id, OperationStatus, Timestamp } from "./json.ts";
import { AUDIO_MAX_DURATION_SECONDS, AUDIO_MAX_FILE_BYTES } from "#app/domain/audio-file.ts";
import { READ_ALOUD_MODES } from "#app/domain/voice.ts";

/**
 * Response shapes that the routes build inline (small, one route each) and
 * the API's one error shape. The shapes that come from a serializer live next
 * to it: resumeJson, jobPostingJson, sessionJson, operationJson, feedbackJson …
 * Routes check what they send with `satisfies`, the OpenAPI description is
 * generated from these objects, and tests/integration/openapi.test.ts checks
 * real responses against it.
 */

export const ApiErrorJson = z
  .object({
    error: z.object({
      code: z.string().describe("Stable, machine-readable: not_found, validation_error, rate_limited, question_pending …"),
      message: z.string().describe("A sentence for a person."),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .describe("Per field (dotted path) the problems found, for validation_error and missing_prerequisites."),
      link: z
        .object({ href: z.string(), label: z.string() })
        .optional()
        .describe("Where a person can lift the refusal: with budget_exhausted, the Settings section to raise the monthly budget."),
    }),
  })
  .describe("Every error: { error: { code, message, fields?, link? } }.");
export type ApiErrorJson = z.infer<typeof ApiErrorJson>;

/** The feedback and retake refusals may name the operation already at work, so a client can poll it. */
export const ReviewErrorJson = ApiErrorJson.extend({
  operation_id: Id.optional().describe("With feedback_in_progress: the operation writing the feedback."),
}).describe("An error of the after-interview actions; may carry the operation already at work.");
export type ReviewErrorJson = z.infer<typeof ReviewErrorJson>;

export const RegisteredUserJson = z.object({ id: Id, email: z.email(), created_at: Timestamp }).describe("The new account.");
export type RegisteredUserJson = z.infer<typeof RegisteredUserJson>;

export const TokenJson = z
  .object({
    access_token: z.string().describe("Send as Authorization: Bearer <token>. Revoke with POST /api/v1/auth/logout."),
    token_type: z.literal("bearer"),
    expires_in: z.number().int().positive().describe("Seconds until the token expires."),
  })
  .describe("A bearer token for the API.");
export type TokenJson = z.infer<typeof TokenJson>;

// ── issue 18 ──
export const VoiceSettingsJson = z
  .object({
    transcription_model: z.string().describe("The model that transcribes spoken answers."),
    read_aloud: z.enum(READ_ALOUD_MODES).describe("off, browser (the browser's own voice) or provider (the provider's audio/speech)."),
    speech_model: z.string().describe("The provider's text-to-speech model (read_aloud provider)."),
    speech_voice: z.string().describe("The provider's voice (read_aloud provider)."),
    max_recording_seconds: z.number().int().describe("The recorder stops by itself after this many seconds."),
    keep_recordings: z.boolean().describe("Recordings are kept after transcription (GET /api/v1/recordings lists them)."),
  })
  .describe("The user's voice settings (Settings › Voice), defaults filled in.");
export type VoiceSettingsJson = z.infer<typeof VoiceSettingsJson>;

export const ProfileJson = z
  .object({
    id: Id,
    email: z.email(),
    created_at: Timestamp,
    has_api_key: z.boolean(),
    key_last4: z.string().nullable().describe("The last four characters of the saved key; the key itself is never returned."),
    model: z.string().describe("The model the user's interviews use: ai_model, else the server default."),
    base_url: z.string().describe("The OpenAI-compatible endpoint the user's interviews use: ai_base_url, else the server default."),
    ai_model: z.string().nullable().describe("The user's own model choice; null means the server default."),
    ai_base_url: z.string().nullable().describe("The user's own endpoint choice; null means the server default."),
    grader_model: z.string().describe("The model that grades the user's answers: ai_grader_model, else the server's grading default."),
    ai_grader_model: z.string().nullable().describe("The user's own grading model choice; null means the server's grading default."),
    voice: VoiceSettingsJson,
  })
  .describe("The signed-in user.");
export type ProfileJson = z.infer<typeof ProfileJson>;

export const ApiKeyStatusJson = z
  .object({ configured: z.boolean(), last4: z.string().nullable() })
  .describe("Whether an API key is saved (never the key itself).");
export type ApiKeyStatusJson = z.infer<typeof ApiKeyStatusJson>;

export const ResumeExtractionJson = z
  .object({
    content: z.string().describe("The text found in the file, for review before saving."),
    file_name: z.string(),
    file_type: z.enum(["pdf", "docx", "text"]),
    word_count: z.number().int().nonnegative(),
    character_count: z.number().int().nonnegative(),
    saved: z.literal(false).describe("Nothing is stored: save the text with POST /api/v1/resumes or PUT /api/v1/resumes/me."),
  })
  .describe(`The text extracted from an uploaded résumé (${RESUME_FILE_EXTENSIONS.join(", ")}).`);
export type ResumeExtractionJson = z.infer<typeof ResumeExtractionJson>;

export const ResumeUploadBody = z
  .object({
    file: z
      .string()
      .meta({ contentMediaType: "application/octet-stream" })
      .describe(`The résumé file (${RESUME_FILE_EXTENSIONS.join(", ")}), at most ${RESUME_MAX_FILE_BYTES / 1024 / 1024} MB.`),
  })
  .describe("multipart/form-data with one file field.");

/** issue 18: POST /api/v1/sessions/{id}/transcriptions. */
export const TranscriptionUploadBody = z
  .object({
    audio: z
      .string()
      .meta({ contentMediaType: "application/octet-stream" })
      .describe(
        `The recording: WebM, Ogg, WAV, MP3, MP4/M4A, FLAC or AAC, checked by its content; at most ${AUDIO_MAX_FILE_BYTES / 1_000_000} MB and ${AUDIO_MAX_DURATION_SECONDS / 60} minutes.`,
      ),
    question_id: Id.optional().describe("The open question it answers (checked); the open question when left out."),
    duration_seconds: z.number().min(0).optional().describe("The recording's length as the recorder measured it (a hint)."),
  })
  .describe("multipart/form-data: the audio file and two optional fields.");

export const OperationAcceptedJson = z
  .object({
    operation_id: Id.describe("Poll GET /api/v1/operations/{id} (every ~2 s) until it is completed or failed."),
    status: OperationStatus,
  })
  .describe("AI work was started; it finishes in the background.");
export type OperationAcceptedJson = z.infer<typeof OperationAcceptedJson>;

export const AnswerSubmissionJson = z
  .object({
    message: z.object({
      id: Id,
      message_type: z.literal("answer"),
      content: z.string(),
      question_id: Id,
      created_at: Timestamp,
    }),
    evaluation_operation_id: Id.nullable().describe("The answer's evaluation; null when the answer was already stored (200)."),
    next_question_operation_id: Id.nullable().describe("The next question; null on the last answer or a repeated request."),
    feedback_operation_id: Id.nullable().describe("The interview's feedback, started by the last answer; otherwise null."),
    session_status: z.enum(["active", "completed"]),
  })
  .describe("The stored answer and the AI work it started (evaluation and next question run concurrently).");
export type AnswerSubmissionJson = z.infer<typeof AnswerSubmissionJson>;

export const OpenApiDocumentJson = z.record(z.string(), z.unknown()).describe("This OpenAPI 3.1 document.");
