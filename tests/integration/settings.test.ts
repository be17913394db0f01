import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpClient } from "../support/http-client.ts";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { signedInUser } from "../support/users.ts";

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
