/**
 * NFR-R: PostgreSQL restarts while the real web and worker processes run.
 * During the outage requests fail quickly and cleanly (503 readiness, an error
 * page, an error in the API's shape — never a hang) and neither process dies;
 * afterwards both reconnect on their own, without a restart: pages load, the
 * worker picks up new jobs and finishes the ones the outage interrupted, and
 * push events flow again through a re-established LISTEN. Nothing is lost and
 * nothing stays pending.
 *
 * This file runs its own PostgreSQL (the shared one of the other files must
 * not go down), started, stopped and started again on the same port.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMigrations, ensureJobQueues } from "../../prisma/migrate.ts";
import { freePort, startLocalPostgres, type LocalPostgres } from "../../scripts/lib/local-postgres.ts";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { visibleText } from "../support/html.ts";
import { HttpClient } from "../support/http-client.ts";
import { documentValidators } from "../support/openapi.ts";
import { RESUME_TEXT, POSTING, waitFor } from "../support/interviews.ts";
import { spawnProcess, stopProcess, type Spawned } from "../support/processes.ts";
import { listenToEvents } from "../support/sse.ts";
import { baseTestEnv } from "../support/test-env.ts";
import { TEST_PASSWORD, uniqueEmail } from "../support/users.ts";

const PG_SETTINGS = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };

let tmp: string;
let dataDir: string;
let postgres: LocalPostgres;
let port: number;
let databaseUrl: string;
let pool: pg.Pool;
let fake: FakeOpenAI;
let web: Spawned;
let worker: Spawned;
let baseUrl: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "aii-pg-restart-"));
  dataDir = path.join(tmp, "data");
  postgres = await startLocalPostgres({ dataDir, settings: PG_SETTINGS });
  port = postgres.port;
  const admin = new pg.Client(postgres.url("postgres"));
  await admin.connect();
  await admin.query("CREATE DATABASE aii_restart");
  await admin.end();
  databaseUrl = postgres.url("aii_restart");
  await deployMigrations(databaseUrl);
  await ensureJobQueues(databaseUrl);
  // The test's own view of the data; the pool drops dead connections and makes new ones.
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", () => {});

  fake = new FakeOpenAI();
  const fakeUrl = await fake.start();
  const webPort = await freePort();
  baseUrl = `http://127.0.0.1:${webPort}`;
  const env = baseTestEnv({
    DATABASE_URL: databaseUrl,
    APP_URL: baseUrl,
    PORT: String(webPort),
    HOST: "127.0.0.1",
    OPENAI_BASE_URL: fakeUrl,
    AI_TIMEOUT_MS: "20000",
    LOG_LEVEL: "info",
  });
  web = spawnProcess("app/server/main.ts", env);
  worker = spawnProcess("worker/index.ts", env);
  await Promise.all([web.waitFor(/web ready/), worker.waitFor(/"msg":"worker ready"/)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([web && stopProcess(web, "SIGKILL"), worker && stopProcess(worker, "SIGKILL")]);
  await pool?.end().catch(() => {});
  await fake?.stop();
  await postgres?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
  return (await pool.query<T>(sql, values)).rows;
}

/**
 * A request made while the database is down. It must be answered while the database is still down:
 * a request that waited for it would never finish and the test would time out.
 */
async function whileDown(client: HttpClient, url: string) {
  const res = await client.request(url, { headers: { "x-test": "while-down" } }).catch((error: unknown) => error as Error);
  return { res };
}

async function operations(sessionId: string) {
  return query<{ id: string; kind: string; status: string; error_code: string | null; error_message: string | null }>(
    "SELECT id, kind, status, error_code, error_message FROM operations WHERE session_id = $1 ORDER BY created_at",
    [sessionId],
  );
}

let client: HttpClient;
let sessionId: string;
let apiDocument: {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

describe("PostgreSQL restarted under a running web and worker", () => {
  it("works normally before the outage", async () => {
    client = new HttpClient(baseUrl);
    const email = uniqueEmail("restart");
    expect((await client.post("/register", { email, password: TEST_PASSWORD })).status).toBe(302);
    expect((await client.json("POST", "/api/v1/users/me/api-key", { api_key: "sk-test-working-key-restart" })).status).toBe(200);
    expect((await client.json("POST", "/api/v1/resumes", { content: RESUME_TEXT })).status).toBe(201);
    const posting = await client.json("POST", "/api/v1/job-postings", { title: POSTING.title, description: POSTING.description });
    const postingId = ((await posting.json()) as { id: string }).id;
    const started = await client.json("POST", "/api/v1/sessions", { job_posting_id: postingId, target_questions: 5 });
    expect(started.status).toBe(201);
    sessionId = ((await started.json()) as { id: string }).id;
    await waitFor(async () => (await operations(sessionId))[0]?.status === "completed", "the first question");
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    apiDocument = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as typeof apiDocument;
  });

  it("fails fast and cleanly while the database is down, with the processes staying up", async () => {
    const stream = await listenToEvents(`${baseUrl}/interviews/${sessionId}/events`, { cookie: client.cookieHeader() });
    await waitFor(async () => stream.events.some((e) => e.event === "ready"), "the event stream");
    expect(stream.events[0]!.data).toEqual({ listening: true });

    // An answer whose AI work is in flight (the model's replies held back) when the database goes away.
    const release = fake.hold();
    const [question] = await query<{ id: string }>("SELECT id FROM session_messages WHERE session_id = $1 AND kind = 'question'", [
      sessionId,
    ]);
    const answered = await client.json("POST", `/api/v1/sessions/${sessionId}/answers`, {
      answer_text: "Idempotent writes keyed by a client-chosen id, and a ledger that is append-only.",
      question_id: question!.id,
    });
    expect(answered.status).toBe(201);
    await waitFor(async () => fake.chatRequests().length >= 3, "the model calls for the evaluation and the next question");

    await postgres.stop();

    const ready = await whileDown(client, "/readyz");
    expect(ready.res).toBeInstanceOf(Response);
    expect((ready.res as Response).status).toBe(503);

    const page = await whileDown(client, "/dashboard");
    const pageRes = page.res as Response;
    expect(pageRes.status).toBeGreaterThanOrEqual(500);
    const pageText = visibleText(await pageRes.text());
    expect(pageText).toMatch(/Something went wrong|temporarily unavailable/i);
    expect(pageText).not.toMatch(/ECONNREFUSED|at .*\.js:\d+|PrismaClient/);

    const apiCall = await whileDown(client, "/api/v1/users/me");
    const apiRes = apiCall.res as Response;
    expect(apiRes.status).toBeGreaterThanOrEqual(500);
    const apiText = await apiRes.text();
    expect(apiText).not.toMatch(/ECONNREFUSED|at .*\.js:\d+|PrismaClient/);
    // As the API description promises for any 5xx: the error shape, with a reference to quote.
    expect(apiDocument.paths["/api/v1/users/me"]!.get!.responses["5XX"]).toBeDefined();
    const apiBody = documentValidators(apiDocument)("#/components/schemas/Error").parse(JSON.parse(apiText)) as {
      error: { code: string; message: string };
    };
    expect(apiBody.error.message).toMatch(/reference/i);

    // The push channel is gone: the open stream is ended, so the browser reconnects (and polls meanwhile).
    await waitFor(async () => stream.ended(), "the event stream to end", 10_000);

    // The interrupted AI calls come back while the database is still down: the worker cannot store their
    // results, and says so for both jobs.
    release();
    await waitFor(
      async () => (worker.output().match(/"operationId":"[^"]+","durationMs":\d+,"outcome":"error"/g) ?? []).length >= 2,
      "both interrupted jobs to fail",
    );
    expect(web.child.exitCode, web.output().slice(-2000)).toBeNull();
    expect(worker.child.exitCode, worker.output().slice(-2000)).toBeNull();
  });

  it("reconnects on its own once the database is back: pages, jobs, push events", async () => {
    postgres = await startLocalPostgres({ dataDir, port, settings: PG_SETTINGS });
    const restarted = Date.now();

    await waitFor(async () => (await fetch(`${baseUrl}/readyz`)).status === 200, "readiness", 30_000);
    const page = await client.get("/dashboard");
    expect(page.status).toBe(200);

    // The jobs the outage interrupted are delivered again and finish; nothing is left pending.
    // Their jobs were left active by a worker that could not record the failure: the missed heartbeat (10 s)
    // puts them back in the queue, and the worker's 2 s safety poll (not the 30 s default) picks them up.
    await waitFor(
      async () => (await operations(sessionId)).every((o) => o.status === "completed" || o.status === "failed"),
      "the interrupted operations to finish",
      60_000,
    );
    expect(Date.now() - restarted, "the interrupted work resumes within seconds").toBeLessThan(25_000);
    const afterOutage = await operations(sessionId);
    expect(afterOutage.map((o) => [o.kind, o.status])).toEqual([
      ["question_generation", "completed"],
      ["answer_evaluation", "completed"],
      ["question_generation", "completed"],
    ]);

    // A new stream: the web process listens again (ready says so) and the worker's NOTIFY arrives through it.
    const stream = await listenToEvents(`${baseUrl}/interviews/${sessionId}/events`, { cookie: client.cookieHeader() });
    await waitFor(async () => stream.events.some((e) => e.event === "ready"), "the event stream");
    expect(stream.events[0]!.data).toEqual({ listening: true });
    const [open] = await query<{ id: string }>(
      `SELECT q.id FROM session_messages q WHERE q.session_id = $1 AND q.kind = 'question'
         AND NOT EXISTS (SELECT 1 FROM session_messages a WHERE a.question_id = q.id) ORDER BY q.question_number DESC`,
      [sessionId],
    );
    const answered = await client.json("POST", `/api/v1/sessions/${sessionId}/answers`, {
      answer_text: "After the restart: a second answer.",
      question_id: open!.id,
    });
    expect(answered.status).toBe(201);
    await waitFor(
      async () => stream.events.filter((e) => e.event === "operation" && e.data.status === "completed").length >= 2,
      "push events for the new answer's evaluation and question",
      20_000,
    );
    await stream.stop();

    // Zero lost answers, zero operations outside a terminal state.
    const answers = await query<{ n: string }>("SELECT count(*) AS n FROM session_messages WHERE session_id = $1 AND kind = 'answer'", [
      sessionId,
    ]);
    expect(Number(answers[0]!.n)).toBe(2);
    await waitFor(async () => (await operations(sessionId)).every((o) => o.status === "completed"), "every operation to complete", 20_000);
    expect(web.child.exitCode).toBeNull();
    expect(worker.child.exitCode).toBeNull();
  });
});
