import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { evaluationContext } from "../../app/models/ai-results.server.ts";
import { coachingContext } from "../../app/models/answer-coaching.server.ts";
import { speechContext } from "../../app/models/read-aloud.server.ts";
import { transcriptionContext } from "../../app/models/voice.server.ts";
import type { HttpClient } from "../support/http-client.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

/**
 * No interview is ever stuck: in any state — a question being generated or
 * failed, a question open, paused, answers being evaluated, feedback being
 * written, finished — it can be finished (with nothing answered: abandoned,
 * no feedback) or deleted, from the JSON API and from the pages without
 * JavaScript. Deleting drops the AI work in flight: its jobs write nothing
 * and end cleanly. Another user's id is a 404.
 */
let app: TestApp;
beforeAll(async () => {
  // A generous per-call timeout: some tests hold the model back (latency) to catch work in flight.
  app = await startTestApp({ worker: true, env: { RATE_LIMIT_REGISTER_PER_IP: "1000", AI_TIMEOUT_MS: "10000" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

/** A reply the app refuses whatever the model is told: the question is too short to be one. */
const unusableQuestion = () => ({ question: "Why?", type: "technical", is_follow_up: false, probes: "x" });

async function apiUser() {
  const user = await readyUser(app);
  return { ...user, api: await apiLogin(app, user.email) };
}

async function startSession(api: HttpClient, postingId: string) {
  const res = await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId, target_questions: 3 });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; operation_id: string };
}

/** pg-boss's record of the job that carried this operation. */
async function jobOf(operationId: string) {
  const rows = await app.db.$queryRaw<Array<{ state: string; retry_count: number; output: unknown }>>`
    SELECT state::text AS state, retry_count, output FROM pgboss.job WHERE data->>'operationId' = ${operationId}`;
  return rows[0] ?? null;
}

function waitForStatus(operationId: string, status: string) {
  return waitFor(
    async () => (await app.db.operation.findUnique({ where: { id: operationId } }))?.status === status,
    `operation ${operationId} to be ${status}`,
  );
}

/** Nothing of the session is left: no row refers to it any more. */
async function expectGone(sessionId: string) {
  expect(await app.db.interviewSession.count({ where: { id: sessionId } })).toBe(0);
  expect(await app.db.sessionMessage.count({ where: { sessionId } })).toBe(0);
  expect(await app.db.answerEvaluation.count({ where: { sessionId } })).toBe(0);
  expect(await app.db.interviewFeedback.count({ where: { sessionId } })).toBe(0);
  expect(await app.db.operation.count({ where: { sessionId } })).toBe(0);
}

/** The job in flight when its interview was deleted ended as a no-op: completed, not retried, nothing written. */
async function expectJobDropped(operationId: string) {
  const job = await waitFor(async () => {
    const row = await jobOf(operationId);
    return row && row.state !== "created" && row.state !== "active" && row.state !== "retry" ? row : null;
  }, `the job of ${operationId} to end`);
  expect(job).toMatchObject({ state: "completed", retry_count: 0, output: { skipped: "interview deleted" } });
}

describe("DELETE /api/v1/sessions/{id}", () => {
  it("deletes a session in every settled state with everything it holds; another user's id is a 404 and changes nothing", async () => {
    const owner = await apiUser();
    const other = await apiUser();
    const sessions: Record<string, string> = {};

    app.fake.respond("interview_question", unusableQuestion);
    const failed = await startSession(owner.api, owner.postingId);
    expect((await waitForOperation(app, failed.operation_id)).status).toBe("failed");
    sessions["first question failed"] = failed.id;
    app.fake.reset();

    const open = await startSession(owner.api, owner.postingId);
    await openQuestion(app, open.id);
    sessions["question open"] = open.id;

    const paused = await startSession(owner.api, owner.postingId);
    await waitForOperation(app, paused.operation_id);
    expect((await owner.api.json("POST", `/api/v1/sessions/${paused.id}/pause`)).status).toBe(200);
    sessions.paused = paused.id;

    const done = await startSession(owner.api, owner.postingId);
    const question = await openQuestion(app, done.id);
    await owner.api.json("POST", `/api/v1/sessions/${done.id}/answers`, { answer_text: "An answer.", question_id: question.id });
    await waitForIdle(app, done.id);
    expect((await owner.api.json("POST", `/api/v1/sessions/${done.id}/complete`)).status).toBe(200);
    await waitForIdle(app, done.id);
    expect(await app.db.interviewFeedback.count({ where: { sessionId: done.id } })).toBe(1);
    sessions["completed with feedback and evaluations"] = done.id;

    const abandoned = await startSession(owner.api, owner.postingId);
    await waitForOperation(app, abandoned.operation_id);
    expect((await owner.api.json("POST", `/api/v1/sessions/${abandoned.id}/complete`)).status).toBe(200);
    sessions["abandoned (completed, nothing answered)"] = abandoned.id;

    for (const [state, id] of Object.entries(sessions)) {
      const foreign = await other.api.request(`/api/v1/sessions/${id}`, { method: "DELETE" });
      expect(foreign.status, `another user deleting a session (${state})`).toBe(404);
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("not_found");
      expect(await app.db.interviewSession.count({ where: { id } }), state).toBe(1);

      const deleted = await owner.api.request(`/api/v1/sessions/${id}`, { method: "DELETE" });
      expect(deleted.status, `deleting a session (${state})`).toBe(204);
      expect(await deleted.text()).toBe("");
      expect((await owner.api.get(`/api/v1/sessions/${id}`)).status, state).toBe(404);
      expect((await owner.api.request(`/api/v1/sessions/${id}`, { method: "DELETE" })).status, `${state}, again`).toBe(404);
      await expectGone(id);
    }
  });

  it("drops the AI work in flight: a question, an evaluation and the next question, the feedback — their jobs write nothing and are not retried", async () => {
    const { api, postingId } = await apiUser();

    // The first question is being generated.
    app.fake.latencyMs = 1500;
    const generating = await startSession(api, postingId);
    await waitForStatus(generating.operation_id, "processing");
    expect((await api.request(`/api/v1/sessions/${generating.id}`, { method: "DELETE" })).status).toBe(204);
    await expectJobDropped(generating.operation_id);
    await expectGone(generating.id);

    // An answer was just sent: its evaluation and the next question are both being written.
    app.fake.latencyMs = 0;
    const answering = await startSession(api, postingId);
    const question = await openQuestion(app, answering.id);
    app.fake.latencyMs = 1500;
    const answered = await api.json("POST", `/api/v1/sessions/${answering.id}/answers`, {
      answer_text: "Sharding.",
      question_id: question.id,
    });
    const { evaluation_operation_id, next_question_operation_id } = (await answered.json()) as Record<string, string>;
    await waitForStatus(evaluation_operation_id!, "processing");
    await waitForStatus(next_question_operation_id!, "processing");
    expect((await api.request(`/api/v1/sessions/${answering.id}`, { method: "DELETE" })).status).toBe(204);
    await expectJobDropped(evaluation_operation_id!);
    await expectJobDropped(next_question_operation_id!);
    await expectGone(answering.id);

    // The feedback is being written.
    app.fake.latencyMs = 0;
    const finishing = await startSession(api, postingId);
    const only = await openQuestion(app, finishing.id);
    await api.json("POST", `/api/v1/sessions/${finishing.id}/answers`, { answer_text: "An answer.", question_id: only.id });
    await waitForIdle(app, finishing.id);
    app.fake.latencyMs = 1500;
    const completed = (await (await api.json("POST", `/api/v1/sessions/${finishing.id}/complete`)).json()) as { operation_id: string };
    await waitForStatus(completed.operation_id, "processing");
    expect((await api.request(`/api/v1/sessions/${finishing.id}`, { method: "DELETE" })).status).toBe(204);
    await expectJobDropped(completed.operation_id);
    await expectGone(finishing.id);
  });
});

describe("a job whose interview is deleted before it reads it", () => {
  it("skips as 'interview deleted' (an evaluation, a second opinion, a coaching job, a read-aloud, a transcription), not as failed", async () => {
    const { api, postingId } = await apiUser();
    const session = await startSession(api, postingId);
    const question = await openQuestion(app, session.id);
    const answered = await api.json("POST", `/api/v1/sessions/${session.id}/answers`, {
      answer_text: "Sharding.",
      question_id: question.id,
    });
    const { evaluation_operation_id } = (await answered.json()) as Record<string, string>;
    // The operation as a job has it in hand when it starts; then the interview is deleted, before the job reads it.
    const operation = await app.db.operation.findUniqueOrThrow({ where: { id: evaluation_operation_id! } });
    expect((await api.request(`/api/v1/sessions/${session.id}`, { method: "DELETE" })).status).toBe(204);
    const skipped = { done: { skipped: "interview deleted" } };
    expect(await evaluationContext(operation)).toEqual(skipped);
    expect(await evaluationContext(operation, { regrade: true })).toEqual(skipped);
    expect(await coachingContext({ ...operation, kind: "write_model_answer" })).toEqual(skipped);
    // Reading the question aloud and transcribing a recording: their subject went with the interview.
    expect(await speechContext({ ...operation, kind: "speak_question", subjectId: question.id })).toEqual(skipped);
    expect(await transcriptionContext({ ...operation, kind: "transcribe_answer", subjectId: randomUUID() })).toEqual(skipped);
  });

  it("still fails a read-aloud or transcription whose subject alone is gone, the interview being there", async () => {
    const { api, postingId } = await apiUser();
    const session = await startSession(api, postingId);
    await openQuestion(app, session.id);
    const operation = await app.db.operation.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(await speechContext({ ...operation, kind: "speak_question", subjectId: randomUUID() })).toEqual({
      done: { failed: "question_gone" },
    });
    expect(await transcriptionContext({ ...operation, kind: "transcribe_answer", subjectId: randomUUID() })).toEqual({
      done: { failed: "recording_gone" },
    });
  });
});

describe("POST /api/v1/sessions/{id}/complete in any state", () => {
  it("with nothing answered it abandons the session: completed, no feedback, nothing left failed or running", async () => {
    const { api, postingId } = await apiUser();
    const other = await apiUser();

    // The first question failed.
    app.fake.respond("interview_question", unusableQuestion);
    const failed = await startSession(api, postingId);
    expect((await waitForOperation(app, failed.operation_id)).status).toBe("failed");
    expect((await other.api.json("POST", `/api/v1/sessions/${failed.id}/complete`)).status).toBe(404);
    const ended = await api.json("POST", `/api/v1/sessions/${failed.id}/complete`);
    expect(ended.status).toBe(200);
    expect(await ended.json()).toMatchObject({ status: "completed", answered_count: 0, operation_id: null });
    expect(await app.db.operation.count({ where: { sessionId: failed.id, kind: "session_feedback" } })).toBe(0);
    const feedback = await api.json("POST", `/api/v1/sessions/${failed.id}/generate-feedback`);
    expect(feedback.status).toBe(400);
    expect(((await feedback.json()) as { error: { code: string } }).error.code).toBe("nothing_answered");
    expect(await (await api.get(`/api/v1/sessions/${failed.id}`)).json()).toMatchObject({
      status: "completed",
      last_error: null,
      pending_operation_id: null,
    });
    expect((await api.json("POST", `/api/v1/sessions/${failed.id}/complete`)).status).toBe(400); // already finished

    // The first question is still being generated: it is cancelled, and its job writes nothing.
    app.fake.reset();
    app.fake.latencyMs = 1500;
    const generating = await startSession(api, postingId);
    await waitForStatus(generating.operation_id, "processing");
    const cancelled = await api.json("POST", `/api/v1/sessions/${generating.id}/complete`);
    expect(await cancelled.json()).toMatchObject({ status: "completed", operation_id: null });
    expect(await waitForOperation(app, generating.operation_id)).toMatchObject({ status: "failed", errorCode: "cancelled" });
    await waitFor(async () => (await jobOf(generating.operation_id))?.state === "completed", "the cancelled job to end");
    expect(await app.db.sessionMessage.count({ where: { sessionId: generating.id } })).toBe(0);

    // Paused before anything was answered.
    app.fake.latencyMs = 0;
    const paused = await startSession(api, postingId);
    await waitForOperation(app, paused.operation_id);
    await api.json("POST", `/api/v1/sessions/${paused.id}/pause`);
    expect(await (await api.json("POST", `/api/v1/sessions/${paused.id}/complete`)).json()).toMatchObject({
      status: "completed",
      operation_id: null,
    });
  });
});

describe("the pages, without JavaScript", () => {
  it("an interview whose first question failed offers Retry, Finish and Delete; Finish with nothing answered ends it without feedback", async () => {
    app.fake.respond("interview_question", unusableQuestion);
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const op = await app.db.operation.findFirstOrThrow({ where: { sessionId } });
    expect((await waitForOperation(app, op.id)).status).toBe("failed");

    const html = await (await client.get(`/interviews/${sessionId}`)).text();
    const page = visibleText(html);
    expect(page).toContain("The AI returned an answer we couldn't use. Try again.");
    expect(page).toContain("Retry");
    expect(page).toContain("Finish interview");
    expect(html).toContain(`href="/interviews/${sessionId}/delete"`);

    const finished = await client.post(`/interviews/${sessionId}`, { intent: "finish" });
    expect(finished.status).toBe(302);
    expect(await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ status: "completed" });
    expect(await app.db.operation.count({ where: { sessionId, kind: "session_feedback" } })).toBe(0);
    const after = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(after).toContain("You ended this interview before answering a question, so there is nothing to score.");
    expect(after).toContain("Delete interview");
    const feedbackPage = visibleText(await (await client.get(`/interviews/${sessionId}/feedback`)).text());
    expect(feedbackPage).toContain("Nothing to score");
    expect(feedbackPage).not.toContain("Write my feedback");
  });

  it("a paused interview with nothing answered can be finished from its page", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    await openQuestion(app, sessionId);
    await client.post(`/interviews/${sessionId}`, { intent: "pause" });
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Finish interview");
    expect(page).toContain("Delete interview");
    expect((await client.post(`/interviews/${sessionId}`, { intent: "finish" })).status).toBe(302);
    expect((await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("completed");
  });

  it("Delete, from the history list or the interview, asks on a page of its own and then deletes; another user's id is a 404", async () => {
    const { client, postingId } = await readyUser(app);
    const other = await readyUser(app);
    app.fake.latencyMs = 1500; // deleted while its first question is being written
    const sessionId = await startThroughUi(client, postingId);
    const kept = await startThroughUi(client, postingId);

    const history = await (await client.get("/interviews")).text();
    expect(history).toContain(`href="/interviews/${sessionId}/delete"`);
    expect(history).toContain(`href="/interviews/${kept}/delete"`);

    const confirm = await client.get(`/interviews/${sessionId}/delete`);
    expect(confirm.status).toBe(200);
    const text = visibleText(await confirm.text());
    expect(text).toContain("Delete this interview?");
    expect(text).toContain("Delete interview");
    expect(text).toContain("Keep it");

    expect((await other.client.get(`/interviews/${sessionId}/delete`)).status).toBe(404);
    expect((await other.client.post(`/interviews/${sessionId}/delete`, {})).status).toBe(404);
    expect(await app.db.interviewSession.count({ where: { id: sessionId } })).toBe(1);

    const deleted = await client.post(`/interviews/${sessionId}/delete`, {});
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe("/interviews?notice=deleted");
    const list = await (await client.get("/interviews?notice=deleted")).text();
    expect(visibleText(list)).toContain("Interview deleted.");
    expect(list).not.toContain(sessionId);
    expect(list).toContain(kept);
    await expectGone(sessionId);
    expect((await client.get(`/interviews/${sessionId}`)).status).toBe(404);
    expect((await client.post(`/interviews/${sessionId}/delete`, {})).status).toBe(404);
    app.fake.latencyMs = 0;
    await waitForIdle(app, kept);
  });
});
