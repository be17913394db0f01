import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pgPool } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";

/**
 * Every limit on attempts, counted in PostgreSQL by rate-limiter-flexible so it
 * holds across web processes and restarts, and under any concurrency: `consume`
 * takes a slot in one INSERT … ON CONFLICT … RETURNING statement and decides on
 * the row it wrote, so the slot is taken *before* the expensive or visible work
 * (bcrypt, a reset email, an AI call) and parallel requests can never all see a
 * free one. A window starts with a key's first attempt and lasts `duration`.
 *
 * The table is ours (prisma/schema.prisma `RateLimit`, created by a migration);
 * the library is told it exists and clears expired rows itself.
 */

const MINUTE = 60;

type LimitSpec = { points: number; duration: number };

function specs() {
  const e = env();
  return {
    // Sign-in attempts that fail or are refused; a successful sign-in gives its slots back.
    login_email: { points: e.RATE_LIMIT_LOGIN_PER_EMAIL, duration: 15 * MINUTE },
    login_ip: { points: e.RATE_LIMIT_LOGIN_PER_IP, duration: 15 * MINUTE },
    register_ip: { points: e.RATE_LIMIT_REGISTER_PER_IP, duration: 60 * MINUTE },
    reset_email: { points: e.RATE_LIMIT_RESET_PER_EMAIL, duration: 60 * MINUTE },
    reset_ip: { points: e.RATE_LIMIT_RESET_PER_IP, duration: 60 * MINUTE },
    // Each test is a real call to the user's AI provider.
    key_test_user: { points: 10, duration: 10 * MINUTE },
    resume_upload_user: { points: e.RATE_LIMIT_RESUME_UPLOADS_PER_HOUR, duration: 60 * MINUTE },
    interview_start_user: { points: e.RATE_LIMIT_INTERVIEWS_PER_HOUR, duration: 60 * MINUTE },
    transcription_user: { points: e.RATE_LIMIT_TRANSCRIPTIONS_PER_HOUR, duration: 60 * MINUTE },
    export_user: { points: e.RATE_LIMIT_EXPORTS_PER_HOUR, duration: 60 * MINUTE },
    import_user: { points: e.RATE_LIMIT_IMPORTS_PER_HOUR, duration: 60 * MINUTE },
  } satisfies Record<string, LimitSpec>;
}

export type LimitName = keyof ReturnType<typeof specs>;

// The library's queries go through whatever pool `db` has now (it is re-created after a disconnect).
const store = { query: (query: Parameters<ReturnType<typeof pgPool>["query"]>[0]) => pgPool().query(query) };

const limiters = new Map<LimitName, RateLimiterPostgres>();

function limiter(name: LimitName): RateLimiterPostgres {
  let found = limiters.get(name);
  if (!found) {
    found = new RateLimiterPostgres({
      ...specs()[name],
      keyPrefix: name,
      storeClient: store,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
    });
    limiters.set(name, found);
  }
  return found;
}

/** A refused attempt: when a slot frees up, and the words to say so. */
export type Refusal = { retryAfterSeconds: number; message: string };

/** "40 seconds", "12 minutes". */
export function waitTime(seconds: number) {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

function refusal(msBeforeNext: number): Refusal {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return { retryAfterSeconds, message: `Too many attempts. Please wait ${waitTime(retryAfterSeconds)} and try again.` };
}

/**
 * Take one slot of each limit, in order; the first one that is used up refuses the attempt (the
 * later ones are not touched). Call it before the work the limit protects.
 */
export async function consume(...slots: Array<[LimitName, string]>): Promise<Refusal | null> {
  for (const [name, key] of slots) {
    try {
      await limiter(name).consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) return refusal(error.msBeforeNext);
      throw error;
    }
  }
  return null;
}

/** Give back one slot (an attempt that turned out not to count, such as a successful sign-in). */
export async function giveBack(name: LimitName, key: string) {
  await limiter(name).reward(key);
}

/** Forget every attempt on this key. */
export async function clearLimit(name: LimitName, key: string) {
  await limiter(name).delete(key);
}
