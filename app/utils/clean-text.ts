// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text people type or paste can carry invisible control characters (PDF
 * copies, terminals) and, from scripts, half of a UTF-16 surrogate pair.
 * PostgreSQL cannot store U+0000, and Prisma cannot send a lone surrogate
 * inside a list: left in, either turns a save into a server error. Control
 * characters go (tabs and line breaks stay); a lone surrogate becomes U+FFFD,
 * as any UTF-8 encoder would write it. Used by the field schemas, so forms and
 * the API store the same text.
 */
export function cleanText(text: string) {
  return text.replace(CONTROL_CHARACTERS, "").replace(LONE_SURROGATE, "\uFFFD");
}
