import { createRequire } from "node:module";
import os from "node:os";
import { Worker } from "node:worker_threads";

/**
 * bcrypt (cost 12, pure JavaScript) costs ~0.25 s of CPU per hash or check.
 * On the event loop that would stall every other request during a login, so
 * it runs on a small pool of worker threads instead. The worker's code is
 * inline (no separate file to locate inside the server bundle) and loads the
 * same bcryptjs package.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require(workerData.bcryptPath);
parentPort.on("message", ({ id, op, password, hash, cost }) => {
  try {
    const result = op === "hash" ? bcrypt.hashSync(password, cost) : bcrypt.compareSync(password, hash);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Job = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const SIZE = Math.max(1, Math.min(4, os.availableParallelism()));
const bcryptPath = createRequire(import.meta.url).resolve("bcryptjs");

type Slot = { worker: Worker; busy: number };
const globalForPool = globalThis as unknown as { __bcryptPool?: { slots: Slot[]; pending: Map<number, Pending>; nextId: number } };

function pool() {
  if (globalForPool.__bcryptPool) return globalForPool.__bcryptPool;
  const state = { slots: [] as Slot[], pending: new Map<number, Pending>(), nextId: 1 };
  for (let i = 0; i < SIZE; i++) {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath } });
    worker.unref(); // never keeps the process alive on its own
    const slot = { worker, busy: 0 };
    worker.on("message", ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      slot.busy--;
      const job = state.pending.get(id);
      state.pending.delete(id);
      if (error) job?.reject(new Error(error));
      else job?.resolve(result);
    });
    state.slots.push(slot);
  }
  globalForPool.__bcryptPool = state;
  return state;
}

function run<T>(job: Job): Promise<T> {
  const state = pool();
  const slot = state.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  const id = state.nextId++;
  slot.busy++;
  return new Promise<T>((resolve, reject) => {
    state.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    slot.worker.postMessage({ id, ...job });
  });
}

/** Start the threads ahead of the first login (spawning them costs a few hundred ms). */
export function warmUpBcryptPool() {
  pool();
}

export function hashOffThread(password: string, cost: number) {
  return run<string>({ op: "hash", password, cost });
}

export function compareOffThread(password: string, hash: string) {
  return run<boolean>({ op: "compare", password, hash });
}
