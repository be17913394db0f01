import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { TEST_PASSWORD } from "../support/users.ts";
import { snapshotDatabase } from "./support/db-snapshot.ts";
import { userWithEverything, type RichUser } from "./support/rich-user.ts";
import { allRoutes } from "./support/route-map.ts";
import { readSpecs, writeSpecs, type WriteSpec } from "./support/route-requests.ts";

// Issue 7 point 2: a cookie-authenticated write from another site is refused on every route and
// changes nothing; bearer-token calls are exempt; no GET (or HEAD, OPTIONS) changes anything.
let app: TestApp;
let owner: RichUser;

beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
  owner = await userWithEverything(app);
});
afterAll(() => app.close());

/** What a browser on another site can make a victim's browser send: the cookie rides along, the site signals vary. */
const CROSS_SITE: Array<[string, Record<string, string>]> = [
  ["Origin of another site", { origin: "https://evil.example" }],
  ["Origin: null (sandboxed frame, privacy redirect)", { origin: "null" }],
  ["Origin: null and Sec-Fetch-Site: cross-site", { origin: "null", "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site: cross-site without Origin", { "sec-fetch-site": "cross-site" }],
  ["Sec-Fetch-Site: same-site (a sibling subdomain) without Origin", { "sec-fetch-site": "same-site" }],
  ["a foreign Referer without Origin or Sec-Fetch-Site", { referer: "https://evil.example/attack.html" }],
  ["a look-alike Origin", { origin: "http://127.0.0.1.evil.example" }],
];

/** Send a spec exactly as given: no Origin is added (unlike the test client's browser imitation). */
async function send(spec: WriteSpec, headers: Record<string, string>) {
  const init: RequestInit & { headers: Record<string, string> } = { method: spec.method, headers: { ...headers }, redirect: "manual" };
  if (spec.form instanceof FormData) init.body = spec.form;
  else if (spec.form) init.body = new URLSearchParams(spec.form);
  else if (spec.json !== undefined) {
    init.body = JSON.stringify(spec.json);
    init.headers["content-type"] = "application/json";
  }
  return fetch(new URL(spec.path, app.url), init);
}

const label = (spec: WriteSpec) => `${spec.method} ${spec.path}${spec.intent ? ` (${spec.intent})` : ""}`;

describe("CSRF", () => {
  it("lists every write of the app: each action and intent, each JSON write method", () => {
    const specs = writeSpecs(owner);
    for (const route of allRoutes()) {
      if (!route.api && route.hasAction) {
        expect(
          specs.some((s) => s.route === route.path),
          `a write spec for ${route.path}`,
        ).toBe(true);
        for (const intent of route.intents) {
          expect(
            specs.some((s) => s.route === route.path && s.intent === intent),
            `${route.path} intent ${intent}`,
          ).toBe(true);
        }
      }
      if (route.api) {
        for (const method of route.methods.filter((m) => m !== "GET")) {
          expect(
            specs.some((s) => s.route === route.path && s.method === method),
            `${method} ${route.path}`,
          ).toBe(true);
        }
      }
    }
  });

  it("refuses a cross-site, cookie-authenticated write on every route with 403, and nothing changes", async () => {
    const before = await snapshotDatabase(app);
    const cookie = owner.client.cookieHeader();
    let refused = 0;
    for (const spec of writeSpecs(owner)) {
      for (const [how, headers] of CROSS_SITE) {
        const res = await send(spec, { ...headers, cookie });
        expect(res.status, `${label(spec)} with ${how}`).toBe(403);
        const body = await res.text();
        if (spec.path.startsWith("/api/")) expect(JSON.parse(body).error.code).toBe("cross_site_request");
        else expect(body).toContain("This form came from another site");
        refused++;
      }
    }
    expect(await snapshotDatabase(app)).toEqual(before);
    expect((await owner.client.get("/dashboard")).status, "still signed in").toBe(200);
    console.info(`CSRF: ${refused} cross-site writes refused`);
  });

  it("refuses a cross-site write without any cookie too (forged sign-up, login, reset)", async () => {
    const before = await snapshotDatabase(app);
    for (const spec of writeSpecs(owner).filter((s) => ["/register", "/login", "/forgot-password", "/reset-password"].includes(s.route))) {
      const res = await send(spec, { origin: "https://evil.example" });
      expect(res.status, label(spec)).toBe(403);
    }
    expect(await snapshotDatabase(app)).toEqual(before);
  });

  it("lets the same writes through from our own origin (the check is not a blanket refusal)", async () => {
    const cookie = owner.client.cookieHeader();
    const harmless = writeSpecs(owner).filter((s) => ["save-draft", "save-provider", "save"].includes(s.intent ?? ""));
    expect(harmless).toHaveLength(3);
    for (const spec of harmless) {
      const sameOrigin: Array<Record<string, string>> = [
        { origin: app.url },
        { "sec-fetch-site": "same-origin" },
        { referer: `${app.url}/settings` },
        {},
      ];
      for (const headers of sameOrigin) {
        const res = await send(spec, { ...headers, cookie });
        expect(res.status, `${label(spec)} with ${JSON.stringify(headers)}`).not.toBe(403);
        expect(res.status).toBeLessThan(400);
      }
    }
  });

  it("exempts bearer-token API calls: they carry no ambient credential, so any Origin may send them", async () => {
    const other = await userWithEverything(app);
    const token = other.api;
    for (const spec of writeSpecs(other).filter((s) => s.path.startsWith("/api/"))) {
      const headers: Record<string, string> = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
      const res = await token.request(spec.path, {
        method: spec.method,
        headers,
        ...(spec.form ? { form: spec.form } : spec.json !== undefined ? { json: spec.json } : {}),
      });
      expect(res.status, label(spec)).not.toBe(403);
      expect(res.status, label(spec)).toBeLessThan(500);
    }
    // The same token with the session cookie beside it is a cookie-authenticated request again.
    const fresh = await userWithEverything(app);
    const both = await fetch(new URL("/api/v1/job-postings", app.url), {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        cookie: fresh.client.cookieHeader(),
        authorization: `Bearer ${await bearerOf(fresh)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ title: "x", description: "y".repeat(40) }),
    });
    expect(both.status).toBe(403);
  });
});

async function bearerOf(user: RichUser) {
  const res = await app.client().json("POST", "/api/v1/auth/login", { email: user.email, password: TEST_PASSWORD });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("no state changes on GET", () => {
  it("reads every route of app/routes.ts", () => {
    const read = new Set(readSpecs(owner).map((r) => r.route));
    for (const route of allRoutes()) expect(read.has(route.path), `a GET of ${route.path}`).toBe(true);
  });

  it("GET, HEAD and OPTIONS of every route — by cookie, by bearer token and signed out — change no row and queue no job", async () => {
    // Rate-limit counters are bookkeeping, not data: GET /api/v1/export takes a slot of the hour's exports (issue 20).
    const except = ["rate_limits"];
    const before = await snapshotDatabase(app, { except });
    const bearer = `Bearer ${await bearerOf(owner)}`;
    const afterLogin = await snapshotDatabase(app, { except }); // the login above created the token's row
    let requests = 0;
    for (const { path } of readSpecs(owner)) {
      for (const method of ["GET", "HEAD", "OPTIONS"]) {
        const credentials: Array<Record<string, string>> = [{ cookie: owner.client.cookieHeader() }, {}];
        if (path.startsWith("/api/")) credentials.push({ authorization: bearer });
        for (const headers of credentials) {
          const controller = new AbortController();
          const res = await fetch(new URL(path, app.url), { method, headers, redirect: "manual", signal: controller.signal });
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          // Read each answer to its end (a streamed page ends when its last loader has); the event stream
          // never ends: take its head, then hang up.
          if (res.headers.get("content-type")?.startsWith("text/event-stream")) controller.abort();
          else await res.arrayBuffer();
          requests++;
        }
      }
    }
    await app.settled(); // the server has finished with every request: anything they wrote has landed
    expect(before).not.toEqual(afterLogin);
    expect(await snapshotDatabase(app, { except })).toEqual(afterLogin);
    // GET /logout in particular did not sign anyone out.
    expect((await owner.client.get("/dashboard")).status).toBe(200);
    console.info(`GET safety: ${requests} reads, no change`);
  });
});

describe("the API's export", () => {
  it("takes the bearer token only: a link on another site cannot spend the user's exports with their cookie", async () => {
    const exportSlots = () => app.db.rateLimit.findMany({ where: { key: { startsWith: "export_user" } }, orderBy: { key: "asc" } });
    const before = await exportSlots();
    const byCookie = await fetch(new URL("/api/v1/export", app.url), {
      headers: { cookie: owner.client.cookieHeader(), "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
      redirect: "manual",
    });
    expect(byCookie.status).toBe(403);
    expect(((await byCookie.json()) as { error: { code: string } }).error.code).toBe("bearer_token_required");
    expect(await exportSlots()).toEqual(before);

    const byToken = await fetch(new URL("/api/v1/export", app.url), { headers: { authorization: `Bearer ${await bearerOf(owner)}` } });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get("content-disposition")).toMatch(/^attachment; filename="ai-interviewer-export-/);
  });
});
