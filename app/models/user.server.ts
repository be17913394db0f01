import { db } from "#app/utils/db.server.ts";
import { hashPassword, isCommonPassword, verifyPassword } from "#app/utils/password.server.ts";
import { revokeAllSessions } from "#app/utils/session.server.ts";
import { Refusal as RefusalError } from "#app/utils/refusal.server.ts";
import { consume, giveBack, type Refusal } from "./rate-limit.server.ts";

export class WrongPasswordError extends Error {
  override name = "WrongPasswordError";
  constructor() {
    super("That password is not correct");
  }
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: string }).code === "P2002";
}

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists";
export const COMMON_PASSWORD_MESSAGE = "This password is one of the most common ones, so it is easy to guess. Choose another.";

export type RegisterOutcome =
  | { outcome: "ok"; user: { id: string; email: string; createdAt: Date } }
  | { outcome: "invalid"; problems: { email?: string; password?: string } }
  | ({ outcome: "limited" } & Refusal)
  | ({ outcome: "busy" } & Refusal);

export const SIGN_UP_BUSY_MESSAGE = "Too many accounts are being created right now. Please try again in a few seconds.";

/**
 * Create an account — the rule behind the sign-up page and POST /api/v1/auth/register alike. The
 * fields have passed RegisterSchema / RegisterBody; this takes a slot of the per-IP limit first (it
 * guards bcrypt and the "email taken" answer), then applies the rules that need the server. Like a
 * login, it is refused at once ("busy", a 503, its slot given back) when too many bcrypt tasks are
 * already waiting (password.server.ts), so a burst of sign-ups cannot build an unbounded queue.
 */
export async function register(input: { email: string; password: string }, clientIp: string): Promise<RegisterOutcome> {
  const refused = await consume(["register_ip", clientIp]);
  if (refused) return { outcome: "limited", ...refused };

  const problems: { email?: string; password?: string } = {};
  if (isCommonPassword(input.password)) problems.password = COMMON_PASSWORD_MESSAGE;
  if ((await db.user.count({ where: { email: input.email } })) > 0) problems.email = EMAIL_TAKEN_MESSAGE;
  if (problems.email || problems.password) return { outcome: "invalid", problems };

  let passwordHash: string;
  try {
    passwordHash = await hashPassword(input.password, { refuseWhenBusy: true });
  } catch (error) {
    if (!(error instanceof RefusalError) || error.code !== "busy") throw error;
    await giveBack("register_ip", clientIp);
    return { outcome: "busy", message: SIGN_UP_BUSY_MESSAGE, retryAfterSeconds: error.retryAfterSeconds! };
  }
  try {
    const user = await db.user.create({
      data: { email: input.email, passwordHash },
      select: { id: true, email: true, createdAt: true },
    });
    return { outcome: "ok", user };
  } catch (error) {
    // The same address registered a moment ago, by a parallel request.
    if (isUniqueViolation(error)) return { outcome: "invalid", problems: { email: EMAIL_TAKEN_MESSAGE } };
    throw error;
  }
}

/** A new password (change or reset) must not be a common one. */
export function newPasswordProblem(password: string): string | undefined {
  return isCommonPassword(password) ? COMMON_PASSWORD_MESSAGE : undefined;
}

/**
 * The signed-in user's password, confirmed before a change or the account's deletion. Each check takes a
 * slot of the same per-email limit as a sign-in (a stolen session must not guess faster than the login
 * page lets anyone), given back when the password is right; and, like a login, it is refused at once
 * when too many password checks are waiting, rather than joining the queue logins wait in. Both
 * refusals are Refusals (429 / 503 with Retry-After) for the form to show.
 */
async function checkPassword(userId: string, password: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  const refused = await consume(["login_email", user.email]);
  if (refused) throw new RefusalError("rate_limited", refused.message, 429, { retryAfterSeconds: refused.retryAfterSeconds });
  let ok: boolean;
  try {
    ok = await verifyPassword(password, user.passwordHash, { refuseWhenBusy: true });
  } catch (error) {
    await giveBack("login_email", user.email); // nothing was checked
    if (!(error instanceof RefusalError) || error.code !== "busy") throw error;
    throw new RefusalError("busy", PASSWORD_CHECK_BUSY_MESSAGE, error.status, { retryAfterSeconds: error.retryAfterSeconds });
  }
  if (ok) await giveBack("login_email", user.email);
  return ok;
}

export const PASSWORD_CHECK_BUSY_MESSAGE = "Too many passwords are being checked right now. Please try again in a few seconds.";

/** Change the password and sign out every other session (cookie or API token). */
export async function changePassword(userId: string, current: string, next: string, keepSessionId: string) {
  if (!(await checkPassword(userId, current))) throw new WrongPasswordError();
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next) } });
  await revokeAllSessions(userId, { except: keepSessionId });
}

/** Everything the user owns goes with the user row (every relation cascades). */
export async function deleteAccount(userId: string, password: string) {
  if (!(await checkPassword(userId, password))) throw new WrongPasswordError();
  await db.user.delete({ where: { id: userId } });
}

export type Profile = Awaited<ReturnType<typeof getProfile>>;

export async function getProfile(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      createdAt: true,
      apiKeyLast4: true,
      apiKeyUpdatedAt: true,
      aiModel: true,
      aiBaseUrl: true,
      aiGraderModel: true,
    },
  });
  return { ...user, hasApiKey: user.apiKeyLast4 !== null };
}
