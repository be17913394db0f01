import { db } from "#app/utils/db.server.ts";
import { verifyPassword } from "#app/utils/password.server.ts";
import { Refusal as RefusalError } from "#app/utils/refusal.server.ts";
import { clearLimit, consume, giveBack, type Refusal } from "./rate-limit.server.ts";

/** One message for an unknown email and a wrong password: signing in must not reveal who has an account. */
export const INVALID_CREDENTIALS_MESSAGE = "That email and password don't match an account.";

export type LoginOutcome =
  | { outcome: "ok"; user: { id: string; email: string } }
  | { outcome: "invalid"; message: string }
  | ({ outcome: "limited" } & Refusal)
  | ({ outcome: "busy" } & Refusal);

/**
 * Sign in with email and password — the rule behind the login page (through
 * remix-auth-form's FormStrategy) and POST /api/v1/auth/login alike.
 *
 * A slot of the per-IP and then the per-email limit is taken before bcrypt
 * runs, so a burst of parallel guesses gets no more checks than the limit. A
 * success clears the email's count and gives the IP its slot back, so the
 * limits count attempts that failed or were refused. When too many password
 * checks are already waiting (password.server.ts), the login is refused at
 * once ("busy", a 503) and its slots are given back: nothing was checked.
 */
export async function login(email: string, password: string, clientIp: string): Promise<LoginOutcome> {
  const refused = await consume(["login_ip", clientIp], ["login_email", email]);
  if (refused) return { outcome: "limited", ...refused };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true } });
  // Same cost with or without an account; over 72 bytes never matches (password.server.ts).
  let ok: boolean;
  try {
    ok = await verifyPassword(password, user?.passwordHash, { refuseWhenBusy: true });
  } catch (error) {
    if (!(error instanceof RefusalError) || error.code !== "busy") throw error;
    await Promise.all([giveBack("login_email", email), giveBack("login_ip", clientIp)]);
    return { outcome: "busy", message: error.message, retryAfterSeconds: error.retryAfterSeconds! };
  }
  if (!ok || !user) return { outcome: "invalid", message: INVALID_CREDENTIALS_MESSAGE };

  await Promise.all([clearLimit("login_email", email), giveBack("login_ip", clientIp)]);
  return { outcome: "ok", user: { id: user.id, email: user.email } };
}
