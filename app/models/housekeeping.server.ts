import { db } from "#app/utils/db.server.ts";
import { pruneRateLimitEvents } from "./rate-limit.server.ts";

/** Expired rows nobody needs: login sessions, API tokens, reset tokens, old rate-limit events. */
export async function pruneExpiredRecords() {
  const now = new Date();
  const [sessions, resets, events] = await Promise.all([
    db.authSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }),
    pruneRateLimitEvents(),
  ]);
  return { sessions: sessions.count, resetTokens: resets.count, rateLimitEvents: events };
}
