/**
 * A complete, isolated deployment for benchmarks and load tests: a throw-away
 * PostgreSQL, the production build in N web processes and M worker processes,
 * and the fake OpenAI (fixed latency, optional random transient faults).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { deployMigrations, ensureJobQueues } from "../../prisma/migrate.ts";
import { FakeOpenAI } from "../../tests/fakes/openai-server.ts";
import { ROOT } from "../lib/local-database.ts";
import { freePort, startLocalPostgres } from "../lib/local-postgres.ts";

export type Environment = Awaited<ReturnType<typeof startEnvironment>>;

export const BENCH_SECRETS = {
  SESSION_SECRET: "bench-only-session-secret-0123456789abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
};

function waitForLine(child: ChildProcess, pattern: RegExp, name: string, timeoutMs = 60_000) {
  return new Promise<void>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${seen.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}):\n${seen.slice(-2000)}`)));
  });
}

export async function startEnvironment(options: {
  webs?: number;
  workers?: number;
  fakeLatencyMs?: number;
  faultRate?: number;
  workerConcurrency?: number;
  poolSize?: number;
  env?: Record<string, string>;
}) {
  const buildEntry = path.join(ROOT, process.env.AII_BUILD_DIR ?? "build", "server/index.js");
  if (!fs.existsSync(buildEntry)) throw new Error("Build the app first: npm run build");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aii-bench-"));
  const postgres = await startLocalPostgres({
    dataDir: path.join(dataDir, "pg"),
    settings: { max_connections: 400, shared_buffers: "256MB", synchronous_commit: "off" },
  });
  const admin = new pg.Client(postgres.url());
  await admin.connect();
  await admin.query("CREATE DATABASE bench");
  await admin.end();
  const databaseUrl = postgres.url("bench");
  await deployMigrations(databaseUrl);
  await ensureJobQueues(databaseUrl);

  const fake = new FakeOpenAI();
  fake.latencyMs = options.fakeLatencyMs ?? 1000;
  fake.chunkDelayMs = 0;
  fake.randomFaults.rate = options.faultRate ?? 0;
  const fakeUrl = await fake.start();

  const ports = await Promise.all(Array.from({ length: options.webs ?? 1 }, () => freePort()));
  const baseEnv = {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DATABASE_URL: databaseUrl,
    ...BENCH_SECRETS,
    OPENAI_BASE_URL: fakeUrl,
    AI_ALLOW_PRIVATE_BASE_URLS: "true",
    RATE_LIMIT_LOGIN_PER_IP: "1000000",
    RATE_LIMIT_REGISTER_PER_IP: "1000000",
    RATE_LIMIT_LOGIN_PER_EMAIL: "1000000",
    RATE_LIMIT_INTERVIEWS_PER_HOUR: "1000000",
    RATE_LIMIT_RESUME_UPLOADS_PER_HOUR: "1000000",
    MAX_JOB_POSTINGS_PER_USER: "1000000",
    ...(options.workerConcurrency ? { WORKER_CONCURRENCY: String(options.workerConcurrency) } : {}),
    ...(options.poolSize ? { DATABASE_POOL_SIZE: String(options.poolSize) } : {}),
    ...options.env,
  };
  const processes: Array<{ name: string; child: ChildProcess }> = [];
  const starting: Promise<void>[] = [];
  const spawnWeb = (name: string, port: number, extraEnv: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [path.join(ROOT, "app/server/main.ts")], {
      cwd: ROOT,
      env: { ...baseEnv, PORT: String(port), APP_URL: `http://127.0.0.1:${port}`, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    processes.push({ name, child });
    return { child, ready: waitForLine(child, /web ready on/, name) };
  };
  for (const [i, port] of ports.entries()) starting.push(spawnWeb(`web${i + 1}`, port).ready);
  for (let i = 0; i < (options.workers ?? 1); i++) {
    const child = spawn(process.execPath, [path.join(ROOT, "worker/index.ts")], {
      cwd: ROOT,
      env: { ...baseEnv, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    processes.push({ name: `worker${i + 1}`, child });
    starting.push(waitForLine(child, /worker ready/, `worker${i + 1}`));
  }
  await Promise.all(starting);

  return {
    urls: ports.map((p) => `http://127.0.0.1:${p}`),
    databaseUrl,
    fake,
    processes,
    postgresPid: postgres.process.pid!,
    /** One more web entry point on the same database, with settings of its own (e.g. WEB_CONCURRENCY). */
    async startWeb(extraEnv: Record<string, string>) {
      const port = await freePort();
      const { child, ready } = spawnWeb(`web-extra-${port}`, port, extraEnv);
      await ready;
      return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
    },
    async stop() {
      await Promise.all(processes.map(({ child }) => stopChild(child)));
      await fake.stop();
      await postgres.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM (a graceful stop), SIGKILL if it takes longer than 15 s. */
function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

/** CPU seconds (user+system) and resident memory of a process and its children (Postgres backends), from /proc. */
export function processUsage(pid: number): { cpuSeconds: number; rssMb: number } {
  const ticks = 100; // USER_HZ on Linux
  const pids = [pid, ...childrenOf(pid)];
  let cpu = 0;
  let rss = 0;
  for (const p of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpu += (Number(fields[11]) + Number(fields[12])) / ticks;
      // The root also carries the CPU of its children that have exited (PostgreSQL backends whose pooled
      // connection was closed while idle), or the sum would drop when one goes.
      if (p === pid) cpu += (Number(fields[13]) + Number(fields[14])) / ticks;
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      rss += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return { cpuSeconds: cpu, rssMb: rss };
}

function childrenOf(pid: number): number[] {
  try {
    const list = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return list
      ? list
          .split(/\s+/)
          .map(Number)
          .flatMap((c) => [c, ...childrenOf(c)])
      : [];
  } catch {
    return [];
  }
}
