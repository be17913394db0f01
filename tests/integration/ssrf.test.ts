import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeOpenAI } from "../fakes/openai-server.ts";
import { visibleText } from "../support/html.ts";
import { readyUser, startThroughUi, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signUp } from "../support/users.ts";

// With AI_ALLOW_PRIVATE_BASE_URLS off (the production default), users cannot aim the worker at
// loopback, private, link-local or metadata addresses: not when they save the URL (Settings page
// or PATCH /api/v1/users/me), and not when a connection is made (an IP literal, a name that
// resolves privately, whatever is in the database).
let app: TestApp;
/** Stand-ins for services on the server's own network, each on a loopback address. */
const internalV4 = new FakeOpenAI();
const internalV6 = new FakeOpenAI();
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { AI_ALLOW_PRIVATE_BASE_URLS: "false", RATE_LIMIT_REGISTER_PER_IP: "1000" } });
  await internalV4.start();
  await internalV6.start(0, "::1");
});
afterAll(async () => {
  await app.close();
  await internalV4.stop();
  await internalV6.stop();
});

const PRIVATE_URLS = [
  "http://127.0.0.1:11434/v1",
  "http://localhost:8080/v1",
  "http://10.1.2.3/v1",
  "http://192.168.1.10/v1",
  "http://172.16.0.1/v1",
  "http://169.254.169.254/latest",
  "http://0.0.0.0/v1",
  // Other spellings of 127.0.0.1 that the URL parser turns into it.
  "http://2130706433/v1",
  "http://0x7f.1/v1",
  "http://127.1/v1",
  "http://0177.0.0.1/v1",
  // IPv6, and IPv4 addresses inside IPv6 ones.
  "http://[::1]:8080/v1",
  "http://[::]/v1",
  "http://[::ffff:127.0.0.1]/v1",
  "http://[::127.0.0.1]/v1",
  "http://[::ffff:0:127.0.0.1]/v1",
  "http://[0:0:0:0:0:ffff:7f00:1]/v1",
  "http://[64:ff9b::169.254.169.254]/v1",
  "http://[2002:7f00:1::]/v1",
  "http://[fd00:ec2::254]/v1",
  "http://[fe80::1]/v1",
];

const REFUSAL = /private or local network address|couldn't find the host/;

describe("saving a private AI base URL is refused", () => {
  it.each(PRIVATE_URLS)("on the Settings page: %s", async (baseUrl) => {
    const { client, userId } = await signUp(app);
    const res = await client.post("/settings", { intent: "save-provider", model: "", baseUrl });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toMatch(REFUSAL);
    expect((await app.db.user.findUniqueOrThrow({ where: { id: userId } })).aiBaseUrl).toBeNull();
  });

  it.each(PRIVATE_URLS)("through PATCH /api/v1/users/me: %s", async (baseUrl) => {
    const { email, userId } = await signUp(app);
    const api = await apiLogin(app, email);
    const res = await api.json("PATCH", "/api/v1/users/me", { ai_base_url: baseUrl });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("validation_error");
    expect(body.error.fields.ai_base_url?.[0]).toMatch(REFUSAL);
    expect((await app.db.user.findUniqueOrThrow({ where: { id: userId } })).aiBaseUrl).toBeNull();
  });
});

describe("connecting to a private address is refused whatever URL is stored", () => {
  // The save-time check stops these URLs, so they reach the database only through a DNS answer
  // that changed since (rebinding) or a URL saved while the operator allowed private endpoints.
  // Writing them straight into the row stands for both.
  const port = (fake: FakeOpenAI) => new URL(fake.url).port;

  it.each([
    ["an IPv4 literal", () => `http://127.0.0.1:${port(internalV4)}/v1`, internalV4],
    ["an IPv6 literal", () => `http://[::1]:${port(internalV6)}/v1`, internalV6],
    ["a name that resolves to loopback", () => `http://localhost:${port(internalV4)}/v1`, internalV4],
  ] as const)("the worker's AI call to %s fails with base_url_blocked and the address gets nothing", async (_what, url, target) => {
    target.reset();
    const { client, userId, postingId } = await readyUser(app);
    await app.db.user.update({ where: { id: userId }, data: { aiBaseUrl: url() } });
    const sessionId = await startThroughUi(client, postingId);
    const op = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "question_generation" } });
    expect(await waitForOperation(app, op.id, 30_000)).toMatchObject({
      status: "failed",
      errorCode: "base_url_blocked",
      errorMessage: "Your AI base URL points at a private network address, which this server does not call. Change it in Settings.",
    });
    expect(target.requests).toEqual([]);
  });

  it("the Settings page's key test to an IPv4 literal is refused too", async () => {
    internalV4.reset();
    const { client, userId } = await readyUser(app);
    await app.db.user.update({ where: { id: userId }, data: { aiBaseUrl: `http://127.0.0.1:${port(internalV4)}/v1` } });
    const text = visibleText(await (await client.post("/settings", { intent: "test-api-key" })).text());
    expect(text).toContain("Your AI base URL points at a private network address");
    expect(internalV4.requests).toEqual([]);
  });
});
