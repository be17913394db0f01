import { db } from "#app/utils/db.server.ts";

/** Expired rows nobody needs: login sessions, API tokens, reset tokens. (rate-limiter-flexible clears its own.) */
export async function pruneExpiredRecords() {
  const now = new Date();
  const [sessions, resets] = await Promise.all([
    db.authSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }),
  ]);
  return { sessions: sessions.count, resetTokens: resets.count };
}
