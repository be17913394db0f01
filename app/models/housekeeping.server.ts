import { db } from "#app/utils/db.server.ts";

/** An uploaded export not confirmed within this time is dropped (it holds a copy of someone's history). */
export const IMPORT_PREVIEW_HOURS = 24;

/**
 * Expired rows nobody needs: login sessions, API tokens, reset tokens, and account-import files
 * uploaded but never confirmed (issue 20). (rate-limiter-flexible clears its own.)
 */
export async function pruneExpiredRecords() {
  const now = new Date();
  const [sessions, resets, importPreviews] = await Promise.all([
    db.authSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }),
    db.accountImport.deleteMany({
      where: { status: "previewed", createdAt: { lt: new Date(now.getTime() - IMPORT_PREVIEW_HOURS * 60 * 60 * 1000) } },
    }),
  ]);
  return { sessions: sessions.count, resetTokens: resets.count, importPreviews: importPreviews.count };
}
