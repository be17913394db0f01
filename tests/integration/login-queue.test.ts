/**
 * Logins wait for a bcrypt thread (cost 12, ~0.3 s of a core each). Beyond
 * LOGIN_QUEUE_LIMIT waiting checks a login is refused at once — 503 with
 * Retry-After, said where the user looks — instead of joining a wait that
 * grows with every new request. Here the bound is 1, so a burst of 20
 * logins at once must have some refused and some signed in; which ones
 * depends on arrival order, never on timing the test asserts.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../app/utils/encryption.server.ts";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { signedInUser, uniqueEmail } from "../support/users.ts";

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

describe("password resets never hold up logins", () => {
  const NEW_PASSWORD = "a brand new passphrase";
  const resetForm = (token: string) => ({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });

  it("answers made-up reset tokens without hashing the password: a login sent during a burst of them signs in", async () => {
    const email = await account();
    const resets = Promise.all(
      Array.from({ length: 20 }, () => app.client().post("/reset-password", resetForm(randomBytes(32).toString("base64url")))),
    );
    // The resets go first; hashing their passwords would fill the queue (bound 1) and the login would be refused as busy.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const login = await app.client().json("POST", "/api/v1/auth/login", { email, password: PASSWORD });
    expect(login.status, "the login waited behind made-up resets").toBe(200);
    for (const res of await resets) {
      expect(res.status).toBe(400);
      expect(visibleText(await res.text())).toContain("This link doesn't work any more");
    }
  });

  it("bounds resets like logins: a burst of real links beyond the bound is refused on the form with 503, the link still good", async () => {
    // 20 people's links at once (their accounts made directly: only the resets' hashing is under test).
    const tokens = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const user = await app.db.user.create({ data: { email: uniqueEmail("reset-burst"), passwordHash: "not used here" } });
        const token = randomBytes(32).toString("base64url");
        await app.db.passwordResetToken.create({
          data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 10 * 60_000) },
        });
        return token;
      }),
    );
    const answers = await Promise.all(
      tokens.map(async (token) => {
        // Posted to the link's own address, as the browser's form does.
        const res = await app.client().post(`/reset-password?token=${token}`, resetForm(token));
        return { token, status: res.status, retryAfter: res.headers.get("retry-after"), text: visibleText(await res.text()) };
      }),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 302 || s === 503)).toBe(true);
    expect(statuses).toContain(302);
    const busy = answers.find((a) => a.status === 503);
    expect(busy, `statuses: ${statuses.join(", ")}`).toBeDefined();
    expect(busy!.retryAfter).toBe("5");
    expect(busy!.text).toContain(
      "Too many passwords are being checked right now. Your link still works: please try again in a few seconds.",
    );
    expect(busy!.text).toContain("Choose a new password"); // the reset form, not an error page
    // And it does: once the burst is over, the same link resets the password.
    expect((await app.client().post(`/reset-password?token=${busy!.token}`, resetForm(busy!.token))).status).toBe(302);
  });

  it("bounds password confirmations in Settings like logins: a burst beyond the bound is refused on the field with 503", async () => {
    const { client } = await signedInUser(app, uniqueEmail("settings-burst"), { password: PASSWORD });
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await client.post("/settings", {
          intent: "change-password",
          currentPassword: "a wrong guess at it",
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        });
        return { status: res.status, retryAfter: res.headers.get("retry-after"), text: visibleText(await res.text()) };
      }),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 400 || s === 503)).toBe(true);
    const busy = answers.find((a) => a.status === 503);
    expect(busy, `statuses: ${statuses.join(", ")}`).toBeDefined();
    expect(busy!.retryAfter).toBe("5");
    expect(busy!.text).toContain("Too many passwords are being checked right now. Please try again in a few seconds.");
    expect(busy!.text).toContain("Change password"); // on the Settings form
  });
});
