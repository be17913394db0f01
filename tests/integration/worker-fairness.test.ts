import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openQuestion, readyUser, startThroughUi, waitFor } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * Per-user fairness of the worker: jobs carry their user as pg-boss group and
 * the worker caps each user's running jobs (WORKER_USER_CONCURRENCY), so one
 * user's burst does not fill every slot while another user waits behind it.
 * The test app's worker runs 4 jobs of a kind at once; here a user may hold 2.
 */

const BUSY_KEY = "sk-test-busy-user-key-0000";
const OTHER_KEY = "sk-test-other-user-key-0000";

let app: TestApp;
beforeAll(async () => {
  // A long AI timeout: the test holds every model reply back while it counts the calls in flight.
  app = await startTestApp({
    worker: true,
    env: { WORKER_USER_CONCURRENCY: "2", AI_TIMEOUT_MS: "30000" },
  });
});
afterAll(() => app.close());

describe("per-user fairness of the worker", () => {
  it("a user who starts many interviews at once does not make another user's first question wait behind them", async () => {
    const busy = await readyUser(app, { apiKey: BUSY_KEY });
    const other = await readyUser(app, { apiKey: OTHER_KEY });
    // The model answers nothing until the other user's question is being generated. FIFO without a
    // per-user cap would fill all four slots with the busy user's first jobs, and the other user's
    // job would never start.
    const release = app.fake.hold();
    const questionCalls = (apiKey: string) => app.fake.chatRequests("interview_question").filter((r) => r.apiKey === apiKey).length;
    try {
      const busySessions: string[] = [];
      for (let i = 0; i < 8; i++) busySessions.push(await startThroughUi(busy.client, busy.postingId));
      const otherSession = await startThroughUi(other.client, other.postingId);

      await waitFor(
        async () => questionCalls(OTHER_KEY) === 1 && questionCalls(BUSY_KEY) >= 2,
        "the other user's question and two of the busy user's to be generating",
      );
      // Nothing has been answered yet, so nothing has freed a slot: the busy user holds just their 2 of the 4.
      expect(questionCalls(BUSY_KEY), "the busy user's questions generating at once").toBe(2);

      release();
      expect((await openQuestion(app, otherSession)).questionNumber).toBe(1);
      await waitFor(
        async () => (await app.db.sessionMessage.count({ where: { sessionId: { in: busySessions }, kind: "question" } })) === 8,
        "all of the busy user's first questions",
        30_000,
      );
    } finally {
      release();
    }
  });
});
