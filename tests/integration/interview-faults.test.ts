import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STUCK_MESSAGE } from "../../app/models/operation.server.ts";
import { expireOperations } from "../../worker/jobs/expire-operations.ts";
import { DEFAULT_RESPONDERS, FakeOpenAI, messageText } from "../fakes/openai-server.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "1000", AI_MAX_RETRIES: "2" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

async function firstQuestionOperation(apiKey: string) {
  const user = await readyUser(app, { apiKey });
  const sessionId = await startThroughUi(user.client, user.postingId);
  const op = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "question_generation" } });
  return { ...user, sessionId, operation: await waitForOperation(app, op.id, 30_000) };
}

/** After every failure: no operation is left pending or processing (the page would wait forever). */
async function expectNothingInFlight() {
  await waitFor(
    async () => (await app.db.operation.count({ where: { status: { in: ["pending", "processing"] } } })) === 0,
    "every operation to reach completed or failed",
    30_000,
  );
}

describe("AI failures end in the right state with a message a person can act on", () => {
  afterEach(expectNothingInFlight);

  it("a rejected key (401) fails at once, without retries, and points to Settings", async () => {
    const { operation, client, sessionId } = await firstQuestionOperation("sk-test-bad-key-000000001");
    expect(operation).toMatchObject({
      status: "failed",
      errorCode: "api_key_rejected",
      errorMessage: "Your OpenAI key was rejected. Update it in Settings.",
    });
    expect(app.fake.chatRequests()).toHaveLength(1);
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Your OpenAI key was rejected. Update it in Settings.");
    expect(page).toContain("Open Settings");
    expect(page).toContain("Retry");
  });

  it("no quota (429 insufficient_quota) says so", async () => {
    const { operation } = await firstQuestionOperation("sk-test-quota-empty-00001");
    expect(operation).toMatchObject({ status: "failed", errorCode: "quota_exhausted" });
    expect(operation.errorMessage).toMatch(/^Your OpenAI account has no remaining quota\./);
  });

  it("a transient 429 is retried by the SDK and the question arrives", async () => {
    app.fake.script("429");
    const { operation, sessionId } = await firstQuestionOperation("sk-test-working-key-00002");
    expect(operation.status).toBe("completed");
    expect(app.fake.chatRequests("interview_question")).toHaveLength(2);
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(1);
  });

  it("a provider that keeps failing (5xx) is retried 3 times in all, then fails with 'try again'", async () => {
    const { operation } = await firstQuestionOperation("sk-test-down-always-0001");
    expect(operation).toMatchObject({
      status: "failed",
      errorCode: "ai_unavailable",
      errorMessage: "The AI service didn't respond. Try again.",
    });
    expect(app.fake.chatRequests()).toHaveLength(3); // 1 + AI_MAX_RETRIES (2 in this test app)
  });

  it("a provider that never answers hits the per-call timeout and fails the same way", async () => {
    const { operation } = await firstQuestionOperation("sk-test-slow-always-0001");
    expect(operation).toMatchObject({ status: "failed", errorCode: "ai_unavailable" });
  });

  it("garbage output is retried once with a correction, then fails as unusable", async () => {
    const { operation } = await firstQuestionOperation("sk-test-garbage-json-001");
    expect(operation).toMatchObject({
      status: "failed",
      errorCode: "invalid_output",
      errorMessage: "The AI returned an answer we couldn't use. Try again.",
    });
    expect(app.fake.chatRequests("interview_question")).toHaveLength(2);
  });

  it("output that is valid JSON but the wrong shape is retried once and succeeds when the model corrects itself", async () => {
    app.fake.script("invalid");
    const { operation } = await firstQuestionOperation("sk-test-working-key-00003");
    expect(operation.status).toBe("completed");
    const retry = app.fake.chatRequests("interview_question")[1]!.body!;
    expect(JSON.stringify(retry.messages)).toContain("Your previous reply could not be used");
  });

  it("an unknown model (404) names the model and points to Settings", async () => {
    app.fake.script("404");
    const { operation } = await firstQuestionOperation("sk-test-working-key-00004");
    expect(operation).toMatchObject({ status: "failed", errorCode: "model_not_found" });
    expect(operation.errorMessage).toContain("“gpt-4o-mini”");
  });
});

describe("a user's base URL that answers with a redirect", () => {
  afterEach(expectNothingInFlight);

  // Not following redirects from a user-chosen endpoint is what keeps every connection under the
  // SSRF check (a redirect would be a second connection the user picked by other means). The rule
  // does not depend on AI_ALLOW_PRIVATE_BASE_URLS, which this app turns on so the first hop (a
  // loopback fake) is reachable at all.
  it("is not followed: the operation fails saying so, at once, and the redirect's target gets nothing", async () => {
    const target = new FakeOpenAI();
    const bouncer = new FakeOpenAI();
    try {
      await target.start();
      await bouncer.start();
      bouncer.redirectTo = target.url;
      const { client, postingId } = await readyUser(app);
      expect((await client.post("/settings", { intent: "save-provider", model: "", baseUrl: bouncer.url })).status).toBe(200);
      // A key is sent only to the server it was saved for: the new endpoint gets it again.
      expect((await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-working-key-0000" })).status).toBe(200);
      const sessionId = await startThroughUi(client, postingId);
      const op = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "question_generation" } });
      expect(await waitForOperation(app, op.id, 30_000)).toMatchObject({
        status: "failed",
        errorCode: "base_url_redirect",
        errorMessage:
          "Your AI base URL answered with a redirect to another address, which this server does not follow. Enter the final address in Settings.",
      });
      expect(bouncer.chatRequests()).toHaveLength(1);
      expect(target.requests).toEqual([]);
    } finally {
      await bouncer.stop();
      await target.stop();
    }
  });
});

describe("AI failures around an answer never lose the answer", () => {
  afterEach(expectNothingInFlight);

  it("an evaluation that times out keeps the answer; the next question still comes; the evaluation says why and offers Retry", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    app.fake.respond("answer_grade", () => new Promise<never>(() => {})); // the provider never answers
    const answered = await client.post(`/interviews/${sessionId}`, {
      intent: "answer",
      questionId: q1.id,
      answer: "Kept, whatever the AI does.",
    });
    expect(answered.status).toBe(302);
    const evaluation = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "answer_evaluation" } });
    expect(await waitForOperation(app, evaluation.id, 30_000)).toMatchObject({
      status: "failed",
      errorCode: "ai_unavailable",
      errorMessage: "The AI service didn't respond. Try again.",
    });
    const q2 = await openQuestion(app, sessionId);
    expect(q2.questionNumber).toBe(2);
    const answer = await app.db.sessionMessage.findFirstOrThrow({ where: { sessionId, kind: "answer" } });
    expect(answer).toMatchObject({ questionId: q1.id, content: "Kept, whatever the AI does." });
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Kept, whatever the AI does.");
    expect(page).toContain("The AI service didn't respond. Try again.");
    expect(page).toContain("Retry");
  });
});

describe("Retry", () => {
  it("recovers from a bad key: fix the key in Settings, press Retry, get the question", async () => {
    const { operation, client, sessionId } = await firstQuestionOperation("sk-test-bad-key-000000002");
    expect(operation.status).toBe("failed");
    await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-fixed-key-000000" });
    const retry = await client.post(`/interviews/${sessionId}`, { intent: "retry", operationId: operation.id });
    expect(retry.status).toBe(302);
    const ops = await app.db.operation.findMany({ where: { sessionId, kind: "question_generation" }, orderBy: { createdAt: "asc" } });
    expect(ops).toHaveLength(2);
    expect(ops[0]!.status).toBe("failed"); // the failed one stays as history
    const done = await waitForOperation(app, ops[1]!.id);
    expect(done.status).toBe("completed");
    const question = await openQuestion(app, sessionId);
    expect(question.questionNumber).toBe(1);
    expect(app.fake.chatRequests().at(-1)!.apiKey).toBe("sk-test-fixed-key-000000");
    // Retrying twice (double click) does not start a third operation; someone else's operation is a 404.
    await client.post(`/interviews/${sessionId}`, { intent: "retry", operationId: operation.id });
    expect(await app.db.operation.count({ where: { sessionId, kind: "question_generation" } })).toBe(2);
  });

  it("refuses to retry a step that did not fail with 409, the status the API gives the same refusal", async () => {
    const { operation, client, sessionId } = await firstQuestionOperation("sk-test-working-key-00003");
    expect(operation.status).toBe("completed");
    const refused = await client.post(`/interviews/${sessionId}`, { intent: "retry", operationId: operation.id });
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain("Only a failed step can be retried.");
    expect(await app.db.operation.count({ where: { sessionId, kind: "question_generation" } })).toBe(1);
  });

  it("retries a failed answer evaluation for the same answer", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    app.fake.respond("answer_grade", () => "not json at all" as never);
    await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: q1.id, answer: "An answer to evaluate." });
    const evaluation = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "answer_evaluation" } });
    expect((await waitForOperation(app, evaluation.id)).status).toBe("failed");
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("The AI returned an answer we couldn't use. Try again.");

    app.fake.reset();
    await client.post(`/interviews/${sessionId}`, { intent: "retry", operationId: evaluation.id });
    const second = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "answer_evaluation", NOT: { id: evaluation.id } } });
    expect(second.subjectId).toBe(evaluation.subjectId);
    expect((await waitForOperation(app, second.id)).status).toBe("completed");
    expect(await app.db.answerEvaluation.count({ where: { sessionId } })).toBe(1);
  });
});

/** A reply the app refuses whatever the model is told: the question is too short to be one. */
const unusableQuestion = () => ({ question: "Why?", type: "technical", is_follow_up: false, probes: "x" });

async function latestQuestionOperation(sessionId: string) {
  return app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "question_generation" }, orderBy: { createdAt: "desc" } });
}

describe("a model that repeats itself never stops the interview", () => {
  afterEach(expectNothingInFlight);

  const SAME = "Tell me about the hardest production bug you have fixed and how you found it.";
  const alwaysTheSame = () => ({ question: SAME, type: "technical", is_follow_up: false, probes: "x" });

  it("a repeat goes back naming the question it repeats and asking for another type; repeated again, the interview moves on", async () => {
    app.fake.respond("interview_question", alwaysTheSame);
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    for (let n = 1; n <= 3; n++) {
      const question = await openQuestion(app, sessionId);
      expect(question).toMatchObject({ questionNumber: n, content: SAME });
      const answered = await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: question.id, answer: `Answer ${n}.` });
      expect(answered.status).toBe(302);
    }
    await waitForIdle(app, sessionId, 30_000);
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId }, include: { feedback: true } });
    expect(session).toMatchObject({ status: "completed", answeredCount: 3 });
    expect(session.feedback).not.toBeNull();

    // Question 2: the first reply repeats question 1; the correction names it and asks for another type.
    const prompts = app.fake.chatRequests("interview_question").map((r) => messageText(r.body!));
    expect(prompts).toHaveLength(5); // question 1 once, questions 2 and 3 twice each
    expect(prompts[1]).toContain("Planned: ask a behavioral question.");
    expect(prompts[2]).toContain(`Your previous reply could not be used: it is nearly the same question as one already asked: "${SAME}"`);
    expect(prompts[2]).toContain("Ask a project question instead");
    expect(prompts[2]).toContain("Planned: ask a project question.");
    const second = await app.db.operation.findFirstOrThrow({
      where: { sessionId, kind: "question_generation", status: "completed", result: { path: ["questionNumber"], equals: 2 } },
    });
    expect(second.result).toMatchObject({ repeatFallback: true });
  });

  it("the first question of a retake that only repeats the earlier attempt still comes", async () => {
    app.fake.respond("interview_question", alwaysTheSame);
    const { client, postingId } = await readyUser(app);
    const first = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const q1 = await openQuestion(app, first);
    await client.post(`/interviews/${first}`, { intent: "answer", questionId: q1.id, answer: "An answer." });
    await waitForIdle(app, first);
    await client.post(`/interviews/${first}`, { intent: "finish" });
    await waitForIdle(app, first);
    const retake = await client.post(`/interviews/${first}/feedback`, { intent: "retake" });
    expect(retake.status).toBe(302);
    const retakeId = retake.headers.get("location")!.split("/").pop()!;
    const question = await openQuestion(app, retakeId);
    expect(question).toMatchObject({ questionNumber: 1, content: SAME });
    expect((await latestQuestionOperation(retakeId)).status).toBe("completed");
  });
});

describe("Retry never replays a failed request unchanged", () => {
  afterEach(expectNothingInFlight);

  it("each new try says which it is and asks for another type, from the page's Retry and from the API alike", async () => {
    app.fake.respond("interview_question", unusableQuestion);
    const { operation, client, sessionId, email } = await firstQuestionOperation("sk-test-working-key-00005");
    expect(operation).toMatchObject({ status: "failed", errorCode: "invalid_output", retryNumber: 0 });

    // Retry on the page: still unusable, but asked differently.
    expect((await client.post(`/interviews/${sessionId}`, { intent: "retry", operationId: operation.id })).status).toBe(302);
    const second = await waitForOperation(app, (await latestQuestionOperation(sessionId)).id);
    expect(second).toMatchObject({ status: "failed", retryNumber: 1 });

    // Asking again through the API is a retry too; this time the model answers properly.
    app.fake.respond("interview_question", DEFAULT_RESPONDERS.interview_question!);
    const api = await apiLogin(app, email);
    const again = await api.json("POST", `/api/v1/sessions/${sessionId}/generate-question`);
    expect(again.status).toBe(202);
    const { operation_id } = (await again.json()) as { operation_id: string };
    expect(await waitForOperation(app, operation_id)).toMatchObject({ status: "completed", retryNumber: 2 });
    const operationJson = (await (await api.get(`/api/v1/operations/${operation_id}`)).json()) as { retry_number: number };
    expect(operationJson.retry_number).toBe(2);

    // Each try's first request (the second of a try only adds the correction) differs from every earlier one.
    const requests = app.fake.chatRequests("interview_question").map((r) => messageText(r.body!));
    expect(requests).toHaveLength(5); // two per failed try, one for the good one
    const tries = [requests[0]!, requests[2]!, requests[4]!];
    expect(new Set(tries).size).toBe(3);
    expect(tries[0]).toContain("Planned: ask a technical question.");
    expect(tries[0]).not.toContain("Earlier tries at this question");
    expect(tries[1]).toContain("Planned: ask a behavioral question.");
    expect(tries[1]).toContain("this is try 2");
    expect(tries[2]).toContain("Planned: ask a project question.");
    expect(tries[2]).toContain("this is try 3");
    expect(await openQuestion(app, sessionId)).toMatchObject({ questionNumber: 1, questionType: "project" });
  });
});

describe("a failed step is shown where the user looks", () => {
  afterEach(expectNothingInFlight);

  it("GET /sessions/{id} carries the failed first question as last_error; the page shows it with Retry, Finish and Delete", async () => {
    app.fake.respond("interview_question", unusableQuestion);
    const { client, postingId, email } = await readyUser(app);
    const api = await apiLogin(app, email);
    const started = await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId });
    expect(started.status).toBe(201);
    const { id, operation_id } = (await started.json()) as { id: string; operation_id: string };
    expect((await waitForOperation(app, operation_id)).status).toBe("failed");

    const detail = (await (await api.get(`/api/v1/sessions/${id}`)).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({
      status: "active",
      messages: [],
      pending_operation_id: null,
      last_error: {
        operation_id,
        operation_type: "question_generation",
        code: "invalid_output",
        message: "The AI returned an answer we couldn't use. Try again.",
        retry_number: 0,
      },
    });

    const page = visibleText(await (await client.get(`/interviews/${id}`)).text());
    expect(page).toContain("The AI returned an answer we couldn't use. Try again.");
    expect(page).toContain("Retry");
    expect(page).toContain("Finish interview");
    expect(page).toContain("Delete interview");

    // Once a new try succeeds, nothing is left failed.
    app.fake.reset();
    expect((await api.json("POST", `/api/v1/sessions/${id}/generate-question`)).status).toBe(202);
    await openQuestion(app, id);
    await waitForIdle(app, id);
    const after = (await (await api.get(`/api/v1/sessions/${id}`)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ last_error: null, pending_operation_id: null });
  });
});

describe("the stuck-operation sweep (operation.expire)", () => {
  it("fails operations stuck past the limit with a message, and leaves fresh ones alone", async () => {
    const { userId, postingId, client } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    await openQuestion(app, sessionId);
    const old = new Date(Date.now() - 10 * 60 * 1000);
    const stuck = await app.db.operation.create({ data: { userId, sessionId, kind: "session_feedback", status: "processing" } });
    const stuckPending = await app.db.operation.create({ data: { userId, sessionId, kind: "session_feedback", status: "pending" } });
    await app.db.$executeRaw`UPDATE operations SET updated_at = ${old} WHERE id IN (${stuck.id}::uuid, ${stuckPending.id}::uuid)`;
    const fresh = await app.db.operation.create({ data: { userId, sessionId, kind: "session_feedback", status: "pending" } });

    const result = await expireOperations();
    expect(result.failed).toBe(2);
    expect(await app.db.operation.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({
      status: "failed",
      errorCode: "stuck",
      errorMessage: STUCK_MESSAGE,
    });
    expect(await app.db.operation.findUniqueOrThrow({ where: { id: stuckPending.id } })).toMatchObject({ status: "failed" });
    expect((await app.db.operation.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("pending");
  });
});
