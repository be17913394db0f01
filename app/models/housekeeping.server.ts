import { db } from "#app/utils/db.server.ts";

/** An uploaded export not confirmed within this time is dropped (it holds a copy of someone's history). */
export const IMPORT_PREVIEW_HOURS = 24;

/** How long the audio of a recording nobody kept may wait for a Retry of its failed transcription (issue 18). */
export const UNKEPT_AUDIO_HOURS = 24;

/**
 * Expired rows nobody needs: login sessions, API tokens, reset tokens (rate-limiter-flexible clears its own),
 * account-import files uploaded but never confirmed (issue 20), and the audio of recordings the user did not
 * keep whose transcription was never finished a day on (issue 18).
 */
export async function pruneExpiredRecords() {
  const now = new Date();
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000);
  const [sessions, resets, importPreviews, audio] = await Promise.all([
    db.authSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: hoursAgo(24) } } }),
    db.accountImport.deleteMany({ where: { status: "previewed", createdAt: { lt: hoursAgo(IMPORT_PREVIEW_HOURS) } } }),
    db.audioClip.updateMany({
      where: { kept: false, bytes: { not: null }, createdAt: { lt: hoursAgo(UNKEPT_AUDIO_HOURS) } },
      data: { bytes: null },
    }),
  ]);
  return { sessions: sessions.count, resetTokens: resets.count, importPreviews: importPreviews.count, unkeptAudio: audio.count };
}
