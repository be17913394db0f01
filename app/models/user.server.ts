import { db } from "#app/utils/db.server.ts";
import { hashPassword, isCommonPassword, verifyPassword } from "#app/utils/password.server.ts";
import { revokeAllSessions } from "#app/utils/session.server.ts";

export class EmailTakenError extends Error {
  override name = "EmailTakenError";
  constructor() {
    super("An account with this email already exists");
  }
}

export class WrongPasswordError extends Error {
  override name = "WrongPasswordError";
  constructor() {
    super("That password is not correct");
  }
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: string }).code === "P2002";
}

export async function registerUser(input: { email: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { email: input.email, passwordHash },
      select: { id: true, email: true, createdAt: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists";
export const COMMON_PASSWORD_MESSAGE = "This password is one of the most common ones, so it is easy to guess. Choose another.";

/** Rules a new account must pass beyond the field formats: shared by the register page and POST /auth/register. */
export async function newAccountProblems(input: { email: string; password: string }) {
  const problems: { email?: string; password?: string } = {};
  if (isCommonPassword(input.password)) problems.password = COMMON_PASSWORD_MESSAGE;
  if ((await db.user.count({ where: { email: input.email } })) > 0) problems.email = EMAIL_TAKEN_MESSAGE;
  return problems;
}

/** A new password (change or reset) must not be a common one. */
export function newPasswordProblem(password: string): string | undefined {
  return isCommonPassword(password) ? COMMON_PASSWORD_MESSAGE : undefined;
}

/** The user for these credentials, or null (same cost either way). */
export async function verifyLogin(email: string, password: string) {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true } });
  const ok = await verifyPassword(password, user?.passwordHash);
  return ok && user ? { id: user.id, email: user.email } : null;
}

export async function checkPassword(userId: string, password: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return verifyPassword(password, user?.passwordHash);
}

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
    },
  });
  return { ...user, hasApiKey: user.apiKeyLast4 !== null };
}
