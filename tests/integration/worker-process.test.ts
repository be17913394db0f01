import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { failStuckOperations, STUCK_MESSAGE } from "../../app/models/operation.server.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { spawnProcess, stopProcess, type Spawned } from "../support/processes.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The web app runs in this process; the worker is the real `node worker/index.ts`, in its own process.
let app: TestApp;
const workers: Spawned[] = [];
beforeAll(async () => {
  app = await startTestApp({ worker: false, env: { AI_TIMEOUT_MS: "20000" } });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => stopProcess(w, "SIGKILL")));
  app.fake.reset();
});
afterAll(() => app.close());

async function startWorkerProcess() {
  const worker = spawnProcess("worker/index.ts", { LOG_LEVEL: "info" });
  workers.push(worker);
  await worker.waitFor(/"msg":"worker ready"/);
  return worker;
}

describe("the worker process", () => {
  it("processes a job the web process sent (pickup through LISTEN/NOTIFY)", async () => {
    await startWorkerProcess();
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId); // the web process creates the operation and sends the job
    const question = await openQuestion(app, sessionId);
    expect(question.questionNumber).toBe(1);
    const op = await app.db.operation.findFirstOrThrow({ where: { sessionId } });
    expect(op.status).toBe("completed");
  });

  it("exits 0 on SIGTERM after finishing the job it is running", async () => {
    const worker = await startWorkerProcess();
    const { client, postingId } = await readyUser(app);
    const release = app.fake.hold(); // the model answers only once the worker has been told to stop
    const sessionId = await startThroughUi(client, postingId);
    const op = await app.db.operation.findFirstOrThrow({ where: { sessionId } });
    await waitFor(async () => app.fake.chatRequests("interview_question").length > 0, "the model call to begin");
    expect((await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe("processing");

    worker.child.kill("SIGTERM");
    await worker.waitFor(/worker stopping: finishing running jobs/);
    release();
    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain("worker stopping: finishing running jobs");
    expect((await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe("completed");
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(1);
  });

  it("loses nothing when killed mid-job: a new worker finishes it, and exactly one question exists", async () => {
    const first = await startWorkerProcess();
    const { client, postingId } = await readyUser(app);
    const release = app.fake.hold(); // the model call stays open until the kill
    const sessionId = await startThroughUi(client, postingId);
    const op = await app.db.operation.findFirstOrThrow({ where: { sessionId } });
    await waitFor(
      async () => (await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).status === "processing",
      "the job to start",
    );
    await waitFor(async () => app.fake.chatRequests("interview_question").length > 0, "the model call to begin");

    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(await app.db.sessionMessage.count({ where: { sessionId } })).toBe(0);

    release();
    await startWorkerProcess(); // its supervisor notices the missed heartbeat and re-delivers the job
    const done = await waitForOperation(app, op.id, 60_000);
    expect(done.status).toBe("completed");
    expect(done.attempts).toBe(2);
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(1);
  }, 90_000);

  it("loses no answer when killed while evaluating it and writing the next question: a new worker finishes both", async () => {
    await startWorkerProcess();
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    const first = workers[0]!;

    const release = app.fake.hold(); // both model calls stay open until the kill
    const answered = await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: q1.id, answer: "Shard by account." });
    expect(answered.status).toBe(302);
    await waitFor(async () => app.fake.chatRequests().length >= 3, "the evaluation and next-question calls to begin");
    first.child.kill("SIGKILL");
    await first.exited;
    // The answer was stored before any AI call: the crash cannot take it.
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "answer" } })).toBe(1);

    release();
    await startWorkerProcess();
    await waitForIdle(app, sessionId, 60_000);
    const operations = await app.db.operation.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } });
    expect(operations.map((o) => [o.kind, o.status, o.attempts])).toEqual([
      ["question_generation", "completed", 1],
      ["answer_evaluation", "completed", 2],
      ["question_generation", "completed", 2],
    ]);
    expect(await app.db.answerEvaluation.count({ where: { sessionId } })).toBe(1);
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(2);
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Question 2 of 3");
    expect(page).toContain("Feedback on this answer");
  }, 90_000);

  it("with no worker coming back, the sweep fails the stuck operation with a message and Retry, and a retry succeeds", async () => {
    const first = await startWorkerProcess();
    const { client, postingId } = await readyUser(app);
    const release = app.fake.hold(); // the model call stays open until the kill
    const sessionId = await startThroughUi(client, postingId);
    const op = await app.db.operation.findFirstOrThrow({ where: { sessionId } });
    await waitFor(async () => app.fake.chatRequests("interview_question").length > 0, "the model call to begin");
    first.child.kill("SIGKILL");
    await first.exited;
    release();

    // The sweep window is 10 s here (the minimum OPERATION_STUCK_AFTER_SECONDS allows): the operation's
    // last change is moved back past it instead of waiting it out.
    await app.db.$executeRaw`UPDATE operations SET updated_at = updated_at - interval '11 seconds' WHERE id = ${op.id}::uuid`;
    expect(await failStuckOperations(10)).toBe(1);
    expect(await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).toMatchObject({
      status: "failed",
      errorCode: "stuck",
      errorMessage: STUCK_MESSAGE,
    });
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain(STUCK_MESSAGE);
    expect(page).toContain("Retry");

    await startWorkerProcess(); // it also gets the dead worker's job back, and skips it: that operation is finished
    expect((await client.post(`/interviews/${sessionId}`, { intent: "retry", operationId: op.id })).status).toBe(302);
    const retry = await app.db.operation.findFirstOrThrow({ where: { sessionId, NOT: { id: op.id } } });
    expect((await waitForOperation(app, retry.id)).status).toBe("completed");
    // The dead worker's job comes back once its heartbeat is missed (10 s) and the new worker skips it.
    const deadJob = await waitFor(
      async () => {
        const [job] = await app.db.$queryRaw<{ state: string; output: unknown }[]>`
        SELECT state::text, output FROM pgboss.job WHERE data->>'operationId' = ${op.id} AND state = 'completed'`;
        return job;
      },
      "the dead worker's job to be re-delivered and finished",
      60_000,
    );
    expect(deadJob.output).toEqual({ skipped: "operation already finished" });
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(1);
    expect((await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe("failed");
    expect(await app.db.operation.count({ where: { sessionId, status: { in: ["pending", "processing"] } } })).toBe(0);
  }, 90_000);
});
