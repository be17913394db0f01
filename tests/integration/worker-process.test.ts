import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForOperation } from "../support/interviews.ts";
import { spawnProcess, stopProcess, type Spawned } from "../support/processes.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// The web app runs in this process; the worker is the real `node worker/index.ts`, in its own process.
let app: TestApp;
const workers: Spawned[] = [];
beforeAll(async () => {
  app = await startTestApp({ worker: false, env: { RATE_LIMIT_REGISTER_PER_IP: "1000", AI_TIMEOUT_MS: "20000" } });
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
    app.fake.latencyMs = 2500;
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const op = await app.db.operation.findFirstOrThrow({ where: { sessionId } });
    await waitFor(
      async () => (await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).status === "processing",
      "the job to start",
    );

    worker.child.kill("SIGTERM");
    const exit = await worker.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain("worker stopping: finishing running jobs");
    expect((await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe("completed");
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(1);
  });

  it("loses nothing when killed mid-job: a new worker finishes it, and exactly one question exists", async () => {
    const first = await startWorkerProcess();
    app.fake.latencyMs = 3000;
    const { client, postingId } = await readyUser(app);
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

    await startWorkerProcess(); // its supervisor notices the missed heartbeat and re-delivers the job
    const done = await waitForOperation(app, op.id, 60_000);
    expect(done.status).toBe("completed");
    expect(done.attempts).toBe(2);
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(1);
  }, 90_000);
});
