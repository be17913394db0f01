/**
 * Issue 15 items 4 and 8: nothing the app builds from a visitor's input — the
 * redirect after sign-in, the 404 page's "Try again" link built from the
 * request path — may send a browser to another site. Each hop is judged the
 * way a browser follows it: the Location or href resolved against the page's
 * own URL must stay on our origin, and its path must not itself start with
 * "//" (a same-origin landing on "//evil.example/x" turns into an off-site
 * link on the next page that reuses its path: a redirect chain).
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { signUp, TEST_PASSWORD } from "../support/users.ts";

let app: TestApp;
let email: string;
let cookie: string;
beforeAll(async () => {
  app = await startTestApp({ fakeOpenAI: false, env: { RATE_LIMIT_LOGIN_PER_EMAIL: "1000", RATE_LIMIT_LOGIN_PER_IP: "1000" } });
  const user = await signUp(app);
  email = user.email;
  cookie = user.client.cookieHeader();
});
afterAll(() => app.close());

/** Where a browser on `from` goes when it follows `target`, and whether that is a safe place on our site. */
function follow(target: string, from: string) {
  const landing = new URL(target, new URL(from, app.url));
  return {
    sameOrigin: landing.origin === new URL(app.url).origin,
    pathIsLocal: !landing.pathname.startsWith("//") && !landing.pathname.includes("\\"),
  };
}

// The forms the outside test used, each a path on its face that the URL parser resolves to
// "//127.0.0.1:4820/phish" — or, dropping the tab, straight to http://127.0.0.1:4820/phish.
const TRICKS = [
  "/..//127.0.0.1:4820/phish",
  "/.//127.0.0.1:4820/phish",
  "/%2e%2e//127.0.0.1:4820/phish",
  "/a/..//127.0.0.1:4820/phish",
  "/\t/127.0.0.1:4820/phish",
];

describe("the redirect after sign-in", () => {
  it.each(TRICKS)("stays on our site for redirectTo=%j (no-JS form post)", async (redirectTo) => {
    const res = await app.client().post("/login", { email, password: TEST_PASSWORD, redirectTo });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toBe("/dashboard");
    expect(follow(location, "/login")).toEqual({ sameOrigin: true, pathIsLocal: true });
  });

  it.each(TRICKS)("stays on our site for redirectTo=%j (the JavaScript data request)", async (redirectTo) => {
    const res = await app.client().post("/login.data", { email, password: TEST_PASSWORD, redirectTo });
    const body = await res.text();
    // Single fetch hands the redirect to the client router inside the body; it must name our dashboard only.
    expect(body).toContain("/dashboard");
    expect(body).not.toContain("127.0.0.1:4820");
  });

  it("still honours an ordinary path, resolved", async () => {
    const res = await app.client().post("/login", { email, password: TEST_PASSWORD, redirectTo: "/jobs/../settings?tab=key" });
    expect(res.headers.get("location")).toBe("/settings?tab=key");
  });
});

/** GET with the path exactly as given (fetch would rewrite "\" to "/" before sending). */
function rawGet(path: string, cookie?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path, headers: cookie ? { cookie } : {} }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      })
      .on("error", reject);
  });
}

const tryAgainHref = (html: string) => html.match(/<a [^>]*href="([^"]*)"[^>]*>\s*Try again/)?.[1]?.replace(/&amp;/g, "&");

describe("the 404 page's Try again link", () => {
  it.each(["//evil.example/x", "/\\evil.example", "///evil.example/x?y=1"])("points at our own site for GET %s", async (path) => {
    for (const signedIn of [undefined, cookie]) {
      const res = await rawGet(path, signedIn);
      expect(res.status, path).toBe(404);
      const href = tryAgainHref(res.body);
      expect(href, "the page offers Try again").toBeDefined();
      expect(href!.startsWith("/") && !href!.startsWith("//"), `${href} is a path on our site`).toBe(true);
      expect(follow(href!, "/")).toEqual({ sameOrigin: true, pathIsLocal: true });
      expect(href).toContain("evil.example"); // the same page again, as a path of ours
    }
  });

  it("keeps an ordinary missing page's path and query", async () => {
    const res = await rawGet("/no/such/page?x=1");
    expect(res.status).toBe(404);
    expect(tryAgainHref(res.body)).toBe("/no/such/page?x=1");
  });
});
