/**
 * Issue 20 — taking one's data along: the complete account export from
 * Settings (a plain form, no JavaScript) and the API, optionally redacted, and
 * one interview's debrief as Markdown. Only the user's own data, never a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAccountExport } from "../../app/export/account-import.server.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { visibleText } from "../support/html.ts";
import { apiLogin, TEST_PASSWORD } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
});
afterAll(() => app.close());

const ANSWER = "I would shard the ledger by account; call me on +44 20 7946 0958 or mail ada@example.org to discuss.";

async function finishedInterview() {
  const user = await readyUser(app, { apiKey: "sk-test-export-secret-key-1234" });
  const sessionId = await startThroughUi(user.client, user.postingId, { targetQuestions: 3 });
  for (let i = 0; i < 3; i++) {
    const question = await openQuestion(app, sessionId);
    const res = await user.client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: question.id, answer: ANSWER });
    expect(res.status).toBe(302);
  }
  await waitFor(() => app.db.interviewFeedback.findUnique({ where: { sessionId } }), "the feedback");
  await waitForIdle(app, sessionId);
  return { ...user, sessionId };
}

describe("the account export", () => {
  it("downloads from Settings as one JSON file that reads back as a valid export, with the whole history and no secret", async () => {
    const { client, sessionId, email, userId } = await finishedInterview();
    const settings = await client.get("/settings");
    expect(await settings.text()).toContain('action="/settings/export"');

    const res = await client.post("/settings/export", {});
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="ai-interviewer-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = await res.text();
    const read = readAccountExport(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const doc = read.document;
    expect(doc.profile.email).toBe(email);
    expect(doc.redacted).toBe(false);
    expect(doc.interviews).toHaveLength(1);
    const interview = doc.interviews[0]!;
    expect(interview.id).toBe(sessionId);
    expect(interview.messages.filter((m) => m.kind === "answer").map((m) => m.content)).toEqual([ANSWER, ANSWER, ANSWER]);
    expect(interview.evaluations).toHaveLength(3);
    expect(interview.feedback?.overall).toBeGreaterThan(0);
    expect(doc.usage.length).toBe(await app.db.aiUsage.count({ where: { userId } }));
    expect(doc.usage.length).toBeGreaterThanOrEqual(7);

    const user = await app.db.user.findUniqueOrThrow({ where: { id: userId } });
    for (const secret of [user.passwordHash, user.apiKeyCiphertext!, "sk-test-export-secret-key-1234", TEST_PASSWORD]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("apiKey");

    // A GET (a reload, a bookmark) goes back to the form.
    const get = await client.get("/settings/export");
    expect(get.status).toBe(302);
    expect(get.headers.get("location")).toBe("/settings#your-data");
  });

  it("redacts emails, phone numbers and the résumé's names when asked, in the file and through the API", async () => {
    const { client, email } = await finishedInterview();
    const res = await client.post("/settings/export", { redact: "on" });
    expect(res.headers.get("content-disposition")).toContain("-redacted.json");
    const text = await res.text();
    expect(text).not.toContain(email);
    expect(text).not.toContain("ada@example.org");
    expect(text).not.toContain("7946 0958");
    expect(text).not.toContain("Ada Example");
    expect(text).toContain("[email]");
    expect(JSON.parse(text)).toMatchObject({ redacted: true });

    const api = await apiLogin(app, email);
    const viaApi = await api.get("/api/v1/export?redacted=true");
    expect(viaApi.status).toBe(200);
    const apiText = await viaApi.text();
    expect(apiText).not.toContain(email);
    expect(JSON.parse(apiText)).toMatchObject({ redacted: true, format: "ai-interviewer/account-export", exportVersion: 2 });
  });
});

describe("one interview as Markdown or PDF, from Settings", () => {
  it("Settings lists the user's interviews with their Markdown (plain and redacted) and PDF links, which work; none of another user's", async () => {
    const { client, sessionId, email } = await finishedInterview();
    const stranger = await readyUser(app);
    const html = await (await client.get("/settings")).text();
    const list = visibleText(html);
    expect(list).toContain("One interview as Markdown or PDF");
    expect(html).toContain(`href="/interviews/${sessionId}/debrief.md"`);
    expect(html).toContain(`href="/interviews/${sessionId}/debrief.md?redact=1"`);
    expect(html).toContain(`href="/interviews/${sessionId}/feedback"`);
    // The links lead to the files (and the printable debrief page).
    expect((await client.get(`/interviews/${sessionId}/debrief.md`)).status).toBe(200);
    expect((await client.get(`/interviews/${sessionId}/feedback`)).status).toBe(200);
    // The API twin: the same Markdown as JSON.
    const api = await apiLogin(app, email);
    const viaApi = (await (await api.get(`/api/v1/sessions/${sessionId}/debrief`)).json()) as { markdown: string };
    expect(viaApi.markdown).toBe(await (await client.get(`/interviews/${sessionId}/debrief.md`)).text());

    const strangerSettings = await (await stranger.client.get("/settings")).text();
    expect(strangerSettings).not.toContain(sessionId);
    expect(visibleText(strangerSettings)).toContain("No interviews yet.");
  });
});

describe("one interview as Markdown", () => {
  it("downloads the debrief with questions, answers, scores and cost; redacted on request; another user's interview is a 404", async () => {
    const { client, sessionId } = await finishedInterview();
    const feedback = await client.get(`/interviews/${sessionId}/feedback`);
    expect(await feedback.text()).toContain(`href="/interviews/${sessionId}/debrief.md"`);

    const res = await client.get(`/interviews/${sessionId}/debrief.md`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="interview-debrief-.*\.md"$/);
    const markdown = await res.text();
    const question = await app.db.sessionMessage.findFirstOrThrow({ where: { sessionId, kind: "question", questionNumber: 1 } });
    expect(markdown).toContain("# Interview debrief: Staff Backend Engineer at Acme Payments");
    expect(markdown).toContain("## Overall");
    expect(markdown).toMatch(/- AI cost: (≈ \$0\.\d+|< \$0\.0001) \(estimate\)/);
    expect(markdown).toContain(question.content.slice(0, 30).replace(/[\\`*_[\]<>|]/g, "\\$&"));
    expect(markdown).toContain("ada@example.org");

    const redacted = await (await client.get(`/interviews/${sessionId}/debrief.md?redact=1`)).text();
    expect(redacted).not.toContain("ada@example.org");
    expect(redacted).toContain("[email]");

    const stranger = await readyUser(app);
    expect((await stranger.client.get(`/interviews/${sessionId}/debrief.md`)).status).toBe(404);
    const strangerApi = await apiLogin(app, stranger.email);
    expect((await strangerApi.get(`/api/v1/sessions/${sessionId}/debrief`)).status).toBe(404);
  });
});
