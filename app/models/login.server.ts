import { checkLimits, clearAttempts, LIMITS, recordAttempt, type RateLimitVerdict } from "./rate-limit.server.ts";
import { verifyLogin } from "./user.server.ts";

/**
 * Brute-force limits on signing in: 5 failures per email or 30 per IP within
 * 15 minutes lock further attempts; a success clears the email's count. The
 * login page (credentials checked through remix-auth's FormStrategy) and
 * POST /api/v1/auth/login both go through these functions.
 */

export function loginVerdict(email: string, clientIp: string): Promise<RateLimitVerdict> {
  return checkLimits([LIMITS.loginEmail(email), LIMITS.loginIp(clientIp)]);
}

export function recordFailedLogin(email: string, clientIp: string) {
  return recordAttempt([LIMITS.loginEmail(email), LIMITS.loginIp(clientIp)]);
}

export function recordSuccessfulLogin(email: string) {
  return clearAttempts(LIMITS.loginEmail(email));
}

export type LoginAttempt =
  | { outcome: "ok"; user: { id: string; email: string } }
  | { outcome: "invalid" }
  | ({ outcome: "limited" } & Extract<RateLimitVerdict, { limited: true }>);

export async function attemptLogin(email: string, password: string, clientIp: string): Promise<LoginAttempt> {
  const verdict = await loginVerdict(email, clientIp);
  if (verdict.limited) return { outcome: "limited", ...verdict };
  const user = await verifyLogin(email, password);
  if (!user) {
    await recordFailedLogin(email, clientIp);
    return { outcome: "invalid" };
  }
  await recordSuccessfulLogin(email);
  return { outcome: "ok", user };
}
