/**
 * Evidence checks: every strength and improvement the grader writes cites a
 * short quote of the answer, and a judgement is shown as fact only when its
 * quote is really there. Models copy text imperfectly (curly vs straight
 * quotes, dashes, line breaks, capitals, a dropped full stop, "…" for an
 * elided middle), so both texts are normalised first — but only in ways that
 * cannot turn words the candidate did not write into a match:
 *   - runs of whitespace → one space; quote marks and apostrophes dropped;
 *     every dash → "-"; "…" → "..."; letters lower-cased and stripped of accents;
 *   - the quote's surrounding quote marks and trailing punctuation are ignored;
 *   - "..." (or "…") inside a quote separates parts that must appear in order;
 *   - every part must start and end on word boundaries ("ache" is not found in "cache")
 *     and carry at least 4 letters or digits (a quote of "the" proves nothing).
 * The match is reported as character ranges of the ORIGINAL answer, so a page
 * can highlight exactly the words the candidate wrote.
 */

export type TextRange = { start: number; end: number };
export type QuoteCheck = { verified: boolean; ranges: TextRange[] };

const QUOTE_MARKS = /['"`´‘’‚‛′″‶“”„‟«»‹›]/u;
const DASHES = /[-‐‑‒–—―−﹘﹣－]/u;
const MIN_QUOTE_CHARACTERS = 4;

type Normalised = { text: string; starts: number[]; ends: number[] };

/** The normalised text, with each of its characters' span in the original. */
export function normaliseForQuotes(original: string): Normalised {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  // One entry per UTF-16 unit of the normalised text (indexOf counts those), each pointing at the
  // original character it came from.
  const emit = (piece: string, start: number, end: number) => {
    text += piece;
    for (let k = 0; k < piece.length; k++) {
      starts.push(start);
      ends.push(end);
    }
  };
  let i = 0;
  for (const ch of original) {
    const start = i;
    const end = i + ch.length;
    i = end;
    if (/\s/u.test(ch)) {
      if (text.length && !text.endsWith(" ")) emit(" ", start, end);
      continue;
    }
    if (QUOTE_MARKS.test(ch)) continue;
    if (DASHES.test(ch)) {
      if (!text.endsWith("-")) emit("-", start, end);
      continue;
    }
    if (ch === "…") {
      emit("...", start, end);
      continue;
    }
    emit(ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase(), start, end);
  }
  // A trailing space (from trailing whitespace) never helps a match.
  while (text.endsWith(" ")) {
    text = text.slice(0, -1);
    starts.pop();
    ends.pop();
  }
  return { text, starts, ends };
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** The parts of a quote that must be found, in order: split at "...", trimmed of spaces and punctuation. */
function quoteParts(quote: string): string[] {
  return normaliseForQuotes(quote)
    .text.split(/\.{3,}/)
    .map((part) => part.replace(/^[\s.,;:!?()[\]-]+|[\s.,;:!?()[\]-]+$/gu, ""))
    .filter(Boolean);
}

function findOnWordBoundaries(haystack: string, needle: string, from: number): number {
  for (let at = haystack.indexOf(needle, from); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const startsOk = !isWordChar(needle[0]) || !isWordChar(haystack[at - 1]);
    const endsOk = !isWordChar(needle.at(-1)) || !isWordChar(haystack[at + needle.length]);
    if (startsOk && endsOk) return at;
  }
  return -1;
}

/** Is `quote` in `answer` (after normalisation), and where? */
export function verifyQuote(answer: string, quote: string): QuoteCheck {
  const parts = quoteParts(quote);
  const substance = parts.join("").replace(/[^\p{L}\p{N}]/gu, "").length;
  if (!parts.length || substance < MIN_QUOTE_CHARACTERS) return { verified: false, ranges: [] };
  const haystack = normaliseForQuotes(answer);
  const ranges: TextRange[] = [];
  let from = 0;
  for (const part of parts) {
    const at = findOnWordBoundaries(haystack.text, part, from);
    if (at === -1) return { verified: false, ranges: [] };
    ranges.push({ start: haystack.starts[at]!, end: haystack.ends[at + part.length - 1]! });
    from = at + part.length;
  }
  return { verified: true, ranges };
}

/** Sorted, overlapping or touching ranges joined: what a page highlights. */
export function mergeRanges(ranges: TextRange[]): TextRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).toSorted((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** A strength or improvement with the result of its quote check. */
export type Judgement = {
  point: string;
  /** The words of the answer it is about, as the grader quoted them ("" when it is about something missing). */
  quote: string;
  /** True only when the quote was found in the answer: only then may it be shown as a fact about the answer. */
  verified: boolean;
  /** Where the quote is in the original answer text (empty unless verified). */
  ranges: TextRange[];
};

export function verifyJudgements(answer: string, items: Array<{ point: string; quote: string }>): Judgement[] {
  return items.map(({ point, quote }) => {
    const check = quote.trim() ? verifyQuote(answer, quote) : { verified: false, ranges: [] };
    return { point: point.trim(), quote: quote.trim(), ...check };
  });
}

type Quoted = { quote: string; verified: boolean; ranges: TextRange[] };

/**
 * Evidence that comes from outside the grader (an imported file, whose checksum anyone can
 * recompute, or a redacted one, whose answer text changed length): every quote checked again
 * against the answer it is about, and its place found anew. A flag in the file is never trusted.
 */
export function recheckEvidence<E extends Record<"strengths" | "improvements" | "factualErrors", Quoted[]>>(
  answer: string,
  evidence: E,
): E {
  const recheck = <T extends Quoted>(item: T): T => ({
    ...item,
    ...(item.quote.trim() ? verifyQuote(answer, item.quote) : { verified: false, ranges: [] }),
  });
  return {
    ...evidence,
    strengths: evidence.strengths.map(recheck),
    improvements: evidence.improvements.map(recheck),
    factualErrors: evidence.factualErrors.map(recheck),
  };
}
