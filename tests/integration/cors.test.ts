import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTING } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { signedInUser, TEST_PASSWORD } from "../support/users.ts";
import { startWebProcess } from "./support/web-process.ts";

// Issue 7 point 3: CORS on /api/v1 is off unless configured; then only the listed origins, never "*", never credentials.
const TOOLS = "https://tools.example.test";
const OTHER_LISTED = "https://dashboards.example.test";
const STRANGER = "https://evil.example.test";

let app: TestApp;
let email: string;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ env: { CORS_ORIGINS: `${TOOLS}, ${OTHER_LISTED}`, RATE_LIMIT_LOGIN_PER_IP: "1000" } });
  const user = await signedInUser(app);
  email = user.email;
  const login = await app.client().json("POST", "/api/v1/auth/login", { email, password: TEST_PASSWORD });
  token = ((await login.json()) as { access_token: string }).access_token;
});
afterAll(() => app.close());

type Probe = { method: string; path: string; headers?: Record<string, string>; body?: string };

/** What a browser on `origin` would send: the simple request or its preflight. */
function requests(origin: string): Probe[] {
  const auth = { authorization: `Bearer ${token}` };
  const preflight = (path: string, method: string) => ({
    method: "OPTIONS",
    path,
    headers: { "access-control-request-method": method, "access-control-request-headers": "authorization, content-type" },
  });
  return [
    { method: "GET", path: "/api/v1/users/me", headers: auth },
    { method: "GET", path: "/api/v1/sessions", headers: auth },
    { method: "GET", path: "/api/v1/no-such-endpoint", headers: auth },
    { method: "GET", path: "/api/v1/users/me" }, // 401
    preflight("/api/v1/job-postings", "POST"),
    preflight("/api/v1/users/me/api-key", "DELETE"),
    preflight("/api/v1/auth/login", "POST"),
    {
      method: "POST",
      path: "/api/v1/job-postings",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: "From a tool", description: POSTING.description }),
    },
  ].map((probe) => ({ ...probe, headers: { ...probe.headers, origin } }));
}

async function send(baseUrl: string, probe: Probe) {
  return fetch(new URL(probe.path, baseUrl), { method: probe.method, headers: probe.headers, body: probe.body, redirect: "manual" });
}

describe("CORS off by default (no CORS_ORIGINS)", () => {
  it("gives no origin Access-Control-Allow-Origin, on any endpoint or preflight", async () => {
    const web = await startWebProcess(app.databaseUrl, {});
    try {
      for (const origin of [TOOLS, STRANGER, "null", web.url]) {
        for (const probe of requests(origin)) {
          const res = await send(web.url, probe);
          const what = `${probe.method} ${probe.path} from ${origin}`;
          expect(res.status, what).toBeLessThan(500);
          expect(res.headers.get("access-control-allow-origin"), what).toBeNull();
          expect(res.headers.get("access-control-allow-credentials"), what).toBeNull();
          expect(res.headers.get("access-control-allow-methods"), what).toBeNull();
        }
      }
      // A tool cannot even get a token cross-origin: the login is refused as a cross-site write.
      const login = await fetch(new URL("/api/v1/auth/login", web.url), {
        method: "POST",
        headers: { origin: TOOLS, "content-type": "application/json" },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(403);
    } finally {
      await web.stop();
    }
  });
});

describe("CORS with CORS_ORIGINS set", () => {
  it("answers listed origins with their own origin (never *), and others with nothing", async () => {
    for (const origin of [TOOLS, OTHER_LISTED]) {
      for (const probe of requests(origin)) {
        const res = await send(app.url, probe);
        const what = `${probe.method} ${probe.path} from ${origin}`;
        expect(res.headers.get("access-control-allow-origin"), what).toBe(origin);
        expect(res.headers.get("vary") ?? "", what).toMatch(/\bOrigin\b/i);
      }
    }
    for (const origin of [STRANGER, "null", `${TOOLS}.evil.test`, TOOLS.replace("https", "http"), `${TOOLS}:8443`]) {
      for (const probe of requests(origin)) {
        const res = await send(app.url, probe);
        const what = `${probe.method} ${probe.path} from ${origin}`;
        expect(res.headers.get("access-control-allow-origin"), what).toBeNull();
        expect(res.headers.get("vary") ?? "", `${what}: caches keep answers per origin`).toMatch(/\bOrigin\b/i);
      }
    }
  });

  it("never sends Access-Control-Allow-Credentials, to anyone, on anything", async () => {
    for (const origin of [TOOLS, STRANGER]) {
      for (const probe of [...requests(origin), { method: "GET", path: "/dashboard", headers: { origin } }]) {
        const res = await send(app.url, probe);
        expect(res.headers.get("access-control-allow-credentials"), `${probe.method} ${probe.path} from ${origin}`).toBeNull();
      }
    }
  });

  it("answers a listed origin's preflight with 204, the API's methods and headers and a cache time", async () => {
    const res = await send(
      app.url,
      requests(TOOLS).find((p) => p.method === "OPTIONS")!,
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT, PATCH, DELETE");
    expect(res.headers.get("access-control-allow-headers")).toBe("Authorization, Content-Type");
    expect(res.headers.get("access-control-max-age")).toBe("600");
    expect(await res.text()).toBe("");
  });

  it("lets a listed origin read the paging, Location and request-id headers", async () => {
    const res = await send(app.url, {
      method: "GET",
      path: "/api/v1/sessions",
      headers: { origin: TOOLS, authorization: `Bearer ${token}` },
    });
    const exposed = (res.headers.get("access-control-expose-headers") ?? "").split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(["X-Total-Count", "Link", "Location", "X-Request-Id", "Retry-After"]));
  });

  it("lets a tool on a listed origin sign in for a bearer token, but never write with the session cookie", async () => {
    const login = await fetch(new URL("/api/v1/auth/login", app.url), {
      method: "POST",
      headers: { origin: TOOLS, "content-type": "application/json" },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get("access-control-allow-origin")).toBe(TOOLS);

    const stranger = await fetch(new URL("/api/v1/auth/login", app.url), {
      method: "POST",
      headers: { origin: STRANGER, "content-type": "application/json" },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(stranger.status).toBe(403);

    // Even a listed origin is cross-site for the cookie: a cookie-carrying write from it is refused.
    const browser = (await signedInUser(app)).client;
    const before = await app.db.jobPosting.count();
    const withCookie = await browser.json(
      "POST",
      "/api/v1/job-postings",
      { title: "Forged", description: POSTING.description },
      { origin: TOOLS },
    );
    expect(withCookie.status).toBe(403);
    expect(await app.db.jobPosting.count()).toBe(before);
  });

  it("never puts CORS headers on pages", async () => {
    for (const path of ["/", "/login", "/dashboard", "/no/such/page", "/healthz"]) {
      const res = await fetch(new URL(path, app.url), { headers: { origin: TOOLS }, redirect: "manual" });
      expect(res.headers.get("access-control-allow-origin"), path).toBeNull();
    }
  });
});
