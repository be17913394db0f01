/**
 * `npm start` — the whole app with one command:
 *   secrets (generated once for local use) → PostgreSQL (DATABASE_URL, or an
 *   embedded server with data in .data/) → migrations and job queues → the
 *   production build (built when missing or stale) → web + worker processes.
 * A web or worker process that crashes is started again, after 1 s, 2 s, 4 s…
 * (at most 30 s; back to 1 s once one has stayed up for a minute), and the
 * database stays up meanwhile. Only Ctrl-C or SIGTERM stops everything it
 * started, the embedded PostgreSQL included.
 * `npm run dev` does the same with Vite's dev server instead of the build.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { deployMigrations, ensureJobQueues } from "../prisma/migrate.ts";
import { DATA_DIR, ROOT, startLocalDatabase } from "./lib/local-database.ts";
import { PostgresAlreadyRunningError, type LocalPostgres } from "./lib/local-postgres.ts";
import { ensureLocalSecrets } from "./lib/local-secrets.ts";

const dev = process.argv.includes("--dev");
const say = (message: string) => console.log(`[start] ${message}`);
const die = (message: string): never => {
  console.error(`[start] ${message}`);
  process.exit(1);
};

if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
const env: NodeJS.ProcessEnv = { ...process.env };
env.NODE_ENV ??= dev ? "development" : "production";
env.PORT ??= "3000";
const dataDir = DATA_DIR;

// 1. Secrets
if (env.NODE_ENV === "production" && env.AII_GENERATE_SECRETS === "false") {
  for (const name of ["SESSION_SECRET", "ENCRYPTION_KEY"]) if (!env[name]) die(`${name} is not set.`);
}
const created = ensureLocalSecrets(dataDir, env);
if (created.length) {
  say(`Generated ${created.join(" and ")} for local use in ${path.relative(ROOT, path.join(dataDir, "secrets.env"))} (git-ignored).`);
  say("Keep that file: it decrypts the API keys users save. For a real deployment, set your own values (see .env.example).");
}

// 2. Database
let postgres: LocalPostgres | undefined;
if (env.DATABASE_URL) {
  say("Using the database from DATABASE_URL.");
} else {
  say(`Starting the embedded PostgreSQL (data in ${path.relative(ROOT, path.join(dataDir, "postgres")) || dataDir})…`);
  try {
    const local = await startLocalDatabase();
    postgres = local.server;
    env.DATABASE_URL = local.url;
  } catch (error) {
    if (error instanceof PostgresAlreadyRunningError) die(error.message);
    die(`Could not start the embedded PostgreSQL: ${(error as Error).message}`);
  }
}

type Supervised = { name: string; child: ChildProcess; restartTimer?: NodeJS.Timeout };
const supervised: Supervised[] = [];
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  say("Stopping…");
  for (const s of supervised) clearTimeout(s.restartTimer);
  await Promise.all(
    supervised.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill("SIGKILL"), 25_000);
          child.once("exit", () => (clearTimeout(force), resolve()));
          child.kill("SIGTERM");
        }),
    ),
  );
  if (postgres) {
    await postgres.stop();
    say("PostgreSQL stopped.");
  }
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

try {
  // 3. Migrations and job queues
  const applied = await deployMigrations(env.DATABASE_URL!);
  await ensureJobQueues(env.DATABASE_URL!);
  say(applied.length ? `Applied ${applied.length} migration(s).` : "Database schema is up to date.");

  // 4. Build (production only)
  if (!dev && buildIsStale()) {
    say("Building the app (first start, or sources changed)…");
    const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@react-router/dev/bin.js"), "build"], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    // Vite 8 warns about an option React Router's plugin still passes; nothing for us to act on.
    const problems = build.stderr.split("\n").filter((l) => l.trim() && !l.includes("`envFile` option is deprecated"));
    if (problems.length) console.error(problems.join("\n"));
    if (build.status !== 0) throw new Error("The build failed (see above).");
  }
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
  await stopAll(1);
}

// 5. Web and worker, supervised
const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A process that ran this long before it died gets the first delay again: it was a crash, not a crash loop. */
const STABLE_AFTER_MS = 60_000;

function supervise(name: "web" | "worker", script: string, args: string[] = []) {
  let delay = FIRST_RESTART_DELAY_MS;
  let everReady = false;
  const entry = { name } as Supervised;
  supervised.push(entry);

  const launch = () => {
    const startedAt = Date.now();
    let ready = false;
    const child = spawn(process.execPath, [path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    entry.child = child;
    say(`Started the ${name} process (pid ${child.pid}).`);
    child.stdout!.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (name === "web") {
        const readyLine = chunk.toString("utf8").match(/web ready on (http:\/\/[^\s"]+)/);
        if (readyLine) say(`ai-interviewer ready on ${readyLine[1]!.replace("127.0.0.1", "localhost")}  (Ctrl-C to stop)`);
      }
    });
    // Web and worker say "ready" over the IPC channel once they serve requests / take jobs.
    child.on("message", (message) => {
      if (message !== "ready" || ready) return;
      ready = true;
      if (everReady) say(`The ${name} process is running again.`);
      everReady = true;
    });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      const reason = signal ?? `code ${code}`;
      if (!everReady) {
        // It never got going: a setting, the build or the port is wrong, and every restart would fail alike.
        console.error(`[start] The ${name} process could not start (${reason}; its message is above). Stopping.`);
        void stopAll(1);
        return;
      }
      if (Date.now() - startedAt >= STABLE_AFTER_MS) delay = FIRST_RESTART_DELAY_MS;
      console.error(`[start] The ${name} process exited unexpectedly (${reason}); restarting it in ${delay / 1000} s.`);
      entry.restartTimer = setTimeout(launch, delay);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    });
  };
  launch();
}
supervise("worker", "worker/index.ts");
supervise("web", "app/server/main.ts", dev ? ["--dev"] : []);

function buildIsStale() {
  const entry = path.join(ROOT, env.AII_BUILD_DIR ?? "build", "server/index.js");
  if (!fs.existsSync(entry)) return true;
  const built = fs.statSync(entry).mtimeMs;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      if (e.name === "generated" || e.name.startsWith(".")) return max;
      const full = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  return Math.max(newest(path.join(ROOT, "app")), newest(path.join(ROOT, "public"))) > built;
}
