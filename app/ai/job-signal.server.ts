import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The abort signal of the job an AI call is made for. pg-boss aborts a job's
 * `job.signal` when the job passes its time limit (expireInSeconds,
 * utils/queue-names.ts) — and fails it, so a retry follows. A handler still
 * waiting on its provider then would keep its slot and pay for the same call
 * again beside that retry. The worker runs each handler inside
 * `runWithJobSignal`, and every request of an AI client (createAiClient)
 * carries the signal, so no AI call outlives its job. Like the usage meter, it
 * rides on AsyncLocalStorage so that no call site has to pass it along. Outside
 * a job (the web app's "Test key") there is none.
 */

const active = new AsyncLocalStorage<AbortSignal>();

export function runWithJobSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return active.run(signal, work);
}

export function jobSignal(): AbortSignal | undefined {
  return active.getStore();
}
