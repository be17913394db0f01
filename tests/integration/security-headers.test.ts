import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClient } from "../support/http-client.ts";
import { POSTING } from "../support/interviews.ts";
import { seedSession } from "../support/seed-sessions.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";
import { startWebProcess } from "./support/web-process.ts";

// Issue 7 point 1: the security headers on every kind of response the app sends, and HSTS as configured.
let app: TestApp;
let browser: HttpClient;
let api: HttpClient;
let sessionId: string;

beforeAll(async () => {
  app = await startTestApp({ env: { NODE_ENV: "production" } });
  const user = await signedInUser(app);
  browser = user.client;
  api = await apiLogin(app, user.email);
  sessionId = (await seedSession(app, user.userId, { status: "active" })).id;
});
afterAll(() => app.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectSecurityHeaders(res: Response, what: string) {
  const csp = res.headers.get("content-security-policy") ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );
  expect(directives.get("default-src"), `${what}: default-src`).toEqual(["'self'"]);
  const scriptSrc = directives.get("script-src") ?? [];
  expect(
    scriptSrc.some((s) => /^'nonce-[A-Za-z0-9+/=]{22,}'$/.test(s)),
    `${what}: script nonce`,
  ).toBe(true);
  expect(scriptSrc, `${what}: no inline or eval scripts`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `${what}: no eval`).not.toContain("'unsafe-eval'");
  expect(directives.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(directives.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(directives.get("base-uri"), `${what}: base-uri`).toEqual(["'none'"]);
  expect(directives.get("form-action"), `${what}: form-action`).toEqual(["'self'"]);
  expect(res.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
  expect(res.headers.get("permissions-policy"), `${what}: Permissions-Policy`).toMatch(/camera=\(\).*microphone=\(self\)/);
  expect(res.headers.get("x-powered-by"), `${what}: X-Powered-By`).toBeNull();
  expect(res.headers.get("x-request-id"), `${what}: X-Request-Id`).toMatch(UUID);
}

/** The SSE stream never ends on its own: take its headers, then hang up. */
async function openEvents(baseUrl: string, client: HttpClient, path: string) {
  const controller = new AbortController();
  const res = await fetch(new URL(path, baseUrl), { headers: { cookie: client.cookieHeader() }, signal: controller.signal });
  controller.abort();
  return res;
}

async function assetPath(html: string) {
  const match = html.match(/(?:src|href)="(\/assets\/[^"]+\.js)"/);
  expect(match, "the page references a built script").not.toBeNull();
  return match![1]!;
}

describe("security headers", () => {
  it("are on every kind of response: pages, data requests, JSON, assets, redirects, errors, health, SSE, preflight", async () => {
    const anonymous = app.client();
    const home = await anonymous.get("/");
    const asset = await assetPath(await home.clone().text());
    const posting = await app.db.jobPosting.create({ data: { userId: (await app.db.user.findFirstOrThrow()).id, ...POSTING } });

    const responses: Array<[string, Response, number]> = [
      ["landing page", home, 200],
      ["sign-in page", await anonymous.get("/login"), 200],
      ["signed-in page", await browser.get("/dashboard"), 200],
      ["page with an id", await browser.get(`/jobs/${posting.id}`), 200],
      ["single-fetch data request", await browser.get("/dashboard.data"), 200],
      ["HEAD of a page", await browser.request("/dashboard", { method: "HEAD" }), 200],
      ["redirect to sign-in", await anonymous.get("/dashboard"), 302],
      ["redirect after a form post", await browser.post("/jobs/new", { title: "T", description: POSTING.description }), 302],
      ["JSON API", await api.get("/api/v1/users/me"), 200],
      ["JSON API created", await api.json("POST", "/api/v1/job-postings", { title: "T", description: POSTING.description }), 201],
      ["JSON API 401", await anonymous.get("/api/v1/users/me"), 401],
      ["JSON API 404", await api.get("/api/v1/no-such-endpoint"), 404],
      ["JSON API 405", await api.request("/api/v1/users/me", { method: "DELETE" }), 405],
      ["JSON API 422", await api.json("POST", "/api/v1/job-postings", {}), 422],
      [
        "JSON API 400 malformed",
        await api.request("/api/v1/job-postings", { method: "POST", body: "{", headers: { "content-type": "application/json" } }),
        400,
      ],
      ["404 page", await anonymous.get("/no/such/page"), 404],
      ["404 for a foreign id", await browser.get("/jobs/00000000-0000-4000-8000-000000000000"), 404],
      ["built script", await anonymous.get(asset), 200],
      ["missing asset", await anonymous.get("/assets/no-such-file.js"), 404],
      ["favicon", await anonymous.get("/favicon.svg"), 200],
      ["health", await anonymous.get("/healthz"), 200],
      ["readiness", await anonymous.get("/readyz"), 200],
      [
        "CORS preflight",
        await anonymous.request("/api/v1/users/me", { method: "OPTIONS", headers: { origin: "https://elsewhere.example" } }),
        401,
      ],
      ["cross-site write refused", await browser.post("/jobs/new", { title: "T" }, { origin: "https://evil.example" }), 403],
      ["body too large", await browser.post("/jobs/new", { description: "x".repeat(1_100_000) }), 413],
      [
        "not a form",
        await browser.request("/jobs/new", { method: "POST", body: "<x/>", headers: { "content-type": "application/xml" } }),
        415,
      ],
      ["server-sent events", await openEvents(app.url, browser, `/interviews/${sessionId}/events`), 200],
    ];
    for (const [what, res, status] of responses) {
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res, what);
      expect(res.headers.get("strict-transport-security"), `${what}: no HSTS over plain HTTP (HSTS=auto)`).toBeNull();
    }
    expect(responses.find(([what]) => what === "server-sent events")![1].headers.get("content-type")).toContain("text/event-stream");
  });

  it("are on server error pages and JSON 500s too", async () => {
    await app.db.$executeRawUnsafe("ALTER TABLE job_postings RENAME TO job_postings_away");
    try {
      const page = await browser.get("/jobs");
      const json = await api.get("/api/v1/job-postings");
      expect([page.status, json.status]).toEqual([500, 500]);
      expectSecurityHeaders(page, "500 page");
      expectSecurityHeaders(json, "500 JSON");
    } finally {
      await app.db.$executeRawUnsafe("ALTER TABLE job_postings_away RENAME TO job_postings");
    }
  });

  it("give every script element of every page that response's nonce, and pages use no inline event handlers", async () => {
    const posting = await app.db.jobPosting.findFirstOrThrow();
    const pages = [
      "/",
      "/login",
      "/register",
      "/dashboard",
      "/settings",
      "/resume",
      "/jobs",
      `/jobs/${posting.id}`,
      `/interviews/${sessionId}`,
      "/no/such/page",
    ];
    for (const path of pages) {
      const res = path === "/" || path === "/login" || path === "/register" ? await app.client().get(path) : await browser.get(path);
      const nonce = res.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, `${path} has React Router's scripts`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
      expect(html, `${path}: inline event handler`).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      expect(html, `${path}: javascript: URL`).not.toMatch(/(?:href|src|action)="\s*javascript:/i);
    }
  });

  it("use a fresh nonce for every response", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) {
      nonces.add((await app.client().get("/")).headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1]!);
    }
    expect(nonces.size).toBe(5);
  });
});

describe("HSTS (HSTS=true|false|auto)", () => {
  async function hstsHeaders(env: Record<string, string>) {
    const web = await startWebProcess(app.databaseUrl, env);
    try {
      const paths = ["/", "/login", "/dashboard", "/api/v1/users/me", "/no/such/page", "/favicon.svg", "/healthz"];
      return await Promise.all(
        paths.map(async (path) => [
          path,
          (await fetch(new URL(path, web.url), { redirect: "manual" })).headers.get("strict-transport-security"),
        ]),
      );
    } finally {
      await web.stop();
    }
  }

  it("auto: sent on every response when APP_URL is https, with a year and subdomains", async () => {
    for (const [path, hsts] of await hstsHeaders({ HSTS: "auto", APP_URL: "https://interviews.example.test" })) {
      expect(hsts, path!).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("false: never sent, even when APP_URL is https (a proxy in front sets its own)", async () => {
    for (const [path, hsts] of await hstsHeaders({ HSTS: "false", APP_URL: "https://interviews.example.test" })) {
      expect(hsts, path!).toBeNull();
    }
  });

  it("true: sent even when APP_URL is plain http (TLS terminated before the app)", async () => {
    for (const [path, hsts] of await hstsHeaders({ HSTS: "true" })) {
      expect(hsts, path!).toBe("max-age=31536000; includeSubDomains");
    }
  });
});
