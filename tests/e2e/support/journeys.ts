/**
 * Helpers shared by the interview, content and accessibility specs: the
 * preparation steps through the real UI (key in Settings, résumé, job
 * posting, starting an interview) and the same through the JSON API with the
 * signed-in browser's own cookie session (page.context().request), to get
 * pages into a state quickly. Nothing here touches the database directly.
 * Every secret handled is recorded for the secrets scan; every API response
 * is recorded too.
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, newApiKey, recordApiResponse, recordSecret } from "../fixtures.ts";

export const RESUME_TEXT = [
  "Grace Example — Senior backend engineer.",
  "Eight years building payment systems in TypeScript, Go and PostgreSQL.",
  "Led the migration of a ledger to event sourcing; mentored four engineers;",
  "cut p95 latency of the checkout API from 900 ms to 180 ms.",
].join("\n");

export type PostingInput = {
  title: string;
  company?: string;
  description: string;
  level?: string; // the option's label, e.g. "Senior"
  techStack?: string;
  url?: string;
};

export const POSTING: PostingInput = {
  title: "Senior Platform Engineer",
  company: "Northwind Payments",
  description:
    "Own the reliability of our payment platform: design APIs, lead incident reviews, scale PostgreSQL and mentor engineers across teams.",
  level: "Senior",
  techStack: "TypeScript, PostgreSQL, Kubernetes",
};

/**
 * An API key for the fake OpenAI, like fixtures' `newApiKey(marker)` but whose random part never spells one of
 * the fake's fault markers: hex digits can spell "bad" (about 1 key in 120), which the fake answers with 401.
 */
export function apiKey(marker = "e2e"): string {
  for (;;) {
    const key = newApiKey(marker);
    if (!/bad/.test(key.slice(`sk-${marker}-`.length))) return key;
  }
}

// --- Through the UI ---

/** Settings → save (or replace) the API key; the key is recorded as a secret. */
export async function saveKeyInSettings(page: Page, key: string) {
  recordSecret("api-key", key);
  if (!/\/settings$/.test(new URL(page.url()).pathname)) await page.goto("/settings");
  await page.getByLabel(/^(Your API key|Replace with a new key)$/).fill(key);
  await page.getByRole("button", { name: /^(Save key|Replace key)$/ }).click();
  await expect(page.getByRole("status")).toHaveText(`Key saved. It ends in …${key.slice(-4)}.`);
}

/** /resume → paste the text and save it. */
export async function pasteResume(page: Page, text = RESUME_TEXT) {
  await page.goto("/resume");
  await page.getByLabel("Résumé text").fill(text);
  await page.getByRole("button", { name: "Save résumé" }).click();
  await expect(page.getByRole("status")).toHaveText(/^Résumé (saved|updated)\./);
}

/** Fill the job posting form (new or edit) with what is given. */
export async function fillPostingForm(page: Page, posting: Partial<PostingInput>) {
  if (posting.title !== undefined) await page.getByLabel("Job title").fill(posting.title);
  if (posting.company !== undefined) await page.getByLabel("Company (optional)").fill(posting.company);
  if (posting.level !== undefined) await page.getByLabel("Experience level (optional)").selectOption({ label: posting.level });
  if (posting.description !== undefined) await page.getByLabel("Job description").fill(posting.description);
  if (posting.techStack !== undefined) await page.getByLabel("Tech stack (optional)").fill(posting.techStack);
  if (posting.url !== undefined) await page.getByLabel("Link to the original posting (optional)").fill(posting.url);
}

/** /jobs/new → fill and save; ends on the posting's page. Returns its id. */
export async function createPostingInUi(page: Page, posting: PostingInput = POSTING): Promise<string> {
  await page.goto("/jobs/new");
  await fillPostingForm(page, posting);
  await page.getByRole("button", { name: "Save job posting" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}\?notice=created$/);
  await expect(page.getByRole("heading", { level: 1, name: posting.title })).toBeVisible();
  return /\/jobs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/** On a posting's page: Start interview → /interviews/new → N questions → Start. Ends on the interview page; returns its id. */
export async function startInterviewInUi(page: Page, questions = 3): Promise<string> {
  await page.getByRole("button", { name: "Start interview" }).click();
  await expect(page).toHaveURL(/\/interviews\/new\?jobId=/);
  await expect(page.getByRole("heading", { level: 1, name: "Start an interview" })).toBeVisible();
  await page.getByLabel("Number of questions").fill(String(questions));
  await page.getByRole("button", { name: "Start interview" }).click();
  await expect(page).toHaveURL(/\/interviews\/[0-9a-f-]{36}$/);
  return /\/interviews\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}

/** The section of the open question ("Question n of N", labelled by its heading). */
export const currentQuestion = (page: Page, n: number, of: number): Locator => page.getByRole("region", { name: `Question ${n} of ${of}` });

export const QUESTION_TYPE = /Technical|Behavioural|Project|Situational/;

/** The i-th (1-based) item of the previous-questions list. */
export const previousItem = (page: Page, n: number): Locator =>
  page
    .getByRole("region", { name: /^(Previous questions|Questions and answers)$/ })
    .getByRole("listitem")
    .filter({ has: page.getByText(`Question ${n}`, { exact: true }) });

// --- Through the JSON API, with the browser's own session ---

export type Api = APIRequestContext;
export const apiOf = (page: Page): Api => page.context().request;

export async function apiCall<T = unknown>(api: Api, method: "get" | "post" | "put" | "delete", url: string, data?: unknown): Promise<T> {
  const res = await recordApiResponse(await api[method](url, data === undefined ? {} : { data }), method.toUpperCase());
  expect(res.ok(), `${method.toUpperCase()} ${url} → ${res.status()} ${await res.text()}`).toBe(true);
  return (res.status() === 204 ? null : await res.json()) as T;
}

export async function setKeyApi(api: Api, key: string = apiKey()) {
  recordSecret("api-key", key);
  await apiCall(api, "put", "/api/v1/users/me/api-key", { api_key: key });
  return key;
}

export const addResumeApi = (api: Api, content = RESUME_TEXT) => apiCall(api, "post", "/api/v1/resumes", { content });

export async function addPostingApi(api: Api, posting: { title?: string; company?: string; description?: string } = {}) {
  const body = {
    title: posting.title ?? POSTING.title,
    company: posting.company ?? POSTING.company,
    description: posting.description ?? POSTING.description,
    experience_level: "senior",
    tech_stack: ["TypeScript", "PostgreSQL"],
  };
  return (await apiCall<{ id: string }>(api, "post", "/api/v1/job-postings", body)).id;
}

export async function startSessionApi(api: Api, jobPostingId: string, questions = 3) {
  return (await apiCall<{ id: string }>(api, "post", "/api/v1/sessions", { job_posting_id: jobPostingId, target_questions: questions })).id;
}

/**
 * The answer form runs (its code loads apart from the page's, then hydrates): its counter counts. Before
 * that, typing is not watched, a link is a plain one and a chosen file can be replaced by the form's own
 * field, so a test with JavaScript that uses the form must wait for it.
 */
export async function answerFormRuns(page: Page) {
  await expect(page.getByText(/^\d[\d,]* \/ [\d,]+ characters$/)).toBeVisible();
}

/** A ready user (key, résumé, a posting) with a 3-question interview waiting for the answer to question 1; its id. */
export async function interviewWaitingForAnswerApi(api: Api) {
  await setKeyApi(api);
  await addResumeApi(api);
  const sessionId = await startSessionApi(api, await addPostingApi(api));
  await openQuestionApi(api, sessionId, "question 1");
  return sessionId;
}

export type Message = {
  id: string;
  message_type: "question" | "answer";
  content: string;
  question_id?: string;
  evaluation_status?: string;
};

export const messagesApi = (api: Api, sessionId: string) => apiCall<Message[]>(api, "get", `/api/v1/sessions/${sessionId}/messages`);

/** Poll `probe` until it returns something truthy (no fixed sleeps: a short poll interval and a deadline). */
export async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The open (unanswered) question of a session, once generated. */
export function openQuestionApi(api: Api, sessionId: string, what = "the next question") {
  return until(async () => {
    const messages = await messagesApi(api, sessionId);
    const answered = new Set(messages.filter((m) => m.message_type === "answer").map((m) => m.question_id));
    return messages.find((m) => m.message_type === "question" && !answered.has(m.id));
  }, `${what} of session ${sessionId}`);
}

export async function answerApi(api: Api, sessionId: string, n: number) {
  const question = await openQuestionApi(api, sessionId, `question ${n}`);
  await apiCall(api, "post", `/api/v1/sessions/${sessionId}/answers`, {
    question_id: question.id,
    answer_text: `Answer ${n}: idempotency keys, an outbox table and a nightly reconciliation job, measured by ledger drift.`,
  });
}

/** Answer every question through the API; with `waitForFeedback`, until the session's feedback is written. */
export async function completeApi(api: Api, sessionId: string, questions = 3, waitForFeedback = true) {
  for (let n = 1; n <= questions; n++) await answerApi(api, sessionId, n);
  if (waitForFeedback) {
    await until(
      async () => (await recordApiResponse(await api.get(`/api/v1/sessions/${sessionId}/feedback`), "GET")).ok(),
      `the feedback of session ${sessionId}`,
      60_000,
    );
  }
}
