import { db } from "#app/utils/db.server.ts";

/** How long the audio of a recording nobody kept may wait for a Retry of its failed transcription (issue 18). */
export const UNKEPT_AUDIO_HOURS = 24;

/**
 * Expired rows nobody needs: login sessions, API tokens, reset tokens (rate-limiter-flexible clears its own),
 * and the audio of recordings the user did not keep whose transcription was never finished a day on.
 */
export async function pruneExpiredRecords() {
  const now = new Date();
  const [sessions, resets, audio] = await Promise.all([
    db.authSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }),
    db.audioClip.updateMany({
      where: { kept: false, bytes: { not: null }, createdAt: { lt: new Date(now.getTime() - UNKEPT_AUDIO_HOURS * 60 * 60 * 1000) } },
      data: { bytes: null },
    }),
  ]);
  return { sessions: sessions.count, resetTokens: resets.count, unkeptAudio: audio.count };
}
