import { z } from "zod";
import { SESSION_STATUSES } from "#app/domain/interview-rules.ts";
import { HISTORY_PAGE_SIZE, MAX_PAGE_SIZE } from "#app/forms/history-filters.ts";
import {
  AnswerMessageJson,
  EvaluationJson,
  MessageListJson,
  OperationJson,
  QuestionMessageJson,
  RetakeSessionJson,
  SessionErrorJson,
  SessionJson,
  SessionWithOperationJson,
  StartedSessionJson,
} from "./interview-json.server.ts";
import { AnswerClass, BandName, FactualErrorJson, GradingJson, Judgement, SecondOpinionJson, TextRange } from "./grading-json.server.ts";
import { JobPostingJson, JobPostingListItemJson } from "./job-posting-json.server.ts";
import { FeedbackJson, ProgressJson, StatsJson } from "./progress-json.server.ts";
import {
  AnswerBody,
  ApiKeyBody,
  JobPostingChangesBody,
  LoginBody,
  NewJobPostingBody,
  ProviderSettingsBody,
  RegisterBody,
  ResumeBody,
  RetakeBody,
  StartSessionBody,
  NewRequirementBody,
  RequirementChangesBody,
  StartDrillBody,
  VoiceSettingsBody,
} from "./request-bodies.ts";
import {
  AnswerSubmissionJson,
  ApiErrorJson,
  ApiKeyStatusJson,
  OpenApiDocumentJson,
  OperationAcceptedJson,
  ProfileJson,
  RegisteredUserJson,
  ResumeExtractionJson,
  ResumeUploadBody,
  TranscriptionUploadBody,
  ReviewErrorJson,
  TokenJson,
  VoiceSettingsJson,
} from "./responses.ts";
import { ResumeJson } from "./resume-json.server.ts";
import {
  BudgetBody,
  BudgetSettingsJson,
  AccountExportJson,
  DebriefMarkdownJson,
  ImportResultJson,
  MonthUsageJson,
  SessionDetailWithUsageJson,
  UsageJson,
} from "./usage-json.server.ts";
import { RequirementJson, SkillMapJson } from "./skill-map-json.server.ts";
import { ModelAnswerJson, StarCheckJson, StartedDrillJson } from "./coaching-json.server.ts";
import { RecordingAudio, RecordingJson, RecordingListJson } from "./voice-json.server.ts";
import { DueReviewsJson } from "./review-json.server.ts";

/**
 * The OpenAPI 3.1 description of /api/v1, served at GET /api/v1/openapi.json.
 *
 * Generated, not written: every request body and response below is one of the
 * zod schemas the routes validate with (app/api/request-bodies.ts) or whose
 * type their serializers return (resumeJson, sessionJson, operationJson …),
 * turned into JSON Schema 2020-12 — OpenAPI 3.1's own dialect — by
 * z.toJSONSchema(). The statuses listed per operation are the ones the route
 * answers on purpose; tests/integration/openapi.test.ts drives every one of
 * them over HTTP and checks each body against this document.
 */

export const API_BASE = "/api/v1";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

type ResponseSpec = {
  description: string;
  /** The JSON body; none for 204. */
  schema?: z.ZodType;
  /** A body that is not JSON (issue 18: a recording's audio): its media type, `schema` describing the bytes. */
  mediaType?: string;
  headers?: Record<string, string>;
};

type QueryParameter = { name: string; description: string; schema: z.ZodType };

export type OperationSpec = {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** No sign-in needed. */
  public?: boolean;
  /** A JSON body (validated by readJson: 400 malformed, 413 too large, 415 not JSON, 422 invalid). */
  body?: z.ZodType;
  bodyRequired?: boolean;
  multipart?: z.ZodType;
  query?: QueryParameter[];
  responses: Record<number, ResponseSpec>;
};

// --- Components: every schema a body or response refers to, with its name --

const RESPONSE_SCHEMAS: Array<[z.ZodType, string]> = [
  [ApiErrorJson, "Error"],
  [ReviewErrorJson, "ReviewError"],
  [RegisteredUserJson, "RegisteredUser"],
  [TokenJson, "Token"],
  [ProfileJson, "Profile"],
  [ApiKeyStatusJson, "ApiKeyStatus"],
  [ResumeJson, "Resume"],
  [ResumeExtractionJson, "ResumeExtraction"],
  [JobPostingJson, "JobPosting"],
  [JobPostingListItemJson, "JobPostingListItem"],
  [SessionJson, "Session"],
  [SessionWithOperationJson, "SessionWithOperation"],
  [StartedSessionJson, "StartedSession"],
  [RetakeSessionJson, "RetakeSession"],
  [SessionErrorJson, "SessionError"],
  [QuestionMessageJson, "QuestionMessage"],
  [AnswerMessageJson, "AnswerMessage"],
  [EvaluationJson, "Evaluation"],
  [MessageListJson, "MessageList"],
  [AnswerSubmissionJson, "AnswerSubmission"],
  [OperationAcceptedJson, "OperationAccepted"],
  [OperationJson, "Operation"],
  [FeedbackJson, "Feedback"],
  [StatsJson, "Stats"],
  [ProgressJson, "Progress"],
  [OpenApiDocumentJson, "OpenApiDocument"],
  // ── issue 17: the evidence of an evaluation ──
  [GradingJson, "Grading"],
  [SecondOpinionJson, "SecondOpinion"],
  [Judgement, "Judgement"],
  [FactualErrorJson, "FactualError"],
  [TextRange, "TextRange"],
  [AnswerClass, "AnswerClass"],
  [BandName, "BandName"],
  [UsageJson, "Usage"],
  [MonthUsageJson, "MonthUsage"],
  [BudgetSettingsJson, "BudgetSettings"],
  [SessionDetailWithUsageJson, "SessionDetailWithUsage"],
  [DebriefMarkdownJson, "DebriefMarkdown"],
  [AccountExportJson, "AccountExport"],
  [ImportResultJson, "ImportResult"],
  [SkillMapJson, "SkillMap"],
  [RequirementJson, "Requirement"],
  [ModelAnswerJson, "ModelAnswer"],
  [StarCheckJson, "StarCheck"],
  [StartedDrillJson, "StartedDrill"],
  // ── issue 18 ──
  [VoiceSettingsJson, "VoiceSettings"],
  [RecordingJson, "Recording"],
  [RecordingListJson, "RecordingList"],
  [RecordingAudio, "RecordingAudio"],
  [DueReviewsJson, "DueReviews"],
];

const JobPostingList = z.array(JobPostingListItemJson).describe("The user's job postings, newest first.");
const SessionList = z.array(SessionJson).describe("The user's sessions, newest first (one page).");
RESPONSE_SCHEMAS.push([JobPostingList, "JobPostingList"], [SessionList, "SessionList"]);

const REQUEST_SCHEMAS: Array<[z.ZodType, string]> = [
  [RegisterBody, "RegisterRequest"],
  [LoginBody, "LoginRequest"],
  [ApiKeyBody, "ApiKeyRequest"],
  [ProviderSettingsBody, "ProviderSettingsRequest"],
  [ResumeBody, "ResumeRequest"],
  [ResumeUploadBody, "ResumeUploadRequest"],
  [TranscriptionUploadBody, "TranscriptionUploadRequest"],
  [NewJobPostingBody, "NewJobPostingRequest"],
  [JobPostingChangesBody, "JobPostingChangesRequest"],
  [NewRequirementBody, "NewRequirementRequest"],
  [RequirementChangesBody, "RequirementChangesRequest"],
  [StartDrillBody, "StartDrillRequest"],
  [StartSessionBody, "StartSessionRequest"],
  [AnswerBody, "AnswerRequest"],
  [RetakeBody, "RetakeRequest"],
  [BudgetBody, "BudgetRequest"],
  [VoiceSettingsBody, "VoiceSettingsRequest"],
];

// --- Responses shared by many operations -----------------------------------

const error = (description: string, headers?: Record<string, string>): ResponseSpec => ({ description, schema: ApiErrorJson, headers });
const reviewError = (description: string): ResponseSpec => ({ description, schema: ReviewErrorJson });

const UNAUTHORIZED = error("unauthorized: no valid bearer token or session cookie.");
const NOT_FOUND = (what: string) => error(`not_found: no such ${what} of yours (a malformed id or another user's id answers the same).`);
const BODY_ERRORS: Record<number, ResponseSpec> = {
  400: error("malformed_json: the body is not a JSON object."),
  413: error("payload_too_large: the body is larger than 256 KB."),
  415: error("unsupported_media_type: the body must be sent as application/json."),
  422: error("validation_error: `fields` names each invalid field and why."),
};
const RATE_LIMITED = error("rate_limited: too many attempts; Retry-After says how many seconds to wait.", {
  "Retry-After": "Seconds until another attempt is allowed.",
});
const LOCATION = { Location: "The URL of the new resource." };
const RETRY_AFTER = { "Retry-After": "Seconds until another one is allowed." };

const BUDGET_EXHAUSTED = error(
  "budget_exhausted: the month's estimated AI spend has reached the budget; new interviews wait for the next month (UTC) or a higher " +
    "budget (`error.link` points to Settings; PATCH /api/v1/users/me/budget). From 80 % on, new AI work also runs one task at a time: " +
    "it is refused (same code) while another is still running. The work that takes an interview under way to its end (its questions, " +
    "the transcription and evaluation of its answers, its debrief) still runs; extras asked for inside it (a strong answer, a second " +
    "opinion, a question read aloud) are new work.",
);
/** 402 on routes whose work belongs to an interview: refused only when that interview is not under way. */
const BUDGET_EXHAUSTED_UNLESS_UNDER_WAY = error(
  "budget_exhausted: as for a new interview, but only when this interview is not under way — it has had no AI work yet (an " +
    "imported one) or already has its debrief. An interview under way is always allowed to finish.",
);
const sessionRefusal = (codes: string) => error(`Refused in the session's current state: ${codes}.`);
const SERVER_ERROR = error(
  "internal_error: an unexpected failure on our side (the database unreachable, say). The message carries a reference to quote; retrying later usually helps.",
);

// --- The operations, by path ------------------------------------------------

export const API_PATHS: Record<string, Partial<Record<HttpMethod, OperationSpec>>> = {
  "/auth/register": {
    post: {
      operationId: "register",
      tag: "Accounts",
      summary: "Create an account",
      public: true,
      body: RegisterBody,
      responses: {
        201: { description: "The account was created; sign in with POST /api/v1/auth/login.", schema: RegisteredUserJson },
        409: error("email_taken: an account with this email exists."),
        429: RATE_LIMITED,
        503: error("busy: too many passwords are being hashed at this moment (LOGIN_QUEUE_LIMIT); nothing was counted, try again.", {
          "Retry-After": "Seconds to wait before trying again.",
        }),
      },
    },
  },
  "/auth/login": {
    post: {
      operationId: "login",
      tag: "Accounts",
      summary: "Get a bearer token",
      public: true,
      body: LoginBody,
      responses: {
        200: { description: "A bearer token.", schema: TokenJson },
        401: error("invalid_credentials: the email and password don't match an account."),
        429: RATE_LIMITED,
        503: error("busy: too many logins are being checked at this moment (LOGIN_QUEUE_LIMIT); nothing was counted, try again.", {
          "Retry-After": "Seconds to wait before trying again.",
        }),
      },
    },
  },
  "/auth/logout": {
    post: {
      operationId: "logout",
      tag: "Accounts",
      summary: "Revoke the token (or browser session) of this request",
      responses: { 204: { description: "Revoked." } },
    },
  },
  "/users/me": {
    get: {
      operationId: "getProfile",
      tag: "Accounts",
      summary: "The signed-in user",
      responses: { 200: { description: "The user.", schema: ProfileJson } },
    },
    patch: {
      operationId: "updateProviderSettings",
      tag: "Accounts",
      summary: "Set the AI provider's model and base URL (null: the server default), and the voice settings",
      description:
        "The same rules as the Settings page. Only the fields sent change; in `voice` too (transcription model, reading questions aloud, " +
        "the provider's speech model and voice, the longest recording, keeping recordings — turning keep_recordings off deletes the audio already kept). " +
        "Unless the server allows private AI endpoints " +
        "(AI_ALLOW_PRIVATE_BASE_URLS), the base URL must resolve to public addresses only: loopback, private, link-local " +
        "and other special-purpose addresses (IPv4 inside IPv6 included) are refused, and redirects from it are not followed. " +
        "A saved API key is only sent to the server it was saved for: a base URL on another origin removes it (`has_api_key` then says false).",
      body: ProviderSettingsBody,
      responses: {
        200: { description: "Saved; the user as GET answers it.", schema: ProfileJson },
        422: error(
          'validation_error: `fields.ai_model`, `fields.ai_base_url` or `fields["voice.…"]` says what is wrong — a malformed model name, a URL that is not http(s) ' +
            "or carries credentials, a host that cannot be found or one at a private or local network address, a recording limit out of range.",
        ),
      },
    },
  },
  "/users/me/api-key": {
    get: {
      operationId: "getApiKeyStatus",
      tag: "Accounts",
      summary: "Whether an AI provider key is saved",
      responses: { 200: { description: "The key's status (never the key).", schema: ApiKeyStatusJson } },
    },
    post: {
      operationId: "addApiKey",
      tag: "Accounts",
      summary: "Save the AI provider key (stored encrypted)",
      body: ApiKeyBody,
      responses: { 200: { description: "Saved.", schema: ApiKeyStatusJson } },
    },
    put: {
      operationId: "replaceApiKey",
      tag: "Accounts",
      summary: "Replace the AI provider key",
      body: ApiKeyBody,
      responses: { 200: { description: "Replaced.", schema: ApiKeyStatusJson } },
    },
    delete: {
      operationId: "removeApiKey",
      tag: "Accounts",
      summary: "Remove the AI provider key",
      responses: { 200: { description: "Removed.", schema: ApiKeyStatusJson } },
    },
  },
  "/users/me/usage": {
    get: {
      operationId: "getMonthUsage",
      tag: "Accounts",
      summary: "A month's AI usage and estimated spend against the monthly budget",
      description: "Costs are estimates from the price table and your own prices. Usage of deleted interviews still counts.",
      query: [{ name: "month", description: "YYYY-MM (UTC); default: this month.", schema: z.string() }],
      responses: {
        200: { description: "The month.", schema: MonthUsageJson },
        422: error("validation_error: `fields.month` is not YYYY-MM."),
      },
    },
  },
  "/users/me/budget": {
    get: {
      operationId: "getBudgetSettings",
      tag: "Accounts",
      summary: "The monthly AI budget and your own model prices",
      responses: { 200: { description: "The settings.", schema: BudgetSettingsJson } },
    },
    patch: {
      operationId: "updateBudgetSettings",
      tag: "Accounts",
      summary: "Set the monthly AI budget and/or replace your own model prices",
      body: BudgetBody,
      responses: { 200: { description: "Saved; the settings as GET answers them.", schema: BudgetSettingsJson } },
    },
  },
  "/export": {
    get: {
      operationId: "exportAccount",
      tag: "Accounts",
      summary: "The complete account export (one JSON document, versioned; docs/export-format.md)",
      description:
        "Profile without secrets (with voice settings), résumé, job postings with their skill maps, interviews with answers, " +
        "evaluations (grading, evidence quotes, second opinions), feedback (with its claims), strong answers, STAR checks and " +
        "recordings (kept audio as base64 while the file stays within the 50 MB an import accepts), and AI usage. " +
        "With ?redacted=true, email addresses, phone numbers and the résumé's names are replaced by placeholders.",
      query: [{ name: "redacted", description: "true: replace personal details by placeholders.", schema: z.enum(["true", "false"]) }],
      responses: {
        200: { description: "The export.", schema: AccountExportJson, headers: { "Content-Disposition": "A file name for it." } },
        403: error("bearer_token_required: signed in by the browser's session cookie; this endpoint takes the bearer token only."),
        429: error("too_many_exports: this hour's exports are used up (RATE_LIMIT_EXPORTS_PER_HOUR, 20 by default).", RETRY_AFTER),
      },
    },
  },
  "/imports": {
    post: {
      operationId: "importAccount",
      tag: "Accounts",
      summary: "Import an account export into this (new or empty) account",
      description:
        "The body is the export file itself, as GET /api/v1/export gives it (application/json, at most 50 MB). It is checked — our " +
        "format, a version this installation reads, unchanged since export (checksum), valid — and refused whole when it is not: " +
        "nothing is written. With ?dry_run=true nothing is written either: the answer says what the import would create. " +
        "Importing the same file again creates nothing twice. Interviews in progress are imported paused; imported AI usage does " +
        "not count against this installation's budget.",
      query: [
        { name: "dry_run", description: "true: only check the file and say what it would create.", schema: z.enum(["true", "false"]) },
      ],
      responses: {
        200: { description: "Dry run: what the import would create.", schema: ImportResultJson },
        201: { description: "Imported: what was created.", schema: ImportResultJson },
        400: error("malformed_json: the body is not a JSON object."),
        409: error("account_not_empty: this account has a résumé, postings or interviews of its own; import into a new account."),
        413: error("payload_too_large: the file is larger than 50 MB."),
        429: error("too_many_imports: this hour's imports are used up (RATE_LIMIT_IMPORTS_PER_HOUR, 10 by default).", RETRY_AFTER),
        422: error(
          "not_json, not_an_export, wrong_version (the message names the file's version and the one read here), tampered (changed " +
            "after export: the checksum does not match), invalid (the message names the first problem's place in the file) or " +
            "too_many_job_postings (the file's postings with the account's would pass MAX_JOB_POSTINGS_PER_USER).",
        ),
      },
    },
  },
  "/resumes": {
    post: {
      operationId: "createResume",
      tag: "Résumé",
      summary: "Add the user's first résumé",
      body: ResumeBody,
      responses: {
        201: { description: "Stored.", schema: ResumeJson, headers: LOCATION },
        409: error("resume_exists: replace the existing one with PUT /api/v1/resumes/me."),
      },
    },
  },
  "/resumes/me": {
    get: {
      operationId: "getResume",
      tag: "Résumé",
      summary: "The user's résumé",
      responses: { 200: { description: "The résumé.", schema: ResumeJson }, 404: NOT_FOUND("résumé") },
    },
    put: {
      operationId: "replaceResume",
      tag: "Résumé",
      summary: "Replace the résumé text",
      body: ResumeBody,
      responses: { 200: { description: "Replaced.", schema: ResumeJson }, 404: NOT_FOUND("résumé") },
    },
    delete: {
      operationId: "deleteResume",
      tag: "Résumé",
      summary: "Delete the résumé (past interviews keep their copy)",
      responses: { 204: { description: "Deleted." }, 404: NOT_FOUND("résumé") },
    },
  },
  "/resumes/me/file": {
    post: {
      operationId: "extractResumeFile",
      tag: "Résumé",
      summary: "Extract the text of a résumé file, for review (nothing is saved)",
      multipart: ResumeUploadBody,
      responses: {
        200: { description: "The extracted text.", schema: ResumeExtractionJson },
        400: error("malformed_body: the multipart body could not be read."),
        413: error(
          "payload_too_large / file_too_large: the file is larger than 2 MB; unpacked_too_large: a Word document that unpacks (or tries to) to more than 20 MB.",
        ),
        415: error("unsupported_media_type (not multipart), unsupported_file_type or file_type_mismatch (content differs from the name)."),
        422: error(
          "validation_error (no file field), empty_file, no_text_found, too_many_pages, an unreadable document, or document_too_complex (reading it passed the time or memory limit).",
        ),
        429: error(
          "rate_limited: this hour's résumé uploads are used up (RATE_LIMIT_RESUME_UPLOADS_PER_HOUR, 20 by default).",
          RETRY_AFTER,
        ),
      },
    },
  },
  "/job-postings": {
    get: {
      operationId: "listJobPostings",
      tag: "Job postings",
      summary: "The user's job postings",
      responses: { 200: { description: "Newest first; an empty array when there are none.", schema: JobPostingList } },
    },
    post: {
      operationId: "createJobPosting",
      tag: "Job postings",
      summary: "Add a job posting",
      body: NewJobPostingBody,
      responses: {
        201: { description: "Stored.", schema: JobPostingJson, headers: LOCATION },
        422: error(
          "validation_error (`fields` names each invalid field and why), or too_many_job_postings: the account has as many postings as it may keep (MAX_JOB_POSTINGS_PER_USER, 100 by default); delete one first.",
        ),
      },
    },
  },
  "/job-postings/{id}": {
    get: {
      operationId: "getJobPosting",
      tag: "Job postings",
      summary: "One job posting",
      responses: { 200: { description: "The posting.", schema: JobPostingJson }, 404: NOT_FOUND("job posting") },
    },
    put: {
      operationId: "updateJobPosting",
      tag: "Job postings",
      summary: "Change a job posting (only the fields sent)",
      body: JobPostingChangesBody,
      responses: { 200: { description: "The changed posting.", schema: JobPostingJson }, 404: NOT_FOUND("job posting") },
    },
    delete: {
      operationId: "deleteJobPosting",
      tag: "Job postings",
      summary: "Delete a job posting (its interviews stay, with their copy of it)",
      responses: { 204: { description: "Deleted." }, 404: NOT_FOUND("job posting") },
    },
  },
  "/job-postings/{id}/progress": {
    get: {
      operationId: "getJobPostingProgress",
      tag: "Feedback and progress",
      summary: "Every attempt at one posting, with changes and trends",
      responses: { 200: { description: "The progress.", schema: ProgressJson }, 404: NOT_FOUND("job posting") },
    },
  },
  "/job-postings/{id}/skills": {
    get: {
      operationId: "getSkillMap",
      tag: "Job postings",
      summary: "The posting's skill map: requirements, résumé support, the questions that probed each, scores and state changes",
      responses: { 200: { description: "The skill map.", schema: SkillMapJson }, 404: NOT_FOUND("job posting") },
    },
    post: {
      operationId: "addRequirement",
      tag: "Job postings",
      summary: "Add a requirement of your own (a removed one with the same name comes back with its history)",
      body: NewRequirementBody,
      responses: {
        201: { description: "The requirement.", schema: RequirementJson, headers: { Location: "The skill map's URL of the requirement." } },
        422: {
          description: "validation_error (`fields`), or invalid_requirement: the name is already in the list, or the list is full.",
          schema: ApiErrorJson,
        },
        404: NOT_FOUND("job posting"),
      },
    },
  },
  "/job-postings/{id}/skills/extract": {
    post: {
      operationId: "extractRequirements",
      tag: "Job postings",
      summary: "Read the posting's requirements again (your renames, weights and removals are kept)",
      description: "Answers with the extraction already running, if any. Saving a posting whose text changed starts one too.",
      responses: {
        202: { description: "The extraction started.", schema: OperationAcceptedJson },
        402: BUDGET_EXHAUSTED,
        404: NOT_FOUND("job posting"),
      },
    },
  },
  "/job-postings/{id}/skills/{requirementId}": {
    patch: {
      operationId: "changeRequirement",
      tag: "Job postings",
      summary: "Rename and/or re-weight a requirement",
      body: RequirementChangesBody,
      responses: {
        200: { description: "The requirement.", schema: RequirementJson },
        422: {
          description: "validation_error (`fields`), or invalid_requirement: the new name is already in the list.",
          schema: ApiErrorJson,
        },
        404: NOT_FOUND("requirement"),
      },
    },
    delete: {
      operationId: "removeRequirement",
      tag: "Job postings",
      summary: "Remove a requirement (kept as removed, so reading the posting again does not bring it back)",
      responses: { 204: { description: "Removed." }, 404: NOT_FOUND("requirement") },
    },
  },
  "/sessions": {
    get: {
      operationId: "listSessions",
      tag: "Interviews",
      summary: "The user's interview sessions (filtered, paged)",
      query: [
        { name: "status", description: "Only sessions in this state.", schema: z.enum(SESSION_STATUSES) },
        { name: "job_posting_id", description: "Only sessions for this posting.", schema: z.uuid() },
        {
          name: "from",
          description: "Created on or after: a date (YYYY-MM-DD, UTC) or an ISO date-time.",
          schema: z.string(),
        },
        {
          name: "to",
          description: "Created on or before: a plain date includes that whole day (UTC); a date-time is exact.",
          schema: z.string(),
        },
        { name: "page", description: "From 1.", schema: z.number().int().min(1).default(1) },
        {
          name: "page_size",
          description: `At most ${MAX_PAGE_SIZE}.`,
          schema: z.number().int().min(1).max(MAX_PAGE_SIZE).default(HISTORY_PAGE_SIZE),
        },
      ],
      responses: {
        200: {
          description: "One page, newest first.",
          schema: SessionList,
          headers: {
            "X-Total-Count": "Sessions matching the filters.",
            "X-Page": "This page's number.",
            "X-Page-Size": "Sessions per page.",
            "X-Page-Count": "Pages in all.",
            Link: 'RFC 8288 links to the first, last, prev and next pages (rel="first" …).',
          },
        },
        422: error("validation_error: `fields` names each invalid query parameter."),
      },
    },
    post: {
      operationId: "startSession",
      tag: "Interviews",
      summary: "Start an interview; its first question is requested at once",
      body: StartSessionBody,
      responses: {
        201: { description: "The new session and the operation of its first question.", schema: StartedSessionJson },
        400: error(
          "malformed_json, or missing_prerequisites: add a résumé and an API key first (`fields.prerequisites` says which), or no_skill_map: focus weakest_first needs the posting's requirements (GET /job-postings/{id}/skills).",
        ),
        402: BUDGET_EXHAUSTED,
        404: NOT_FOUND("job posting"),
        429: error(
          "too_many_interviews: this hour's interview starts are used up (RATE_LIMIT_INTERVIEWS_PER_HOUR, 30 by default).",
          RETRY_AFTER,
        ),
      },
    },
  },
  "/sessions/{id}": {
    get: {
      operationId: "getSession",
      tag: "Interviews",
      summary: "A session with its posting and résumé snapshots, every message, its last AI failure and its AI cost so far",
      responses: { 200: { description: "The session.", schema: SessionDetailWithUsageJson }, 404: NOT_FOUND("session") },
    },
    delete: {
      operationId: "deleteSession",
      tag: "Interviews",
      summary: "Delete a session in any state, with its messages, evaluations and feedback",
      description:
        "AI work still running for it is dropped: its operations go with the session and write nothing. Retakes of it stay (their original_session_id becomes null).",
      responses: { 204: { description: "Deleted." }, 404: NOT_FOUND("session") },
    },
  },
  "/sessions/{id}/generate-question": {
    post: {
      operationId: "generateQuestion",
      tag: "Interviews",
      summary: "Ask for the next question",
      responses: {
        202: { description: "The question is being generated: poll the operation.", schema: OperationAcceptedJson },
        400: sessionRefusal("not_active, all_questions_asked"),
        402: BUDGET_EXHAUSTED_UNLESS_UNDER_WAY,
        404: NOT_FOUND("session"),
        409: error("question_pending (one is being generated) or question_unanswered (answer the open one first)."),
      },
    },
  },
  "/sessions/{id}/answers": {
    post: {
      operationId: "submitAnswer",
      tag: "Interviews",
      summary: "Answer the open question; its evaluation and the next question start concurrently",
      body: AnswerBody,
      responses: {
        201: { description: "Stored, with the operations it started.", schema: AnswerSubmissionJson },
        200: { description: "The same answer (same question_id) was already stored; nothing new started.", schema: AnswerSubmissionJson },
        400: error("malformed_json, or not_active / no_open_question: nothing to answer right now."),
        402: BUDGET_EXHAUSTED_UNLESS_UNDER_WAY,
        404: NOT_FOUND("session"),
      },
    },
  },
  "/sessions/{id}/answers/{answerId}/second-opinion": {
    post: {
      operationId: "requestSecondOpinion",
      tag: "Interviews",
      summary: "Have an answer graded again (a second opinion); both gradings are kept, the first stays the score of record",
      responses: {
        202: {
          description: "The answer is being graded again: poll the operation (operation_type answer_regrade).",
          schema: OperationAcceptedJson,
        },
        402: BUDGET_EXHAUSTED,
        404: NOT_FOUND("session or answer"),
        409: error(
          "not_evaluated (no evaluation yet), second_opinion_exists or second_opinion_in_progress: one second opinion per answer.",
        ),
      },
    },
  },
  "/sessions/{id}/messages": {
    get: {
      operationId: "listMessages",
      tag: "Interviews",
      summary: "Questions and answers in order, answers with their evaluation once ready",
      responses: { 200: { description: "The messages.", schema: MessageListJson }, 404: NOT_FOUND("session") },
    },
  },
  "/sessions/{id}/pause": {
    post: {
      operationId: "pauseSession",
      tag: "Interviews",
      summary: "Pause an active session (everything is kept)",
      responses: {
        200: { description: "Paused.", schema: SessionWithOperationJson },
        400: sessionRefusal("not_active"),
        404: NOT_FOUND("session"),
      },
    },
  },
  "/sessions/{id}/resume": {
    post: {
      operationId: "resumeSession",
      tag: "Interviews",
      summary: "Resume a paused session (requests the next question when none is open)",
      responses: {
        200: { description: "Active again, with the question's operation when one was started.", schema: SessionWithOperationJson },
        400: sessionRefusal("not_paused"),
        404: NOT_FOUND("session"),
      },
    },
  },
  "/sessions/{id}/complete": {
    post: {
      operationId: "completeSession",
      tag: "Interviews",
      summary: "Finish the interview in any state, and request its feedback when something was answered",
      description:
        "Works whatever happened before (a question still being generated is cancelled, a failed one is left behind). With no answer at all, the session is abandoned: it is completed without feedback and operation_id is null.",
      responses: {
        200: {
          description: "Completed, with the feedback's operation (null when nothing was answered).",
          schema: SessionWithOperationJson,
        },
        400: sessionRefusal("not_active (already completed)"),
        402: BUDGET_EXHAUSTED_UNLESS_UNDER_WAY,
        404: NOT_FOUND("session"),
      },
    },
  },
  "/sessions/{id}/retake": {
    post: {
      operationId: "retakeSession",
      tag: "Feedback and progress",
      summary: "Retake a completed interview (same posting, next attempt)",
      body: RetakeBody,
      bodyRequired: false,
      responses: {
        201: { description: "The new session and its first question's operation.", schema: RetakeSessionJson, headers: LOCATION },
        400: reviewError("malformed_json, not_completed (only a completed interview can be retaken) or missing_prerequisites."),
        402: BUDGET_EXHAUSTED,
        404: NOT_FOUND("session"),
        409: reviewError("posting_deleted: the job posting of this interview was deleted."),
        429: error("too_many_interviews: this hour's interview starts are used up (a retake is a start too).", RETRY_AFTER),
      },
    },
  },
  "/sessions/{id}/generate-feedback": {
    post: {
      operationId: "generateFeedback",
      tag: "Feedback and progress",
      summary: "Ask for the interview's feedback",
      responses: {
        202: { description: "The feedback is being written: poll the operation.", schema: OperationAcceptedJson, headers: LOCATION },
        400: reviewError(
          "not_completed: finish the interview first; nothing_answered: it ended before any answer, so there is nothing to score.",
        ),
        402: BUDGET_EXHAUSTED_UNLESS_UNDER_WAY,
        404: NOT_FOUND("session"),
        409: reviewError("feedback_exists, or feedback_in_progress (with the operation_id to poll)."),
      },
    },
  },
  "/sessions/{id}/feedback": {
    get: {
      operationId: "getFeedback",
      tag: "Feedback and progress",
      summary: "The interview's feedback",
      responses: {
        200: { description: "The feedback.", schema: FeedbackJson },
        404: NOT_FOUND("session, or no feedback yet (poll its operation, or POST generate-feedback)"),
      },
    },
  },
  "/sessions/{id}/debrief": {
    get: {
      operationId: "getSessionDebrief",
      tag: "Feedback and progress",
      summary: "The session's debrief as Markdown (questions, answers, scores, feedback)",
      description:
        "One interview to take along (GET /api/v1/sessions lists them): `markdown` is the whole file, `file_name` a name for it — " +
        "the same document as the Markdown download in Settings › Your data and on the interview's debrief page " +
        "(/interviews/{id}/debrief.md). A PDF is made by the browser: print the debrief page /interviews/{id}/feedback " +
        "(it has a print stylesheet) and choose “Save as PDF”; there is no server-side PDF.",
      query: [{ name: "redacted", description: "true: replace personal details by placeholders.", schema: z.enum(["true", "false"]) }],
      responses: { 200: { description: "The debrief.", schema: DebriefMarkdownJson }, 404: NOT_FOUND("session") },
    },
  },
  "/sessions/{id}/transcriptions": {
    post: {
      operationId: "transcribeAnswer",
      tag: "Interviews",
      summary: "Send a spoken answer to the open question; its transcript is written by the worker (nothing is submitted)",
      description:
        "The audio is checked by its content, then transcribed by the user's provider (the transcription model chosen in Settings, gpt-4o-mini-transcribe by default) as operation transcribe_answer. Its result carries the transcript, which is also appended to the session's draft; correct it and send it to POST /sessions/{id}/answers. The answer's `delivery_metrics` are computed from the recordings at that point. The audio is deleted once transcribed unless the user keeps recordings.",
      multipart: TranscriptionUploadBody,
      responses: {
        202: { description: "Transcribing: poll the operation.", schema: OperationAcceptedJson, headers: LOCATION },
        400: error("malformed_body (the multipart body could not be read), no_audio (no file in the audio field), or not_active."),
        402: BUDGET_EXHAUSTED_UNLESS_UNDER_WAY,
        404: NOT_FOUND("session"),
        409: error("no_open_question: there is no open question (or question_id is not it)."),
        413: error("payload_too_large / file_too_large: the recording is larger than 25 MB."),
        415: error("unsupported_media_type (not multipart), not_audio or unsupported_audio (the content is not a recording we can send)."),
        422: error("validation_error (question_id or duration_seconds), empty_file, too_long (over 10 minutes) or too_short."),
        429: error(
          "too_many_transcriptions: this hour's recordings are used up (RATE_LIMIT_TRANSCRIPTIONS_PER_HOUR, 60 by default).",
          RETRY_AFTER,
        ),
      },
    },
  },
  "/recordings": {
    get: {
      operationId: "listRecordings",
      tag: "Interviews",
      summary: "The recordings you kept (only while keep_recordings is on; otherwise audio is deleted once transcribed)",
      responses: { 200: { description: "Newest first.", schema: RecordingListJson } },
    },
  },
  "/recordings/{id}": {
    get: {
      operationId: "getRecording",
      tag: "Interviews",
      summary: "One kept recording",
      responses: { 200: { description: "The recording.", schema: RecordingJson }, 404: NOT_FOUND("kept recording") },
    },
    delete: {
      operationId: "deleteRecording",
      tag: "Interviews",
      summary: "Delete a kept recording's audio (its transcript stays with the answer's delivery feedback)",
      responses: { 204: { description: "Deleted." }, 404: NOT_FOUND("kept recording") },
    },
  },
  "/recordings/{id}/audio": {
    get: {
      operationId: "getRecordingAudio",
      tag: "Interviews",
      summary:
        "The audio of a kept recording, in its own type (audio/webm, audio/ogg, audio/wav, audio/mpeg, audio/mp4 …); Cache-Control: private, no-store",
      responses: {
        200: { description: "The audio.", schema: RecordingAudio, mediaType: "audio/*" },
        404: NOT_FOUND("kept recording"),
      },
    },
  },
  "/operations/{id}": {
    get: {
      operationId: "getOperation",
      tag: "Interviews",
      summary: "The state of one AI operation (poll every ~2 s until completed or failed)",
      responses: { 200: { description: "The operation.", schema: OperationJson }, 404: NOT_FOUND("operation") },
    },
  },
  "/answers/{id}/model-answer": {
    get: {
      operationId: "getModelAnswer",
      tag: "Feedback and progress",
      summary: "The strong answer to one of your answers' questions (null until written), with the operation writing it",
      responses: { 200: { description: "The strong answer.", schema: ModelAnswerJson }, 404: NOT_FOUND("answer") },
    },
    post: {
      operationId: "requestModelAnswer",
      tag: "Feedback and progress",
      summary:
        "Write a strong answer from your résumé and your answer: placeholders ask for facts it lacks; invented names and numbers are flagged",
      responses: {
        202: { description: "Being written (or already being written).", schema: OperationAcceptedJson },
        402: BUDGET_EXHAUSTED,
        404: NOT_FOUND("answer"),
        409: error("not_scored: the answer is not scored yet."),
      },
    },
  },
  "/drills": {
    post: {
      operationId: "startDrill",
      tag: "Interviews",
      summary:
        "Drill this: 3 questions on one requirement or knowledge gap, each answer scored as it comes; or a review drill: one fresh wording of a missed question",
      body: StartDrillBody,
      responses: {
        201: { description: "The drill's session and its first question's operation.", schema: StartedDrillJson, headers: LOCATION },
        400: error("malformed_json, missing_prerequisites (résumé and API key), or unknown_gap: not one of that answer's knowledge gaps."),
        402: BUDGET_EXHAUSTED,
        404: NOT_FOUND("requirement, answer or review item"),
        409: error("review_done: every review of that question is passed; it is not asked again."),
        429: error("too_many_interviews: this hour's interview and drill starts are used up.", RETRY_AFTER),
      },
    },
  },
  "/reviews/due": {
    get: {
      operationId: "listDueReviews",
      tag: "Feedback and progress",
      summary:
        "Due for review: questions you missed (score below 60) come back after 1, 3, 7 and 14 days; a passed review moves on, a missed one starts again",
      responses: { 200: { description: "The reviews due now.", schema: DueReviewsJson } },
    },
  },
  "/answers/{id}/star-check": {
    get: {
      operationId: "getStarCheck",
      tag: "Feedback and progress",
      summary: "The STAR checklist of a behavioural answer: each part with the answer's own sentence, result quantified, says “I”",
      responses: {
        200: { description: "The checklist (null until checked; behavioural answers only).", schema: StarCheckJson },
        404: NOT_FOUND("answer"),
      },
    },
  },
  "/stats": {
    get: {
      operationId: "getStats",
      tag: "Feedback and progress",
      summary: "The dashboard's numbers: totals, averages, most practised roles, the score trend",
      responses: { 200: { description: "The numbers.", schema: StatsJson } },
    },
  },
  "/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tag: "Meta",
      summary: "This description",
      public: true,
      responses: { 200: { description: "The OpenAPI 3.1 document.", schema: OpenApiDocumentJson } },
    },
  },
};

// --- Assembly ----------------------------------------------------------------

type JsonObject = Record<string, unknown>;

const COMPONENT_PREFIX = "#/components/schemas/";

/** A registry of named schemas as OpenAPI components (JSON Schema 2020-12, OpenAPI 3.1's dialect). */
function components(entries: Array<[z.ZodType, string]>, io: "input" | "output") {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, target: "draft-2020-12", uri: (id) => `${COMPONENT_PREFIX}${id}` });
  // Inside an OpenAPI document a component is addressed by its place; a per-schema $id/$schema would only confuse tools.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const rest: JsonObject = { ...schema };
      delete rest.$id;
      delete rest.$schema;
      return [id, rest];
    }),
  );
}

/** One query parameter's schema, without the JSON Schema envelope. */
function parameterSchema(schema: z.ZodType) {
  const json: JsonObject = { ...z.toJSONSchema(schema, { io: "input" }) };
  delete json.$schema;
  return json;
}

function withCommonResponses(path: string, operation: OperationSpec): Record<number, ResponseSpec> {
  const responses: Record<number, ResponseSpec> = {};
  if (operation.body) Object.assign(responses, BODY_ERRORS);
  if (!operation.public) responses[401] = UNAUTHORIZED;
  if (path.includes("{id}")) responses[404] ??= NOT_FOUND("resource");
  return { ...responses, ...operation.responses };
}

/** The responses an operation documents, commons included (the test looks statuses up here). */
export function documentedResponses(path: string, method: HttpMethod): Record<number, ResponseSpec> | null {
  const operation = API_PATHS[path]?.[method];
  return operation ? withCommonResponses(path, operation) : null;
}

export function buildOpenApiDocument() {
  const responseIds = new Map(RESPONSE_SCHEMAS);
  const requestIds = new Map(REQUEST_SCHEMAS);
  const ref = (ids: Map<z.ZodType, string>, schema: z.ZodType) => {
    const id = ids.get(schema);
    if (!id) throw new Error("An API schema is missing from the OpenAPI components list (app/api/openapi.server.ts).");
    return { $ref: `${COMPONENT_PREFIX}${id}` };
  };

  const paths: JsonObject = {};
  for (const [path, operations] of Object.entries(API_PATHS)) {
    const item: JsonObject = {};
    if (path.includes("{id}")) item.parameters = [{ $ref: "#/components/parameters/id" }];
    if (path.includes("{answerId}")) (item.parameters as unknown[]).push({ $ref: "#/components/parameters/answerId" });
    if (path.includes("{requirementId}"))
      item.parameters = [...((item.parameters as unknown[]) ?? []), { $ref: "#/components/parameters/requirementId" }];
    for (const [method, operation] of Object.entries(operations) as Array<[HttpMethod, OperationSpec]>) {
      const responses: JsonObject = {};
      const statuses = Object.entries(withCommonResponses(path, operation)).sort(([a], [b]) => Number(a) - Number(b));
      // Any operation can fail on our side; the body is still the error shape.
      for (const [status, response] of [...statuses, ["5XX", SERVER_ERROR] as const]) {
        responses[status] = {
          description: response.description,
          ...(response.headers
            ? {
                headers: Object.fromEntries(
                  Object.entries(response.headers).map(([name, description]) => [name, { description, schema: { type: "string" } }]),
                ),
              }
            : {}),
          ...(response.schema
            ? { content: { [response.mediaType ?? "application/json"]: { schema: ref(responseIds, response.schema) } } }
            : {}),
        };
      }
      item[method] = {
        operationId: operation.operationId,
        summary: operation.summary,
        ...(operation.description ? { description: operation.description } : {}),
        tags: [operation.tag],
        ...(operation.public ? { security: [] } : {}),
        ...(operation.query
          ? {
              parameters: operation.query.map((p) => ({
                name: p.name,
                in: "query",
                required: false,
                description: p.description,
                schema: parameterSchema(p.schema),
              })),
            }
          : {}),
        ...(operation.body
          ? {
              requestBody: {
                required: operation.bodyRequired ?? true,
                content: { "application/json": { schema: ref(requestIds, operation.body) } },
              },
            }
          : {}),
        ...(operation.multipart
          ? {
              requestBody: {
                required: true,
                content: {
                  "multipart/form-data": { schema: ref(requestIds, operation.multipart) },
                },
              },
            }
          : {}),
        responses,
      };
    }
    paths[`${API_BASE}${path}`] = item;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "ai-interviewer API",
      version: "1.0.0",
      summary: "Practise job interviews: questions from your résumé and a job posting, scored feedback, progress over retakes.",
      description: [
        "Sign in with `POST /api/v1/auth/login` and send `Authorization: Bearer <token>`; the web app's session cookie works too.",
        "AI work (questions, evaluations, feedback) runs in the background: requests that start it answer with an `operation_id`;",
        "poll `GET /api/v1/operations/{id}` until it is `completed` or `failed`.",
        'Every error has the shape `{ "error": { "code", "message", "fields"? } }`. Another user\'s id answers 404, like a missing one.',
        "Writes authenticated by the session cookie must come from the app's own origin (403 `cross_site_request` otherwise); bearer-token calls are exempt.",
      ].join(" "),
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    // Relative: the API is under /api/v1 of whatever address serves this document (APP_URL).
    servers: [{ url: "/", description: "The server that serves this document." }],
    tags: [
      { name: "Accounts", description: "Sign up, sign in for a bearer token, sign out; your profile and your AI provider key." },
      { name: "Résumé", description: "Your one résumé: pasted text, or extracted from an uploaded file and reviewed before saving." },
      { name: "Job postings", description: "The roles you practise for, and your progress on each across retakes." },
      {
        name: "Interviews",
        description: "Interview sessions: start, get questions, answer, pause, resume, finish and retake. AI steps are operations.",
      },
      { name: "Feedback and progress", description: "Per-answer evaluations, the debrief of an interview, the dashboard's numbers." },
      { name: "Meta", description: "This description of the API." },
    ],
    paths,
    components: {
      schemas: { ...components(RESPONSE_SCHEMAS, "output"), ...components(REQUEST_SCHEMAS, "input") },
      parameters: {
        id: {
          name: "id",
          in: "path",
          required: true,
          description: "The resource's UUID. A malformed id, a missing one and another user's answer the same 404.",
          schema: { type: "string", format: "uuid" },
        },
        answerId: {
          name: "answerId",
          in: "path",
          required: true,
          description: "An answer's id (a message with message_type `answer`) in that session.",
          schema: { type: "string", format: "uuid" },
        },
        requirementId: {
          name: "requirementId",
          in: "path",
          required: true,
          description: "A requirement of the posting's skill map (issue 19). Another user's answers 404, like a missing one.",
          schema: { type: "string", format: "uuid" },
        },
      },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "The access_token from POST /api/v1/auth/login." },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: "__Host-aii_session",
          description: "The web app's session cookie (named aii_session when served over plain HTTP). Writes need a same-origin Origin.",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let cached: OpenApiDocument | undefined;

/** Built once per process: the schemas do not change while it runs. */
export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}
