/**
 * NFR-R: the web process SIGKILLed in the middle of an answer submit. The
 * answer, its evaluation operation and the next question's operation (with
 * their jobs) are written in one transaction, so the kill leaves either all of
 * it or none of it — never an answer without its AI work — and the client gets
 * an error, not a success. After the web process is started again a resubmit
 * stores exactly one answer, and the worker finishes everything.
 *
 * The kill is placed precisely with the database's help:
 *  - mid-transaction: a test connection holds a lock that the transaction's
 *    operations INSERT waits on (the answer row is already written), and the
 *    process is killed while it waits → Postgres rolls the transaction back;
 *  - during COMMIT: a deferred constraint trigger (test-only) makes the commit
 *    of a marked answer take 3 s, and the process is killed meanwhile → the
 *    commit completes, everything is there, the client never heard.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/local-postgres.ts";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { visibleText } from "../support/html.ts";
import { HttpClient } from "../support/http-client.ts";
import { POSTING, RESUME_TEXT, waitFor } from "../support/interviews.ts";
import { spawnProcess, stopProcess, type Spawned } from "../support/processes.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { baseTestEnv } from "../support/test-env.ts";
import { TEST_PASSWORD, uniqueEmail } from "../support/users.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
let fake: FakeOpenAI;
let env: Record<string, string>;
let baseUrl: string;
let web: Spawned;
let worker: Spawned;

async function startWeb() {
  web = spawnProcess("app/server/main.ts", env);
  await web.waitFor(/web ready/);
}

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on("error", () => {});
  // Test-only: a commit of an answer marked [slow-commit] takes 3 s, so the kill can land inside it.
  await pool.query(`
    CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.content LIKE '%[slow-commit]%' THEN PERFORM pg_sleep(3); END IF;
      RETURN NULL;
    END $$`);
  await pool.query(`
    CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON session_messages
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit()`);

  fake = new FakeOpenAI();
  const fakeUrl = await fake.start();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = baseTestEnv({
    DATABASE_URL: database.url,
    APP_URL: baseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    OPENAI_BASE_URL: fakeUrl,
    LOG_LEVEL: "info",
  });
  worker = spawnProcess("worker/index.ts", env);
  await Promise.all([startWeb(), worker.waitFor(/"msg":"worker ready"/)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([web && stopProcess(web, "SIGKILL"), worker && stopProcess(worker, "SIGKILL")]);
  await pool?.end().catch(() => {});
  await fake?.stop();
  await database?.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
  return (await pool.query<T>(sql, values)).rows;
}

async function count(sql: string, values: unknown[] = []) {
  const [row] = await query<{ n: string }>(sql, values);
  return Number(row!.n);
}

/** A signed-in browser (cookie) with key, résumé and posting, in an interview whose first question is open. */
async function interviewWithOpenQuestion() {
  const client = new HttpClient(baseUrl);
  expect((await client.post("/register", { email: uniqueEmail("crash"), password: TEST_PASSWORD })).status).toBe(302);
  expect((await client.json("POST", "/api/v1/users/me/api-key", { api_key: "sk-test-working-key-crash" })).status).toBe(200);
  expect((await client.json("POST", "/api/v1/resumes", { content: RESUME_TEXT })).status).toBe(201);
  const posting = await client.json("POST", "/api/v1/job-postings", { title: POSTING.title, description: POSTING.description });
  const started = await client.json("POST", "/api/v1/sessions", {
    job_posting_id: ((await posting.json()) as { id: string }).id,
    target_questions: 4,
  });
  const sessionId = ((await started.json()) as { id: string }).id;
  const question = await waitFor(
    async () =>
      (await query<{ id: string }>("SELECT id FROM session_messages WHERE session_id = $1 AND kind = 'question'", [sessionId]))[0],
    "the first question",
  );
  return { client, sessionId, questionId: question.id };
}

/** Everything the answer submit writes, counted. */
async function footprint(sessionId: string) {
  return {
    answers: await count("SELECT count(*) AS n FROM session_messages WHERE session_id = $1 AND kind = 'answer'", [sessionId]),
    answeredCount: (await query<{ answered_count: number }>("SELECT answered_count FROM interview_sessions WHERE id = $1", [sessionId]))[0]!
      .answered_count,
    operations: await count("SELECT count(*) AS n FROM operations WHERE session_id = $1", [sessionId]),
    jobs: await count(
      "SELECT count(*) AS n FROM pgboss.job WHERE data->>'operationId' IN (SELECT id::text FROM operations WHERE session_id = $1)",
      [sessionId],
    ),
  };
}

/** The Postgres backend of the web process that is inside the answer's transaction, once it reaches `waiting`. */
function backendOfWeb(waiting: "Lock" | "PgSleep") {
  return waitFor(
    async () =>
      (
        await query<{ pid: number; query: string }>(
          `SELECT pid, query FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND ${
            waiting === "Lock" ? "wait_event_type = 'Lock'" : "wait_event = 'PgSleep'"
          }`,
          [database.name],
        )
      )[0],
    `the web's transaction to wait on ${waiting}`,
  );
}

async function backendGone(pid: number) {
  await waitFor(
    async () => (await count("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1", [pid])) === 0,
    `backend ${pid} to end`,
  );
}

async function killWeb() {
  web.child.kill("SIGKILL");
  expect((await web.exited).signal).toBe("SIGKILL");
}

async function allOperationsFinished(sessionId: string) {
  await waitFor(
    async () =>
      (await count("SELECT count(*) AS n FROM operations WHERE session_id = $1 AND status IN ('pending', 'processing')", [sessionId])) ===
      0,
    "every operation to finish",
    30_000,
  );
  return query<{ kind: string; status: string; subject_id: string | null }>(
    "SELECT kind, status, subject_id FROM operations WHERE session_id = $1 ORDER BY created_at",
    [sessionId],
  );
}

describe("the web process killed during an answer submit", () => {
  it("mid-transaction: nothing of the answer is stored, the browser gets an error, and a resubmit stores it once", async () => {
    const { client, sessionId, questionId } = await interviewWithOpenQuestion();
    const before = await footprint(sessionId);
    expect(before).toEqual({ answers: 0, answeredCount: 0, operations: 1, jobs: 1 });

    // The transaction will wait on this lock at its first operations INSERT, with the answer row already written.
    const blocker = await pool.connect();
    await blocker.query("BEGIN");
    await blocker.query("LOCK TABLE operations IN SHARE MODE");
    const form = { intent: "answer", questionId, answer: "An answer the crash must not half-store." };
    const submit = client.post(`/interviews/${sessionId}`, form).then(
      (res) => res,
      (error: unknown) => error as Error,
    );
    const backend = await backendOfWeb("Lock");
    expect(backend.query, "blocked after the answer row, at its operations").toMatch(/INSERT INTO "public"\."operations"/);
    await killWeb();
    const outcome = await submit;
    expect(outcome, "the browser's request fails: it is never told the answer was saved").toBeInstanceOf(Error);

    await blocker.query("ROLLBACK");
    blocker.release();
    await backendGone(backend.pid); // the orphaned transaction ends: rolled back
    expect(await footprint(sessionId)).toEqual(before);

    await startWeb();
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Question 1 of 4");
    expect(page).toMatch(/Submit answer/i);

    const resubmit = await client.post(`/interviews/${sessionId}`, form);
    expect(resubmit.status).toBe(302);
    await client.post(`/interviews/${sessionId}`, form); // and once more (a double click): still one answer
    const operations = await allOperationsFinished(sessionId);
    expect(await footprint(sessionId)).toMatchObject({ answers: 1, answeredCount: 1, operations: 3, jobs: 3 });
    expect(operations.map((o) => [o.kind, o.status])).toEqual([
      ["question_generation", "completed"],
      ["answer_evaluation", "completed"],
      ["question_generation", "completed"],
    ]);
    expect(await count("SELECT count(*) AS n FROM answer_evaluations WHERE session_id = $1", [sessionId])).toBe(1);
  });

  it("during COMMIT: the answer is stored whole with its AI work; the client gets an error and a retried request stores nothing twice", async () => {
    const { client, sessionId, questionId } = await interviewWithOpenQuestion();
    const body = { answer_text: "A marked answer [slow-commit] whose commit outlives the web process.", question_id: questionId };
    const submit = client.json("POST", `/api/v1/sessions/${sessionId}/answers`, body).then(
      (res) => res,
      (error: unknown) => error as Error,
    );
    const backend = await backendOfWeb("PgSleep");
    expect(backend.query).toMatch(/^COMMIT/);
    await killWeb();
    expect(await submit, "the API client's request fails").toBeInstanceOf(Error);
    await backendGone(backend.pid);

    // All of it, or none of it: here, all of it — the answer, the session counter, both operations and their jobs.
    expect(await footprint(sessionId)).toEqual({ answers: 1, answeredCount: 1, operations: 3, jobs: 3 });
    const [answer] = await query<{ id: string }>("SELECT id FROM session_messages WHERE session_id = $1 AND kind = 'answer'", [sessionId]);
    const operations = await allOperationsFinished(sessionId); // the worker did not need the web process
    expect(operations.map((o) => [o.kind, o.status])).toEqual([
      ["question_generation", "completed"],
      ["answer_evaluation", "completed"],
      ["question_generation", "completed"],
    ]);
    expect(operations[1]!.subject_id).toBe(answer!.id);

    await startWeb();
    const retried = await client.json("POST", `/api/v1/sessions/${sessionId}/answers`, body);
    expect(retried.status, "the retry finds the stored answer").toBe(200);
    expect(((await retried.json()) as { message: { id: string } }).message.id).toBe(answer!.id);
    expect(await footprint(sessionId)).toEqual({ answers: 1, answeredCount: 1, operations: 3, jobs: 3 });
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Question 2 of 4");
    expect(page).toContain("whose commit outlives the web process");
  });
});
