import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

describe("safeRedirect", () => {
  it("keeps same-site relative paths with their query", () => {
    expect(safeRedirect("/jobs/123?tab=progress")).toBe("/jobs/123?tab=progress");
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
    expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
    expect(result === "/dashboard" || !/evil|javascript/.test(result)).toBe(true);
  });

  it("falls back when nothing usable is given", () => {
    expect(safeRedirect(null)).toBe("/dashboard");
    expect(safeRedirect("//x", "/")).toBe("/");
  });
});
