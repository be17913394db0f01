import { db } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";

/**
 * Sliding-window attempt counting in Postgres, so limits hold across restarts
 * and web replicas. One row per counted attempt; the worker deletes old rows.
 */

export type Limit = { key: string; max: number; windowMs: number };

const MINUTE = 60_000;

export const LIMITS = {
  loginEmail: (email: string): Limit => ({ key: `login:email:${email}`, max: env().RATE_LIMIT_LOGIN_PER_EMAIL, windowMs: 15 * MINUTE }),
  loginIp: (ip: string): Limit => ({ key: `login:ip:${ip}`, max: env().RATE_LIMIT_LOGIN_PER_IP, windowMs: 15 * MINUTE }),
  registerIp: (ip: string): Limit => ({ key: `register:ip:${ip}`, max: env().RATE_LIMIT_REGISTER_PER_IP, windowMs: 60 * MINUTE }),
  resetIp: (ip: string): Limit => ({ key: `reset:ip:${ip}`, max: 10, windowMs: 60 * MINUTE }),
  resetEmail: (email: string): Limit => ({ key: `reset:email:${email}`, max: 3, windowMs: 60 * MINUTE }),
  keyTest: (userId: string): Limit => ({ key: `key-test:${userId}`, max: 10, windowMs: 10 * MINUTE }),
};

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

/** Whether any of the limits is already used up (the next attempt would exceed it). */
export async function checkLimits(limits: Limit[]): Promise<RateLimitVerdict> {
  const now = Date.now();
  let retryAfterMs = 0;
  for (const limit of limits) {
    const since = new Date(now - limit.windowMs);
    const events = await db.rateLimitEvent.findMany({
      where: { key: limit.key, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: limit.max,
      select: { createdAt: true },
    });
    if (events.length >= limit.max) {
      // The attempt that frees a slot is the oldest of the last `max` leaving the window.
      const oldest = events[events.length - 1]!.createdAt.getTime();
      retryAfterMs = Math.max(retryAfterMs, oldest + limit.windowMs - now);
    }
  }
  return retryAfterMs > 0 ? { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } : { limited: false };
}

export async function recordAttempt(limits: Limit[]) {
  await db.rateLimitEvent.createMany({ data: limits.map((l) => ({ key: l.key })) });
}

export async function clearAttempts(limit: Limit) {
  await db.rateLimitEvent.deleteMany({ where: { key: limit.key } });
}

/** Used by the worker's sweep: nothing older than the longest window matters. */
export async function pruneRateLimitEvents(olderThanMs = 2 * 60 * MINUTE) {
  const { count } = await db.rateLimitEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return count;
}

export function retryMessage(seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  const when = seconds < 90 ? `${seconds} seconds` : `${minutes} minutes`;
  return `Too many attempts. Please wait ${when} and try again.`;
}
