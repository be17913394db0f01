/**
 * The interview page reads the session, its questions and its AI operations
 * as one snapshot. Prisma loads the relations with separate queries; here a
 * test connection holds the operations table locked so the page's read stops
 * between them, and meanwhile "the worker" finishes the question operation.
 * Read without a snapshot, the page would see the operation finished but not
 * what it produced, and offer "Ready for the next question?" instead of
 * saying the question is being generated (and, without JavaScript, stop
 * refreshing).
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

it("shows the question as being generated when the operation finishes in the middle of the page's read", async () => {
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
    await locker.query("UPDATE operations SET status = 'completed' WHERE id = $1", [op.id]);
    await locker.query("COMMIT");
    const text = visibleText(await (await page).text());
    expect(text).not.toContain("Ready for the next question?");
    expect(text).toContain("Generating your question…");
  } finally {
    await locker.end();
  }
});
