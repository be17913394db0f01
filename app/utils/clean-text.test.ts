import { describe, expect, it } from "vitest";
import { cleanText } from "./clean-text.ts";

describe("cleanText", () => {
  it("drops control characters but keeps tabs and line breaks", () => {
    expect(cleanText("a\u0000b\u0001c\u001b[0m\u007fd\te\nf\r\ng")).toBe("abc[0md\te\nf\r\ng");
  });

  it("turns a lone surrogate into U+FFFD and leaves real pairs (emoji) alone", () => {
    expect(cleanText("x\uD800y\uDC00z")).toBe("x\uFFFDy\uFFFDz");
    expect(cleanText("👩🏽‍💻 مرحبا Z\u0335a")).toBe("👩🏽‍💻 مرحبا Z\u0335a");
  });
});
