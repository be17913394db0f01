/**
 * Test users made the way real ones are: through the /register form (so the
 * browser client holds a real session cookie) and POST /api/v1/auth/login
 * (a real bearer token). Start the app with RATE_LIMIT_REGISTER_PER_IP raised
 * when a file signs up many users.
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

/** A client that sends the bearer token from POST /api/v1/auth/login (and no cookie). */
export async function apiLogin(app: TestApp, email: string, password = TEST_PASSWORD): Promise<HttpClient> {
  const res = await app.client().json("POST", "/api/v1/auth/login", { email, password });
  expect(res.status, "API login succeeds").toBe(200);
  const body = (await res.json()) as { access_token: string };
  return app.client().withBearer(body.access_token);
}
