import { z } from "./zod.ts";
import { PASSWORD_MAX_BYTES, utf8Length } from "#app/utils/password-limit.ts";

/**
 * Field rules shared by browser and server (the same zod objects validate
 * the form as you type and again in the action).
 *
 * Passwords follow NIST SP 800-63B / OWASP ASVS 5 §6.2: length, not
 * composition, and at most the 72 bytes bcrypt reads (utils/password-limit.ts).
 * The common-password check needs a 49k-entry list and runs on the server
 * only (isCommonPassword, utils/password.server.ts).
 */

export const PASSWORD_MIN_CHARS = 8;

export const EmailSchema = z.pipe(
  z.pipe(
    z
      .string({ error: "Enter your email address" })
      .check(z.trim(), z.minLength(1, "Enter your email address"), z.maxLength(254, "That email address is too long")),
    z.email({ error: "Enter a valid email address, like name@example.com" }),
  ),
  z.transform((e: string) => e.toLowerCase()),
);

export const PasswordSchema = z.string({ error: "Enter a password" }).check(
  z.minLength(1, "Enter a password"),
  z.refine((p) => [...p].length >= PASSWORD_MIN_CHARS, `Use at least ${PASSWORD_MIN_CHARS} characters`),
  z.refine(
    (p) => utf8Length(p) <= PASSWORD_MAX_BYTES,
    `Passwords can be at most ${PASSWORD_MAX_BYTES} bytes (about 72 letters, fewer with accents or emoji) — that is the limit of the bcrypt hashing we use`,
  ),
);

/** For sign-in: any non-empty value; the rules above apply when a password is chosen. */
export const ExistingPasswordSchema = z
  .string({ error: "Enter your password" })
  .check(z.minLength(1, "Enter your password"), z.maxLength(1024, "That password is too long"));
