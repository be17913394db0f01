import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STUCK_MESSAGE } from "../../app/models/operation.server.ts";
import { expireOperations } from "../../worker/jobs/expire-operations.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

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

describe("AI failures around an answer never lose the answer", () => {
  afterEach(expectNothingInFlight);

  it("an evaluation that times out keeps the answer; the next question still comes; the evaluation says why and offers Retry", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    app.fake.respond("answer_evaluation", () => new Promise<never>(() => {})); // the provider never answers
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

  it("retries a failed answer evaluation for the same answer", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    app.fake.respond("answer_evaluation", () => "not json at all" as never);
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
