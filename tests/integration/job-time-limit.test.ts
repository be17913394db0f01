import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../app/utils/queue-names.ts";
import { startWorker, type RunningWorker } from "../../worker/worker.ts";
import { visibleText } from "../support/html.ts";
import { readyUser, startThroughUi, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// A job that passes its time limit (expireInSeconds) is failed by pg-boss and retried. Its handler must not run on
// beside that retry, still waiting on the provider: the retry would claim the operation again and pay for the same
// call twice. Two workers, as with several worker processes, so one is free to fetch the retry.
let app: TestApp;
const workers: RunningWorker[] = [];
const LIMIT_SECONDS = 3;

beforeAll(async () => {
  // The SDK's own timeout (20 s) is far past the job's limit: only the limit can end the call.
  app = await startTestApp({ worker: false, env: { AI_TIMEOUT_MS: "20000" } });
  for (let i = 0; i < 2; i++) workers.push(await startWorker({ schedule: false, concurrency: 2 }));
  // The queue's policy instead of its 2 minutes: a job takes its queue's expireInSeconds when it is sent.
  await workers[0]!.boss.updateQueue(QUEUE.generateQuestion, { expireInSeconds: LIMIT_SECONDS });
});
afterAll(async () => {
  app.fake.reset(); // releases anything still held, so no handler keeps a worker from stopping
  await Promise.all(workers.map((w) => w.stop(5_000)));
  await app.close();
});

async function questionCallInFlight() {
  const { client, postingId } = await readyUser(app);
  app.fake.hold(); // the provider keeps the reply back
  const sessionId = await startThroughUi(client, postingId);
  const op = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "question_generation" } });
  await waitFor(async () => app.fake.chatRequests("interview_question").length > 0, "the model call to begin");
  return { client, sessionId, op };
}

describe("a job past its time limit", () => {
  it("stops its AI call, fails the operation with a clear message, and its retry makes no second call", async () => {
    const { client, sessionId, op } = await questionCallInFlight(); // held past the job's limit

    const done = await waitForOperation(app, op.id, (LIMIT_SECONDS + 10) * 1000);
    expect(done).toMatchObject({ status: "failed", errorCode: "ai_unavailable", attempts: 1 });
    expect(done.errorMessage).toContain("Your AI provider took longer than this task may run");
    expect(app.fake.chatRequests("interview_question")[0]!.abandoned).toBe(true); // the provider saw the request closed

    // pg-boss retries the expired job 1–2 s later, on either worker: it finds the operation finished and does nothing.
    const [job] = await workers[0]!.boss.findJobs<{ operationId: string }>(QUEUE.generateQuestion, { data: { operationId: op.id } });
    await waitFor(async () => {
      const now = await workers[0]!.boss.findJobs(QUEUE.generateQuestion, { id: job!.id });
      return now[0]?.state === "completed" && now[0].retryCount >= 1;
    }, "the job's retry to run");
    expect(app.fake.chatRequests("interview_question")).toHaveLength(1);
    expect((await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).attempts).toBe(1);

    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Your AI provider took longer than this task may run");
    expect(page).toContain("Retry");
  }, 60_000);

  // Last: it stops the workers. pg-boss aborts job.signal too when a stop outlasts its grace period (after failing
  // the job for a retry); that is no time limit, and the operation must stay for the retry, as when a worker dies.
  it("is not what a worker stopping with a call in flight makes of it: the operation stays for the retry", async () => {
    app.fake.reset();
    const { op } = await questionCallInFlight();
    await Promise.all(workers.map((w) => w.stop(1_000)));
    await new Promise((r) => setTimeout(r, 500)); // time for an abort, had there been one, to fail the operation
    expect(await app.db.operation.findUniqueOrThrow({ where: { id: op.id } })).toMatchObject({ status: "processing", errorMessage: null });
    expect(app.fake.chatRequests("interview_question")[0]!.abandoned).toBeUndefined();
    app.fake.reset(); // the reply comes after all: the call still running completes the operation
    expect(await waitForOperation(app, op.id)).toMatchObject({ status: "completed" });
  });
});
