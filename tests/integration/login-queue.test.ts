/**
 * Logins wait for a bcrypt thread (cost 12, ~0.3 s of a core each). Beyond
 * LOGIN_QUEUE_LIMIT waiting checks a login is refused at once — 503 with
 * Retry-After, said where the user looks — instead of joining a wait that
 * grows with every new request. Here the bound is 1, so a burst of 20
 * logins at once must have some refused and some signed in; which ones
 * depends on arrival order, never on timing the test asserts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { uniqueEmail } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: {
      LOGIN_QUEUE_LIMIT: "1",
      RATE_LIMIT_LOGIN_PER_EMAIL: "1000",
      RATE_LIMIT_LOGIN_PER_IP: "1000",
      RATE_LIMIT_REGISTER_PER_IP: "1000",
    },
  });
});
afterAll(() => app.close());

const PASSWORD = "a long enough passphrase";

async function account() {
  const email = uniqueEmail("queue");
  expect((await app.client().json("POST", "/api/v1/auth/register", { email, password: PASSWORD })).status).toBe(201);
  return email;
}

/** Sends 20 forms at once: each is redirected (302) or refused (503, Retry-After); returns a refused page's text. */
async function refusedFormInBurst(path: string, form: () => Record<string, string>) {
  const answers = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const res = await app.client().post(path, form());
      return {
        status: res.status,
        retryAfter: res.headers.get("retry-after"),
        text: res.status === 503 ? visibleText(await res.text()) : "",
      };
    }),
  );
  const statuses = answers.map((a) => a.status);
  expect(statuses.every((s) => s === 302 || s === 503)).toBe(true);
  expect(statuses).toContain(302);
  const refused = answers.find((a) => a.status === 503);
  expect(refused, `statuses: ${statuses.join(", ")}`).toBeDefined();
  expect(refused!.retryAfter).toBe("5");
  return refused!;
}

describe("the login queue is bounded", () => {
  it("answers a burst of API logins beyond the bound with 503 busy and Retry-After, and signs the others in", async () => {
    const email = await account();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => app.client().json("POST", "/api/v1/auth/login", { email, password: PASSWORD })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses).toContain(200);
    const refused = answers.find((r) => r.status === 503);
    expect(refused, `statuses: ${statuses.join(", ")}`).toBeDefined();
    expect(refused!.headers.get("retry-after")).toBe("5");
    expect((await refused!.json()).error).toMatchObject({ code: "busy", message: expect.stringContaining("try again in a few seconds") });

    // Once the burst is over, the same login goes through: nothing was counted against the account.
    expect((await app.client().json("POST", "/api/v1/auth/login", { email, password: PASSWORD })).status).toBe(200);
  });

  it("shows the refusal on the login page itself, with 503 and Retry-After, for a form sent during a burst", async () => {
    const email = await account();
    const refused = await refusedFormInBurst("/login", () => ({ email, password: PASSWORD }));
    expect(refused.text).toContain("Too many sign-ins are being checked right now. Please try again in a few seconds.");
    expect(refused.text).toContain("Log in"); // the login form, not an error page
  });

  it("bounds sign-ups the same way: a burst beyond the bound gets 503 busy with Retry-After, the others get accounts", async () => {
    const emails = Array.from({ length: 20 }, () => uniqueEmail("signup-burst"));
    const answers = await Promise.all(
      emails.map((email) => app.client().json("POST", "/api/v1/auth/register", { email, password: PASSWORD })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    expect(statuses).toContain(201);
    const refusedAt = statuses.indexOf(503);
    expect(refusedAt, `statuses: ${statuses.join(", ")}`).toBeGreaterThanOrEqual(0);
    expect(answers[refusedAt]!.headers.get("retry-after")).toBe("5");
    expect((await answers[refusedAt]!.json()).error).toMatchObject({
      code: "busy",
      message: expect.stringContaining("try again in a few seconds"),
    });

    // A refused sign-up created nothing and counted nothing: the same address can sign up once the burst is over.
    const again = await app.client().json("POST", "/api/v1/auth/register", { email: emails[refusedAt], password: PASSWORD });
    expect(again.status).toBe(201);
  });

  it("shows a refused sign-up on the sign-up page itself, with 503 and the form", async () => {
    const refused = await refusedFormInBurst("/register", () => ({ email: uniqueEmail("signup-page"), password: PASSWORD }));
    expect(refused.text).toContain("Too many accounts are being created right now. Please try again in a few seconds.");
    expect(refused.text).toContain("Create account"); // the sign-up form, not an error page
  });
});
