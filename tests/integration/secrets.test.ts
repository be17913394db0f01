import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { needlesFor } from "../e2e/support/secrets.ts";
import { HttpClient } from "../support/http-client.ts";
import { POSTING, RESUME_TEXT } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { TEST_PASSWORD } from "../support/users.ts";
import { snapshotDatabase } from "./support/db-snapshot.ts";
import { userWithEverything, type RichUser } from "./support/rich-user.ts";
import { readSpecs } from "./support/route-requests.ts";

/**
 * Issue 7 point 7, at the HTTP level. The e2e run scans logs and the bodies a
 * browser receives; this covers what it does not see: response headers
 * (Location, Link, …), redirect bodies, the form answers that must not echo a
 * secret back, every route read by cookie and by bearer token, and the
 * database at rest. A secret may appear only where it belongs: the bearer
 * token in the login response that issues it, the session cookie in its
 * Set-Cookie, a reset token in the reset page whose URL carries it.
 */
let app: TestApp;
let owner: RichUser;

const PASSWORD = "an unguessable passphrase 8812";
const NEW_PASSWORD = "another unguessable passphrase 9921";
const API_KEY = "sk-test-secretkey-QWERTY123456789";
const SECOND_API_KEY = "sk-test-otherkey-ASDFGH987654321";

type Captured = { what: string; headers: string; body: string; setCookie: string };
const captured: Captured[] = [];

async function capture(what: string, res: Response) {
  const headers = [...res.headers]
    .filter(([name]) => name !== "set-cookie")
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
  captured.push({ what, headers, body: await res.text(), setCookie: res.headers.getSetCookie().join("\n") });
  return res;
}

/** The session token inside a signed cookie value (React Router: base64(JSON) + "." + signature). */
function tokenOfCookie(value: string) {
  const signed = decodeURIComponent(value);
  return JSON.parse(Buffer.from(signed.slice(0, signed.lastIndexOf(".")), "base64").toString("utf8")) as string;
}

let secrets: Record<string, string>;
let issuedTokenBody: string;
let resetPage: string;

beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
  owner = await userWithEverything(app);

  // A second account, made and used the way a person would, with secrets of its own.
  const email = `secrets-${Date.now()}@example.com`;
  const browser = new HttpClient(app.url);
  await capture("register", await browser.post("/register", { email, password: PASSWORD }));
  const cookie = [...browser.cookies.values()][0]!;
  await capture("save key", await browser.post("/settings", { intent: "save-api-key", apiKey: API_KEY }));
  await capture("settings after saving", await browser.get("/settings"));
  await capture("resume", await browser.post("/resume", { intent: "save", content: RESUME_TEXT }));
  await capture("posting", await browser.post("/jobs/new", { title: "Secret keeper", description: POSTING.description }));

  // Answers to forms that must not echo a secret back.
  await capture("key with a space", await browser.post("/settings", { intent: "save-api-key", apiKey: `${API_KEY} x` }));
  await capture("key too long", await browser.post("/settings", { intent: "save-api-key", apiKey: `${API_KEY}${"x".repeat(300)}` }));
  await capture(
    "wrong current password",
    await browser.post("/settings", {
      intent: "change-password",
      currentPassword: `${PASSWORD}!`,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    }),
  );
  await capture(
    "mismatched confirmation",
    await browser.post("/settings", {
      intent: "change-password",
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: `${NEW_PASSWORD}?`,
    }),
  );
  await capture(
    "wrong password on delete",
    await browser.post("/settings", { intent: "delete-account", password: NEW_PASSWORD, confirm: "delete" }),
  );
  await capture("failed login", await app.client().post("/login", { email, password: NEW_PASSWORD }));
  await capture("register taken", await app.client().post("/register", { email, password: NEW_PASSWORD }));
  await capture("api login failed", await app.client().json("POST", "/api/v1/auth/login", { email, password: NEW_PASSWORD }));
  await capture(
    "api key bad shape",
    await (await bearerClient(email)).json("PUT", "/api/v1/users/me/api-key", { api_key: `${SECOND_API_KEY} x` }),
  );
  await capture("api key saved", await (await bearerClient(email)).json("PUT", "/api/v1/users/me/api-key", { api_key: SECOND_API_KEY }));

  // A bearer token, and what its owner reads with it.
  const login = await app.client().json("POST", "/api/v1/auth/login", { email, password: PASSWORD });
  const bearer = ((await login.clone().json()) as { access_token: string }).access_token;
  issuedTokenBody = await login.text(); // where the token belongs: kept apart, as the scan's positive control
  const api = new HttpClient(app.url).withBearer(bearer);
  for (const path of [
    "/api/v1/users/me",
    "/api/v1/users/me/api-key",
    "/api/v1/resumes/me",
    "/api/v1/job-postings",
    "/api/v1/sessions",
    "/api/v1/stats",
  ]) {
    await capture(`GET ${path}`, await api.get(path));
  }
  for (const path of [
    "/dashboard",
    "/settings",
    "/resume",
    "/jobs",
    "/interviews",
    "/interviews/new",
    "/dashboard.data",
    "/settings.data",
  ]) {
    await capture(`GET ${path}`, await browser.get(path));
  }

  // A password reset link, taken from the log line written when no SMTP server is set.
  const writes: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
  try {
    await capture("forgot password", await app.client().post("/forgot-password", { email }));
  } finally {
    spy.mockRestore();
  }
  const resetToken = writes.join("").match(/token=([A-Za-z0-9_-]{43})/)![1]!;
  resetPage = await (await app.client().get(`/reset-password?token=${resetToken}`)).text(); // the form carries it: allowed
  await capture(
    "reset with mismatched confirmation",
    await app.client().post("/reset-password", { token: "x".repeat(43), password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}?` }),
  );

  const ownerCookie = [...owner.client.cookies.values()][0]!;
  secrets = {
    "owner's password": TEST_PASSWORD,
    "owner's API key": "sk-test-working-key-0000",
    "owner's session cookie": ownerCookie,
    "owner's session token": tokenOfCookie(ownerCookie),
    password: PASSWORD,
    "new password": NEW_PASSWORD,
    "API key": API_KEY,
    "second API key": SECOND_API_KEY,
    "session cookie": cookie,
    "session token": tokenOfCookie(cookie),
    "bearer token": bearer,
    "reset token": resetToken,
  };
});
afterAll(() => app.close());

async function bearerClient(email: string) {
  const res = await app.client().json("POST", "/api/v1/auth/login", { email, password: PASSWORD });
  return new HttpClient(app.url).withBearer(((await res.json()) as { access_token: string }).access_token);
}

function findings(text: string) {
  return Object.entries(secrets).filter(([, secret]) => needlesFor(secret).some((needle) => text.includes(needle)));
}

describe("secrets", () => {
  it("never appear in a response body or header, the session cookie only in its Set-Cookie", async () => {
    for (const { what, headers, body, setCookie } of captured) {
      expect(
        findings(body).map(([kind]) => kind),
        `${what}: body`,
      ).toEqual([]);
      expect(
        findings(headers).map(([kind]) => kind),
        `${what}: headers`,
      ).toEqual([]);
      expect(
        findings(setCookie)
          .filter(([kind]) => kind !== "session cookie")
          .map(([kind]) => kind),
        `${what}: Set-Cookie`,
      ).toEqual([]);
    }
    expect(captured.length).toBeGreaterThan(25);
    // Positive controls: the scan does find each secret where it is supposed to be.
    expect(findings(issuedTokenBody).map(([kind]) => kind)).toEqual(["bearer token"]);
    expect(findings(resetPage).map(([kind]) => kind)).toEqual(["reset token"]);
  });

  it("never appear in any route's answer, read by the session cookie or the bearer token (headers included)", async () => {
    const login = await app.client().json("POST", "/api/v1/auth/login", { email: owner.email, password: TEST_PASSWORD });
    const token = ((await login.json()) as { access_token: string }).access_token;
    secrets["owner's bearer token"] = token;
    const bearer = new HttpClient(app.url).withBearer(token);
    for (const { path } of readSpecs(owner)) {
      for (const [who, client] of [
        ["cookie", owner.client],
        ["bearer", bearer],
      ] as const) {
        if (path.endsWith("/events")) continue; // an endless stream; its events carry ids and statuses only
        const res = await client.get(path);
        const all = `${[...res.headers].map(([n, v]) => `${n}: ${v}`).join("\n")}\n${await res.text()}`;
        const leaked = findings(all).filter(([kind]) => !(kind === "session cookie" && /set-cookie/i.test(all)));
        expect(
          leaked.map(([kind]) => kind),
          `${who} GET ${path}`,
        ).toEqual([]);
      }
    }
  });

  it("are not stored in clear: the database holds only hashes and ciphertext", async () => {
    const everything = JSON.stringify(await snapshotDatabase(app));
    const inClear = Object.entries(secrets).filter(
      ([, secret]) => everything.includes(secret) || everything.includes(JSON.stringify(secret).slice(1, -1)),
    );
    expect(inClear.map(([kind]) => kind)).toEqual([]);
    const user = await app.db.user.findFirstOrThrow({ where: { email: { startsWith: "secrets-" } } });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(user.apiKeyCiphertext).toBeTruthy();
    expect(user.apiKeyLast4).toBe(SECOND_API_KEY.slice(-4));
  });

  it("travel in a session cookie that scripts cannot read and other sites do not get", async () => {
    const res = await app.client().post("/register", { email: `cookie-${Date.now()}@example.com`, password: PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.includes("aii_session="))!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
  });
});
