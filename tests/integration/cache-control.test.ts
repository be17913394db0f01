/**
 * Issue 15 item 7: private pages must not outlive the session in the browser's
 * cache (after logout, Back showed /resume from it). Every route of
 * app/routes.ts is read — page, its `.data` request, API — signed in by
 * cookie, by bearer token and signed out, and every write is sent once: each
 * answer says `Cache-Control: no-store`. The one public document (the OpenAPI
 * description) and the static files keep their caching.
 */
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAssetsDir, startTestApp, type TestApp } from "../support/test-app.ts";
import { allRoutes } from "./support/route-map.ts";
import { readSpecs, writeSpecs, type WriteSpec } from "./support/route-requests.ts";
import { userWithEverything, type RichUser } from "./support/rich-user.ts";
import { TEST_PASSWORD } from "../support/users.ts";

let app: TestApp;
let owner: RichUser;
let bearer: string;

beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
  owner = await userWithEverything(app);
  const login = await app.client().json("POST", "/api/v1/auth/login", { email: owner.email, password: TEST_PASSWORD });
  bearer = `Bearer ${((await login.json()) as { access_token: string }).access_token}`;
});
afterAll(() => app.close());

/** Only the OpenAPI description is the same for everyone and may be cached. */
const PUBLIC = new Set(["/api/v1/openapi.json"]);

/** The answer's Cache-Control, read from its head only (the event stream stays open). */
async function cacheControl(path: string, init: RequestInit = {}) {
  const controller = new AbortController();
  const res = await fetch(new URL(path, app.url), { redirect: "manual", ...init, signal: controller.signal });
  const value = res.headers.get("cache-control");
  controller.abort();
  return { status: res.status, value };
}

/** `no-store` among the directives (the event stream adds `no-transform` for proxies). */
const noStore = (value: string | null) => (value ?? "").split(/,\s*/).includes("no-store");

/** A page's single-fetch data URL, as the client router requests it ("/jobs?x=1" → "/jobs.data?x=1"). */
function dataUrl(path: string) {
  const url = new URL(path, "http://x");
  url.pathname = url.pathname.endsWith("/") ? `${url.pathname}_.data` : `${url.pathname}.data`;
  return `${url.pathname}${url.search}`;
}

describe("Cache-Control: no-store on private answers", () => {
  it("reads every route of app/routes.ts", () => {
    const read = new Set(readSpecs(owner).map((r) => r.route));
    for (const route of allRoutes()) expect(read.has(route.path), `a GET of ${route.path}`).toBe(true);
  });

  it("on every page and its .data request, signed in by cookie or signed out", async () => {
    const checked: string[] = [];
    for (const { route, path } of readSpecs(owner).filter((r) => !r.path.startsWith("/api/"))) {
      const paths = path.includes(".data") || route.endsWith("/events") ? [path] : [path, dataUrl(path)];
      for (const url of paths) {
        for (const headers of [{ cookie: owner.client.cookieHeader() }, {}] as Array<Record<string, string>>) {
          const { status, value } = await cacheControl(url, { headers });
          expect(noStore(value), `GET ${url} (${status}, ${headers.cookie ? "signed in" : "signed out"}): ${value}`).toBe(true);
          checked.push(url);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(60);
  });

  it("on every API answer, by bearer token, by cookie and signed out", async () => {
    for (const { path } of readSpecs(owner).filter((r) => r.path.startsWith("/api/"))) {
      for (const headers of [{ authorization: bearer }, { cookie: owner.client.cookieHeader() }, {}] as Array<Record<string, string>>) {
        const { status, value } = await cacheControl(path, { headers });
        if (PUBLIC.has(path)) expect(value, path).toMatch(/^public, max-age=\d+$/);
        else expect(noStore(value), `GET ${path} (${status}): ${value}`).toBe(true);
      }
    }
  });

  it("on the answer to every write, page or API", async () => {
    const send = (spec: WriteSpec) => {
      const api = spec.path.startsWith("/api/");
      const headers: Record<string, string> = api ? { authorization: bearer } : { cookie: owner.client.cookieHeader(), origin: app.url };
      let body: BodyInit | undefined;
      if (spec.form instanceof FormData) body = spec.form;
      else if (spec.form) body = new URLSearchParams(spec.form);
      else if (spec.json !== undefined) {
        body = JSON.stringify(spec.json);
        headers["content-type"] = "application/json";
      }
      return cacheControl(spec.path, { method: spec.method, headers, body });
    };
    // In order: the destructive ones (delete account, logout) come last.
    for (const spec of writeSpecs(owner)) {
      const { status, value } = await send(spec);
      expect(noStore(value), `${spec.method} ${spec.path}${spec.intent ? ` (${spec.intent})` : ""} → ${status}: ${value}`).toBe(true);
    }
  });
});

describe("public files keep their cache", () => {
  it("serves built assets as immutable for a year, other public files for an hour", async () => {
    const asset = readdirSync(clientAssetsDir).find((name) => name.endsWith(".js"))!;
    expect((await cacheControl(`/assets/${asset}`)).value).toBe("public, max-age=31536000, immutable");
    expect((await cacheControl("/favicon.svg", { headers: { cookie: owner.client.cookieHeader() } })).value).toBe("public, max-age=3600");
  });
});
