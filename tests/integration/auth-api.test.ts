import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
});
afterAll(() => app.close());

let n = 0;
const email = () => `api${++n}-${Date.now()}@example.com`;
const PASSWORD = "api test passphrase";

async function registerAndLogin() {
  const address = email();
  await app.client().json("POST", "/api/v1/auth/register", { email: address, password: PASSWORD });
  const login = await app.client().json("POST", "/api/v1/auth/login", { email: address, password: PASSWORD });
  const { access_token } = (await login.json()) as { access_token: string };
  return { email: address, api: app.client().withBearer(access_token), token: access_token };
}

describe("POST /api/v1/auth/register", () => {
  it("201 with the user and no secrets", async () => {
    const address = email();
    const res = await app.client().json("POST", "/api/v1/auth/register", { email: address, password: PASSWORD });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["created_at", "email", "id"]);
    expect(body.email).toBe(address);
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
  });

  it("409 for a duplicate email", async () => {
    const address = email();
    await app.client().json("POST", "/api/v1/auth/register", { email: address, password: PASSWORD });
    const res = await app.client().json("POST", "/api/v1/auth/register", { email: address.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "email_taken", message: "An account with this email already exists" } });
  });

  it("422 with field errors for invalid input, including common passwords", async () => {
    const res = await app.client().json("POST", "/api/v1/auth/register", { email: "nope", password: "short" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("validation_error");
    expect(body.error.fields.email).toEqual(["Enter a valid email address, like name@example.com"]);
    expect(body.error.fields.password).toEqual(["Use at least 8 characters"]);
    const common = await app.client().json("POST", "/api/v1/auth/register", { email: email(), password: "iloveyou123" });
    expect(common.status).toBe(422);
    expect((await common.json()).error.fields.password[0]).toMatch(/most common/);
  });

  it("400 for malformed JSON, 415 for a form body, 405 for GET", async () => {
    const malformed = await app.client().request("/api/v1/auth/register", {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: { code: "malformed_json", message: "The body is not valid JSON." } });
    const form = await app.client().post("/api/v1/auth/register", { email: email(), password: PASSWORD });
    expect(form.status).toBe(415);
    const get = await app.client().get("/api/v1/auth/register");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });
});

describe("POST /api/v1/auth/login and bearer tokens", () => {
  it("200 with a bearer token that expires in 24 hours, stored only as a hash", async () => {
    const address = email();
    await app.client().json("POST", "/api/v1/auth/register", { email: address, password: PASSWORD });
    const res = await app.client().json("POST", "/api/v1/auth/login", { email: address, password: PASSWORD });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), token_type: "bearer", expires_in: 86400 });
    const rows = await app.db.authSession.findMany({ where: { user: { email: address }, kind: "api" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(body.access_token);
  });

  it("401 for a wrong password or unknown email, with the same message", async () => {
    const address = email();
    await app.client().json("POST", "/api/v1/auth/register", { email: address, password: PASSWORD });
    const wrong = await app.client().json("POST", "/api/v1/auth/login", { email: address, password: "wrong password" });
    const unknown = await app.client().json("POST", "/api/v1/auth/login", { email: email(), password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("429 with Retry-After once an email has 5 failures", async () => {
    const address = email();
    await app.client().json("POST", "/api/v1/auth/register", { email: address, password: PASSWORD });
    for (let i = 0; i < 5; i++) await app.client().json("POST", "/api/v1/auth/login", { email: address, password: `nope ${i}` });
    const res = await app.client().json("POST", "/api/v1/auth/login", { email: address, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await res.json()).error.code).toBe("rate_limited");
  });

  it("GET /users/me with the token; 401 JSON without one or with a bad one", async () => {
    const { api, email: address } = await registerAndLogin();
    const me = await api.get("/api/v1/users/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      id: expect.any(String),
      email: address,
      created_at: expect.any(String),
      has_api_key: false,
      key_last4: null,
      model: "gpt-4o-mini",
      base_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/),
      ai_model: null,
      ai_base_url: null,
      grader_model: "gpt-4o-mini",
      ai_grader_model: null,
      voice: {
        read_aloud: "off",
        transcription_model: "gpt-4o-mini-transcribe",
        speech_model: "gpt-4o-mini-tts",
        speech_voice: "alloy",
        max_recording_seconds: 300,
        keep_recordings: false,
      },
    });
    for (const headers of [{}, { authorization: "Bearer not-a-real-token-but-long-enough" }] as Record<string, string>[]) {
      const res = await app.client().get("/api/v1/users/me", headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("logout revokes the token; expired tokens are refused", async () => {
    const first = await registerAndLogin();
    const out = await first.api.request("/api/v1/auth/logout", { method: "POST" });
    expect(out.status).toBe(204);
    expect((await first.api.get("/api/v1/users/me")).status).toBe(401);

    const second = await registerAndLogin();
    await app.db.authSession.updateMany({
      where: { user: { email: second.email }, kind: "api" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await second.api.get("/api/v1/users/me")).status).toBe(401);
  });

  it("a bearer token is not a browser session, and bearer writes need no Origin", async () => {
    const { token } = await registerAndLogin();
    expect((await app.client().get("/dashboard", { cookie: `aii_session=${token}` })).status).toBe(302);
    const res = await fetch(`${app.url}/api/v1/users/me/api-key`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", origin: "https://elsewhere.example" },
      body: JSON.stringify({ api_key: "sk-test-fromanotherorigin123" }),
    });
    expect(res.status).toBe(200);
  });
});

describe("/api/v1/users/me/api-key", () => {
  it("POST stores the key encrypted and answers {configured, last4}; PUT replaces; DELETE removes", async () => {
    const { api, email: address } = await registerAndLogin();
    const post = await api.json("POST", "/api/v1/users/me/api-key", { api_key: "sk-test-first-key-000001234" });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ configured: true, last4: "1234" });
    const user = await app.db.user.findUniqueOrThrow({ where: { email: address } });
    expect(user.apiKeyCiphertext).toMatch(/^v1\./);
    expect(user.apiKeyCiphertext).not.toContain("sk-test-first-key");

    const put = await api.json("PUT", "/api/v1/users/me/api-key", { api_key: "sk-test-second-key-00005678" });
    expect(await put.json()).toEqual({ configured: true, last4: "5678" });
    const me = await (await api.get("/api/v1/users/me")).json();
    expect(me).toMatchObject({ has_api_key: true, key_last4: "5678" });
    expect(JSON.stringify(me)).not.toContain("sk-test-second");

    const del = await api.request("/api/v1/users/me/api-key", { method: "DELETE" });
    expect(await del.json()).toEqual({ configured: false, last4: null });
    expect((await app.db.user.findUniqueOrThrow({ where: { email: address } })).apiKeyCiphertext).toBeNull();
  });

  it("422 for keys with spaces, too short, or without sk- for OpenAI's own endpoint", async () => {
    const { api } = await registerAndLogin();
    // The test server's default base URL is the fake (not api.openai.com), so "sk-" is not required there…
    expect((await api.json("POST", "/api/v1/users/me/api-key", { api_key: "not an api key at all" })).status).toBe(422);
    expect((await api.json("POST", "/api/v1/users/me/api-key", { api_key: "sk-short" })).status).toBe(422);
    expect((await api.json("POST", "/api/v1/users/me/api-key", { api_key: "azure-style-key-0123456789" })).status).toBe(200);
    // …but it is once the user points at OpenAI itself.
    const { db } = app;
    const me = await (await api.get("/api/v1/users/me")).json();
    await db.user.update({ where: { id: me.id }, data: { aiBaseUrl: "https://api.openai.com/v1" } });
    const res = await api.json("POST", "/api/v1/users/me/api-key", { api_key: "azure-style-key-0123456789" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields.api_key[0]).toMatch(/start with “sk-”/);
  });

  it("401 without authentication", async () => {
    expect((await app.client().json("POST", "/api/v1/users/me/api-key", { api_key: "sk-test-0000000000000000" })).status).toBe(401);
  });
});
