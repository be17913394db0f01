/**
 * The interview page reads the session, its questions and its AI operations
 * as one snapshot (one SQL statement, the relations joined). Here a test
 * connection holds the operations table locked so the page's read waits, and
 * meanwhile "the worker" stores the question and finishes its operation in
 * one commit, as recordQuestion does. Read without a snapshot (the messages
 * before that commit, the operations after it), the page would see the
 * operation finished but not what it produced, and offer "Ready for the next
 * question?" instead of the question or "being generated" (and, without
 * JavaScript, stop refreshing).
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { readyUser, startThroughUi, waitFor } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('never offers "Ready for the next question?" when the question is stored in the middle of the page\'s read', async () => {
  const { client, postingId } = await readyUser(app);
  const sessionId = await startThroughUi(client, postingId);
  const op = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "question_generation" } });
  expect(op.status).toBe("pending"); // no worker in this app

  const locker = new pg.Client(app.databaseUrl);
  await locker.connect();
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE operations IN ACCESS EXCLUSIVE MODE");
    const page = client.get(`/interviews/${sessionId}`);
    await waitFor(
      async () => (await locker.query("SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'operations'::regclass")).rowCount! > 0,
      "the page's read to wait on the operations table",
    );
    await locker.query(
      `INSERT INTO session_messages (id, session_id, kind, content, question_number, question_type, operation_id)
       VALUES (gen_random_uuid(), $1, 'question', 'How would you shard the ledger?', 1, 'technical', $2)`,
      [sessionId, op.id],
    );
    await locker.query("UPDATE interview_sessions SET current_question_number = 1 WHERE id = $1", [sessionId]);
    await locker.query("UPDATE operations SET status = 'completed', finished_at = now() WHERE id = $1", [op.id]);
    await locker.query("COMMIT");
    const text = visibleText(await (await page).text());
    expect(text).not.toContain("Ready for the next question?");
    // Which of the two depends on when the read's snapshot was taken; either is the truth of one moment.
    expect(text.includes("How would you shard the ledger?") || text.includes("Generating your question…")).toBe(true);
  } finally {
    await locker.end();
  }
});
