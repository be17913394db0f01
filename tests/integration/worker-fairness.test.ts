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

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { RATE_LIMIT_REGISTER_PER_IP: "1000", WORKER_USER_CONCURRENCY: "2" } });
});
afterAll(() => app.close());

describe("per-user fairness of the worker", () => {
  it("a user who starts many interviews at once does not make another user's first question wait behind them", async () => {
    const busy = await readyUser(app, { apiKey: BUSY_KEY });
    const other = await readyUser(app, { apiKey: "sk-test-other-user-key-0000" });
    // Each question takes the "model" 1.5 s: FIFO without a per-user cap would run the busy user's
    // eight jobs in two full rounds of four before the other user's job got a slot.
    app.fake.latencyMs = 1_500;
    const busySessions: string[] = [];
    for (let i = 0; i < 8; i++) busySessions.push(await startThroughUi(busy.client, busy.postingId));
    const otherSession = await startThroughUi(other.client, other.postingId);

    const otherQuestion = await openQuestion(app, otherSession);
    const busyQuestions = await waitFor(
      async () => {
        const questions = await app.db.sessionMessage.findMany({
          where: { sessionId: { in: busySessions }, kind: "question" },
          orderBy: { createdAt: "asc" },
        });
        return questions.length === busySessions.length ? questions : null;
      },
      "all of the busy user's first questions",
      30_000,
    );
    const servedBefore = busyQuestions.filter((q) => q.createdAt < otherQuestion.createdAt).length;
    // With the cap the busy user holds 2 of the 4 slots, so the other user's job runs in the first round,
    // next to at most the busy user's first two (and two more that finish at the same moment).
    expect(servedBefore, "busy user's questions written before the other user's first question").toBeLessThanOrEqual(4);

    // At no time did the busy user have more than 2 questions generating: each takes 1.5 s, so no
    // window shorter than that holds more than 2 of their requests' starts (without the cap: 4 at once).
    const busyStarts = app.fake
      .chatRequests("interview_question")
      .filter((r) => r.apiKey === BUSY_KEY)
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(busyStarts.length).toBe(8);
    const mostInOneWindow = Math.max(...busyStarts.map((t) => busyStarts.filter((u) => u >= t && u < t + 1_200).length));
    expect(mostInOneWindow, "the busy user's question requests started within 1.2 s of each other").toBeLessThanOrEqual(2);
  }, 60_000);
});
