import { describe, expect, it } from "vitest";
import { parseWebConcurrency } from "./web-cluster.ts";

describe("parseWebConcurrency", () => {
  it("defaults to one process", () => {
    expect(parseWebConcurrency(undefined)).toBe(1);
    expect(parseWebConcurrency(" ")).toBe(1);
  });

  it("takes a whole number from 1 to 64", () => {
    expect(parseWebConcurrency("1")).toBe(1);
    expect(parseWebConcurrency("4")).toBe(4);
    expect(parseWebConcurrency("64")).toBe(64);
  });

  it("explains anything else", () => {
    for (const bad of ["0", "65", "1.5", "-2", "two", "auto"])
      expect(parseWebConcurrency(bad)).toBe(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${bad}")`);
  });
});
