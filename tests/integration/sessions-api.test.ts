import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HttpClient } from "../support/http-client.ts";
import { POSTING, readyUser, RESUME_TEXT, waitFor } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

async function apiUser() {
  const user = await readyUser(app);
  return { ...user, api: await apiLogin(app, user.email) };
}

async function poll(api: HttpClient, operationId: string) {
  return waitFor(async () => {
    const body = (await (await api.get(`/api/v1/operations/${operationId}`)).json()) as {
      status: string;
      result: Record<string, unknown> | null;
    };
    return body.status === "completed" || body.status === "failed" ? body : null;
  }, `operation ${operationId}`);
}

describe("/api/v1/sessions", () => {
  it("POST 201 starts an interview and its first question; the operation completes with the question", async () => {
    const { api, postingId } = await apiUser();
    const res = await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId, target_questions: 3, focus: "technical" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      job_posting_id: postingId,
      status: "active",
      focus: "technical",
      target_questions: 3,
      current_question_number: 0,
      retake_number: 1,
      original_session_id: null,
      job_posting: { title: POSTING.title, company: POSTING.company },
      operation_id: expect.any(String),
    });
    const op = await poll(api, body.operation_id);
    expect(op).toMatchObject({ status: "completed", result: { question_number: 1, question_type: "technical", is_follow_up: false } });
  });

  it("POST 422 for invalid input, 404 for someone else's posting, 400 naming what is missing", async () => {
    const { api } = await apiUser();
    expect((await api.json("POST", "/api/v1/sessions", { job_posting_id: "nope" })).status).toBe(422);
    expect((await api.json("POST", "/api/v1/sessions", { job_posting_id: crypto.randomUUID(), target_questions: 16 })).status).toBe(422);
    const other = await readyUser(app);
    const foreign = await api.json("POST", "/api/v1/sessions", { job_posting_id: other.postingId });
    expect(foreign.status).toBe(404);

    const bare = await signedInUser(app);
    const bareApi = await apiLogin(app, bare.email);
    const posting = await app.db.jobPosting.create({ data: { userId: bare.userId, title: "X", description: POSTING.description } });
    const missing = await bareApi.json("POST", "/api/v1/sessions", { job_posting_id: posting.id });
    expect(missing.status).toBe(400);
    const error = (await missing.json()).error;
    expect(error.code).toBe("missing_prerequisites");
    expect(error.fields.prerequisites).toEqual(["Add your résumé first.", "Add your OpenAI key first."]);
  });

  it("GET lists newest first with posting title/company, filterable by status", async () => {
    const { api, postingId } = await apiUser();
    const a = (await (await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId })).json()).id;
    const b = (await (await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId })).json()).id;
    await api.request(`/api/v1/sessions/${a}/pause`, { method: "POST" });
    const all = await (await api.get("/api/v1/sessions")).json();
    expect(all.map((s: { id: string }) => s.id)).toEqual([b, a]);
    expect(all[0].job_posting).toEqual({ title: POSTING.title, company: POSTING.company });
    const paused = await (await api.get("/api/v1/sessions?status=paused")).json();
    expect(paused.map((s: { id: string }) => s.id)).toEqual([a]);
    expect((await api.get("/api/v1/sessions?status=bogus")).status).toBe(422);
  });
});

describe("/api/v1/sessions/:id and its actions", () => {
  it("walks a whole interview: generate-question 409s while pending, answers 201, messages in order, complete", async () => {
    const { api, postingId } = await apiUser();
    const created = await (await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId, target_questions: 3 })).json();
    const id = created.id as string;

    const busy = await api.request(`/api/v1/sessions/${id}/generate-question`, { method: "POST" });
    expect(busy.status).toBe(409);
    expect((await busy.json()).error.code).toBe("question_pending");
    const first = await poll(api, created.operation_id);
    const questionId = first.result!.question_id as string;

    const unanswered = await api.request(`/api/v1/sessions/${id}/generate-question`, { method: "POST" });
    expect(unanswered.status).toBe(409);
    expect((await unanswered.json()).error.code).toBe("question_unanswered");

    const detail = await (await api.get(`/api/v1/sessions/${id}`)).json();
    expect(detail.job_posting).toMatchObject({ title: POSTING.title, description: POSTING.description, tech_stack: POSTING.techStack });
    expect(detail.resume_snapshot).toBe(RESUME_TEXT);
    expect(detail.messages).toHaveLength(1);

    expect((await api.json("POST", `/api/v1/sessions/${id}/answers`, { answer_text: "" })).status).toBe(422);
    const answered = await api.json("POST", `/api/v1/sessions/${id}/answers`, { answer_text: "My answer", question_id: questionId });
    expect(answered.status).toBe(201);
    const answerBody = await answered.json();
    expect(answerBody).toMatchObject({ message: { message_type: "answer", question_id: questionId }, session_status: "active" });
    const replay = await api.json("POST", `/api/v1/sessions/${id}/answers`, { answer_text: "My answer", question_id: questionId });
    expect(replay.status).toBe(200); // same answer, stored once
    expect((await replay.json()).message.id).toBe(answerBody.message.id);

    await poll(api, answerBody.next_question_operation_id);
    await poll(api, answerBody.evaluation_operation_id);
    const messages = await (await api.get(`/api/v1/sessions/${id}/messages`)).json();
    expect(messages.map((m: { message_type: string }) => m.message_type)).toEqual(["question", "answer", "question"]);
    expect(messages[1].evaluation).toMatchObject({ relevance: expect.any(Number), strengths: expect.any(Array) });

    const complete = await api.request(`/api/v1/sessions/${id}/complete`, { method: "POST" });
    expect(complete.status).toBe(200);
    const completed = await complete.json();
    expect(completed.status).toBe("completed");
    expect(completed.operation_id).toEqual(expect.any(String));
    expect((await api.request(`/api/v1/sessions/${id}/generate-question`, { method: "POST" })).status).toBe(400);
    expect((await api.json("POST", `/api/v1/sessions/${id}/answers`, { answer_text: "late" })).status).toBe(400);
    expect((await api.request(`/api/v1/sessions/${id}/complete`, { method: "POST" })).status).toBe(400);
  });

  it("pause/resume: 200 each, 400 from the wrong state, and no answers while paused", async () => {
    const { api, postingId } = await apiUser();
    const created = await (await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId })).json();
    await poll(api, created.operation_id);
    const id = created.id;
    expect((await api.request(`/api/v1/sessions/${id}/resume`, { method: "POST" })).status).toBe(400);
    const paused = await api.request(`/api/v1/sessions/${id}/pause`, { method: "POST" });
    expect(paused.status).toBe(200);
    expect((await paused.json()).status).toBe("paused");
    expect((await api.request(`/api/v1/sessions/${id}/pause`, { method: "POST" })).status).toBe(400);
    expect((await api.json("POST", `/api/v1/sessions/${id}/answers`, { answer_text: "x" })).status).toBe(400);
    const resumed = await api.request(`/api/v1/sessions/${id}/resume`, { method: "POST" });
    expect(await resumed.json()).toMatchObject({ status: "active", operation_id: null }); // the open question is still there
    // Nothing answered yet: completing abandons the session, without feedback (interview-end.test.ts).
    const ended = await api.request(`/api/v1/sessions/${id}/complete`, { method: "POST" });
    expect(await ended.json()).toMatchObject({ status: "completed", operation_id: null });
  });

  it("another user's session or operation, a malformed id and a missing id are all 404", async () => {
    const owner = await apiUser();
    const created = await (await owner.api.json("POST", "/api/v1/sessions", { job_posting_id: owner.postingId })).json();
    await poll(owner.api, created.operation_id);
    const intruder = await apiUser();
    const ids = [created.id, "not-a-uuid", crypto.randomUUID()];
    for (const id of ids) {
      for (const [method, path] of [
        ["GET", `/api/v1/sessions/${id}`],
        ["GET", `/api/v1/sessions/${id}/messages`],
        ["POST", `/api/v1/sessions/${id}/generate-question`],
        ["POST", `/api/v1/sessions/${id}/pause`],
        ["POST", `/api/v1/sessions/${id}/resume`],
        ["POST", `/api/v1/sessions/${id}/complete`],
        ["DELETE", `/api/v1/sessions/${id}`],
      ] as const) {
        const res = await intruder.api.request(path, { method });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect((await res.json()).error.code).toBe("not_found");
      }
      const answer = await intruder.api.json("POST", `/api/v1/sessions/${id}/answers`, { answer_text: "x" });
      expect(answer.status).toBe(404);
    }
    expect((await intruder.api.get(`/api/v1/operations/${created.operation_id}`)).status).toBe(404);
    expect((await owner.api.get(`/api/v1/operations/${created.operation_id}`)).status).toBe(200);
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: created.id } });
    expect(session.status).toBe("active");
    expect(session.answeredCount).toBe(0);
  });

  it("401 without credentials", async () => {
    for (const path of ["/api/v1/sessions", `/api/v1/sessions/${crypto.randomUUID()}`, `/api/v1/operations/${crypto.randomUUID()}`]) {
      expect((await app.client().get(path)).status).toBe(401);
    }
  });
});
