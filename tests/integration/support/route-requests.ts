/**
 * One well-formed request for every write the app accepts — each UI action
 * with each of its intents, each JSON route with each of its write methods —
 * aimed at a rich user's objects, and one or more reads of every route. The
 * CSRF, GET-safety and isolation suites send these with the wrong origin, the
 * wrong user or the wrong method, and check that each route of app/routes.ts
 * is listed here (route-map.ts), so a new route cannot slip past them.
 */
import { POSTING, RESUME_TEXT } from "../../support/interviews.ts";
import { TEST_PASSWORD } from "../../support/users.ts";
import type { RichUser } from "./rich-user.ts";

export type WriteSpec = {
  /** The route as written in app/routes.ts ("/jobs/:id/edit"). */
  route: string;
  /** The concrete URL. */
  path: string;
  method: string;
  intent?: string;
  form?: Record<string, string> | FormData;
  json?: unknown;
};

const postingForm = {
  title: "Principal Engineer",
  company: "Other Corp",
  description: POSTING.description,
  experienceLevel: "principal",
  techStack: "Go, Rust",
  url: "https://jobs.example.com/1",
};

function resumeUpload() {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([RESUME_TEXT], "resume.txt", { type: "text/plain" }));
  return form;
}

function resumeFile() {
  const form = new FormData();
  form.set("file", new File([RESUME_TEXT], "resume.txt", { type: "text/plain" }));
  return form;
}

function exportUpload() {
  const form = new FormData();
  form.set("file", new File(['{"format":"ai-interviewer/account-export"}'], "export.json", { type: "application/json" }));
  return form;
}

/** issue 18: a "recording" that is not audio: refused by content (415) once the session is known to be the sender's. */
function notAudio() {
  const form = new FormData();
  form.set("audio", new File(["just text"], "answer.txt", { type: "text/plain" }));
  return form;
}

/** Every write, aimed at `owner`'s objects. */
export function writeSpecs(owner: RichUser): WriteSpec[] {
  const s = owner.sessions;
  const o = owner.operations;
  const ui = (route: string, id: string | null, intent: string | undefined, fields: Record<string, string> | FormData = {}): WriteSpec => {
    const form = fields instanceof FormData ? fields : { ...(intent ? { intent } : {}), ...fields };
    return { route, path: id ? route.replace(":id", id) : route, method: "POST", intent, form };
  };
  const api = (method: string, route: string, id: string | null, json?: unknown, form?: FormData): WriteSpec => ({
    route,
    path: id ? route.replace(":id", id) : route,
    method,
    json,
    form,
  });
  return [
    ui("/register", null, undefined, { email: "someone-new@example.com", password: TEST_PASSWORD }),
    ui("/login", null, undefined, { email: owner.email, password: TEST_PASSWORD }),
    ui("/forgot-password", null, undefined, { email: owner.email }),
    ui("/reset-password", null, undefined, { token: "x".repeat(43), password: "a new passphrase 123", confirm: "a new passphrase 123" }),
    ui("/settings", null, "change-password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "a new passphrase 123",
      confirmPassword: "a new passphrase 123",
    }),
    ui("/settings", null, "save-api-key", { apiKey: "sk-test-replaced-key-9999" }),
    ui("/settings", null, "remove-api-key"),
    ui("/settings", null, "test-api-key"),
    ui("/settings", null, "save-provider", { model: "gpt-4o", baseUrl: "" }),
    ui("/settings", null, "save-budget", { monthlyBudget: "5" }),
    ui("/settings", null, "save-price", { model: "llama3.1:8b", free: "on" }),
    ui("/settings", null, "remove-price", { model: "llama3.1:8b" }),
    ui("/settings/export", null, undefined, { redact: "on" }),
    ui("/settings/import", null, undefined, exportUpload()),
    ui("/settings/import/:id", owner.importId, undefined),
    ui("/settings", null, "voice", {
      transcriptionModel: "whisper-1",
      readAloud: "browser",
      maxRecordingSeconds: "120",
      keepRecordings: "on",
    }),
    ui("/settings", null, "delete-recording", { recordingId: owner.recordingId }),
    ui("/resume", null, "save", { content: `${RESUME_TEXT} Updated.` }),
    ui("/resume", null, "upload", resumeUpload()),
    ui("/resume/delete", null, undefined),
    ui("/jobs/new", null, undefined, postingForm),
    ui("/jobs/:id/edit", owner.postingId, undefined, postingForm),
    ui("/jobs/:id/progress", owner.postingId, "retake", { sessionId: s.completed }),
    ui("/interviews/new", null, undefined, { jobPostingId: owner.postingId, targetQuestions: "5", focus: "technical" }),
    ui("/interviews/:id", s.active, "answer", { questionId: owner.openQuestionId, answer: "My answer." }),
    ui("/interviews/:id", s.active, "save-draft", { questionId: owner.openQuestionId, answer: "A changed draft" }),
    // issue 18: without a file this is refused (400) — enough for the CSRF and body-limit sweeps; voice.test.ts sends audio.
    ui("/interviews/:id", s.active, "transcribe", { questionId: owner.openQuestionId }),
    // issue 18: the question read aloud by the provider (refused while the user's read-aloud is not "provider").
    ui("/interviews/:id", s.active, "speak-question", { questionId: owner.openQuestionId }),
    ui("/interviews/:id", s.active, "pause"),
    ui("/interviews/:id", s.paused, "resume"),
    ui("/interviews/:id", s.active, "finish"),
    ui("/interviews/:id", s.active, "request-question"),
    ui("/interviews/:id", s.active, "retry", { operationId: o.failedQuestion }),
    ui("/interviews/:id", s.completed, "second-opinion", { answerId: owner.evaluatedAnswerId }),
    ui("/interviews/:id", s.active, "model-answer", { answerId: owner.answerId }),
    ui("/interviews/:id", s.active, "drill", { answerId: owner.answerId, gap: "Capacity planning" }),
    ui("/jobs/:id/skills", owner.postingId, "drill", { requirementId: owner.requirementId }),
    ui("/dashboard", null, "review", { reviewItemId: owner.reviewItemId }), // issue 19
    ui("/interviews/:id/feedback", s.completed, "retake", { repeatQuestions: "on" }),
    ui("/interviews/:id/feedback", s.unscored, "retry", { operationId: o.failedFeedback }),
    ui("/interviews/:id/feedback", s.unscored, "generate-feedback"),
    ui("/interviews/:id/feedback", s.completed, "second-opinion", { answerId: owner.evaluatedAnswerId }),
    // issue 19: the feedback page's coaching (the same forms as the interview page's).
    ui("/interviews/:id/feedback", s.completed, "drill", { answerId: owner.evaluatedAnswerId, gap: "Capacity planning" }),
    ui("/interviews/:id/feedback", s.completed, "drill-gap", { gap: "Capacity planning" }),
    ui("/interviews/:id/feedback", s.completed, "model-answer", { answerId: owner.evaluatedAnswerId }),
    ui("/*", null, undefined, { anything: "at all" }),
    ui("/jobs/:id/skills", owner.postingId, "add", { name: "GraphQL", kind: "technology", weight: "2" }),
    ui("/jobs/:id/skills", owner.postingId, "rename", { requirementId: owner.requirementId, name: "Postgres at scale" }),
    ui("/jobs/:id/skills", owner.postingId, "weight", { requirementId: owner.requirementId, weight: "1" }),
    ui("/jobs/:id/skills", owner.postingId, "extract"),
    ui("/jobs/:id/skills", owner.postingId, "retry", { operationId: owner.operations.failedQuestion }),
    ui("/jobs/:id/skills", owner.postingId, "remove", { requirementId: owner.requirementId }),
    // Destructive ones last: the suites that let writes through run this list in order.
    ui("/interviews/:id/delete", s.paused, undefined),
    ui("/jobs/:id/delete", owner.postingId, undefined),
    ui("/settings", null, "delete-account", { password: TEST_PASSWORD, confirm: "delete" }),
    ui("/logout", null, undefined),

    api("POST", "/api/v1/auth/register", null, { email: "someone-else@example.com", password: TEST_PASSWORD }),
    api("POST", "/api/v1/auth/login", null, { email: owner.email, password: TEST_PASSWORD }),
    api("POST", "/api/v1/users/me/api-key", null, { api_key: "sk-test-replaced-key-8888" }),
    api("PUT", "/api/v1/users/me/api-key", null, { api_key: "sk-test-replaced-key-7777" }),
    api("PATCH", "/api/v1/users/me", null, {
      ai_model: "gpt-4o",
      ai_base_url: null,
      voice: { read_aloud: "browser", keep_recordings: true },
    }),
    api("PATCH", "/api/v1/users/me/budget", null, { monthly_budget_usd: 5 }),
    api("POST", "/api/v1/imports", null, { format: "ai-interviewer/account-export" }),
    api("POST", "/api/v1/resumes", null, { content: RESUME_TEXT }),
    api("PUT", "/api/v1/resumes/me", null, { content: `${RESUME_TEXT} Changed.` }),
    api("POST", "/api/v1/resumes/me/file", null, undefined, resumeFile()),
    api("POST", "/api/v1/job-postings", null, { title: "New", description: POSTING.description }),
    api("PUT", "/api/v1/job-postings/:id", owner.postingId, { title: "Renamed" }),
    api("POST", "/api/v1/sessions", null, { job_posting_id: owner.postingId }),
    api("POST", "/api/v1/sessions/:id/generate-question", s.active),
    api("POST", "/api/v1/sessions/:id/answers", s.active, { answer_text: "My answer.", question_id: owner.openQuestionId }),
    // issue 18: a file that is not audio (415 for the owner, nothing written); voice.test.ts and openapi.test.ts send audio.
    api("POST", "/api/v1/sessions/:id/transcriptions", s.active, undefined, notAudio()),
    api("POST", "/api/v1/sessions/:id/pause", s.active),
    api("POST", "/api/v1/sessions/:id/resume", s.paused),
    api("POST", "/api/v1/sessions/:id/complete", s.active),
    api("POST", "/api/v1/sessions/:id/retake", s.completed, { repeat_questions: true }),
    api("POST", "/api/v1/sessions/:id/generate-feedback", s.unscored),
    {
      ...api("POST", "/api/v1/sessions/:id/answers/:answerId/second-opinion", s.completed),
      path: `/api/v1/sessions/${s.completed}/answers/${owner.evaluatedAnswerId}/second-opinion`,
    },
    api("POST", "/api/v1/job-postings/:id/skills", owner.postingId, { name: "GraphQL", kind: "technology" }),
    api("POST", "/api/v1/job-postings/:id/skills/extract", owner.postingId),
    api("POST", "/api/v1/answers/:id/model-answer", owner.answerId),
    api("POST", "/api/v1/drills", null, { requirement_id: owner.requirementId }),
    api("POST", "/api/v1/drills", null, { review_item_id: owner.reviewItemId }), // issue 19
    {
      ...api("PATCH", "/api/v1/job-postings/:id/skills/:requirementId", owner.postingId, { name: "Postgres at scale", weight: 1 }),
      path: `/api/v1/job-postings/${owner.postingId}/skills/${owner.requirementId}`,
    },
    {
      ...api("DELETE", "/api/v1/job-postings/:id/skills/:requirementId", owner.postingId),
      path: `/api/v1/job-postings/${owner.postingId}/skills/${owner.requirementId}`,
    },
    // issue 18: a kept recording's audio deleted (the transcript stays).
    api("DELETE", "/api/v1/recordings/:id", owner.recordingId),
    api("DELETE", "/api/v1/resumes/me", null),
    api("DELETE", "/api/v1/users/me/api-key", null),
    api("DELETE", "/api/v1/sessions/:id", s.unscored),
    api("DELETE", "/api/v1/job-postings/:id", owner.postingId),
    api("POST", "/api/v1/auth/logout", null),
  ];
}

export type ReadSpec = { route: string; path: string };

/** At least one GET of every route, with owner's ids and realistic query strings. */
export function readSpecs(owner: RichUser): ReadSpec[] {
  const s = owner.sessions;
  const read = (route: string, ...paths: string[]): ReadSpec[] => (paths.length ? paths : [route]).map((path) => ({ route, path }));
  const job = (route: string) => route.replace(":id", owner.postingId);
  const session = (route: string, id = s.completed) => route.replace(":id", id);
  return [
    ...read("/", "/", "/_.data"),
    ...read("/register", "/register", "/register.data"),
    ...read("/login", "/login", "/login?redirectTo=/jobs"),
    ...read("/logout"),
    ...read("/forgot-password"),
    ...read("/reset-password", "/reset-password?token=not-a-real-token", "/reset-password"),
    ...read("/settings", "/settings", "/settings.data"),
    ...read("/settings/export"),
    ...read("/settings/import", "/settings/import", "/settings/import.data"),
    ...read("/settings/import/:id", `/settings/import/${owner.importId}`, `/settings/import/${owner.importId}.data`),
    ...read("/dashboard", "/dashboard", "/dashboard.data"),
    ...read("/how-scores-work", "/how-scores-work", "/how-scores-work.data"),
    ...read("/resume", "/resume", "/resume?notice=updated"),
    ...read("/resume/delete"),
    ...read("/jobs", "/jobs", "/jobs?notice=deleted"),
    ...read("/jobs/new"),
    ...read("/jobs/:id", job("/jobs/:id"), `${job("/jobs/:id")}.data`, `${job("/jobs/:id")}?notice=created`),
    ...read("/jobs/:id/edit", job("/jobs/:id/edit")),
    ...read("/jobs/:id/delete", job("/jobs/:id/delete")),
    ...read("/jobs/:id/progress", job("/jobs/:id/progress"), `${job("/jobs/:id/progress")}.data`),
    ...read("/jobs/:id/skills", job("/jobs/:id/skills"), `${job("/jobs/:id/skills")}.data`),
    ...read("/interviews", "/interviews", "/interviews?status=completed&range=30d&page=2", `/interviews?job=${owner.postingId}`),
    ...read("/interviews/new", "/interviews/new", `/interviews/new?jobId=${owner.postingId}`),
    ...read(
      "/interviews/:id",
      session("/interviews/:id", s.active),
      session("/interviews/:id", s.paused),
      `${session("/interviews/:id", s.active)}.data`,
      session("/interviews/:id"),
    ),
    ...read("/interviews/:id/feedback", session("/interviews/:id/feedback"), session("/interviews/:id/feedback", s.unscored)),
    ...read("/interviews/:id/events", session("/interviews/:id/events", s.active)),
    ...read("/interviews/:id/debrief.md", session("/interviews/:id/debrief.md"), `${session("/interviews/:id/debrief.md")}?redact=1`),
    ...read("/interviews/:id/delete", session("/interviews/:id/delete", s.active), session("/interviews/:id/delete")),
    ...read("/recordings/:id/audio", `/recordings/${owner.recordingId}/audio`),
    ...read(
      "/interviews/:id/questions/:questionId/speech",
      `/interviews/${s.active}/questions/${owner.openQuestionId}/speech`,
      `/interviews/${s.active}/questions/${owner.openQuestionId}/speech?v=gpt-4o-mini-tts%3Aalloy`,
    ),
    ...read("/api/v1/auth/register"),
    ...read("/api/v1/auth/login"),
    ...read("/api/v1/auth/logout"),
    ...read("/api/v1/users/me"),
    ...read("/api/v1/users/me/api-key"),
    ...read("/api/v1/users/me/usage", "/api/v1/users/me/usage", "/api/v1/users/me/usage?month=2026-01"),
    ...read("/api/v1/users/me/budget"),
    ...read("/api/v1/export", "/api/v1/export", "/api/v1/export?redacted=true"),
    ...read("/api/v1/imports"),
    ...read("/api/v1/resumes"),
    ...read("/api/v1/resumes/me"),
    ...read("/api/v1/resumes/me/file"),
    ...read("/api/v1/job-postings"),
    ...read("/api/v1/job-postings/:id", job("/api/v1/job-postings/:id")),
    ...read("/api/v1/job-postings/:id/progress", job("/api/v1/job-postings/:id/progress")),
    ...read("/api/v1/job-postings/:id/skills", job("/api/v1/job-postings/:id/skills")),
    ...read("/api/v1/job-postings/:id/skills/extract", job("/api/v1/job-postings/:id/skills/extract")),
    ...read(
      "/api/v1/job-postings/:id/skills/:requirementId",
      job("/api/v1/job-postings/:id/skills/:requirementId").replace(":requirementId", owner.requirementId),
    ),
    ...read("/api/v1/sessions", "/api/v1/sessions", "/api/v1/sessions?status=completed&page_size=5"),
    ...read("/api/v1/sessions/:id", session("/api/v1/sessions/:id")),
    ...read("/api/v1/sessions/:id/generate-question", session("/api/v1/sessions/:id/generate-question", s.active)),
    ...read("/api/v1/sessions/:id/transcriptions", session("/api/v1/sessions/:id/transcriptions", s.active)),
    ...read("/api/v1/sessions/:id/answers", session("/api/v1/sessions/:id/answers", s.active)),
    ...read("/api/v1/sessions/:id/messages", session("/api/v1/sessions/:id/messages")),
    ...read("/api/v1/sessions/:id/pause", session("/api/v1/sessions/:id/pause", s.active)),
    ...read("/api/v1/sessions/:id/resume", session("/api/v1/sessions/:id/resume", s.paused)),
    ...read("/api/v1/sessions/:id/complete", session("/api/v1/sessions/:id/complete", s.active)),
    ...read("/api/v1/sessions/:id/retake", session("/api/v1/sessions/:id/retake")),
    ...read("/api/v1/sessions/:id/generate-feedback", session("/api/v1/sessions/:id/generate-feedback", s.unscored)),
    ...read("/api/v1/sessions/:id/feedback", session("/api/v1/sessions/:id/feedback")),
    ...read(
      "/api/v1/sessions/:id/answers/:answerId/second-opinion",
      `/api/v1/sessions/${s.completed}/answers/${owner.evaluatedAnswerId}/second-opinion`,
    ),
    ...read("/api/v1/sessions/:id/debrief", session("/api/v1/sessions/:id/debrief")),
    ...read("/api/v1/operations/:id", `/api/v1/operations/${owner.operations.failedQuestion}`),
    ...read("/api/v1/recordings"),
    ...read("/api/v1/recordings/:id", `/api/v1/recordings/${owner.recordingId}`),
    ...read("/api/v1/recordings/:id/audio", `/api/v1/recordings/${owner.recordingId}/audio`),
    ...read("/api/v1/answers/:id/model-answer", `/api/v1/answers/${owner.answerId}/model-answer`),
    ...read("/api/v1/answers/:id/star-check", `/api/v1/answers/${owner.answerId}/star-check`),
    ...read("/api/v1/drills"),
    ...read("/api/v1/reviews/due"),
    ...read("/api/v1/stats"),
    ...read("/api/v1/openapi.json"),
    ...read("/api/v1/*", "/api/v1/no-such-endpoint"),
    ...read("/*", "/no/such/page", "/jobs/x/y/z"),
  ];
}
