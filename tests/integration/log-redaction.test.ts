import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { freePort } from "../../scripts/lib/local-postgres.ts";
import { HttpClient } from "../support/http-client.ts";
import { POSTING, RESUME_TEXT, waitFor } from "../support/interviews.ts";
import { spawnProcess, stopProcess, type Spawned } from "../support/processes.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { baseTestEnv } from "../support/test-env.ts";

// Real web and worker processes with their logs captured: a password, an API key, a session
// cookie and a bearer token pass through requests and a job; none may appear in the output.
let web: Spawned;
let worker: Spawned;
let fake: FakeOpenAI;
let drop: () => Promise<void>;
let baseUrl: string;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  fake = new FakeOpenAI();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const env = baseTestEnv({
    DATABASE_URL: database.url,
    PORT: String(port),
    APP_URL: baseUrl,
    OPENAI_BASE_URL: await fake.start(),
    LOG_LEVEL: "debug",
    NODE_ENV: "production",
  });
  worker = spawnProcess("worker/index.ts", env);
  web = spawnProcess("app/server/main.ts", env);
  await Promise.all([worker.waitFor(/worker ready/), web.waitFor(/web ready on/)]);
});

afterAll(async () => {
  await Promise.all([stopProcess(web), stopProcess(worker)]);
  await fake.stop();
  await drop();
});

describe("secret redaction in logs", () => {
  it("never writes passwords, API keys, session ids or bearer tokens to the web or worker log", async () => {
    const password = "a very secret passphrase 7731";
    const apiKey = "sk-test-bad-secretkey-ZXQW98765";
    const email = `redaction-${Date.now()}@example.com`;
    const browser = new HttpClient(baseUrl);

    expect((await browser.post("/register", { email, password })).status).toBe(302);
    const sessionCookie = decodeURIComponent([...browser.cookies.values()][0]!);
    await browser.post("/login", { email, password: `${password}-wrong` });
    await browser.post("/settings", { intent: "save-api-key", apiKey });
    await browser.post("/settings", { intent: "test-api-key" }); // provider answers 401, quoting part of the key

    const login = await new HttpClient(baseUrl).json("POST", "/api/v1/auth/login", { email, password });
    const { access_token: bearer } = (await login.json()) as { access_token: string };
    const api = new HttpClient(baseUrl).withBearer(bearer);
    expect((await api.get("/api/v1/users/me")).status).toBe(200);

    // A job that carries the key to the provider: create the prerequisites and start an interview.
    const postingRes = await api.json("POST", "/api/v1/job-postings", {
      title: POSTING.title,
      company: POSTING.company,
      description: POSTING.description,
      tech_stack: POSTING.techStack,
    });
    const resumeRes = await api.json("POST", "/api/v1/resumes", { content: RESUME_TEXT });
    expect([postingRes.status, resumeRes.status]).toEqual([201, 201]);
    const posting = (await postingRes.json()) as { id: string };
    const start = await api.json("POST", "/api/v1/sessions", { job_posting_id: posting.id });
    expect(start.status).toBe(201);
    const { operation_id } = (await start.json()) as { operation_id: string };
    await waitFor(async () => {
      const op = (await (await api.get(`/api/v1/operations/${operation_id}`)).json()) as { status: string };
      return op.status === "failed";
    }, "the job to fail on the rejected key");
    await worker.waitFor(/"operationId":"[^"]+","code":"api_key_rejected"/);
    await browser.post("/logout", {});

    const logs = web.output() + worker.output();
    expect(logs).toContain('"kind":"request"');
    expect(logs).toContain('"kind":"job"');
    for (const [what, secret] of Object.entries({ password, apiKey, sessionCookie, bearer, keyTail: apiKey.slice(-12) })) {
      expect(logs.includes(secret), `${what} appears in the logs`).toBe(false);
    }
    expect(fake.requests.some((r) => r.apiKey === apiKey)).toBe(true); // it really travelled
  });
});
