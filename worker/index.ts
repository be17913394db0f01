/**
 * Entry of the worker process: `node worker/index.ts`. Wires queues to
 * handlers (worker.ts) and handles shutdown: on SIGTERM/SIGINT it stops taking
 * jobs, lets running ones finish (at most 20 s), closes the pool, exits 0.
 */
import { disconnectDb } from "#app/utils/db.server.ts";
import { EnvError, env } from "#app/utils/env.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { startWorker, type RunningWorker } from "./worker.ts";

let worker: RunningWorker;
try {
  env();
  worker = await startWorker();
} catch (error) {
  const message = error instanceof EnvError ? error.message : `Worker failed to start: ${(error as Error).message}`;
  logger.fatal(message);
  process.exit(1);
}
logger.info({ kind: "worker", concurrency: env().WORKER_CONCURRENCY }, "worker ready");
// Started by `npm start`: tell its supervisor this process is up (a later crash is then restarted).
process.send?.("ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ kind: "worker", signal }, "worker stopping: finishing running jobs");
  const force = setTimeout(() => {
    logger.warn({ kind: "worker" }, "worker stop timed out");
    process.exit(0);
  }, 25_000);
  force.unref();
  try {
    await worker.stop(20_000);
    await disconnectDb();
  } finally {
    logger.info({ kind: "worker" }, "worker stopped");
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
// Started by `npm start` with an IPC channel: if that parent dies, stop too.
process.on("disconnect", () => void shutdown("parent exited"));
