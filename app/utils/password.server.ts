import { dictionary } from "@zxcvbn-ts/language-common";
import { compareOffThread, hashOffThread } from "./bcrypt-pool.server.ts";

/** bcrypt cost 12 (seed: "12 rounds"), computed on worker threads so logins never stall other requests. */
export const BCRYPT_COST = 12;

export function hashPassword(password: string): Promise<string> {
  return hashOffThread(password, BCRYPT_COST);
}

// A real hash to compare against when the email is unknown, so "no such user"
// costs the same time as "wrong password" and does not leak which emails exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashOffThread("not-a-real-password", BCRYPT_COST);
    await compareOffThread(password, await dummyHash);
    return false;
  }
  return compareOffThread(password, hash);
}

let common: Set<string> | undefined;

/** True when the password is on the list of 49,000 most common ones (xato corpus, via zxcvbn-ts). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"] as string[]);
  return common.has(password) || common.has(password.toLowerCase());
}
