import { describe, expect, it } from "vitest";
import { safeRedirect, samePageLink } from "./safe-redirect.ts";

const ORIGIN = "http://app.example";

/** Where a browser on our origin ends up when it follows `target` (a Location header or an href). */
const landing = (target: string) => new URL(target, `${ORIGIN}/login`);

/** Same origin, and a path that is not itself a network-path reference ("//host") a later link could reuse. */
function isSafePath(target: string) {
  return target.startsWith("/") && !target.startsWith("//") && !target.includes("\\") && landing(target).origin === ORIGIN;
}

describe("safeRedirect", () => {
  it("keeps same-site relative paths with their query", () => {
    expect(safeRedirect("/jobs/123?tab=progress")).toBe("/jobs/123?tab=progress");
  });

  it("returns the resolved path for harmless dot segments", () => {
    expect(safeRedirect("/jobs/../settings")).toBe("/settings");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "jobs",
    "/%0d%0aSet-Cookie:x",
    "/\u0000x",
    "",
  ])("refuses %j", (target) => {
    const result = safeRedirect(target);
    expect(isSafePath(result)).toBe(true);
    expect(result === "/dashboard" || !/evil|javascript/.test(result)).toBe(true);
  });

  // Each of these is a path on its face, but the URL parser turns it into "//127.0.0.1:4820/phish" (a
  // network-path reference: another host as soon as it is written into a Location or an href) or,
  // dropping the tab or newline, straight into another origin.
  it.each([
    "/..//127.0.0.1:4820/phish",
    "/.//127.0.0.1:4820/phish",
    "/%2e%2e//127.0.0.1:4820/phish",
    "/%2E%2E//127.0.0.1:4820/phish",
    "/.%2e//127.0.0.1:4820/phish",
    "/%2e//127.0.0.1:4820/phish",
    "/a/..//127.0.0.1:4820/phish",
    "/a/b/../..//127.0.0.1:4820/phish",
    "/\t/127.0.0.1:4820/phish",
    "/\n/127.0.0.1:4820/phish",
  ])("refuses %j, which resolves to another origin", (target) => {
    const followed = landing(target);
    expect(followed.origin !== ORIGIN || followed.pathname.startsWith("//")).toBe(true);
    const result = safeRedirect(target);
    expect(result).toBe("/dashboard");
    expect(landing(result).origin).toBe(ORIGIN);
  });

  it("falls back when nothing usable is given", () => {
    expect(safeRedirect(null)).toBe("/dashboard");
    expect(safeRedirect("//x", "/")).toBe("/");
  });
});

describe("samePageLink", () => {
  it("keeps an ordinary path and its query", () => {
    expect(samePageLink("/jobs/x/y", "?a=1")).toBe("/jobs/x/y?a=1");
  });

  it.each([
    ["//evil.example/x", "/evil.example/x"],
    ["///evil.example", "/evil.example"],
    ["/\\evil.example", "/evil.example"],
    ["\\/evil.example", "/evil.example"],
  ])("turns the request path %j into the same-site link %j", (pathname, link) => {
    expect(samePageLink(pathname)).toBe(link);
    expect(isSafePath(samePageLink(pathname))).toBe(true);
  });
});
