/**
 * Brute-force limits under concurrency, and passwords bcrypt would truncate.
 * A slot is taken atomically before the expensive check, so a burst of
 * parallel requests gets no more checks than the limit allows.
 *
 * TRUST_PROXY lets each test come from its own address (X-Forwarded-For), so
 * the per-IP limits of one test never touch another's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { uniqueEmail } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  // A bcrypt queue long enough for the bursts here: these tests are about the rate limits, and the
  // queue's own bound (503 busy) is tested in login-queue.test.ts.
  app = await startTestApp({ env: { TRUST_PROXY: "true", LOGIN_QUEUE_LIMIT: "100" } });
});
afterAll(() => app.close());

const PASSWORD = "a long enough passphrase";
let addresses = 0;
/** A client address of its own (TEST-NET-2), sent as X-Forwarded-For. */
const freshIp = () => ({ "x-forwarded-for": `198.51.100.${++addresses}` });

async function account(password = PASSWORD) {
  const email = uniqueEmail("limits");
  const res = await app.client().json("POST", "/api/v1/auth/register", { email, password }, freshIp());
  expect(res.status).toBe(201);
  return email;
}

const apiLogin = (email: string, password: string, ip: Record<string, string>) =>
  app.client().json("POST", "/api/v1/auth/login", { email, password }, ip);

function tally(statuses: number[]) {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe("brute-force limits under concurrency", () => {
  it("checks at most 5 of 60 wrong passwords sent at once for one email; the rest get 429 with Retry-After", async () => {
    const email = await account();
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => apiLogin(email, `wrong guess ${i}`, ip)));
    expect(tally(answers.map((r) => r.status))).toEqual({ 401: 5, 429: 55 });
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(800);
    expect((await refused.json()).error.message).toMatch(/^Too many attempts\. Please wait \d+ minutes and try again\.$/);
  });

  it("does not sign in with the right password sent in a burst after the limit's wrong guesses", async () => {
    const email = await account();
    const ip = freshIp();
    // 39 wrong guesses at once; the right password goes out the moment the first of them is answered,
    // while the others are still being checked (the gap the old check-then-record limiter left open).
    const wrong = Array.from({ length: 39 }, (_, i) => apiLogin(email, `wrong guess ${i}`, ip));
    await Promise.race(wrong);
    const right = await apiLogin(email, PASSWORD, ip);
    const statuses = [...(await Promise.all(wrong)).map((r) => r.status), right.status];

    expect(right.status).toBe(429);
    expect(statuses).not.toContain(200);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
  });

  it("checks at most 5 of 30 wrong passwords posted at once to the login page", async () => {
    const email = await account();
    const ip = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => app.client().post("/login", { email, password: `wrong guess ${i}` }, ip)),
    );
    expect(tally(answers.map((r) => r.status))).toEqual({ 400: 5, 429: 25 });
    expect(visibleText(await answers.find((r) => r.status === 429)!.text())).toMatch(/Too many attempts\. Please wait \d+ minutes/);
  });

  it("gives at most 3 reset links for 20 reset requests sent at once for one email", async () => {
    const email = await account();
    const ip = freshIp();
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    let statuses: number[];
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => app.client().post("/forgot-password", { email }, ip)));
      statuses = answers.map((r) => r.status);
    } finally {
      spy.mockRestore();
    }
    const links = writes.join("").match(/"kind":"password_reset_link"/g) ?? [];
    expect(links.length).toBe(3);
    expect(tally(statuses)).toEqual({ 200: 3, 429: 17 });
    expect(await app.db.passwordResetToken.count({ where: { user: { email } } })).toBe(3);
  });

  it("creates at most 20 accounts from one address for 40 sign-ups sent at once (API and page)", async () => {
    const ip = freshIp();
    const emails = Array.from({ length: 40 }, () => uniqueEmail("burst"));
    const answers = await Promise.all(
      emails.map((email, i) =>
        i % 2
          ? app.client().json("POST", "/api/v1/auth/register", { email, password: PASSWORD }, ip)
          : app.client().post("/register", { email, password: PASSWORD }, ip),
      ),
    );
    const created = await app.db.user.count({ where: { email: { in: emails } } });
    expect(created).toBe(20);
    expect(answers.filter((r) => r.status === 429).length).toBe(20);
    for (const refused of answers.filter((r) => r.status === 429)) expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("still lets the owner in after a successful login cleared the email's failures", async () => {
    const email = await account();
    const ip = freshIp();
    await Promise.all(Array.from({ length: 4 }, (_, i) => apiLogin(email, `wrong ${i}`, ip)));
    expect((await apiLogin(email, PASSWORD, ip)).status).toBe(200);
    const again = await Promise.all(Array.from({ length: 4 }, (_, i) => apiLogin(email, `again ${i}`, ip)));
    expect(again.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect((await apiLogin(email, PASSWORD, ip)).status).toBe(200);
  });
});

describe("the client's address behind a proxy", () => {
  it("is the one the proxy in front saw (TRUST_PROXY=true): a client cannot choose its own by sending X-Forwarded-For", async () => {
    const email = await account();
    const real = freshIp()["x-forwarded-for"];
    // The proxy appends the address it saw to whatever X-Forwarded-For the client sent.
    const forged = { "x-forwarded-for": `203.0.113.77, ${real}` };
    expect((await apiLogin(email, "a wrong guess", forged)).status).toBe(401);
    const keys = (await app.db.rateLimit.findMany({ where: { key: { startsWith: "login_ip:" } }, select: { key: true } })).map(
      (r) => r.key,
    );
    expect(keys).toContain(`login_ip:${real}`);
    expect(keys).not.toContain("login_ip:203.0.113.77");
  });
});

describe("passwords longer than bcrypt's 72 bytes", () => {
  // 24 × "€" is 72 UTF-8 bytes (24 characters): bcrypt would ignore anything after it.
  const SEVENTY_TWO_BYTES = "€".repeat(24);

  it("never sign in with a 72-byte password plus a suffix, on the page or the API, with the wrong-password message", async () => {
    const email = await account(SEVENTY_TWO_BYTES);
    const ip = freshIp();

    const api = await apiLogin(email, `${SEVENTY_TWO_BYTES}suffix`, ip);
    expect(api.status).toBe(401);
    expect((await api.json()).error).toEqual({ code: "invalid_credentials", message: "That email and password don't match an account." });

    const page = await app.client().post("/login", { email, password: `${SEVENTY_TWO_BYTES}x` }, ip);
    expect(page.status).toBe(400);
    expect(page.headers.getSetCookie().some((c) => c.startsWith("aii_session="))).toBe(false);
    expect(visibleText(await page.text())).toContain("That email and password don't match an account.");

    // The exact password still works.
    expect((await apiLogin(email, SEVENTY_TWO_BYTES, ip)).status).toBe(200);
  });

  it("count over-long passwords against the limit like any wrong one", async () => {
    const email = await account(SEVENTY_TWO_BYTES);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await apiLogin(email, `${SEVENTY_TWO_BYTES}${i}`, ip)).status).toBe(401);
    expect((await apiLogin(email, SEVENTY_TWO_BYTES, ip)).status).toBe(429);
  });
});
