/**
 * Test users: through the /register form (signUp: the browser client holds a
 * real session cookie; start the app with RATE_LIMIT_REGISTER_PER_IP raised
 * when a file signs up many users), made directly for tests about something
 * else (signedInUser), and POST /api/v1/auth/login (a real bearer token).
 */
import { expect } from "vitest";
import type { HttpClient } from "./http-client.ts";
import type { TestApp } from "./test-app.ts";

export const TEST_PASSWORD = "correct horse battery staple 42";

let counter = 0;

export function uniqueEmail(prefix = "user") {
  return `${prefix}${++counter}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** A new account, signed in: a cookie-keeping browser client and the user's id. */
export async function signUp(app: TestApp, email = uniqueEmail()): Promise<{ client: HttpClient; userId: string; email: string }> {
  const client = app.client();
  const res = await client.post("/register", { email, password: TEST_PASSWORD });
  expect(res.status, "sign-up redirects to the dashboard").toBe(302);
  expect(res.headers.get("location")).toBe("/dashboard");
  const user = await app.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return { client, userId: user.id, email };
}

const passwordHashes = new Map<string, Promise<string>>();

/**
 * A new account, signed in, made without the sign-up form: for tests about something else. The user row
 * holds a real bcrypt hash of the password at the product's cost, made by the app's own hashPassword once
 * per test file (so logging in with it works as for anyone), and the cookie is a login session made by the
 * app's own session code. This saves the ~0.25 s of CPU a sign-up's hash costs, per user; the sign-up
 * form itself is tested in auth-web.test.ts and auth-api.test.ts, and by signUp above.
 */
export async function signedInUser(
  app: TestApp,
  email = uniqueEmail(),
  options: { password?: string } = {},
): Promise<{ client: HttpClient; userId: string; email: string }> {
  // Imported once the app runs: the session code loads React Router, which picks its build by NODE_ENV.
  const [{ hashPassword }, { createLoginSession }] = await Promise.all([
    import("../../app/utils/password.server.ts"),
    import("../../app/utils/session.server.ts"),
  ]);
  const password = options.password ?? TEST_PASSWORD;
  if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
  const user = await app.db.user.create({ data: { email, passwordHash: await passwordHashes.get(password)! }, select: { id: true } });
  const client = app.client();
  client.storeCookies([(await createLoginSession(user.id, { persistent: false })).setCookie]);
  return { client, userId: user.id, email };
}

/** A client that sends the bearer token from POST /api/v1/auth/login (and no cookie). */
export async function apiLogin(app: TestApp, email: string, password = TEST_PASSWORD): Promise<HttpClient> {
  const res = await app.client().json("POST", "/api/v1/auth/login", { email, password });
  expect(res.status, "API login succeeds").toBe(200);
  const body = (await res.json()) as { access_token: string };
  return app.client().withBearer(body.access_token);
}
