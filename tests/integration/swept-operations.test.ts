import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STUCK_MESSAGE } from "../../app/models/operation.server.ts";
import { speechLikeWav } from "../fixtures/make-wav.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/**
 * A job still working when the stuck-operation sweep failed its operation (a slow model outlasting the
 * sweep's limit) writes nothing when it finally gets its reply: the failure was shown with Retry, and
 * the Retry does the work. So an interview never gets two open questions, nor a draft the same
 * transcript twice. The fake provider holds its replies while the test plays the sweep.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

/** Play the sweep (failStuckOperations) on one running operation. */
async function sweep(operationId: string) {
  const { count } = await app.db.operation.updateMany({
    where: { id: operationId, status: "processing" },
    data: { status: "failed", errorCode: "stuck", errorMessage: STUCK_MESSAGE, finishedAt: new Date() },
  });
  expect(count).toBe(1);
}

/** pg-boss's record of the job that carried this operation, once it has ended. */
function jobEnd(operationId: string) {
  return waitFor(async () => {
    const [row] = await app.db.$queryRaw<Array<{ state: string; output: unknown }>>`
      SELECT state::text AS state, output FROM pgboss.job WHERE data->>'operationId' = ${operationId}`;
    return row && (row.state === "completed" || row.state === "failed") ? row : null;
  }, `the job of ${operationId} to end`);
}

/** The session's operation of this kind once the worker runs it and its provider call has been sent (and held). */
async function inFlight(sessionId: string, kind: "question_generation" | "transcribe_answer", requestsSent: () => number) {
  const op = await waitFor(
    () => app.db.operation.findFirst({ where: { sessionId, kind, status: "processing" }, orderBy: { createdAt: "desc" } }),
    `a running ${kind}`,
  );
  await waitFor(async () => requestsSent() > 0, "the provider call");
  return op;
}

const questionRequests = () => app.fake.chatRequests("interview_question").length;
const questionsOf = (sessionId: string) =>
  app.db.sessionMessage.findMany({ where: { sessionId, kind: "question" }, orderBy: { createdAt: "asc" } });

async function retry(client: Awaited<ReturnType<typeof readyUser>>["client"], sessionId: string, operationId: string) {
  expect((await client.post(`/interviews/${sessionId}`, { intent: "retry", operationId })).status).toBe(302);
  return app.db.operation.findFirstOrThrow({ where: { sessionId, retryNumber: { gt: 0 } }, orderBy: { createdAt: "desc" } });
}

describe("a question job whose operation the sweep failed while the model was writing", () => {
  it("writes no question when its reply comes; the Retry's question is the one asked", async () => {
    const user = await readyUser(app);
    const release = app.fake.hold();
    const sessionId = await startThroughUi(user.client, user.postingId);
    const swept = await inFlight(sessionId, "question_generation", questionRequests);
    await sweep(swept.id);
    release();
    const job = await jobEnd(swept.id);
    expect(await questionsOf(sessionId)).toEqual([]);
    expect(job).toMatchObject({ state: "completed", output: { skipped: "operation no longer running" } });
    expect(await app.db.operation.findUniqueOrThrow({ where: { id: swept.id } })).toMatchObject({ status: "failed", result: null });

    const again = await retry(user.client, sessionId, swept.id);
    expect(await waitForOperation(app, again.id)).toMatchObject({ status: "completed" });
    expect((await questionsOf(sessionId)).map((q) => [q.operationId, q.questionNumber])).toEqual([[again.id, 1]]);
  });

  it("and the Retry's job both held, then answered: one open question, not two", async () => {
    const user = await readyUser(app);
    const release = app.fake.hold();
    const sessionId = await startThroughUi(user.client, user.postingId);
    const swept = await inFlight(sessionId, "question_generation", questionRequests);
    await sweep(swept.id);
    const again = await retry(user.client, sessionId, swept.id);
    await waitFor(async () => questionRequests() >= 2, "the Retry's provider call");
    release();
    expect(await waitForOperation(app, again.id)).toMatchObject({ status: "completed" });
    await jobEnd(swept.id);
    const questions = await questionsOf(sessionId);
    expect(questions.map((q) => q.operationId)).toEqual([again.id]);
    expect(await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ currentQuestionNumber: 1 });
  });

  it("a question job that finds a question already open writes none", async () => {
    const user = await readyUser(app);
    const release = app.fake.hold();
    const sessionId = await startThroughUi(user.client, user.postingId);
    const running = await inFlight(sessionId, "question_generation", questionRequests);
    // Another writer got there first (played here by hand): the interview has its open question.
    const open = await app.db.sessionMessage.create({
      data: { sessionId, kind: "question", content: "Tell me about a migration you led.", questionNumber: 1, questionType: "project" },
    });
    await app.db.interviewSession.update({ where: { id: sessionId }, data: { currentQuestionNumber: 1 } });
    release();
    expect(await waitForOperation(app, running.id)).toMatchObject({
      status: "completed",
      result: { skipped: "a question is already open" },
    });
    expect((await questionsOf(sessionId)).map((q) => q.id)).toEqual([open.id]);
  });
});

describe("a transcription whose operation the sweep failed while the provider was transcribing", () => {
  it("doesn't append to the draft; its Retry appends the transcript once", async () => {
    const user = await readyUser(app);
    const sessionId = await startThroughUi(user.client, user.postingId);
    const question = await openQuestion(app, sessionId);
    app.fake.transcribe("We sharded the ledger by tenant.", "We sharded the ledger by tenant.");
    const release = app.fake.hold();
    const form = new FormData();
    form.set("intent", "transcribe");
    form.set("questionId", question.id);
    form.set("answer", "Typed first.");
    form.set("audio", new File([speechLikeWav(2) as Uint8Array<ArrayBuffer>], "answer.wav", { type: "audio/wav" }));
    expect((await user.client.post(`/interviews/${sessionId}`, form)).status).toBe(302);
    const swept = await inFlight(sessionId, "transcribe_answer", () => app.fake.transcriptionRequests().length);
    await sweep(swept.id);
    const again = await retry(user.client, sessionId, swept.id);
    await waitFor(async () => app.fake.transcriptionRequests().length >= 2, "the Retry's provider call");
    release();
    expect(await waitForOperation(app, again.id)).toMatchObject({ status: "completed" });
    const job = await jobEnd(swept.id);
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.draftAnswer).toBe("Typed first.\n\nWe sharded the ledger by tenant.");
    expect(job).toMatchObject({ state: "completed", output: { skipped: "operation no longer running" } });
  });
});
