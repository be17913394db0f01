import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, DecryptionError, encryptSecret, keyId, keyringFromBase64 } from "./encryption.server.ts";

const keyA = randomBytes(32).toString("base64");
const keyB = randomBytes(32).toString("base64");
const ring = keyringFromBase64(keyA);
const userId = "0b6f5e1e-6a7c-4d2b-9f3e-2f4f0c1d9a11";

describe("API key encryption (AES-256-GCM)", () => {
  it("round-trips a key and names the key that sealed it", () => {
    const { ciphertext, keyId: id } = encryptSecret("sk-test-1234567890abcdef", userId, ring);
    expect(ciphertext).not.toContain("sk-test");
    expect(id).toBe(keyId(ring.current));
    expect(ciphertext.split(".")[1]).toBe(id);
    expect(decryptSecret(ciphertext, userId, ring)).toBe("sk-test-1234567890abcdef");
  });

  it("produces different ciphertexts for the same key (random nonce)", () => {
    const a = encryptSecret("sk-same", userId, ring).ciphertext;
    const b = encryptSecret("sk-same", userId, ring).ciphertext;
    expect(a).not.toBe(b);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  it("fails loudly on tampered ciphertext", () => {
    const { ciphertext } = encryptSecret("sk-tamper-me", userId, ring);
    const parts = ciphertext.split(".");
    const sealed = Buffer.from(parts[4]!, "base64url");
    sealed[0] = sealed[0]! ^ 0xff;
    parts[4] = sealed.toString("base64url");
    expect(() => decryptSecret(parts.join("."), userId, ring)).toThrow(DecryptionError);
  });

  it("fails loudly with the wrong key, and for another user's row", () => {
    const { ciphertext } = encryptSecret("sk-wrong-key", userId, ring);
    const other = keyringFromBase64(keyB);
    expect(() => decryptSecret(ciphertext, userId, other)).toThrow(/No configured encryption key/);
    // Same key id but a different key: authentication fails.
    const forged = ciphertext.replace(`.${keyId(ring.current)}.`, `.${keyId(other.current)}.`);
    expect(() => decryptSecret(forged, userId, other)).toThrow(DecryptionError);
    expect(() => decryptSecret(ciphertext, "another-user", ring)).toThrow(DecryptionError);
  });

  it("decrypts with a previous key during rotation", () => {
    const old = encryptSecret("sk-rotate", userId, keyringFromBase64(keyA)).ciphertext;
    const rotated = keyringFromBase64(keyB, [keyA]);
    expect(decryptSecret(old, userId, rotated)).toBe("sk-rotate");
    expect(encryptSecret("sk-rotate", userId, rotated).keyId).toBe(keyId(rotated.current));
  });

  it("rejects garbage", () => {
    expect(() => decryptSecret("not-a-ciphertext", userId, ring)).toThrow(DecryptionError);
    expect(() => keyringFromBase64(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
