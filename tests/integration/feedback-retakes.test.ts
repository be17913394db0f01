/**
 * Issue 6, the write side: session feedback written by the real worker from
 * the fake OpenAI and shown on the feedback page, its failure ("Not scored
 * yet", the reason, Retry), POST generate-feedback / GET feedback with their
 * 400/404/409 answers, and retakes (chain numbering, repeat questions) from
 * the API, the feedback page, the interview page and the progress page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { messageText } from "../fakes/openai-server.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { createPosting, seedSession } from "../support/seed-sessions.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  // A long AI timeout: a test holds a model reply back while it asks for the same work again.
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "30000", AI_MAX_RETRIES: "2" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

async function apiUser() {
  const user = await readyUser(app);
  return { ...user, api: await apiLogin(app, user.email) };
}

async function html(client: HttpClient, path: string) {
  const res = await client.get(path);
  return { status: res.status, html: await res.text() };
}

const TECHNICAL_CLAIM = "You named the right tools but skipped how the ledger stays consistent under retries.";

// The grader's debrief: every claim cites the questions it rests on (question 1 exists in every test here).
const FEEDBACK = {
  technical_accuracy: 58,
  communication_clarity: 85,
  problem_solving: 71,
  relevance: 90,
  technical_feedback: [{ claim: TECHNICAL_CLAIM, questions: [1] }],
  communication_feedback: [{ claim: "Crisp and structured: you led with the answer, then the reasons.", questions: [1] }],
  problem_solving_feedback: [{ claim: "You broke the problem down well; weigh the trade-offs out loud.", questions: [1] }],
  relevance_feedback: [{ claim: "Every answer tied back to the payments role.", questions: [1] }],
  overall_comments: "Strong communication; deepen the distributed-systems specifics.",
  knowledge_gaps: [
    { claim: "Exactly-once delivery", questions: [1] },
    { claim: "Outbox pattern", questions: [1] },
  ],
  learning_recommendations: [
    {
      topic: "Transactional outbox",
      resource: "microservices.io — Transactional outbox pattern",
      why: "Consistent writes across services",
    },
  ],
};

describe("session feedback from the worker", () => {
  it("is written when the interview completes, with our mean as the overall score, and shown on the feedback page", async () => {
    app.fake.respond("session_debrief", () => FEEDBACK);
    const { client, postingId, email } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const q = await openQuestion(app, sessionId);
      answers.push(`My answer to question ${i + 1}, with an idempotency key and an outbox.`);
      expect((await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: q.id, answer: answers[i]! })).status).toBe(302);
    }
    await waitForIdle(app, sessionId);

    const api = await apiLogin(app, email);
    const res = await api.get(`/api/v1/sessions/${sessionId}/feedback`);
    expect(res.status).toBe(200);
    const feedback = await res.json();
    expect(feedback).toMatchObject({
      session_id: sessionId,
      technical_accuracy_score: 58,
      communication_clarity_score: 85,
      problem_solving_score: 71,
      relevance_score: 90,
      overall_score: 76, // (58 + 85 + 71 + 90) / 4
      overall_comments: FEEDBACK.overall_comments,
      knowledge_gaps: ["Exactly-once delivery", "Outbox pattern"],
      technical_feedback: `${TECHNICAL_CLAIM} (Q1)`,
      claims: expect.arrayContaining([{ section: "technicalAccuracy", claim: TECHNICAL_CLAIM, questions: [1], verified: true }]),
      learning_recommendations: FEEDBACK.learning_recommendations,
    });

    const page = await html(client, `/interviews/${sessionId}/feedback`);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(page.html).toMatch(/data-testid="overall-score"[^>]*>.*?76/);
    expect(text).toMatch(/Technical accuracy\s*58 out of 100 · Partial/);
    expect(text).toMatch(/Communication clarity\s*85 out of 100 · Strong/);
    expect(text).toMatch(/Problem-solving approach\s*71 out of 100 · Solid/);
    expect(text).toMatch(/Relevance to the job\s*90 out of 100 · Strong/);
    expect(text).toContain(`${TECHNICAL_CLAIM} (Q1)`);
    expect(page.html).toContain('href="#q1-heading"');
    expect(text).toContain("Exactly-once delivery");
    expect(text).toContain("Transactional outbox microservices.io — Transactional outbox pattern Consistent writes across services");
    for (const answer of answers) expect(text).toContain(answer);

    // The interview's own page is now its transcript (issue 21): each answer with its score and a link to
    // its feedback on the feedback page, which alone draws (and sends) that feedback.
    const evaluations = await app.db.answerEvaluation.findMany({ where: { sessionId }, select: { summary: true } });
    expect(evaluations).toHaveLength(3);
    for (const e of evaluations) expect(page.html).toContain(e.summary);
    const transcript = await html(client, `/interviews/${sessionId}`);
    const transcriptText = visibleText(transcript.html);
    for (const answer of answers) expect(transcriptText).toContain(answer);
    for (let n = 1; n <= 3; n++) {
      expect(transcript.html).toContain(`href="/interviews/${sessionId}/feedback#q${n}-heading"`);
      expect(transcriptText).toContain(`Read the feedback on your answer to question ${n}`);
    }
    expect(transcriptText).not.toContain("Feedback on this answer");
    for (const e of evaluations) expect(transcript.html).not.toContain(e.summary);
    expect(text).toContain("Feedback on this answer");
    expect(page.html).toContain(`href="/jobs/${postingId}/progress"`);
    expect(page.html).toContain(`href="/interviews/${sessionId}"`);
    expect(page.html).toContain('name="repeatQuestions"');
  });

  it("says something positive when there are no gaps and encourages when there are no recommendations", async () => {
    const { client, userId, api } = await apiUser();
    const posting = await createPosting(app, userId);
    const session = await seedSession(app, userId, { posting, withExchange: true });
    app.fake.respond("session_debrief", () => ({ ...FEEDBACK, knowledge_gaps: [], learning_recommendations: [] }));
    const res = await api.request(`/api/v1/sessions/${session.id}/generate-feedback`, { method: "POST" });
    expect(res.status).toBe(202);
    const { operation_id } = await res.json();
    expect((await waitForOperation(app, operation_id)).status).toBe("completed");
    const text = visibleText((await html(client, `/interviews/${session.id}/feedback`)).html);
    expect(text).toContain("No knowledge gaps stood out in this interview");
    expect(text).toContain("No specific study topics this time. Keep going");
  });

  it("shows 'Not scored yet' with the reason when generation fails, and Retry writes it", async () => {
    const { client, userId, api } = await apiUser();
    const posting = await createPosting(app, userId);
    const session = await seedSession(app, userId, { posting, withExchange: true });
    app.fake.script("500", "500", "500"); // the first call and both SDK retries
    const res = await api.request(`/api/v1/sessions/${session.id}/generate-feedback`, { method: "POST" });
    const failed = await waitForOperation(app, (await res.json()).operation_id);
    expect(failed.status).toBe("failed");

    const page = await html(client, `/interviews/${session.id}/feedback`);
    const text = visibleText(page.html);
    expect(text).toContain("Not scored yet");
    expect(text).toContain("The AI service didn't respond. Try again.");
    expect(text).toContain("Retry");
    expect(page.html).not.toContain('data-testid="overall-score"'); // no invented numbers
    expect(await app.db.interviewFeedback.count({ where: { sessionId: session.id } })).toBe(0);
    expect((await api.get(`/api/v1/sessions/${session.id}/feedback`)).status).toBe(404);

    app.fake.respond("session_debrief", () => FEEDBACK);
    const retry = await client.post(`/interviews/${session.id}/feedback`, { intent: "retry", operationId: failed.id });
    expect(retry.status).toBe(302);
    expect(retry.headers.get("location")).toBe(`/interviews/${session.id}/feedback`);
    // Resending the same form does not start a second attempt.
    expect((await client.post(`/interviews/${session.id}/feedback`, { intent: "retry", operationId: failed.id })).status).toBe(302);
    await waitForIdle(app, session.id);
    expect(await app.db.operation.count({ where: { sessionId: session.id, kind: "session_feedback" } })).toBe(2);
    const after = await html(client, `/interviews/${session.id}/feedback`);
    expect(after.html).toMatch(/data-testid="overall-score"[^>]*>.*?76/);
  });

  it("shows the generating state while the feedback is written, with a no-JS refresh", async () => {
    const { client, userId } = await readyUser(app);
    const posting = await createPosting(app, userId);
    const session = await seedSession(app, userId, { posting, withExchange: true });
    await app.db.operation.create({ data: { userId, sessionId: session.id, kind: "session_feedback", status: "processing" } });
    const page = await html(client, `/interviews/${session.id}/feedback`);
    expect(visibleText(page.html)).toContain("Writing your interview feedback…");
    expect(page.html).toMatch(/<noscript><meta http-equiv="refresh"/);
  });

  it("explains that an unfinished interview has no feedback and links back to it", async () => {
    const { client, userId } = await readyUser(app);
    const session = await seedSession(app, userId, { status: "paused", withExchange: true });
    const page = await html(client, `/interviews/${session.id}/feedback`);
    expect(page.status).toBe(200);
    expect(visibleText(page.html)).toContain("This interview isn't finished yet");
    expect(page.html).toContain(`href="/interviews/${session.id}"`);
    const generate = await client.post(`/interviews/${session.id}/feedback`, { intent: "generate-feedback" });
    expect(generate.status).toBe(400);
    expect(visibleText(await generate.text())).toContain("Feedback is written once the interview is finished");
  });

  it("offers 'Write my feedback' when a completed session has none and no attempt was made", async () => {
    app.fake.respond("session_debrief", () => FEEDBACK);
    const { client, userId } = await readyUser(app);
    const session = await seedSession(app, userId, { withExchange: true });
    const before = visibleText((await html(client, `/interviews/${session.id}/feedback`)).html);
    expect(before).toContain("No feedback has been written for this interview yet.");
    const res = await client.post(`/interviews/${session.id}/feedback`, { intent: "generate-feedback" });
    expect(res.status).toBe(302);
    await waitForIdle(app, session.id);
    expect((await app.db.interviewFeedback.findUniqueOrThrow({ where: { sessionId: session.id } })).overallScore).toBe(76);
  });
});

describe("POST /sessions/:id/generate-feedback and GET /sessions/:id/feedback", () => {
  it("answers 202, then 409 while it is being written and once it exists; 400 when not completed; 404 without feedback", async () => {
    app.fake.respond("session_debrief", () => FEEDBACK);
    const { api, userId } = await apiUser();
    const active = await seedSession(app, userId, { status: "active", withExchange: true });
    const notCompleted = await api.request(`/api/v1/sessions/${active.id}/generate-feedback`, { method: "POST" });
    expect(notCompleted.status).toBe(400);
    expect((await notCompleted.json()).error.code).toBe("not_completed");

    const session = await seedSession(app, userId, { withExchange: true });
    const missing = await api.get(`/api/v1/sessions/${session.id}/feedback`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toEqual({
      code: "not_found",
      message: "This session has no feedback yet. Poll its operation, or POST generate-feedback to request it.",
    });

    // Two requests at once start one operation (its feedback held back meanwhile).
    const release = app.fake.hold();
    const [first, second] = await Promise.all([
      api.request(`/api/v1/sessions/${session.id}/generate-feedback`, { method: "POST" }),
      api.request(`/api/v1/sessions/${session.id}/generate-feedback`, { method: "POST" }),
    ]);
    const [accepted, conflict] = first.status === 202 ? [first, second] : [second, first];
    expect([accepted.status, conflict.status]).toEqual([202, 409]);
    const { operation_id } = await accepted.json();
    expect(accepted.headers.get("location")).toBe(`/api/v1/operations/${operation_id}`);
    expect(await conflict.json()).toEqual({
      error: { code: "feedback_in_progress", message: "The feedback for this interview is already being written." },
      operation_id,
    });
    release();
    expect((await waitForOperation(app, operation_id)).status).toBe("completed");

    const exists = await api.request(`/api/v1/sessions/${session.id}/generate-feedback`, { method: "POST" });
    expect(exists.status).toBe(409);
    expect((await exists.json()).error.code).toBe("feedback_exists");
    const got = await api.get(`/api/v1/sessions/${session.id}/feedback`);
    expect(got.status).toBe(200);
    expect((await got.json()).overall_score).toBe(76);
    expect(await app.db.operation.count({ where: { sessionId: session.id, kind: "session_feedback" } })).toBe(1);

    expect((await api.get(`/api/v1/sessions/${crypto.randomUUID()}/feedback`)).status).toBe(404);
    expect((await api.request(`/api/v1/sessions/${crypto.randomUUID()}/generate-feedback`, { method: "POST" })).status).toBe(404);
    expect((await api.get(`/api/v1/sessions/${session.id}/generate-feedback`)).status).toBe(405);
  });
});

describe("retakes", () => {
  it("numbers a chain of three through the API: a retake of a retake still points to the original", async () => {
    const { api, userId, postingId } = await apiUser();
    const posting = { id: postingId, title: "Staff Backend Engineer", company: "Acme Payments" };
    const original = await seedSession(app, userId, { posting, targetQuestions: 4, scores: [60, 60, 60, 60] });

    const second = await api.json("POST", `/api/v1/sessions/${original.id}/retake`, {});
    expect(second.status).toBe(201);
    const s2 = await second.json();
    expect(s2).toMatchObject({
      job_posting_id: postingId,
      status: "active",
      retake_number: 2,
      original_session_id: original.id,
      target_questions: 4,
      current_question_number: 0,
      repeat_questions: false,
    });
    expect(second.headers.get("location")).toBe(`/api/v1/sessions/${s2.id}`);
    expect((await waitForOperation(app, s2.operation_id)).status).toBe("completed"); // its first question
    expect(await app.db.sessionMessage.count({ where: { sessionId: s2.id, kind: "question" } })).toBe(1);

    // Not completed yet: 400.
    const early = await api.request(`/api/v1/sessions/${s2.id}/retake`, { method: "POST" });
    expect(early.status).toBe(400);
    expect((await early.json()).error.code).toBe("not_completed");

    await app.db.interviewSession.update({ where: { id: s2.id }, data: { status: "completed", completedAt: new Date() } });
    const third = await api.request(`/api/v1/sessions/${s2.id}/retake`, { method: "POST" }); // no body at all
    expect(third.status).toBe(201);
    const s3 = await third.json();
    expect(s3).toMatchObject({ retake_number: 3, original_session_id: original.id });

    // Retaking the first attempt again continues the numbering of the whole chain.
    const fourth = await (await api.json("POST", `/api/v1/sessions/${original.id}/retake`, { repeat_questions: true })).json();
    expect(fourth).toMatchObject({ retake_number: 4, original_session_id: original.id, repeat_questions: true });
    expect((await app.db.interviewSession.findUniqueOrThrow({ where: { id: fourth.id } })).repeatQuestions).toBe(true);

    const invalid = await api.json("POST", `/api/v1/sessions/${original.id}/retake`, { repeat_questions: "yes" });
    expect(invalid.status).toBe(422);
    const wrongType = await api.request(`/api/v1/sessions/${original.id}/retake`, { method: "POST", body: "repeat", headers: {} });
    expect(wrongType.status).toBe(415);

    const progress = await (await api.get(`/api/v1/job-postings/${postingId}/progress`)).json();
    expect(progress.attempts.map((a: { retake_number: number }) => a.retake_number)).toEqual([1, 2, 3, 4]);
    await waitForIdle(app, s3.id);
    await waitForIdle(app, fourth.id);
  });

  it("gives starts for one posting at the same moment (two retakes, a new start) an attempt number each", async () => {
    const { api, userId, postingId } = await apiUser();
    const posting = { id: postingId, title: "Staff Backend Engineer", company: "Acme Payments" };
    const original = await seedSession(app, userId, { posting, targetQuestions: 3, scores: [60, 60, 60, 60] });

    // The starts are held at the insert of their interview (its foreign key waits for the user's row, locked
    // here) until all three are inside their transactions: each has read the numbers before any commits.
    const waiting = async () => {
      const [row] = await app.db.$queryRaw<Array<{ n: number }>>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
          AND (query ILIKE '%interview_sessions%' OR query ILIKE '%job_postings%')`;
      return row!.n >= 3;
    };
    const held = await app.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
        const sent = Promise.all([
          api.json("POST", `/api/v1/sessions/${original.id}/retake`, {}),
          api.json("POST", `/api/v1/sessions/${original.id}/retake`, {}),
          api.json("POST", "/api/v1/sessions", { job_posting_id: postingId }),
        ]);
        await waitFor(waiting, "three starts waiting in their transactions");
        return { sent }; // not awaited here: they finish once this transaction lets the user's row go
      },
      { timeout: 30_000 },
    );
    const responses = await held.sent;
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const started = (await Promise.all(responses.map((r) => r.json()))) as Array<{ id: string; retake_number: number }>;
    expect(started.map((s) => s.retake_number).sort()).toEqual([2, 3, 4]);
    const chain = await app.db.interviewSession.findMany({ where: { userId }, orderBy: { retakeNumber: "asc" } });
    expect(chain.map((s) => [s.retakeNumber, s.originalSessionId])).toEqual([
      [1, null],
      [2, original.id],
      [3, original.id],
      [4, original.id],
    ]);
    for (const s of started) await waitForIdle(app, s.id);
  });

  it("keeps questions of earlier attempts out of a retake unless 'repeat the same questions' is ticked", async () => {
    const { client, postingId } = await readyUser(app);
    const first = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const q1 = await openQuestion(app, first);
    await client.post(`/interviews/${first}`, { intent: "answer", questionId: q1.id, answer: "An answer." });
    await client.post(`/interviews/${first}`, { intent: "finish" });
    await waitForIdle(app, first);

    const fresh = await client.post(`/interviews/${first}/feedback`, { intent: "retake" });
    expect(fresh.status).toBe(302);
    const freshId = fresh.headers.get("location")!.split("/").pop()!;
    await openQuestion(app, freshId);
    const freshPrompt = messageText(app.fake.chatRequests("interview_question").at(-1)!.body!);
    expect(freshPrompt).toContain("earlier attempts at this job");
    expect(freshPrompt).toContain(q1.content); // listed as a question to avoid

    const repeat = await client.post(`/interviews/${first}/feedback`, { intent: "retake", repeatQuestions: "on" });
    expect(repeat.status).toBe(302);
    const repeatId = repeat.headers.get("location")!.split("/").pop()!;
    await openQuestion(app, repeatId);
    expect(messageText(app.fake.chatRequests("interview_question").at(-1)!.body!)).not.toContain("earlier attempts at this job");
    const rows = await app.db.interviewSession.findMany({ where: { id: { in: [freshId, repeatId] } }, orderBy: { retakeNumber: "asc" } });
    expect(rows.map((r) => [r.id, r.retakeNumber, r.originalSessionId, r.repeatQuestions])).toEqual([
      [freshId, 2, first, false],
      [repeatId, 3, first, true],
    ]);
    await waitForIdle(app, freshId);
    await waitForIdle(app, repeatId);
  });

  it("offers the retake and the progress link on a completed interview page, and starts it from there", async () => {
    const { client, userId, postingId } = await readyUser(app);
    const posting = { id: postingId, title: "Staff Backend Engineer", company: "Acme Payments" };
    const done = await seedSession(app, userId, { posting, withExchange: true, scores: [70, 70, 70, 70] });
    const page = await html(client, `/interviews/${done.id}`);
    const text = visibleText(page.html);
    expect(text).toContain("Practise this job again");
    expect(text).toContain("Repeat the same questions");
    expect(page.html).toContain(`action="/interviews/${done.id}/feedback"`);
    expect(page.html).toContain(`href="/jobs/${postingId}/progress"`);
    expect(text).toContain("The job posting as it was for this interview");

    const res = await client.post(`/interviews/${done.id}/feedback`, { intent: "retake" });
    expect(res.status).toBe(302);
    const newId = res.headers.get("location")!.split("/").pop()!;
    const newPage = visibleText((await html(client, `/interviews/${newId}`)).html);
    expect(newPage).toContain("Attempt #2 · retake");
    await waitForIdle(app, newId);
  });

  it("starts a new attempt from the progress page, only for an attempt at that posting", async () => {
    const { client, userId, postingId } = await readyUser(app);
    const posting = { id: postingId, title: "Staff Backend Engineer", company: "Acme Payments" };
    const done = await seedSession(app, userId, { posting, scores: [70, 70, 70, 70] });
    const other = await createPosting(app, userId, { title: "Other" });
    const elsewhere = await seedSession(app, userId, { posting: other });
    expect((await client.post(`/jobs/${postingId}/progress`, { intent: "retake", sessionId: elsewhere.id })).status).toBe(404);
    expect((await client.post(`/jobs/${postingId}/progress`, { intent: "retake" })).status).toBe(400);

    const res = await client.post(`/jobs/${postingId}/progress`, { intent: "retake", sessionId: done.id, repeatQuestions: "on" });
    expect(res.status).toBe(302);
    const created = await app.db.interviewSession.findUniqueOrThrow({ where: { id: res.headers.get("location")!.split("/").pop()! } });
    expect(created).toMatchObject({ retakeNumber: 2, originalSessionId: done.id, repeatQuestions: true, jobPostingId: postingId });
    await waitForIdle(app, created.id);
  });

  it("refuses to retake an unfinished interview or one whose posting was deleted, saying why", async () => {
    const { client, userId, api, postingId } = await apiUser();
    const posting = { id: postingId, title: "Staff Backend Engineer", company: "Acme Payments" };
    const active = await seedSession(app, userId, { posting, status: "active" });
    const ui = await client.post(`/interviews/${active.id}/feedback`, { intent: "retake" });
    expect(ui.status).toBe(400);
    expect(visibleText(await ui.text())).toContain("Finish this interview before retaking it.");

    const orphan = await seedSession(app, userId, { scores: [50, 50, 50, 50] }); // no posting any more
    const res = await api.request(`/api/v1/sessions/${orphan.id}/retake`, { method: "POST" });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("posting_deleted");
    const page = visibleText((await html(client, `/interviews/${orphan.id}/feedback`)).html);
    expect(page).toContain("The job posting of this interview was deleted, so it can't be retaken.");
    const count = await app.db.interviewSession.count({ where: { userId } });
    expect((await client.post(`/interviews/${orphan.id}/feedback`, { intent: "retake" })).status).toBe(409);
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(count);
  });

  it("needs the résumé and key like any interview", async () => {
    const { api, userId, postingId } = await apiUser();
    const done = await seedSession(app, userId, { posting: { id: postingId, title: "T", company: null } });
    await app.db.resume.delete({ where: { userId } });
    const res = await api.request(`/api/v1/sessions/${done.id}/retake`, { method: "POST" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("missing_prerequisites");
  });
});
