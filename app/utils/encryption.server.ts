import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "./env.server.ts";

/**
 * Secrets at rest (users' AI provider keys): AES-256-GCM with a random 12-byte
 * nonce per encryption. The stored string names the key that sealed it, so the
 * server can hold the current key plus earlier ones while `npm run keys:rotate`
 * re-encrypts everything under the current key, without downtime.
 *
 * Format: v1.<keyId>.<nonce>.<tag>.<ciphertext> (base64url parts). The context
 * (the owner's user id) is bound as additional authenticated data, so a
 * ciphertext copied onto another user's row does not decrypt.
 */

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

export type Keyring = { current: Buffer; previous: Buffer[] };

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

export function keyringFromBase64(current: string, previous: string[] = []): Keyring {
  const decode = (k: string) => {
    const key = Buffer.from(k, "base64");
    if (key.length !== 32) throw new Error("Encryption keys must be 32 bytes, base64-encoded.");
    return key;
  };
  return { current: decode(current), previous: previous.map(decode) };
}

let envKeyring: Keyring | undefined;
function defaultKeyring(): Keyring {
  envKeyring ??= keyringFromBase64(env().ENCRYPTION_KEY, env().ENCRYPTION_KEYS_PREVIOUS);
  return envKeyring;
}

export function currentKeyId(keyring: Keyring = defaultKeyring()): string {
  return keyId(keyring.current);
}

export function encryptSecret(plaintext: string, context: string, keyring: Keyring = defaultKeyring()) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.current, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const id = keyId(keyring.current);
  const parts = [nonce, cipher.getAuthTag(), sealed].map((b) => b.toString("base64url"));
  return { ciphertext: ["v1", id, ...parts].join("."), keyId: id };
}

export function decryptSecret(ciphertext: string, context: string, keyring: Keyring = defaultKeyring()): string {
  const [version, id, nonce, tag, sealed, ...rest] = ciphertext.split(".");
  if (version !== "v1" || !id || nonce === undefined || tag === undefined || sealed === undefined || rest.length) {
    throw new DecryptionError("Unrecognised ciphertext format.");
  }
  const key = [keyring.current, ...keyring.previous].find((k) => keyId(k) === id);
  if (!key) throw new DecryptionError(`No configured encryption key has id ${id}.`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("The ciphertext failed authentication (tampered, or sealed with another key).");
  }
}

/** SHA-256 of a random token, for storing session ids, API tokens and reset tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** A random 256-bit token, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}
