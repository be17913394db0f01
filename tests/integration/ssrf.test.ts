import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

// With AI_ALLOW_PRIVATE_BASE_URLS off (the production default), users cannot aim the worker at
// loopback, private, link-local or metadata addresses.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { AI_ALLOW_PRIVATE_BASE_URLS: "false" } });
});
afterAll(() => app.close());

describe("AI base URL SSRF guard", () => {
  it.each([
    "http://127.0.0.1:11434/v1",
    "http://localhost:8080/v1",
    "http://10.1.2.3/v1",
    "http://192.168.1.10/v1",
    "http://172.16.0.1/v1",
    "http://169.254.169.254/latest",
    "http://[::1]:8080/v1",
    "http://[::ffff:127.0.0.1]/v1",
    "http://0.0.0.0/v1",
  ])("refuses %s", async (baseUrl) => {
    const client = app.client();
    const email = `ssrf-${Math.random().toString(36).slice(2)}@example.com`;
    await client.post("/register", { email, password: "ssrf test passphrase" });
    const res = await client.post("/settings", { intent: "save-provider", model: "", baseUrl });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toMatch(/private or local network address|couldn't find the host/);
    expect((await app.db.user.findUniqueOrThrow({ where: { email } })).aiBaseUrl).toBeNull();
  });
});
