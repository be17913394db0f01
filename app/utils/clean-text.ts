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

/**
 * The same cleaning for everything a model returns (its text, lists and
 * nested objects alike): provider output is as untrusted as user input, and a
 * stray U+0000 or half surrogate in it would otherwise fail the whole save.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cleanStrings(item)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)])) as T;
  }
  return value;
}

/** A list the model wrote (strengths, knowledge gaps…): trimmed, blanks dropped, at most `max` items. */
export function tidyList(items: string[], max: number): string[] {
  return items
    .map((item) => item.trim())
    .filter(Boolean)
    .slice(0, max);
}
