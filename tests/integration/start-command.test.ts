/**
 * `npm start` as a person uses it: `node scripts/start.ts` in its own process
 * group (like a terminal), no DATABASE_URL, a data directory of its own, then
 * Ctrl-C (SIGINT to the whole group). Slow on purpose: it initialises a real
 * PostgreSQL cluster and boots web and worker, twice. In between, its web and
 * worker processes are killed as a crash would (SIGKILL) and must come back
 * with the database untouched; the second run is stopped by SIGTERM to the
 * supervisor alone, as a service manager does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/local-postgres.ts";
import { HttpClient } from "../support/http-client.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const COLD_START_MS = 180_000;

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

let dataDir: string;
let buildDir: string;
let port: number;
const running: Started[] = [];

/** A terminal's environment: none of the test run's settings, no database, no secrets. */
function terminalEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ["PATH", "HOME", "LANG", "TMPDIR"]) if (process.env[name]) env[name] = process.env[name];
  // Set but empty, so a developer's .env cannot point this run at another database.
  env.DATABASE_URL = "";
  return { ...env, AII_DATA_DIR: dataDir, AII_BUILD_DIR: path.basename(buildDir), PORT: String(port), LOG_LEVEL: "warn", ...extra };
}

function start(extra: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/start.ts")], {
    cwd: ROOT,
    env: terminalEnv(extra),
    detached: true, // its own process group, like a shell job: Ctrl-C reaches the whole group
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const started = { child, output: () => output, exited };
  running.push(started);
  return started;
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void started.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    const match = started.output().match(pattern);
    if (match) return match;
    if (exitCode !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Did not see ${pattern} (exit code ${exitCode}). Output:\n${started.output()}`);
}

/** The running child processes of `started` that execute `script` (read from /proc, not from its output). */
function childPids(started: Started, script: "worker/index.ts" | "app/server/main.ts"): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return parent === started.child.pid && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(script);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The one running `script` child; fails when there is none or more than one. */
function onlyChild(started: Started, script: "worker/index.ts" | "app/server/main.ts"): number {
  const pids = childPids(started, script);
  expect(pids, `children running ${script}`).toHaveLength(1);
  return pids[0]!;
}

/** Polls until `url` answers 200 (the web process is back), or fails after `timeoutMs`. */
async function waitUntilAnswering(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url).then(
      (res) => (void res.body?.cancel(), res.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Ctrl-C in the terminal: SIGINT to every process of the group. */
async function pressCtrlC(started: Started) {
  process.kill(-started.child.pid!, "SIGINT");
  return started.exited;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const pidFile = () => path.join(dataDir, "postgres", "postmaster.pid");
const postmasterPid = () => Number(fs.readFileSync(pidFile(), "utf8").split("\n")[0]);

/** Processes whose command line names our data directory (the postmaster has `-D <dir>`). */
function processesUsing(dir: string): number[] {
  if (!fs.existsSync("/proc")) return [];
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const EMAIL = "start-command@example.com";
const PASSWORD = "tangerine-lighthouse-42";

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-start-"));
  // A private copy of the production build: should `npm start` decide to rebuild (sources newer
  // than the build), it must not empty the build the other test files are serving meanwhile.
  // It stays inside the project, where the bundle finds prisma/migrations at ../../.
  const sharedBuild = path.join(ROOT, process.env.AII_BUILD_DIR ?? "build");
  if (!fs.existsSync(path.join(sharedBuild, "server/index.js")))
    throw new Error("No production build: run `npm run build` first (`npm test` does).");
  buildDir = fs.mkdtempSync(path.join(ROOT, "build-start-test-"));
  fs.cpSync(sharedBuild, buildDir, { recursive: true, preserveTimestamps: true });
  port = await freePort();
});

afterAll(async () => {
  for (const { child } of running) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  if (dataDir && fs.existsSync(pidFile()) && isAlive(postmasterPid())) process.kill(postmasterPid(), "SIGQUIT");
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
});

describe("npm start", () => {
  let first: Started;
  let again: Started;
  let url: string;

  it(
    "starts PostgreSQL, migrations, web and worker with one command and says where to open it",
    async () => {
      first = start();
      const ready = await waitFor(first, /ai-interviewer ready on (http:\/\/localhost:(\d+))/, COLD_START_MS);
      expect(Number(ready[2])).toBe(port);
      url = `http://127.0.0.1:${port}`;

      const output = first.output();
      expect(output).toContain("Starting the embedded PostgreSQL");
      expect(output).toMatch(/Generated SESSION_SECRET and ENCRYPTION_KEY for local use in .*secrets\.env/);
      const secrets = fs.readFileSync(path.join(dataDir, "secrets.env"), "utf8");
      expect(secrets).toMatch(/^SESSION_SECRET=\S{32,}$/m);
      expect(secrets).toMatch(/^ENCRYPTION_KEY=\S{44}$/m);
      expect(fs.statSync(path.join(dataDir, "secrets.env")).mode & 0o077).toBe(0);

      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("</html>");
      const readyz = await fetch(`${url}/readyz`);
      expect(readyz.status).toBe(200);
      expect(await readyz.json()).toEqual({ status: "ready" });
    },
    COLD_START_MS + 20_000,
  );

  it("refuses a second start on the same data, naming the process that holds it", async () => {
    const pid = postmasterPid();
    const second = start({ PORT: String(await freePort()) });
    const code = await Promise.race([second.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 60_000))]);
    expect(code).not.toBe("timeout");
    expect(code).not.toBe(0);
    expect(second.output()).toContain("already in use");
    expect(second.output()).toContain(`PID ${pid}`);
    // The running instance is untouched.
    expect(postmasterPid()).toBe(pid);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  }, 90_000);

  it("keeps serving requests that write to the database (registering an account)", async () => {
    const res = await new HttpClient(url).post("/register", { email: EMAIL, password: PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard");
  });

  it("restarts a worker process that crashes, with growing delays, while PostgreSQL stays up", async () => {
    const postgresPid = postmasterPid();
    const firstWorker = onlyChild(first, "worker/index.ts");

    process.kill(firstWorker, "SIGKILL");
    await waitFor(first, /The worker process exited unexpectedly \(SIGKILL\); restarting it in 1 s\./, 30_000);
    await waitFor(first, /The worker process is running again\./, 60_000);
    const secondWorker = onlyChild(first, "worker/index.ts");
    expect(secondWorker).not.toBe(firstWorker);
    expect(first.output()).toContain(`Started the worker process (pid ${secondWorker}).`);

    // Crashing again soon after: the next delay doubles.
    process.kill(secondWorker, "SIGKILL");
    await waitFor(first, /The worker process exited unexpectedly \(SIGKILL\); restarting it in 2 s\./, 30_000);
    await waitFor(first, /(The worker process is running again\.[\s\S]*){2}/, 60_000);
    expect([firstWorker, secondWorker]).not.toContain(onlyChild(first, "worker/index.ts"));

    expect(postmasterPid()).toBe(postgresPid);
    expect(isAlive(postgresPid)).toBe(true);
    expect(first.child.exitCode).toBeNull();
  }, 150_000);

  it("restarts a web process that crashes; the app answers again and the account is still there", async () => {
    const postgresPid = postmasterPid();
    const webPid = onlyChild(first, "app/server/main.ts");
    process.kill(webPid, "SIGKILL");
    await waitFor(first, /The web process exited unexpectedly \(SIGKILL\); restarting it in 1 s\./, 30_000);
    await waitFor(first, /The web process is running again\./, 60_000);
    expect(onlyChild(first, "app/server/main.ts")).not.toBe(webPid);

    await waitUntilAnswering(`${url}/readyz`, 60_000);
    const login = await new HttpClient(url).post("/login", { email: EMAIL, password: PASSWORD });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/dashboard");
    expect(postmasterPid()).toBe(postgresPid);
    expect(isAlive(postgresPid)).toBe(true);
  }, 150_000);

  it("stops everything on Ctrl-C, the embedded PostgreSQL included, and exits 0", async () => {
    const postgresPid = postmasterPid();
    expect(await pressCtrlC(first)).toBe(0);
    expect(first.output()).toContain("PostgreSQL stopped.");
    // Nothing of the process group (web, worker) is left, nor the postmaster (its own group).
    expect(() => process.kill(-first.child.pid!, 0)).toThrow();
    expect(isAlive(postgresPid)).toBe(false);
    expect(fs.existsSync(pidFile())).toBe(false);
    expect(processesUsing(path.join(dataDir, "postgres"))).toEqual([]);
  }, 60_000);

  it(
    "starts again on the same data: secrets and accounts survive the restart",
    async () => {
      const secretsBefore = fs.readFileSync(path.join(dataDir, "secrets.env"), "utf8");
      again = start();
      await waitFor(again, /ai-interviewer ready on http:\/\/localhost:\d+/, COLD_START_MS);
      expect(again.output()).not.toContain("Generated");
      expect(again.output()).toContain("Database schema is up to date.");
      expect(fs.readFileSync(path.join(dataDir, "secrets.env"), "utf8")).toBe(secretsBefore);

      const login = await new HttpClient(url).post("/login", { email: EMAIL, password: PASSWORD });
      expect(login.status).toBe(302);
      expect(login.headers.get("set-cookie")).toMatch(/aii_session=/);
    },
    COLD_START_MS + 40_000,
  );

  it("stops everything on SIGTERM to the supervisor alone, even with a restart pending, PostgreSQL included", async () => {
    const postgresPid = postmasterPid();
    const workerPid = onlyChild(again, "worker/index.ts");
    const webPid = onlyChild(again, "app/server/main.ts");
    process.kill(workerPid, "SIGKILL");
    await waitFor(again, /The worker process exited unexpectedly \(SIGKILL\); restarting it in 1 s\./, 30_000);

    // A service manager (systemd, a container runtime) signals the main process only, not its group.
    process.kill(again.child.pid!, "SIGTERM");
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain("PostgreSQL stopped.");
    expect(() => process.kill(-again.child.pid!, 0)).toThrow();
    const restartedWorkers = [...again.output().matchAll(/Started the worker process \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    for (const pid of [...restartedWorkers, webPid, postgresPid]) expect(isAlive(pid), `pid ${pid}`).toBe(false);
    expect(fs.existsSync(pidFile())).toBe(false);
    expect(processesUsing(path.join(dataDir, "postgres"))).toEqual([]);
  }, 60_000);
});
