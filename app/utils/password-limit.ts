/**
 * bcrypt reads at most 72 bytes of a password, so a longer one is refused (on
 * sign-up and change, and as a wrong password at sign-in) rather than silently
 * truncated. Client-safe: the password forms check it as you type.
 */
export const PASSWORD_MAX_BYTES = 72;

const encoder = new TextEncoder();
export const utf8Length = (s: string) => encoder.encode(s).length;
