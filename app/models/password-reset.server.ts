import { db } from "#app/utils/db.server.ts";
import { hashToken, randomToken } from "#app/utils/encryption.server.ts";
import { env } from "#app/utils/env.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { mailer, sendMail } from "#app/utils/mailer.server.ts";
import { hashPassword } from "#app/utils/password.server.ts";
import { Refusal as RefusalError } from "#app/utils/refusal.server.ts";
import { consume, type Refusal } from "./rate-limit.server.ts";

/**
 * Password reset: a random single-use token (stored hashed) valid for 30
 * minutes. The request answers the same whether or not the email has an
 * account; a completed reset signs out every session.
 */

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

/** Send (or, without SMTP, log) a reset link; null when done, or why not now. A slot of each limit is taken first. */
export async function requestPasswordReset(email: string, clientIp: string): Promise<Refusal | null> {
  const refused = await consume(["reset_ip", clientIp], ["reset_email", email]);
  if (refused) return refused;

  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  if (!mailer() && !env().appIsLocal) {
    // A server others reach, without SMTP: a link in the log would hand accounts to whoever reads the logs.
    logger.warn({ kind: "password_reset_not_sent" }, "a password reset was asked for, but SMTP_URL is not set: no link was made");
    return null;
  }
  const token = randomToken();
  await db.passwordResetToken.create({
    data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) },
  });
  const link = `${env().APP_URL}/reset-password?token=${token}`;
  if (mailer()) {
    await sendMail({
      to: email,
      subject: "Reset your ai-interviewer password",
      text: `Someone (hopefully you) asked to reset the password for this email on ai-interviewer.\n\nChoose a new password here (the link works once, for 30 minutes):\n${link}\n\nIf you didn't ask for this, ignore this email; your password stays the same.`,
    });
  } else {
    // On this machine (APP_URL on localhost) without SMTP: the link goes to the server log (README: "Password reset without email").
    // Written directly, because the logger rightly redacts token query strings.
    process.stdout.write(
      `${JSON.stringify({ level: "info", time: new Date().toISOString(), kind: "password_reset_link", msg: `Password reset link (SMTP_URL not set): ${link}` })}\n`,
    );
    logger.debug("password reset link written to stdout");
  }
  return null;
}

export async function resetTokenIsValid(token: string) {
  if (!token) return false;
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(row && !row.usedAt && row.expiresAt > new Date());
}

export const RESET_BUSY_MESSAGE =
  "Too many passwords are being checked right now. Your link still works: please try again in a few seconds.";

export class InvalidResetTokenError extends Error {
  override name = "InvalidResetTokenError";
  constructor() {
    super("This reset link has expired or was already used. Ask for a new one.");
  }
}

/**
 * Consume the token (exactly once, even under concurrent submits), set the password, sign out everywhere.
 * Anyone can send this form, so a token is checked before the new password is hashed: a made-up one costs
 * one indexed read, not ~0.3 s of a bcrypt thread that logins wait for. The hash is refused like a sign-up's
 * when too many are waiting (a "busy" Refusal, 503), so even many submits of one real token cannot hold up logins.
 */
export async function resetPassword(token: string, newPassword: string) {
  if (!(await resetTokenIsValid(token))) throw new InvalidResetTokenError();
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(newPassword, { refuseWhenBusy: true });
  } catch (error) {
    if (!(error instanceof RefusalError && error.code === "busy")) throw error;
    throw new RefusalError("busy", RESET_BUSY_MESSAGE, error.status, { retryAfterSeconds: error.retryAfterSeconds });
  }
  const now = new Date();
  await db.$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true } });
    if (!row) throw new InvalidResetTokenError();
    const { count } = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) throw new InvalidResetTokenError();
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    // Any other outstanding reset links for this user die with this one, and so does every session.
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    await tx.authSession.deleteMany({ where: { userId: row.userId } });
  });
}
