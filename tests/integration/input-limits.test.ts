import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../support/http-client.ts";
import { visibleText } from "../support/html.ts";
import { RESUME_TEXT } from "../support/interviews.ts";
import { adminUrl, createTestDatabase } from "../support/test-database.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { TEST_PASSWORD } from "../support/users.ts";
import { changedTables, snapshotDatabase } from "./support/db-snapshot.ts";
import { userWithEverything, type RichUser } from "./support/rich-user.ts";
import { allRoutes } from "./support/route-map.ts";
import { writeSpecs, type WriteSpec } from "./support/route-requests.ts";
import { startWebProcess } from "./support/web-process.ts";

/**
 * Issue 7 point 4: body size limits on every route (a clear 413, JSON or page),
 * wrong and damaged bodies (415/400, never a 500), malformed JSON (400 in the
 * API's error shape), unknown URLs (a real 404 page) and server errors (a
 * friendly page with a reference id, never a stack trace) — in production mode.
 * Non-UUID ids (404 on every :id route) are covered by isolation-matrix.test.ts.
 */
let app: TestApp;
let user: RichUser;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ env: { NODE_ENV: "production", RATE_LIMIT_REGISTER_PER_IP: "1000" } });
  user = await userWithEverything(app);
  const login = await app.client().json("POST", "/api/v1/auth/login", { email: user.email, password: TEST_PASSWORD });
  token = ((await login.json()) as { access_token: string }).access_token;
});
afterAll(() => app.close());

const FORM_LIMIT = 1024 * 1024;
const JSON_LIMIT = 256 * 1024;
// The account import takes an export file of up to 50 MB (issue 20; export-import-limits.test.ts tests its limit).
const UPLOAD_ROUTES = new Set(["/resume", "/api/v1/resumes/me/file", "/settings/import", "/api/v1/imports"]);
const STACK = /\bat [\w.<>]+ \(|\.(?:ts|js|mjs):\d+|node_modules|Prisma|Invalid `|ECONNREFUSED|job_postings|auth_sessions/;

/** Every write of the app except the résumé uploads (which keep their own 2 MB limit), at most one per route and method. */
function writesOtherThanUploads() {
  const seen = new Set<string>();
  return writeSpecs(user).filter((spec) => {
    const key = `${spec.method} ${spec.route}`;
    if (UPLOAD_ROUTES.has(spec.route) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function send(spec: WriteSpec, body: BodyInit, contentType: string, extra: Record<string, string> = {}) {
  const client = spec.path.startsWith("/api/") ? user.api : user.client;
  return client.request(spec.path, { method: spec.method, body, headers: { "content-type": contentType, ...extra } });
}

/** A body without Content-Length: sent chunked, as a stream. */
function streamed(bytes: number) {
  const chunk = new TextEncoder().encode(`a=${"b".repeat(64 * 1024)}&`);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

async function sendStreamed(spec: WriteSpec, bytes: number, contentType: string) {
  const client = spec.path.startsWith("/api/") ? user.api : user.client;
  const headers: Record<string, string> = { "content-type": contentType, origin: app.url, cookie: client.cookieHeader() };
  if (spec.path.startsWith("/api/")) headers.authorization = `Bearer ${token}`;
  return fetch(new URL(spec.path, app.url), { method: spec.method, body: streamed(bytes), headers, duplex: "half" } as RequestInit);
}

async function expectTooLarge(res: Response, api: boolean, what: string) {
  expect(res.status, what).toBe(413);
  expect(res.headers.get("connection"), `${what}: the unread rest must not stall the next request`).toBe("close");
  const body = await res.text();
  if (api)
    expect(JSON.parse(body), what).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("larger than") } });
  else expect(visibleText(body), what).toContain("That was too large");
}

describe("body size limits", () => {
  it("refuse an oversized body on every route — declared or streamed, form or JSON — with a clear 413, and change nothing", async () => {
    const before = await snapshotDatabase(app);
    let checked = 0;
    for (const spec of writesOtherThanUploads()) {
      const api = spec.path.startsWith("/api/");
      const limit = api ? JSON_LIMIT : FORM_LIMIT;
      const what = `${spec.method} ${spec.path}`;
      const form = new URLSearchParams({ intent: spec.intent ?? "", filler: "x".repeat(limit) }).toString();
      const json = JSON.stringify({ filler: "x".repeat(limit) });
      await expectTooLarge(await send(spec, api ? json : form, api ? "application/json" : "application/x-www-form-urlencoded"), api, what);
      await expectTooLarge(
        await sendStreamed(spec, limit + 100_000, api ? "application/json" : "application/x-www-form-urlencoded"),
        api,
        `${what} (streamed)`,
      );
      checked++;
    }
    expect(await snapshotDatabase(app)).toEqual(before);
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it("still accept the largest real forms and JSON bodies", async () => {
    // 20,000 three-byte characters: about 180 KB URL-encoded.
    const description = `${"Ledger reliability € ".repeat(950)}`.slice(0, 20_000);
    const created = await user.client.post("/jobs/new", { title: "Long ad", description });
    expect(created.status).toBe(302);
    // A 50,000-character résumé of accented text, pasted and sent as JSON.
    const resume = `${"Développeur expérimenté ".repeat(2100)}`.slice(0, 50_000);
    expect((await user.client.post("/resume", { intent: "save", content: resume })).status).toBe(302);
    const put = await user.api.json("PUT", "/api/v1/resumes/me", { content: resume });
    expect(put.status).toBe(200);
  });

  it("keep the 2 MB résumé upload working, and refuse a larger one with the upload's own message", async () => {
    const file = (bytes: number) => new File([new Uint8Array(bytes).fill(0x61)], "resume.txt", { type: "text/plain" });
    const page = new FormData();
    page.set("intent", "upload");
    page.set("file", file(2 * 1024 * 1024 - 10_000));
    const uploaded = await user.client.post("/resume", page);
    expect(uploaded.status).toBe(200);
    expect(visibleText(await uploaded.text())).toMatch(/the limit is 50,000/);

    const api = new FormData();
    api.set("file", file(2 * 1024 * 1024 - 10_000));
    const extracted = await user.api.post("/api/v1/resumes/me/file", api);
    expect(extracted.status).toBe(200);
    expect(((await extracted.json()) as { character_count: number }).character_count).toBeGreaterThan(2_000_000);

    const tooBig = new FormData();
    tooBig.set("intent", "upload");
    tooBig.set("file", file(3 * 1024 * 1024));
    const refused = await user.client.post("/resume", tooBig);
    expect(refused.status).toBe(413);
    expect(visibleText(await refused.text())).toContain("That file is larger than 2 MB.");
    // Far past the upload's own limit, the server refuses it before the route reads a byte.
    const huge = new FormData();
    huge.set("intent", "upload");
    huge.set("file", file(5 * 1024 * 1024));
    await expectTooLarge(await user.client.post("/resume", huge), false, "5 MB upload");
  });
});

describe("wrong and damaged bodies", () => {
  it("answer a page action's non-form body with 415 and a page, never a 500, on every action", async () => {
    const before = await snapshotDatabase(app);
    for (const spec of writesOtherThanUploads().filter((s) => !s.path.startsWith("/api/"))) {
      for (const [type, body] of [
        ["application/json", JSON.stringify({ intent: spec.intent })],
        ["text/plain", `intent=${spec.intent}`],
        ["application/xml", "<intent>pause</intent>"],
      ] as const) {
        const res = await send(spec, body, type);
        expect(res.status, `${spec.path} as ${type}`).toBe(415);
        expect(visibleText(await res.text())).toContain("That form could not be read");
      }
    }
    expect(await snapshotDatabase(app)).toEqual(before);
  });

  it("answer a damaged multipart body with 400 and a page, and a bare POST as an empty form", async () => {
    const damaged = await user.client.request(`/interviews/${user.sessions.active}`, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\npause',
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(damaged.status).toBe(400);
    expect(visibleText(await damaged.text())).toContain("That form could not be read");
    const noBoundary = await user.client.request("/jobs/new", {
      method: "POST",
      body: "a",
      headers: { "content-type": "multipart/form-data" },
    });
    expect(noBoundary.status).toBe(400);

    // No body, no Content-Type: the action sees an empty form and says what is missing.
    const bare = await fetch(new URL(`/interviews/${user.sessions.active}`, app.url), {
      method: "POST",
      headers: { cookie: user.client.cookieHeader(), origin: app.url },
      redirect: "manual",
    });
    expect(bare.status).toBe(400);
    expect(visibleText(await bare.text())).toContain("Unknown action");
    // …and a body without a type is refused rather than guessed at.
    const untyped = await fetch(new URL("/jobs/new", app.url), {
      method: "POST",
      headers: { cookie: user.client.cookieHeader(), origin: app.url, "content-type": "" },
      body: new Blob(["title=x"]),
    });
    expect(untyped.status).toBe(415);
  });

  it("answer malformed JSON with 400 in the API's error shape on every route that reads JSON", async () => {
    // POST /api/v1/auth/register counts every attempt against the IP's limit, well-formed or not.
    const before = await snapshotDatabase(app, { except: ["rate_limit_events"] });
    const malformed = ["{", '{"title":}', "[1, 2", "nul", '{"a":1}}', "{'single': 'quotes'}", '{"a":"\\x"}', '{"a":1,}'];
    const notObjects = ["null", "[]", '"text"', "123", "true"];
    const jsonRoutes = writeSpecs(user).filter((s) => s.json !== undefined);
    expect(jsonRoutes.length).toBeGreaterThan(10);
    for (const spec of jsonRoutes) {
      for (const body of [...malformed, ...notObjects]) {
        const res = await send(spec, body, "application/json");
        const what = `${spec.method} ${spec.path} ${JSON.stringify(body)}`;
        expect(res.status, what).toBe(400);
        expect(await res.json(), what).toEqual({ error: { code: "malformed_json", message: expect.any(String) } });
      }
      const wrongType = await send(spec, JSON.stringify(spec.json), "text/plain");
      expect(wrongType.status, `${spec.path} as text/plain`).toBe(415);
      expect(((await wrongType.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    }
    expect(changedTables(before, await snapshotDatabase(app, { except: ["rate_limit_events"] }))).toEqual([]);
  });
});

describe("unknown URLs", () => {
  it("get a real 404 page in the app shell (pages) or the API's 404 (under /api/v1)", async () => {
    const pages = [
      "/no/such/page",
      "/jobs/new/extra/segments",
      "/api/v2/sessions",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/interviews/..%2f..%2fsettings",
      "/.env",
      "/assets/",
      "/index.php?x=<script>alert(1)</script>",
    ];
    for (const path of pages) {
      for (const method of ["GET", "POST"]) {
        const res = await user.client.request(path, { method, ...(method === "POST" ? { form: { a: "b" } } : {}) });
        const html = await res.text();
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.headers.get("content-type"), path).toContain("text/html");
        expect(visibleText(html), path).toContain("We couldn't find that page");
        expect(html, `${path} is inside the app's layout`).toContain('id="main-content"');
        expect(html).not.toContain("<script>alert(1)</script>");
      }
    }
    for (const path of ["/api/v1/nothing", "/api/v1/sessions/x/y/z", "/api/v1/"]) {
      const res = await user.api.get(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });

  it("answer a URL that cannot even be decoded with 400 or 404, never a 500", async () => {
    for (const path of ["/%E0%A4%A", "/assets/%E0%A4%A.js", "/jobs/%ZZ", "/api/v1/sessions/%E0%A4%A"]) {
      const res = await fetch(new URL(path, app.url), { headers: { cookie: user.client.cookieHeader() } });
      expect([400, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toMatch(STACK);
    }
  });
});

describe("server errors (production mode)", () => {
  async function withTableGone<T>(work: () => Promise<T>) {
    await app.db.$executeRawUnsafe("ALTER TABLE job_postings RENAME TO job_postings_gone");
    try {
      return await work();
    } finally {
      await app.db.$executeRawUnsafe("ALTER TABLE job_postings_gone RENAME TO job_postings");
    }
  }

  it("show a friendly page with the request's reference id, never a stack trace or the error's text", async () => {
    await withTableGone(async () => {
      for (const path of ["/jobs", `/jobs/${user.postingId}`, "/dashboard"]) {
        const res = await user.client.get(path);
        const html = await res.text();
        expect(res.status, path).toBe(500);
        const text = visibleText(html);
        expect(text, path).toContain("Something went wrong");
        expect(text, path).toContain(`Reference: ${res.headers.get("x-request-id")}`);
        expect(text, path).toContain("Try again");
        expect(html, `${path} leaks internals`).not.toMatch(STACK);
      }
      // A form post that fails the same way.
      const post = await user.client.post("/jobs/new", { title: "T", description: RESUME_TEXT });
      expect(post.status).toBe(500);
      expect(await post.text()).not.toMatch(STACK);
    });
  });

  it("answer the API in its error shape with the reference id, never a stack trace", async () => {
    await withTableGone(async () => {
      for (const [method, path, json] of [
        ["GET", "/api/v1/job-postings", undefined],
        ["GET", `/api/v1/job-postings/${user.postingId}`, undefined],
        ["POST", "/api/v1/job-postings", { title: "T", description: RESUME_TEXT }],
      ] as const) {
        const res = await user.api.json(method, path, json);
        const body = await res.text();
        expect(res.status, path).toBe(500);
        expect(JSON.parse(body), path).toEqual({
          error: { code: "internal_error", message: expect.stringContaining(res.headers.get("x-request-id")!) },
        });
        expect(body, path).not.toMatch(STACK);
      }
    });
  });

  it("keep working while the database is unreachable: a reference id on every page, 500 JSON, /healthz up, /readyz down, and recovery after", async () => {
    const database = await createTestDatabase();
    const web = await startWebProcess(database.url, { RATE_LIMIT_REGISTER_PER_IP: "1000" });
    const admin = new pg.Client(adminUrl());
    await admin.connect();
    const name = database.name;
    try {
      const browser = new HttpClient(web.url);
      expect((await browser.post("/register", { email: `outage-${Date.now()}@example.com`, password: TEST_PASSWORD })).status).toBe(302);

      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);

      for (const path of ["/dashboard", "/jobs", "/", "/login"]) {
        const res = await browser.get(path);
        const html = await res.text();
        expect(res.status, path).toBe(500);
        expect(visibleText(html), path).toContain(`Reference: ${res.headers.get("x-request-id")}`);
        expect(html, path).not.toMatch(STACK);
      }
      const api = await browser.get("/api/v1/users/me");
      expect(api.status).toBe(500);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe("internal_error");
      expect((await browser.get("/healthz")).status).toBe(200);
      expect((await browser.get("/readyz")).status).toBe(503);

      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      expect((await browser.get("/dashboard")).status).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => {});
      await admin.end();
      await web.stop();
      await database.drop();
    }
  });
});

it("covers every write route in the limits above (a new one must be added to route-requests.ts)", () => {
  const covered = new Set(writeSpecs(user).map((s) => s.route));
  for (const route of allRoutes().filter((r) => r.hasAction && (!r.api || r.methods.some((m) => m !== "GET")))) {
    expect(covered.has(route.path), route.path).toBe(true);
  }
});
