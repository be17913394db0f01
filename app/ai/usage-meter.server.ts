import { AsyncLocalStorage } from "node:async_hooks";
import { totalUsage, type Usage } from "./usage.ts";

/**
 * The usage meter: every AI call reports what it consumed here, from the one
 * place that makes the call (generateStructured for chat, `recordAiUsage` in
 * the audio helpers), and whoever runs the work reads the total. It rides on
 * AsyncLocalStorage so that no call site has to pass a meter along: the
 * worker's frame (runOperation) runs each operation inside `meter.run(…)`, and
 * any AI call made anywhere below it is counted for that operation, the second
 * attempt of a corrected reply included. A call made outside any meter is not
 * counted (and costs nothing to report).
 */

const active = new AsyncLocalStorage<UsageMeter>();

export class UsageMeter {
  /** Each provider call, in order. */
  readonly calls: Usage[] = [];
  /**
   * The row ids of the first calls, stored inside the transaction that finished the operation
   * (models/operation.server.ts): the frame stores only the others — or all of them, when that
   * transaction did not commit (it checks these ids).
   */
  readonly storedIds: string[] = [];
  private parent: UsageMeter | undefined;

  /** Run `work` with this meter active; calls inside are also counted by any meter already active around it. */
  run<T>(work: () => Promise<T>): Promise<T> {
    this.parent = active.getStore();
    return active.run(this, work);
  }

  /** The sum of every call so far, or null when no AI call was made. */
  total(): Usage | null {
    return totalUsage(this.calls);
  }

  record(usage: Usage) {
    this.calls.push(usage);
    this.parent?.record(usage);
  }
}

/** Report one provider call to the meter(s) active here. Audio helpers call this after each transcription or speech request. */
export function recordAiUsage(usage: Usage) {
  active.getStore()?.record(usage);
}

/** The meter active here, if any (e.g. for completeOperation to store the operation's usage in its own transaction). */
export function activeUsageMeter(): UsageMeter | undefined {
  return active.getStore();
}

/** Run `work` under a fresh meter and return its result with the usage it caused (for scripts: the bench, the eval harness). */
export async function measureUsage<T>(work: () => Promise<T>): Promise<{ value: T; usage: Usage | null; calls: Usage[] }> {
  const meter = new UsageMeter();
  const value = await meter.run(work);
  return { value, usage: meter.total(), calls: meter.calls };
}
