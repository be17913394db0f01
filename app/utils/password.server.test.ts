import type { Piscina } from "piscina";
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

  it("never matches a password longer than 72 bytes, though bcrypt would compare only its first 72", { timeout: 30_000 }, async () => {
    const seventyTwoBytes = "é".repeat(36); // 2 UTF-8 bytes each
    const hash = await hashPassword(seventyTwoBytes);
    expect(await verifyPassword(seventyTwoBytes, hash)).toBe(true);
    expect(await verifyPassword(`${seventyTwoBytes}!`, hash)).toBe(false);
  });

  it("rejects, rather than leaving pending, a hash whose thread dies", { timeout: 30_000 }, async () => {
    const pending = hashPassword("a sufficiently long passphrase");
    // The pool lives on globalThis (password.server.ts); kill every thread while the hash runs.
    const pool = (globalThis as unknown as { __bcryptThreads: Piscina }).__bcryptThreads;
    while (pool.queueSize > 0 || pool.threads.length === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // handed to a thread
    await Promise.all(pool.threads.map((thread) => thread.terminate()));
    await expect(pending).rejects.toThrow();
    // The pool replaces dead threads: the next hash works.
    expect(await hashPassword("another long passphrase")).toMatch(/^\$2[aby]\$/);
  });
});
