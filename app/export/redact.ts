/**
 * Optional redaction of personal details in an export (the JSON document or
 * a Markdown debrief), for sharing a transcript with a coach or a forum.
 * Replaced, by placeholders:
 *   - email addresses → [email]
 *   - phone numbers (9 to 15 digits, optionally with +, spaces, dots, dashes,
 *     slashes, parentheses) → [phone]
 *   - the candidate's name, found in the résumé (its first line when that line
 *     looks like a name, or a "Name:" line), in full and each part of it,
 *     wherever it appears (capitalised) → [name]
 * Limits, by design of a heuristic without a language model: other people's
 * names (a manager named in an answer), addresses, employers and URLs are
 * kept; a résumé that starts with something other than the name (a title, a
 * logo's text) gives no name to find; a name part that is also a common word
 * ("Will", "Grant") is redacted wherever it is capitalised, at the start of a
 * sentence too; numbers with 9+ digits in phone-like groups (a 10-digit order
 * number) are taken for phone numbers. The export says it is redacted, and
 * the Settings page should tell the user to read the file before sharing it.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Starts with +, 00, "(" or a digit; digit groups joined by single separators (no newlines).
const PHONE = /(?<![\p{L}\p{N}+])(?:\+|\()?\d(?:[ \t]?[().\-/]?[ \t]?\d){6,}\)?(?![\p{L}\p{N}])/gu;
const DATE_LIKE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const NOT_A_NAME = /\b(resume|résumé|curriculum|vitae|cv|profile|summary|contact|experience|engineer|developer|manager|page)\b/iu;
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

/** The candidate's name as written in the résumé, if the résumé shows it where names usually are; else []. */
export function namesFromResume(resume: string): string[] {
  const lines = resume
    .split(/\r?\n/)
    .map((l) => l.replace(/^[#*\s]+|[*\s]+$/g, ""))
    .filter(Boolean);
  const labelled = lines.map((l) => /^(?:full\s+)?name\s*:\s*(.+)$/iu.exec(l)?.[1]?.trim()).find(Boolean);
  const candidate = labelled ?? lines[0]?.split(/\s+[|·•,–—]\s+|\s{2,}/u)[0]?.trim();
  if (!candidate || candidate.length > 60 || NOT_A_NAME.test(candidate)) return [];
  const words = candidate.split(/\s+/);
  if (words.length < 2 || words.length > 4 || !words.every((w) => NAME_WORD.test(w))) return [];
  // Parts of one or two letters ("J.", "de") are left alone: they would match too much else.
  const parts = words.map((w) => w.replace(/[.,]+$/, "")).filter((w) => w.replace(/[^\p{L}]/gu, "").length >= 3);
  return [...new Set([candidate, ...parts])];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export type Redaction = { names: string[] };

/** Replace emails, phone numbers and the given names in one text. */
export function redactText(text: string, redaction: Redaction): string {
  let out = text.replace(EMAIL, "[email]");
  out = out.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, "").length;
    if (digits < 9 || digits > 15 || DATE_LIKE.test(match) || IPV4.test(match)) return match;
    return "[phone]";
  });
  // Longest first, so the full name is one placeholder, not one per part.
  for (const name of [...redaction.names].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name).replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}])`, "giu");
    // Case-insensitive, but only where the text capitalises it: "Example" and "EXAMPLE", not "an example".
    out = out.replace(pattern, (match) => (/^\p{Lu}/u.test(match) ? "[name]" : match));
  }
  return out;
}

/** Keys whose values are ids, dates, enums, model names or settings: never personal text, and a phone-like UUID must survive. */
const KEEP =
  /^(?:.*Id|id|.*At|format|kind|status|focus|questionType|experienceLevel|about|algorithm|value|appVersion|model|aiModel|aiBaseUrl|graderModel|aiGraderModel|rubricVersion|url|answerClass|source|mimeType|extractedKey|field|section|audioBase64|audioLeftOut|transcriptionModel|speechModel|speechVoice|readAloud)$/;
const SKIP_SUBTREES = new Set(["checksum", "priceOverrides", "skillData", "sampling"]);

/**
 * A redacted copy of an export document (any JSON-like value): every string
 * of personal text is passed through `redactText`; ids, dates and settings are
 * kept. The names come from the document's résumé and the interview snapshots.
 */
export function redactDocument<T>(document: T, redaction: Redaction): T {
  const walk = (value: unknown, key: string | null): unknown => {
    if (typeof value === "string") return key !== null && KEEP.test(key) ? value : redactText(value, redaction);
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SKIP_SUBTREES.has(k) ? v : walk(v, k)]));
    }
    return value;
  };
  return walk(document, null) as T;
}

/** The names to redact in an account export: from the current résumé and every résumé snapshot of its interviews. */
export function redactionFor(document: { resume: { content: string } | null; interviews: Array<{ resumeText: string }> }): Redaction {
  const texts = [document.resume?.content ?? "", ...document.interviews.map((i) => i.resumeText)];
  return { names: [...new Set(texts.flatMap(namesFromResume))] };
}
