import { z } from "zod";
import { ApiKeySchema, BaseUrlSchema, ModelSchema } from "#app/forms/ai-settings-validation.ts";
import { cleanText } from "#app/utils/clean-text.ts";
import { VoiceFields } from "#app/forms/voice-forms.ts";
import { RequirementKindField, RequirementName, RequirementWeightField } from "#app/forms/skill-map-forms.ts";
import { ANSWER_LIMITS, INTERVIEW_FOCUSES, TARGET_QUESTIONS } from "#app/domain/interview-rules.ts";
import { POSTING_LIMITS } from "#app/domain/job-posting-fields.ts";
import {
  CompanySchema,
  DescriptionSchema,
  ExperienceLevelSchema,
  PostingUrlSchema,
  TechStackSchema,
  TitleSchema,
} from "#app/forms/job-posting-validation.ts";
import { RESUME_MAX_CHARS, RESUME_MIN_CHARS } from "#app/domain/resume-text.ts";
import { ResumeContentSchema } from "#app/forms/resume-validation.ts";
import { EmailSchema, ExistingPasswordSchema, PASSWORD_MIN_CHARS, PasswordSchema } from "#app/forms/user-validation.ts";
import { PASSWORD_MAX_BYTES } from "#app/utils/password-limit.ts";

/**
 * The JSON request bodies of /api/v1: the routes validate with these objects
 * (readJson) and the OpenAPI description is generated from them
 * (app/api/openapi.server.ts), so the two cannot drift apart. Rules that JSON
 * Schema cannot express (refinements) are said in the descriptions.
 */

export const RegisterBody = z
  .object({
    email: EmailSchema,
    password: PasswordSchema.check(
      z.describe(`At least ${PASSWORD_MIN_CHARS} characters and at most ${PASSWORD_MAX_BYTES} bytes; common passwords are refused.`),
    ),
  })
  .describe("A new account.");

export const LoginBody = z.object({ email: EmailSchema, password: ExistingPasswordSchema }).describe("Credentials for a bearer token.");

export const ApiKeyBody = z
  .object({ api_key: ApiKeySchema.check(z.describe("The OpenAI (or compatible provider's) API key. Stored encrypted, never returned.")) })
  .describe("The user's own AI provider key.");

// ── issue 18: the voice choices of Settings › Voice, checked by the Settings form's own field schemas ──
export const VoiceSettingsBody = z
  .strictObject({
    transcription_model: VoiceFields.transcriptionModel.check(
      z.describe("The model that transcribes spoken answers (audio/transcriptions)."),
    ),
    read_aloud: VoiceFields.readAloud.check(
      z.describe(
        "Questions read aloud: off, by the browser's own voice (free), or by the provider's audio/speech (billed, metered like any AI work).",
      ),
    ),
    speech_model: VoiceFields.speechModel.check(z.describe('The provider\'s text-to-speech model, for read_aloud "provider".')),
    speech_voice: VoiceFields.speechVoice.check(
      z.describe('The provider\'s voice, for read_aloud "provider" (OpenAI: alloy, coral, nova …).'),
    ),
    max_recording_seconds: VoiceFields.maxRecordingSeconds.check(z.describe("The recorder stops by itself after this many seconds.")),
    keep_recordings: z
      .boolean()
      .describe("Keep recordings after they are transcribed (listed at /api/v1/recordings). false deletes the audio already kept."),
  })
  .partial()
  .describe("Changes to the user's voice settings: only the fields sent change.");

// PATCH changes the fields it is sent and leaves the other; null (or "") goes back to the server default.
export const ProviderSettingsBody = z
  .object({
    ai_model: z
      .nullish(ModelSchema)
      .describe("The model that asks the user's interview questions. null or an empty string: the server default."),
    ai_grader_model: z
      .nullish(ModelSchema)
      .describe(
        "The model that grades the user's answers and writes the debrief (may be stronger). null or an empty string: the server's grading default.",
      ),
    ai_base_url: z
      .nullish(BaseUrlSchema)
      .describe(
        "The OpenAI-compatible endpoint the user's interviews use: http(s), no credentials, query or fragment, " +
          "and resolving to public addresses only unless the server allows private ones. null or an empty string: the server default.",
      ),
    // issue 18
    voice: VoiceSettingsBody.optional(),
  })
  .refine(
    (body) =>
      body.ai_model !== undefined || body.ai_base_url !== undefined || body.ai_grader_model !== undefined || body.voice !== undefined,
    { message: "Send ai_model, ai_grader_model, ai_base_url, voice or several of them." },
  )
  .describe("Changes to the user's AI provider settings: only the fields sent change.");

const RESUME_CONTENT = `The résumé as plain text: ${RESUME_MIN_CHARS} to ${RESUME_MAX_CHARS} characters once whitespace is normalised.`;

export const ResumeBody = z.object({ content: ResumeContentSchema.check(z.describe(RESUME_CONTENT)) }).describe("The résumé text.");

const POSTING_FIELDS = {
  description: `The job ad: ${POSTING_LIMITS.descriptionMin} to ${POSTING_LIMITS.descriptionMax} characters.`,
  techStack: `A list of technologies (or one comma-separated string): at most ${POSTING_LIMITS.techItems}, each at most ${POSTING_LIMITS.techItemChars} characters; duplicates are dropped.`,
  url: "The posting's own http(s) address.",
};

export const NewJobPostingBody = z
  .object({
    title: TitleSchema,
    company: z.nullish(CompanySchema),
    description: DescriptionSchema.check(z.describe(POSTING_FIELDS.description)),
    experience_level: z.nullish(ExperienceLevelSchema),
    tech_stack: z.nullish(TechStackSchema).describe(POSTING_FIELDS.techStack),
    url: z.nullish(PostingUrlSchema).describe(POSTING_FIELDS.url),
  })
  .describe("A new job posting.");

// PUT changes the fields it is sent and leaves the others; null clears an optional field.
export const JobPostingChangesBody = z
  .object({
    title: z.optional(TitleSchema),
    company: z.nullish(CompanySchema),
    description: z.optional(DescriptionSchema).describe(POSTING_FIELDS.description),
    experience_level: z.nullish(ExperienceLevelSchema),
    tech_stack: z.nullish(TechStackSchema).describe(POSTING_FIELDS.techStack),
    url: z.nullish(PostingUrlSchema).describe(POSTING_FIELDS.url),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: "Send at least one of: title, company, description, experience_level, tech_stack, url.",
  })
  .describe("Changes to a job posting: only the fields sent change (at least one); null clears an optional field.");

export const StartSessionBody = z
  .object({
    job_posting_id: z.uuid(),
    target_questions: z.number().int().min(TARGET_QUESTIONS.min).max(TARGET_QUESTIONS.max).optional(),
    focus: z.enum(INTERVIEW_FOCUSES).optional(),
  })
  .describe("Start an interview for one of the user's job postings (a résumé and an API key are required first).");

export const AnswerBody = z
  .object({
    answer_text: z
      .string()
      .overwrite(cleanText)
      .trim()
      .min(ANSWER_LIMITS.min, "Write an answer")
      .max(ANSWER_LIMITS.max, `Answers can be at most ${ANSWER_LIMITS.max} characters`),
    // Optional but recommended: makes a retried request safe (the same answer is stored once).
    question_id: z
      .uuid()
      .optional()
      .describe("The question being answered. Recommended: a retried request with it stores the answer once (200 instead of 201)."),
  })
  .describe("An answer to the session's open question.");

export const RetakeBody = z
  .object({
    repeat_questions: z.boolean().optional().describe("Allow questions asked in earlier attempts (default false)."),
  })
  .describe("Retake options; the body may be left out altogether.");

// ── issue 19: the skill map ──
export const NewRequirementBody = z
  .object({ name: RequirementName, kind: RequirementKindField, weight: z._default(RequirementWeightField, 2) })
  .describe("A requirement of your own for a posting's skill map (weight 2, important, unless sent).");
export const RequirementChangesBody = z
  .object({ name: z.optional(RequirementName), weight: z.optional(RequirementWeightField) })
  .refine((body) => body.name !== undefined || body.weight !== undefined, { message: "Send name, weight or both." })
  .describe("Rename or re-weight a requirement: a re-extraction of the posting keeps what you set.");

export const StartDrillBody = z
  .union([
    z.strictObject({ requirement_id: z.uuid().describe("A requirement of one of your postings' skill maps.") }),
    z.strictObject({
      answer_id: z.uuid().describe("One of your scored answers."),
      knowledge_gap: z.string().trim().min(1).max(200).describe("One of that answer's knowledge gaps."),
    }),
    z.strictObject({
      review_item_id: z.uuid().describe("A review item (GET /reviews/due): one fresh wording of the question you missed."),
    }),
  ])
  .describe("What to drill: a requirement of a skill map, a knowledge gap of a scored answer, or a review item due for review.");
