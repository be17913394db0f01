/**
 * Playwright global setup: starts, for real, everything the app needs and
 * the app itself, from the production build (AII_BUILD_DIR, default build/):
 *
 *   PostgreSQL   a throw-away embedded server (temp data dir, free port), or
 *                a fresh database on the server in DATABASE_URL
 *   schema       every migration and the pg-boss job queues
 *   fake OpenAI  tests/fakes/openai-server.ts on 127.0.0.1 (control API for specs)
 *   SMTP sink    captures the app's emails as JSON files (support/smtp-sink.ts)
 *   web          `node app/server/main.ts`, NODE_ENV=production
 *   worker       `node worker/index.ts`
 *
 * All output of web, worker and postgres goes to log files in the run
 * directory for the whole run. The connection info goes to run.json
 * (support/run-info.ts). The function returned stops everything; the secrets
 * scan runs after it, in global-teardown.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { deployMigrations, ensureJobQueues } from "../../prisma/migrate.ts";
import { freePort, startLocalPostgres, type LocalPostgres } from "../../scripts/lib/local-postgres.ts";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { baseTestEnv } from "../support/test-env.ts";
import { ROOT, RUN_DIR, RUN_PATHS, writeRunInfo, type RunInfo } from "./support/run-info.ts";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink.ts";

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(adminUrl: string, sql: string) {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function tail(file: string, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

/** Spawn `node <script>` with stdout+stderr appended to `logFile` (by the child itself, so nothing is lost at exit). */
function spawnNode(script: string, env: Record<string, string>, logFile: string): ChildProcess {
  const fd = fs.openSync(logFile, "a");
  try {
    return spawn(process.execPath, [path.join(ROOT, script)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? os.tmpdir(), ...env },
      stdio: ["ignore", fd, fd],
    });
  } finally {
    fs.closeSync(fd);
  }
}

function exited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess | undefined, name: string) {
  if (!child || exited(child)) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => {
      console.warn(`[e2e] ${name} did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; sending SIGKILL`);
      child.kill("SIGKILL");
    }, STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function waitUntilReady(baseURL: string, web: ChildProcess, logFile: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (exited(web))
      throw new Error(`The web process exited during start-up (code ${web.exitCode}). Its log (${logFile}):\n${tail(logFile)}`);
    try {
      const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The web process was not ready within ${READY_TIMEOUT_MS / 1000} s (last /readyz: ${last}). Its log:\n${tail(logFile)}`);
}

async function waitForLine(file: string, pattern: RegExp, child: ChildProcess, name: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child))
      throw new Error(`The ${name} process exited during start-up (code ${child.exitCode}). Its log (${file}):\n${tail(file)}`);
    if (pattern.test(fs.readFileSync(file, "utf8"))) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The ${name} process did not log ${pattern} within ${READY_TIMEOUT_MS / 1000} s. Its log:\n${tail(file)}`);
}

export default async function globalSetup() {
  const started = Date.now();
  const buildDir = process.env.AII_BUILD_DIR ?? "build";
  if (!fs.existsSync(path.join(ROOT, buildDir, "server/index.js"))) {
    throw new Error(
      `No production build in ${buildDir}/: run \`npm run build\` first (\`npm test\` does), or \`AII_BUILD_DIR=${buildDir} npx react-router build\`.`,
    );
  }

  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  for (const dir of [RUN_PATHS.logs, RUN_PATHS.mail, RUN_PATHS.secrets, RUN_PATHS.responses]) fs.mkdirSync(dir, { recursive: true });
  const logs = {
    web: path.join(RUN_PATHS.logs, "web.log"),
    worker: path.join(RUN_PATHS.logs, "worker.log"),
    postgres: process.env.DATABASE_URL ? null : path.join(RUN_PATHS.logs, "postgres.log"),
  };

  // Everything started so far, stopped in reverse order (also when start-up fails half-way).
  const stops: Array<[string, () => Promise<unknown>]> = [];
  const stopAll = async () => {
    const errors: string[] = [];
    for (const [name, stop] of stops.reverse()) {
      await stop().catch((error: Error) => errors.push(`${name}: ${error.message}`));
    }
    stops.length = 0;
    if (errors.length) console.warn(`[e2e] problems while stopping:\n${errors.join("\n")}`);
  };

  try {
    // 1. PostgreSQL: our own throw-away server, or a fresh database on the one given.
    const databaseName = `aii_e2e_${randomBytes(5).toString("hex")}`;
    let adminUrl: string;
    if (process.env.DATABASE_URL) {
      adminUrl = withDatabase(process.env.DATABASE_URL, "postgres");
    } else {
      const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-e2e-pg-"));
      stops.push(["temp data dir", async () => fs.rmSync(tempDir, { recursive: true, force: true })]);
      const pgLog = fs.createWriteStream(logs.postgres!, { flags: "a" });
      stops.push(["postgres log", () => new Promise((r) => pgLog.end(r))]);
      const server: LocalPostgres = await startLocalPostgres({
        dataDir: path.join(tempDir, "data"),
        settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
        onLog: (line) => pgLog.write(`${line}\n`),
      });
      stops.push(["postgres", () => server.stop()]);
      adminUrl = server.url("postgres");
    }
    await admin(adminUrl, `CREATE DATABASE ${databaseName}`);
    if (process.env.DATABASE_URL) stops.push(["database", () => admin(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)]);
    const databaseUrl = withDatabase(adminUrl, databaseName);

    // 2. Schema and job queues.
    await deployMigrations(databaseUrl);
    await ensureJobQueues(databaseUrl);

    // 3. The outside services, faked: the AI provider and an SMTP server.
    const fake = new FakeOpenAI();
    const fakeOpenAIUrl = await fake.start(0, "127.0.0.1");
    stops.push(["fake OpenAI", () => fake.stop()]);
    const smtp: SmtpSink = await startSmtpSink(RUN_PATHS.mail);
    stops.push(["SMTP sink", () => smtp.stop()]);

    // 4. The app: the web and worker processes, configured like production.
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const appEnv = baseTestEnv({
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: baseURL,
      OPENAI_BASE_URL: fakeOpenAIUrl,
      SMTP_URL: `${smtp.url}?ignoreTLS=true`,
      MAIL_FROM: "ai-interviewer <no-reply@e2e.test>",
      // Every spec signs up and logs in from 127.0.0.1.
      RATE_LIMIT_LOGIN_PER_IP: "100000",
      RATE_LIMIT_REGISTER_PER_IP: "100000",
      DATABASE_POOL_SIZE: "10",
      AII_BUILD_DIR: buildDir,
    });
    const web = spawnNode("app/server/main.ts", appEnv, logs.web);
    stops.push(["web", () => stopChild(web, "web")]);
    const worker = spawnNode("worker/index.ts", appEnv, logs.worker);
    stops.push(["worker", () => stopChild(worker, "worker")]);

    await waitForLine(logs.web, /web ready on/, web, "web");
    await waitUntilReady(baseURL, web, logs.web);
    await waitForLine(logs.worker, /worker ready/, worker, "worker");

    const info: RunInfo = {
      baseURL,
      fakeOpenAIUrl,
      fakeControlUrl: new URL("/__control", fakeOpenAIUrl).toString(),
      smtpUrl: smtp.url,
      mailDir: RUN_PATHS.mail,
      secretsDir: RUN_PATHS.secrets,
      responsesDir: RUN_PATHS.responses,
      logs,
      databaseName,
      databaseUrl,
      pids: { web: web.pid!, worker: worker.pid! },
      startedAt: new Date().toISOString(),
    };
    writeRunInfo(info);
    // Workers are started after global setup and inherit this environment; playwright.config.ts reads it.
    process.env.AII_E2E_BASE_URL = baseURL;
    console.log(
      `[e2e] app ready on ${baseURL} in ${((Date.now() - started) / 1000).toFixed(1)} s (build: ${buildDir}/, logs: ${path.relative(ROOT, RUN_PATHS.logs)}/)`,
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  return stopAll;
}
