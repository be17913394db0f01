import { describe, expect, it } from "vitest";
import { cleanStrings, cleanText, tidyList } from "./clean-text.ts";

describe("cleanText", () => {
  it("drops control characters but keeps tabs and line breaks", () => {
    expect(cleanText("a\u0000b\u0001c\u001b[0m\u007fd\te\nf\r\ng")).toBe("abc[0md\te\nf\r\ng");
  });

  it("turns a lone surrogate into U+FFFD and leaves real pairs (emoji) alone", () => {
    expect(cleanText("x\uD800y\uDC00z")).toBe("x\uFFFDy\uFFFDz");
    expect(cleanText("👩🏽‍💻 مرحبا Z\u0335a")).toBe("👩🏽‍💻 مرحبا Z\u0335a");
  });
});

describe("cleanStrings", () => {
  it("cleans every string of a nested object and keeps numbers, booleans and nulls", () => {
    const out = cleanStrings({
      summary: "ok\u0000",
      score: 70,
      flag: true,
      none: null,
      list: ["a\uD800", "b"],
      nested: [{ topic: "t\u0007", why: "w" }],
    });
    expect(out).toEqual({ summary: "ok", score: 70, flag: true, none: null, list: ["a\uFFFD", "b"], nested: [{ topic: "t", why: "w" }] });
  });
});

describe("tidyList", () => {
  it("trims, drops blank items and keeps at most the given number", () => {
    expect(tidyList([" a ", "", "  ", "b", "c"], 2)).toEqual(["a", "b"]);
  });
});
