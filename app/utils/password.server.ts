import { createRequire } from "node:module";
import os from "node:os";
import { dictionary } from "@zxcvbn-ts/language-common";
import { Piscina } from "piscina";
import type { compare, hash } from "./bcrypt-worker.server.ts";
import { env } from "./env.server.ts";
import { PASSWORD_MAX_BYTES, utf8Length } from "./password-limit.ts";
import { Refusal } from "./refusal.server.ts";

/** bcrypt cost 12 (seed: "12 rounds"), computed on worker threads so logins never stall other requests. */
export const BCRYPT_COST = 12;

// Found through package.json "imports", so the same source file is used by the web bundle
// (build/server/index.js), Vite's dev server, the worker and one-off scripts such as the seed.
const workerFile = createRequire(import.meta.url).resolve("#app/utils/bcrypt-worker.server.ts");

// piscina rejects a task whose thread dies (instead of leaving it pending) and unrefs idle
// threads, so they never keep a one-off script alive. One pool per process (Vite dev reloads reuse it).
const globalForPool = globalThis as unknown as { __bcryptThreads?: Piscina };

function threads(): Piscina {
  globalForPool.__bcryptThreads ??= new Piscina({
    filename: workerFile,
    maxThreads: Math.max(1, Math.min(4, os.availableParallelism())),
  });
  return globalForPool.__bcryptThreads;
}

/** Start the threads ahead of the first login (spawning them costs a few hundred ms). */
export function warmUpPasswordHashing() {
  threads();
}

/**
 * A new password's hash. With `refuseWhenBusy` (sign-ups, which anyone can send) it throws the same
 * "busy" Refusal (503) as a login when too many bcrypt tasks are already waiting; a signed-in user
 * changing their password, a reset, or the seed wait their turn instead.
 */
export function hashPassword(password: string, options: { refuseWhenBusy?: boolean } = {}): Promise<string> {
  const pool = threads();
  if (options.refuseWhenBusy) refuseIfBusy(pool);
  return pool.run({ password, cost: BCRYPT_COST } satisfies Parameters<typeof hash>[0], { name: "hash" });
}

/** How long a refused login is asked to wait: the queue's bound drains in about this (0.3–0.6 s a check). */
export const LOGIN_BUSY_RETRY_SECONDS = 5;

/**
 * A password check waits for a thread, and a burst of logins would otherwise wait longer and longer
 * (each costs ~0.3 s of a core). Beyond LOGIN_QUEUE_LIMIT waiting checks it is refused at once with
 * a 503 and Retry-After, a clear answer instead of a wait nobody bounds.
 */
function refuseIfBusy(pool: Piscina) {
  // (Nothing waiting is always within the bound; the setting is read only when something is.)
  if (pool.queueSize > 0 && pool.queueSize >= env().LOGIN_QUEUE_LIMIT) {
    throw new Refusal("busy", "Too many sign-ins are being checked right now. Please try again in a few seconds.", 503, {
      retryAfterSeconds: LOGIN_BUSY_RETRY_SECONDS,
    });
  }
}

function compareOffThread(password: string, hash: string, refuseWhenBusy: boolean): Promise<boolean> {
  const pool = threads();
  if (refuseWhenBusy) refuseIfBusy(pool);
  return pool.run({ password, hash } satisfies Parameters<typeof compare>[0], { name: "compare" });
}

// A real hash to compare against when the email is unknown, so "no such user"
// costs the same time as "wrong password" and does not leak which emails exist.
let dummyHash: Promise<string> | undefined;

/**
 * Whether the password matches the stored hash. bcrypt reads only a password's first 72 bytes, so a
 * longer one would match on its prefix: it is refused like a wrong password (sign-up refuses it too).
 * With `refuseWhenBusy` (logins), throws a "busy" Refusal (503) when too many checks are already
 * waiting; a signed-in user confirming their password (settings) waits its turn instead.
 */
export async function verifyPassword(
  password: string,
  hash: string | null | undefined,
  options: { refuseWhenBusy?: boolean } = {},
): Promise<boolean> {
  const refuseWhenBusy = options.refuseWhenBusy ?? false;
  if (!hash || utf8Length(password) > PASSWORD_MAX_BYTES) {
    dummyHash ??= hashPassword("not-a-real-password");
    await compareOffThread(password, await dummyHash, refuseWhenBusy);
    return false;
  }
  return compareOffThread(password, hash, refuseWhenBusy);
}

let common: Set<string> | undefined;

/** True when the password is on the list of 49,000 most common ones (xato corpus, via zxcvbn-ts). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"] as string[]);
  return common.has(password) || common.has(password.toLowerCase());
}
