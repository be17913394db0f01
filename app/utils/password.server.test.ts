import { describe, expect, it } from "vitest";
import { BCRYPT_COST, hashPassword, isCommonPassword, verifyPassword } from "./password.server.ts";

describe("password hashing and the common-password list", () => {
  it("rejects passwords from the bundled list of common passwords, whatever the case", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PASSWORD1")).toBe(true);
    expect(isCommonPassword("qwertyuiop")).toBe(true);
    expect(isCommonPassword("correct horse battery staple 42")).toBe(false);
  });

  // Three cost-12 bcrypt runs take ~1 s alone, several times that on a loaded 2-core CI machine.
  it("hashes with bcrypt cost 12 and verifies", { timeout: 30_000 }, async () => {
    const hash = await hashPassword("a sufficiently long passphrase");
    expect(hash).toMatch(new RegExp(`^\\$2[aby]\\$${BCRYPT_COST}\\$`));
    expect(await verifyPassword("a sufficiently long passphrase", hash)).toBe(true);
    expect(await verifyPassword("a different passphrase", hash)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
  });
});
