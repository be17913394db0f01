import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashToken } from "../../app/utils/encryption.server.ts";
import { type HttpClient } from "../support/http-client.ts";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  // Many sign-ups come from one test IP; the registration limit has its own test below.
  app = await startTestApp({ env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
});
afterAll(() => app.close());

let counter = 0;
const uniqueEmail = () => `user${++counter}-${Date.now()}@example.com`;
const PASSWORD = "a long enough passphrase";

async function register(client: HttpClient, email = uniqueEmail(), password = PASSWORD) {
  const res = await client.post("/register", { email, password });
  return { res, email, password };
}

function sessionCookie(res: Response) {
  return res.headers.getSetCookie().find((c) => c.startsWith("aii_session="));
}

describe("register", () => {
  it("creates the account, signs the user in and lands on the getting-started dashboard", async () => {
    const client = app.client();
    const { res, email } = await register(client);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard");
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Max-Age|Expires/i); // no "remember me": a browser-session cookie

    const dashboard = visibleText(await (await client.get("/dashboard")).text());
    expect(dashboard).toContain(`Signed in as ${email}`);
    expect(dashboard).toContain("Add your OpenAI key");
    expect(dashboard).toContain("Add your résumé");
    expect(dashboard).toContain("Add a job posting");

    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
  });

  it("trims and lower-cases the email", async () => {
    const email = uniqueEmail();
    await register(app.client(), `  ${email.toUpperCase()} `);
    expect(await app.db.user.count({ where: { email } })).toBe(1);
  });

  it.each([
    ["an invalid email", { email: "not-an-email", password: PASSWORD }, "Enter a valid email address"],
    ["a short password", { email: "short@example.com", password: "1234567" }, "Use at least 8 characters"],
    ["a common password", { email: "common@example.com", password: "password123" }, "one of the most common"],
    ["a password over 72 bytes", { email: "long@example.com", password: "é".repeat(37) }, "at most 72 bytes"],
  ])("rejects %s with a message next to the field, creates nothing and never echoes the password", async (_what, form, message) => {
    const res = await app.client().post("/register", form);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(visibleText(html)).toContain(message);
    expect(html).not.toContain(form.password);
    expect(await app.db.user.count({ where: { email: form.email } })).toBe(0);
  });

  it("refuses a second account for the same email", async () => {
    const { email } = await register(app.client());
    const res = await app.client().post("/register", { email, password: "another long passphrase" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("An account with this email already exists");
    expect(await app.db.user.count({ where: { email } })).toBe(1);
  });
});

describe("login and logout", () => {
  it("uses one generic message for a wrong password and for an unknown email", async () => {
    const { email } = await register(app.client());
    const wrong = await app.client().post("/login", { email, password: "not the password" });
    const unknown = await app.client().post("/login", { email: uniqueEmail(), password: "whatever it is" });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(400);
      expect(visibleText(await res.text())).toContain("That email and password don't match an account.");
    }
  });

  it("honours redirectTo only for same-site relative paths", async () => {
    const { email } = await register(app.client());
    const inside = await app.client().post("/login", { email, password: PASSWORD, redirectTo: "/settings" });
    expect(inside.headers.get("location")).toBe("/settings");
    for (const evil of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
      const res = await app.client().post("/login", { email, password: PASSWORD, redirectTo: evil });
      expect(res.headers.get("location")).toBe("/dashboard");
    }
  });

  it("sends signed-out visitors of private pages to /login and back afterwards", async () => {
    const res = await app.client().get("/settings");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fsettings");
  });

  it("sends a signed-out client-side navigation (a data request) back to the page itself, not to its data URL", async () => {
    const res = await app.client().get("/interviews.data?status=active&_routes=root%2Croutes%2Finterviews");
    // React Router answers a data request's redirect in the body, for the browser's router to follow.
    const body = await res.text();
    expect(body).toContain("SingleFetchRedirect");
    expect(body).toContain(`"/login?redirectTo=${encodeURIComponent("/interviews?status=active")}"`);
    expect(body).not.toContain(".data");
  });

  it("issues a persistent cookie only with 'remember me', and a fresh session id on every login", async () => {
    const { email } = await register(app.client());
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    const client = app.client();
    const first = await client.post("/login", { email, password: PASSWORD, remember: "on" });
    expect(sessionCookie(first)).toMatch(/Max-Age=604800/);
    const firstToken = client.cookies.get("aii_session")!;
    const sessionsAfterFirst = await app.db.authSession.count({ where: { userId: user.id } });
    const second = await client.post("/login", { email, password: PASSWORD });
    expect(second.status).toBe(302);
    expect(client.cookies.get("aii_session")).not.toBe(firstToken);
    // The previous session of this browser was ended, not left behind.
    expect(await app.db.authSession.count({ where: { userId: user.id } })).toBe(sessionsAfterFirst);
    expect((await app.client().get("/dashboard", { cookie: `aii_session=${firstToken}` })).status).toBe(302);
  });

  it("stores only a hash of the session id, never the cookie value", async () => {
    const client = app.client();
    const { email } = await register(client);
    const raw = decodeURIComponent(client.cookies.get("aii_session")!);
    const user = await app.db.user.findUniqueOrThrow({ where: { email }, include: { authSessions: true } });
    const row = user.authSessions[0]!;
    expect(JSON.stringify(row)).not.toContain(raw.split(".")[0]!.replace(/"/g, ""));
    expect(row.tokenHash).toHaveLength(43);
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("logs out only on POST, and the old cookie stops working", async () => {
    const client = app.client();
    await register(client);
    const stolen = client.cookieHeader();
    const get = await client.get("/logout");
    expect(get.status).toBe(302);
    expect((await client.get("/dashboard")).status).toBe(200); // GET changed nothing

    const post = await client.post("/logout", {});
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toBe("/");
    const replay = await app.client().get("/dashboard", { cookie: stolen });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login/);
  });

  it("expires idle and over-age sessions server-side", async () => {
    const client = app.client();
    const { email } = await register(client);
    const user = await app.db.user.findUniqueOrThrow({ where: { email } });
    await app.db.authSession.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await client.get("/dashboard")).status).toBe(302);
    expect(await app.db.authSession.count({ where: { userId: user.id } })).toBe(0);

    // Idle: a use within the idle limit (72 h) keeps the session and records the use; past it, it is gone.
    const idle = app.client();
    await idle.post("/login", { email, password: PASSWORD });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await app.db.authSession.updateMany({ where: { userId: user.id }, data: { lastUsedAt: hoursAgo(71) } });
    expect((await idle.get("/dashboard")).status).toBe(200);
    const touched = await app.db.authSession.findFirstOrThrow({ where: { userId: user.id } });
    expect(touched.lastUsedAt.getTime()).toBeGreaterThan(hoursAgo(0.1).getTime());
    await app.db.authSession.updateMany({ where: { userId: user.id }, data: { lastUsedAt: hoursAgo(73) } });
    expect((await idle.get("/dashboard")).status).toBe(302);
    expect(await app.db.authSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("brute-force protection", () => {
  it("locks an email after 5 failures within 15 minutes with a 429 saying when to retry", async () => {
    const { email } = await register(app.client());
    for (let i = 0; i < 5; i++) {
      expect((await app.client().post("/login", { email, password: `wrong guess ${i}` })).status).toBe(400);
    }
    const locked = await app.client().post("/login", { email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(visibleText(await locked.text())).toMatch(/Too many attempts\. Please wait \d+ minutes and try again\./);
    // The count lives in Postgres, so every web replica and a restarted server see it.
    expect(await app.db.rateLimit.findUnique({ where: { key: `login_email:${email}` } })).toMatchObject({ points: 6 });
  });

  it("clears an email's count after a successful login", async () => {
    const { email } = await register(app.client());
    for (let i = 0; i < 4; i++) await app.client().post("/login", { email, password: `wrong ${i}` });
    expect((await app.client().post("/login", { email, password: PASSWORD })).status).toBe(302);
    for (let i = 0; i < 4; i++) expect((await app.client().post("/login", { email, password: `again ${i}` })).status).toBe(400);
    expect((await app.client().post("/login", { email, password: PASSWORD })).status).toBe(302);
  });

  it("lifts the lock once the window has passed", async () => {
    const { email } = await register(app.client());
    for (let i = 0; i < 5; i++) await app.client().post("/login", { email, password: `wrong ${i}` });
    expect((await app.client().post("/login", { email, password: PASSWORD })).status).toBe(429);
    await app.db.rateLimit.update({ where: { key: `login_email:${email}` }, data: { expire: BigInt(Date.now() - 1000) } });
    expect((await app.client().post("/login", { email, password: PASSWORD })).status).toBe(302);
  });
});

describe("password reset", () => {
  async function requestReset(email: string) {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const res = await app.client().post("/forgot-password", { email });
      return { res, text: visibleText(await res.text()), logged: writes.join("") };
    } finally {
      spy.mockRestore();
    }
  }

  it("answers the same whether or not the email has an account, and logs the link when no SMTP is set", async () => {
    const { email } = await register(app.client());
    const known = await requestReset(email);
    const unknown = await requestReset(uniqueEmail());
    expect(known.res.status).toBe(200);
    expect(unknown.res.status).toBe(200);
    expect(known.text).toContain("If an account exists for that email, we've sent a reset link");
    expect(unknown.text).toBe(known.text.replace(email, "")); // identical page
    expect(known.logged).toMatch(/"kind":"password_reset_link".*\/reset-password\?token=[A-Za-z0-9_-]{43}/);
    expect(unknown.logged).not.toContain("reset-password");
  });

  it("sets a new password with a single-use token and signs out every session", async () => {
    const signedIn = app.client();
    const { email } = await register(signedIn);
    const { logged } = await requestReset(email);
    const token = logged.match(/token=([A-Za-z0-9_-]{43})/)![1]!;

    expect(visibleText(await (await app.client().get(`/reset-password?token=${token}`)).text())).toContain("Choose a new password");
    const reset = await app
      .client()
      .post("/reset-password", { token, password: "a brand new passphrase", confirm: "a brand new passphrase" });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/login?notice=reset");

    expect((await signedIn.get("/dashboard")).status).toBe(302); // signed out everywhere
    expect((await app.client().post("/login", { email, password: PASSWORD })).status).toBe(400);
    expect((await app.client().post("/login", { email, password: "a brand new passphrase" })).status).toBe(302);

    const again = await app
      .client()
      .post("/reset-password", { token, password: "yet another passphrase", confirm: "yet another passphrase" });
    expect(again.status).toBe(400);
    expect(visibleText(await again.text())).toContain("This link doesn't work any more");
  });

  it("refuses an expired token", async () => {
    const { email } = await register(app.client());
    const { logged } = await requestReset(email);
    const token = logged.match(/token=([A-Za-z0-9_-]{43})/)![1]!;
    await app.db.passwordResetToken.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(visibleText(await (await app.client().get(`/reset-password?token=${token}`)).text())).toContain(
      "This link doesn't work any more",
    );
    const res = await app
      .client()
      .post("/reset-password", { token, password: "a brand new passphrase", confirm: "a brand new passphrase" });
    expect(res.status).toBe(400);
  });
});

describe("CSRF", () => {
  it("rejects a cookie-authenticated form post from another origin", async () => {
    const client = app.client();
    await register(client);
    const res = await client.request("/logout", { method: "POST", form: {}, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await client.get("/dashboard")).status).toBe(200);
  });

  it("accepts same-origin posts signalled only by Sec-Fetch-Site or Referer", async () => {
    const email = uniqueEmail();
    const viaFetchSite = await fetch(`${app.url}/register`, {
      method: "POST",
      headers: { "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: PASSWORD }),
      redirect: "manual",
    });
    expect(viaFetchSite.status).toBe(302);
    const crossSite = await fetch(`${app.url}/register`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: uniqueEmail(), password: PASSWORD }),
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
  });
});
