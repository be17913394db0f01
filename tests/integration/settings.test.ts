import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpClient } from "../support/http-client.ts";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

let n = 0;
const PASSWORD = "settings test passphrase";

function newAccount(): Promise<{ client: HttpClient; email: string; userId: string }> {
  return signedInUser(app, `settings${++n}-${Date.now()}@example.com`, { password: PASSWORD });
}

const page = async (client: HttpClient) => visibleText(await (await client.get("/settings")).text());

describe("settings: account", () => {
  it("shows the email and the member-since date", async () => {
    const { client, email } = await newAccount();
    const text = await page(client);
    expect(text).toContain(email);
    expect(text).toMatch(/Member since \w+ \d{1,2}, \d{4}/);
  });
});

describe("settings: the OpenAI key", () => {
  it("saves the key encrypted and never shows it again, only its last four characters", async () => {
    const { client, userId } = await newAccount();
    const key = "sk-test-settings-key-9876";
    const res = await client.post("/settings", { intent: "save-api-key", apiKey: `  ${key} ` });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain(key);
    expect(visibleText(html)).toContain("Key saved. It ends in …9876.");
    const text = await page(client);
    expect(text).toMatch(/Key ending in …9876, saved \w+ \d{1,2}, \d{4}/);
    const user = await app.db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.apiKeyCiphertext).not.toContain(key);
    expect(user.apiKeyLast4).toBe("9876");
    expect(user.apiKeyKeyId).toMatch(/^[0-9a-f]{12}$/);
  });

  it("explains what is wrong with a badly shaped key and saves nothing", async () => {
    const { client, userId } = await newAccount();
    const res = await client.post("/settings", { intent: "save-api-key", apiKey: "sk-has a space inside it" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("API keys have no spaces or line breaks");
    expect((await app.db.user.findUniqueOrThrow({ where: { id: userId } })).apiKeyCiphertext).toBeNull();
  });

  it("tests the key with a real call to the provider and reports success", async () => {
    const { client } = await newAccount();
    await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-working-key-0001" });
    app.fake.requests.length = 0;
    const res = await client.post("/settings", { intent: "test-api-key" });
    expect(visibleText(await res.text())).toContain("Your key works.");
    const call = app.fake.requests.find((r) => r.path === "/v1/models");
    expect(call?.apiKey).toBe("sk-test-working-key-0001");
  });

  it("reports the provider's refusal in plain words", async () => {
    const { client } = await newAccount();
    await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-bad-key-000000001" });
    const text = visibleText(await (await client.post("/settings", { intent: "test-api-key" })).text());
    expect(text).toContain("Your OpenAI key was rejected. Update it in Settings.");
    expect(text).not.toContain("Incorrect API key provided");
  });

  it("removes the key", async () => {
    const { client, userId } = await newAccount();
    await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-to-be-removed-01" });
    await client.post("/settings", { intent: "remove-api-key" });
    expect((await app.db.user.findUniqueOrThrow({ where: { id: userId } })).apiKeyLast4).toBeNull();
    expect(await page(client)).toContain("No key saved yet");
  });
});

describe("settings: provider", () => {
  it("saves a model and an OpenAI-compatible base URL, and empty values fall back to the defaults", async () => {
    const { client, userId } = await newAccount();
    await client.post("/settings", { intent: "save-provider", model: "llama3.1:8b", baseUrl: "http://127.0.0.1:11434/v1/" });
    expect(await app.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      aiModel: "llama3.1:8b",
      aiBaseUrl: "http://127.0.0.1:11434/v1",
    });
    await client.post("/settings", { intent: "save-provider", model: "", baseUrl: "" });
    expect(await app.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ aiModel: null, aiBaseUrl: null });
  });

  it("sends a saved key to its own server only: another origin removes the key, a path on the same one keeps it", async () => {
    const { client, userId } = await newAccount();
    const key = async () => (await app.db.user.findUniqueOrThrow({ where: { id: userId } })).apiKeyCiphertext;
    await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-endpoint-key-4321" });
    const samePlace = new URL("/other/v1", process.env.OPENAI_BASE_URL).toString(); // the server default's origin
    const kept = await client.post("/settings", { intent: "save-provider", model: "", baseUrl: samePlace });
    expect(visibleText(await kept.text())).toContain("Provider settings saved.");
    expect(await key()).not.toBeNull();

    const moved = await client.post("/settings", { intent: "save-provider", model: "", baseUrl: "http://127.0.0.1:11434/v1" });
    expect(moved.status).toBe(200);
    expect(visibleText(await moved.text())).toContain(
      "Provider settings saved. Your API key was removed: a key is only ever sent to the endpoint it was saved for. Add the key for the new endpoint.",
    );
    expect(await app.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      aiBaseUrl: "http://127.0.0.1:11434/v1",
      apiKeyCiphertext: null,
      apiKeyLast4: null,
    });
    expect(await page(client)).not.toContain("4321");

    // Through the API the same: the profile then says there is no key.
    await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-endpoint-key-4321" });
    const { email } = await app.db.user.findUniqueOrThrow({ where: { id: userId } });
    const api = await apiLogin(app, email, PASSWORD);
    const patched = await api.json("PATCH", "/api/v1/users/me", { ai_base_url: null });
    expect(await patched.json()).toMatchObject({ has_api_key: false, ai_base_url: null });
  });

  it("refuses URLs that are not http(s) or carry credentials", async () => {
    const { client } = await newAccount();
    for (const [baseUrl, message] of [
      ["ftp://example.com/v1", "must start with https:// or http://"],
      ["https://user:pw@example.com/v1", "Put credentials in the API key field"],
    ]) {
      const res = await client.post("/settings", { intent: "save-provider", model: "", baseUrl: baseUrl! });
      expect(res.status).toBe(400);
      expect(visibleText(await res.text())).toContain(message);
    }
  });
});

describe("provider settings through the JSON API (PATCH /api/v1/users/me)", () => {
  type ApiError = { error: { code: string; fields?: Record<string, string[]> } };
  const signUpWithToken = async () => {
    const user = await newAccount();
    return { ...user, api: await apiLogin(app, user.email, PASSWORD) };
  };
  const defaults = () => ({ model: "gpt-4o-mini", base_url: app.fake.url });

  it("sets the model and base URL (normalised like the page does), and GET and the Settings page show them", async () => {
    const { api, client, userId } = await signUpWithToken();
    const res = await api.json("PATCH", "/api/v1/users/me", { ai_model: "llama3.1:8b", ai_base_url: "http://127.0.0.1:11434/v1/" });
    expect(res.status).toBe(200);
    const expected = {
      model: "llama3.1:8b",
      base_url: "http://127.0.0.1:11434/v1",
      ai_model: "llama3.1:8b",
      ai_base_url: "http://127.0.0.1:11434/v1",
    };
    expect(await res.json()).toMatchObject(expected);
    expect(await (await api.get("/api/v1/users/me")).json()).toMatchObject(expected);
    expect(await app.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      aiModel: "llama3.1:8b",
      aiBaseUrl: "http://127.0.0.1:11434/v1",
    });
    const html = await (await client.get("/settings")).text();
    expect(html).toMatch(/name="model"[^>]*value="llama3\.1:8b"|value="llama3\.1:8b"[^>]*name="model"/);
    expect(html).toMatch(
      /name="baseUrl"[^>]*value="http:\/\/127\.0\.0\.1:11434\/v1"|value="http:\/\/127\.0\.0\.1:11434\/v1"[^>]*name="baseUrl"/,
    );
  });

  it("changes only the fields sent; null (or an empty string) goes back to the server default", async () => {
    const { api, userId } = await signUpWithToken();
    await api.json("PATCH", "/api/v1/users/me", { ai_model: "gpt-4.1", ai_base_url: "https://llm.example.com/v1" });
    const modelOnly = await api.json("PATCH", "/api/v1/users/me", { ai_model: "gpt-4o" });
    expect(await modelOnly.json()).toMatchObject({ model: "gpt-4o", base_url: "https://llm.example.com/v1" });

    const reset = await api.json("PATCH", "/api/v1/users/me", { ai_model: null, ai_base_url: "" });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ ...defaults(), ai_model: null, ai_base_url: null });
    expect(await app.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ aiModel: null, aiBaseUrl: null });
  });

  it("refuses a bad URL or model with 422 and the field's problem, and changes nothing", async () => {
    const { api, userId } = await signUpWithToken();
    await api.json("PATCH", "/api/v1/users/me", { ai_model: "gpt-4o", ai_base_url: "https://llm.example.com/v1" });
    for (const [body, field, message] of [
      [{ ai_base_url: "ftp://example.com/v1" }, "ai_base_url", "The URL must start with https:// or http://"],
      [{ ai_base_url: "https://user:pw@example.com/v1" }, "ai_base_url", "Put credentials in the API key field, not in the URL"],
      [{ ai_base_url: "not a url" }, "ai_base_url", "Enter a full URL, like https://api.openai.com/v1"],
      [{ ai_model: "two words", ai_base_url: null }, "ai_model", "Model names use letters, digits and . : / @ - _ only"],
      [{ ai_base_url: 42 }, "ai_base_url", undefined],
      [{}, "body", undefined],
    ] as const) {
      const res = await api.json("PATCH", "/api/v1/users/me", body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const error = ((await res.json()) as ApiError).error;
      expect(error.code).toBe("validation_error");
      expect(error.fields?.[field], JSON.stringify(body)).toBeDefined();
      if (message) expect(error.fields?.[field]).toEqual([message]);
    }
    expect(await app.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      aiModel: "gpt-4o",
      aiBaseUrl: "https://llm.example.com/v1",
    });
  });

  it("acts on the token's own user only, and needs one", async () => {
    const alice = await signUpWithToken();
    const bob = await signUpWithToken();
    expect((await bob.api.json("PATCH", "/api/v1/users/me", { ai_model: "bobs-model" })).status).toBe(200);
    expect((await app.db.user.findUniqueOrThrow({ where: { id: alice.userId } })).aiModel).toBeNull();
    expect((await app.db.user.findUniqueOrThrow({ where: { id: bob.userId } })).aiModel).toBe("bobs-model");
    expect((await app.client().json("PATCH", "/api/v1/users/me", { ai_model: "anyone" })).status).toBe(401);
  });

  it("checks a new key against the user's own base URL, on the page and in the API alike", async () => {
    const { api, client, userId } = await signUpWithToken();
    const notOpenAi = "ollama-style-key-without-prefix-1234";
    // Not OpenAI (the server default here is the fake): any well-formed key goes.
    expect((await api.json("PUT", "/api/v1/users/me/api-key", { api_key: notOpenAi })).status).toBe(200);
    // Once the user's endpoint is OpenAI's own, keys must look like OpenAI keys in both faces (and the key saved
    // for the other server is gone: a key goes only to the server it was saved for).
    const moved = await api.json("PATCH", "/api/v1/users/me", { ai_base_url: "https://api.openai.com/v1" });
    expect(await moved.json()).toMatchObject({ has_api_key: false, ai_base_url: "https://api.openai.com/v1" });
    const viaApi = await api.json("PUT", "/api/v1/users/me/api-key", { api_key: "another-key-without-prefix-5678" });
    expect(viaApi.status).toBe(422);
    expect(((await viaApi.json()) as ApiError).error.fields?.api_key?.[0]).toContain("OpenAI keys start with “sk-”");
    const viaPage = await client.post("/settings", { intent: "save-api-key", apiKey: "another-key-without-prefix-5678" });
    expect(viaPage.status).toBe(400);
    expect(visibleText(await viaPage.text())).toContain("OpenAI keys start with “sk-”");
    expect((await app.db.user.findUniqueOrThrow({ where: { id: userId } })).apiKeyLast4).toBeNull(); // neither was saved
  });
});

describe("settings: password change", () => {
  it("requires the current password and signs out every other session", async () => {
    const { client, email } = await newAccount();
    const other = app.client();
    await other.post("/login", { email, password: PASSWORD });
    expect((await other.get("/settings")).status).toBe(200);

    const wrong = await client.post("/settings", {
      intent: "change-password",
      currentPassword: "not my password",
      newPassword: "my new passphrase here",
      confirmPassword: "my new passphrase here",
    });
    expect(visibleText(await wrong.text())).toContain("That password is not correct");

    const ok = await client.post("/settings", {
      intent: "change-password",
      currentPassword: PASSWORD,
      newPassword: "my new passphrase here",
      confirmPassword: "my new passphrase here",
    });
    expect(visibleText(await ok.text())).toContain("Password changed. Every other device was signed out.");
    expect((await client.get("/settings")).status).toBe(200); // this session stays
    expect((await other.get("/settings")).status).toBe(302); // the other one is gone
    expect((await app.client().post("/login", { email, password: "my new passphrase here" })).status).toBe(302);
  });
});

describe("settings: confirming the password", () => {
  it("counts guesses against the sign-in limit: after 5 wrong ones, a change and a deletion are refused on the field with 429", async () => {
    const { client, email, userId } = await newAccount();
    const change = (currentPassword: string) =>
      client.post("/settings", {
        intent: "change-password",
        currentPassword,
        newPassword: "my new passphrase here",
        confirmPassword: "my new passphrase here",
      });
    // A right password gives its slot back: it does not count towards the 5.
    expect(visibleText(await (await change(PASSWORD)).text())).toContain("Password changed.");
    for (let i = 0; i < 2; i++) expect((await change(`wrong guess ${i}`)).status).toBe(400);
    for (let i = 2; i < 5; i++) {
      const res = await client.post("/settings", { intent: "delete-account", password: `wrong guess ${i}`, confirm: "delete" });
      expect(res.status).toBe(400);
    }

    const refused = await change("my new passphrase here");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(await refused.text())).toMatch(/Too many attempts\. Please wait \d+ minutes and try again\./);
    const deletion = await client.post("/settings", { intent: "delete-account", password: "my new passphrase here", confirm: "delete" });
    expect(deletion.status).toBe(429);
    expect(await app.db.user.count({ where: { id: userId } })).toBe(1);
    // The same allowance as the login page's: guesses here used it up there too.
    expect((await app.client().post("/login", { email, password: "my new passphrase here" })).status).toBe(429);
  });
});

describe("settings: delete account", () => {
  it("needs the password and the word, then removes every row of the user", async () => {
    const { client, userId } = await newAccount();
    await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-delete-me-000001" });
    await app.db.resume.create({ data: { userId, content: "My résumé ".repeat(10) } });
    await app.db.jobPosting.create({ data: { userId, title: "Engineer", description: "A job description long enough to count." } });

    const wrong = await client.post("/settings", { intent: "delete-account", password: "nope nope nope", confirm: "delete" });
    expect(wrong.status).toBe(400);
    expect(await app.db.user.count({ where: { id: userId } })).toBe(1);

    const res = await client.post("/settings", { intent: "delete-account", password: PASSWORD, confirm: "delete" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?notice=deleted");
    expect(await app.db.user.count({ where: { id: userId } })).toBe(0);
    expect(await app.db.authSession.count({ where: { userId } })).toBe(0);
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);
    expect(await app.db.jobPosting.count({ where: { userId } })).toBe(0);
  });
});
