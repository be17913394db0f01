/**
 * `WEB_CONCURRENCY=N`: N web processes sharing one port (node:cluster), for
 * machines with cores to spare. A page costs a few milliseconds of CPU in one
 * JavaScript thread, so one process tops out at one core; more processes use
 * more. They share nothing but Postgres, exactly like replicas behind a load
 * balancer, so sessions, rate limits, jobs and push all keep working.
 *
 * This primary process loads none of the app: it starts the web processes,
 * says "web ready" once all of them listen, replaces one that dies, and on
 * SIGTERM/SIGINT passes the signal on and waits for their graceful stops.
 */
import cluster, { type Worker } from "node:cluster";

const log = (level: "info" | "warn" | "fatal", msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level, msg, ...extra }));

/** The line `npm start`, the tests and the benches wait for. */
export function announceReady(host: string, port: number, processes?: number) {
  const where = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  if (processes === undefined) log("info", `web ready on ${where}`, { port });
  else log("info", `web ready on ${where} (${processes} processes)`, { port, processes });
  // Started by `npm start` (an IPC channel): tell its supervisor this process is up (a later crash is then restarted).
  process.send?.("ready");
}

/** WEB_CONCURRENCY: unset → 1; otherwise a whole number from 1 to 64, or the reason it is not. */
export function parseWebConcurrency(value: string | undefined): number | string {
  if (value === undefined || value.trim() === "") return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) return `WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${value}")`;
  return n;
}

export function superviseWebProcesses(count: number, host: string) {
  let stopping = false;
  let ready = false;
  const listening = new Set<number>();

  const start = () => {
    const worker = cluster.fork();
    worker.once("listening", (where) => {
      listening.add(worker.id);
      if (ready) log("info", "the replacement web process is ready");
      else if (listening.size === count) {
        ready = true;
        announceReady(host, where.port, count);
      }
    });
    return worker;
  };

  const stopAll = (signal: NodeJS.Signals, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    if (workers.length === 0) process.exit(exitCode);
    // Each web process finishes its open requests (≤ 10 s) then exits; do not wait forever on one that hangs.
    setTimeout(() => {
      for (const w of workers) w.process.kill("SIGKILL");
      process.exit(exitCode);
    }, 12_000).unref();
    for (const w of workers) w.process.kill(signal);
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    const wasListening = listening.delete(worker.id);
    if (stopping) return;
    if (!wasListening) {
      // It never got to listen: a setting, the build or the port is wrong, and every replacement would fail the same way.
      log("fatal", "a web process failed to start; stopping (its own message is above)", { code });
      stopAll("SIGTERM", 1);
      return;
    }
    log("warn", "a web process exited unexpectedly; starting another", { code, signal });
    start();
  });

  for (let i = 0; i < count; i++) start();
  process.on("SIGTERM", () => stopAll("SIGTERM", 0));
  process.on("SIGINT", () => stopAll("SIGINT", 0));
  // Started by `npm start` with an IPC channel: if that parent dies, stop too.
  process.on("disconnect", () => stopAll("SIGTERM", 0));
}
