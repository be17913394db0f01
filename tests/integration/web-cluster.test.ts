/**
 * WEB_CONCURRENCY=2: one supervisor and two web processes sharing the port.
 * Both serve (new connections are spread over them), a session made through
 * one is good on the other (all state is in Postgres), a web process that dies
 * is replaced while the other keeps serving, SIGTERM stops everything cleanly,
 * and a bad value is refused with a clear message.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/local-postgres.ts";
import { HttpClient } from "../support/http-client.ts";
import { spawnProcess, stopProcess, type Spawned } from "../support/processes.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { baseTestEnv } from "../support/test-env.ts";
import { TEST_PASSWORD, uniqueEmail } from "../support/users.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Spawned;
let baseUrl: string;
let env: Record<string, string>;

function childrenOf(pid: number): number[] {
  const list = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return list ? list.split(/\s+/).map(Number) : [];
}

async function until<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = baseTestEnv({
    DATABASE_URL: database.url,
    PORT: String(port),
    APP_URL: baseUrl,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    WEB_CONCURRENCY: "2",
  });
  web = spawnProcess("app/server/main.ts", env);
  await web.waitFor(/web ready on \S+ \(2 processes\)/, 60_000);
}, 90_000);

afterAll(async () => {
  if (web) await stopProcess(web, "SIGKILL");
  await database?.drop();
});

describe("WEB_CONCURRENCY", () => {
  it("runs two web processes that share the port and the work", async () => {
    const children = childrenOf(web.child.pid!);
    expect(children).toHaveLength(2);
    // New connections each time, as many browsers would open; the request log names the process that answered.
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${baseUrl}/login`, { headers: { connection: "close" } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    const answeredBy = await until(() => {
      const pids = new Set([...web.output().matchAll(/"pid":(\d+),"kind":"request"[^\n]*"path":"\/login"/g)].map((m) => Number(m[1])));
      return pids.size === 2 && pids;
    }, "requests logged by both web processes");
    expect([...answeredBy].sort()).toEqual([...children].sort());
    expect(web.output().match(/web ready on/g)).toHaveLength(1);
  });

  it("keeps a session valid whichever process answers", async () => {
    const client = new HttpClient(baseUrl);
    expect((await client.post("/register", { email: uniqueEmail("cluster"), password: TEST_PASSWORD })).status).toBe(302);
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${baseUrl}/settings`, { headers: { cookie: client.cookieHeader(), connection: "close" } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
  });

  it("replaces a web process that dies while the other keeps serving", async () => {
    const [victim, survivor] = childrenOf(web.child.pid!);
    process.kill(victim!, "SIGKILL");
    await web.waitFor(/a web process exited unexpectedly; starting another/);
    // The survivor answers while the replacement is still starting.
    const res = await fetch(`${baseUrl}/healthz`, { headers: { connection: "close" }, signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    const now = await until(() => {
      const list = childrenOf(web.child.pid!);
      return list.length === 2 && !list.includes(victim!) && list;
    }, "a replacement web process");
    expect(now).toContain(survivor);
    await web.waitFor(/the replacement web process is ready/);
  });

  it("stops every web process on SIGTERM and exits 0", async () => {
    const children = childrenOf(web.child.pid!);
    const { code } = await stopProcess(web, "SIGTERM");
    expect(code).toBe(0);
    for (const pid of children) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    // Both said so (their output can arrive just after the supervisor's exit).
    await until(() => web.output().match(/web stopping \(SIGTERM\)/g)?.length === 2, "both web processes to report stopping", 5000);
  });

  it("refuses a value that is not a small whole number, saying why", async () => {
    const bad = spawnProcess("app/server/main.ts", { ...env, WEB_CONCURRENCY: "lots", PORT: String(await freePort()) });
    const { code } = await bad.exited;
    expect(code).toBe(1);
    expect(bad.output()).toContain('WEB_CONCURRENCY must be a whole number from 1 to 64 (got \\"lots\\")');
  });
});
