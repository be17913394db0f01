import { describe, expect, it } from "vitest";
import { utf8Length } from "#app/utils/password-limit.ts";
import { EmailSchema, PasswordSchema } from "./user-validation.ts";

const messages = (value: string) => {
  const result = PasswordSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("password rules (NIST 800-63B / ASVS 6.2)", () => {
  it("needs at least 8 characters, counted as characters not bytes", () => {
    expect(messages("1234567")).toEqual(["Use at least 8 characters"]);
    expect(messages("correcth")).toEqual([]);
    // 8 emoji are 8 characters (32 bytes): allowed.
    expect(messages("😀".repeat(8))).toEqual([]);
    expect(messages("😀".repeat(7))).toEqual(["Use at least 8 characters"]);
  });

  it("has no composition rules", () => {
    expect(messages("alllowercaseletters")).toEqual([]);
  });

  it("refuses more than 72 bytes instead of letting bcrypt truncate, counting multi-byte characters as bytes", () => {
    expect(messages("a".repeat(72))).toEqual([]);
    expect(messages("a".repeat(73))[0]).toMatch(/at most 72 bytes/);
    // "é" is 2 bytes in UTF-8: 36 of them are exactly 72 bytes, 37 are 74.
    expect(utf8Length("é".repeat(36))).toBe(72);
    expect(messages("é".repeat(36))).toEqual([]);
    expect(messages("é".repeat(37))[0]).toMatch(/bcrypt/);
    // 18 four-byte emoji = 72 bytes; 19 = 76.
    expect(messages("😀".repeat(18))).toEqual([]);
    expect(messages("😀".repeat(19))[0]).toMatch(/72 bytes/);
  });
});

describe("email", () => {
  it("is trimmed and lower-cased", () => {
    expect(EmailSchema.parse("  Ada@Example.COM ")).toBe("ada@example.com");
  });

  it("must look like an address", () => {
    expect(EmailSchema.safeParse("not-an-email").success).toBe(false);
    expect(EmailSchema.safeParse("").error?.issues[0]?.message).toBe("Enter your email address");
  });
});
