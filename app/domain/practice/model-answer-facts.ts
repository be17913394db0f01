import { foldWord, wordTokens } from "./text-match.ts";

/**
 * The server's check of a model answer: every named employer, organisation,
 * project or product and every number in it must appear in the candidate's
 * résumé or their own answer (or the question itself, which the answer may
 * echo, or the posting's title and company: naming the job applied for invents
 * nothing about the candidate's past). Anything else is flagged with its place
 * in the text. Pure and client-safe; deterministic, so the same model answer
 * always gets the same flags.
 *
 * Names: runs of capitalised words ("Acme Corp", "Project Atlas", "iOS").
 * A capitalised word that only starts a sentence is not a name when it is a
 * common word ("At", "When", "Then") or shaped like a verb or adverb
 * ("Reduced", "Leading", "Finally"). A name is supported when each of its
 * words appears in a source, ignoring case, accents, possessives and
 * company suffixes: "ACME Corp" matches "Acme Corporation".
 *
 * Numbers: digits with their unit — "40%" = "40 %" = "40 percent",
 * "$1.2M" = "$1,200,000", "5k" = "5,000". A percentage must match a
 * percentage and an amount of money an amount of money; a bare number matches
 * any. In the sources, number words count too ("five engineers" supports
 * "5 engineers"); in the model answer only digits are checked (the prompt asks
 * for digits), so "one of the services" is never flagged.
 *
 * Placeholders ("[your metric: …]") are the model saying what it does not
 * know; they are never checked.
 */

export type FactSources = {
  resume: string;
  answer: string;
  question?: string;
  posting?: { title: string; company: string | null };
};

export type FactFlag = {
  kind: "name" | "number";
  text: string;
  start: number;
  end: number;
  /** Shown to the user: why it is flagged. */
  reason: string;
};

export type FactCheck = {
  flags: FactFlag[];
  /** How many names and numbers were checked (flagged or not). */
  checked: number;
};

// --- Placeholders ---------------------------------------------------------------

export type Placeholder = { marker: string; label: string; start: number; end: number };

const PLACEHOLDER = /\[your\b[^[\]\n]{1,200}\]/giu;

/** "[your metric: p95 latency after the change]" markers in a model answer, with their places. */
export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    marker: m[0],
    label: m[0].slice(1, -1).trim(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function maskPlaceholders(text: string) {
  let masked = text;
  for (const p of findPlaceholders(text)) masked = masked.slice(0, p.start) + " ".repeat(p.end - p.start) + masked.slice(p.end);
  return masked;
}

// --- Numbers ----------------------------------------------------------------------

export type NumberMention = { value: number; unit: "percent" | "money" | "plain"; text: string; start: number; end: number };

// Not glued to a letter or another number ("p95", "EC2", "v2.1" are names, not quantities).
const NUMBER =
  /(?<![\p{L}\p{N}_.,])(?:([$€£¥])[ \u00A0]?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:[ \u00A0]?(%|per ?cent\b|percent\b|k\b|K\b|M\b|m\b|bn\b|B\b|million\b|billion\b|thousand\b|dollars\b|euros\b|pounds\b|USD\b|EUR\b|GBP\b))?/gu;

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
};

export function findNumbers(text: string, options: { words?: boolean } = {}): NumberMention[] {
  const found: NumberMention[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const [whole, currency, integer, fraction, suffix = ""] = m;
    let value = Number(`${integer!.replaceAll(",", "")}${fraction ? `.${fraction}` : ""}`);
    const s = suffix.toLowerCase().replace(" ", "");
    if (s === "k" || s === "thousand") value *= 1_000;
    else if (s === "million" || suffix === "M" || (s === "m" && currency)) value *= 1_000_000;
    else if (s === "bn" || s === "billion" || (suffix === "B" && currency)) value *= 1_000_000_000;
    const unit =
      s === "%" || s.startsWith("per") ? "percent" : currency || /^(dollars|euros|pounds|usd|eur|gbp)$/.test(s) ? "money" : "plain";
    found.push({ value, unit, text: whole, start: m.index, end: m.index + whole.length });
  }
  if (options.words) {
    for (const t of wordTokens(text)) {
      const value = NUMBER_WORDS[t.word];
      if (value !== undefined) found.push({ value, unit: "plain", text: text.slice(t.start, t.end), start: t.start, end: t.end });
    }
  }
  return found;
}

function sameNumber(a: NumberMention, b: NumberMention) {
  const unitsAgree = a.unit === b.unit || a.unit === "plain" || b.unit === "plain";
  return unitsAgree && Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));
}

// --- Names --------------------------------------------------------------------------

export type NameMention = { text: string; start: number; end: number; words: string[] };

const NAME_TOKEN = /[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*[+#]*/gu;
// "and" is left out: "Acme and Globex" is two employers far more often than one ("AT&T" and "Marks & Spencer" join by "&").
const CONNECTORS = new Set(["of", "for", "the", "de", "von", "van", "la", "du"]);
const PRONOUNS = new Set(["i", "i'm", "i've", "i'd", "i'll"]);
/** Company-form words: "Acme Corp" and "Acme Corporation" are the same employer. */
const COMPANY_FORMS = new Set("corp corporation inc incorporated ltd limited llc plc gmbh co company ag sa bv the of and for".split(" "));
/** Capitalised at the start of a sentence, these are ordinary words, not names. */
const COMMON_WORDS = new Set(
  (
    "i we you he she they it me us my our your their its his her this that these those there here " +
    "a an the at in on for with by from to of over under after before during since until within without across through into " +
    "between among about around against per via as once then next first second third finally lastly also however therefore " +
    "thus instead meanwhile ultimately overall today now later yes no not only even still just again together and but or so " +
    "because when while where whereas if although though what why how who which whom each every some any all both most many " +
    "several few another other such given based looking working situation task action actions result results outcome impact " +
    "background context challenge problem solution lesson lessons learned example key specifically additionally furthermore " +
    "january february march april may june july august september october november december " +
    "monday tuesday wednesday thursday friday saturday sunday"
  ).split(" "),
);
const VERB_SHAPED = /(?:ed|ing|ly)$/i;

function isCapitalised(token: string) {
  return /^\p{Lu}/u.test(token) || /\p{Ll}\p{Lu}/u.test(token);
}

/** Shaped like a name even alone: inner capitals or digits ("iOS", "PostgreSQL", "S3") or an acronym ("AWS"). */
function nameShaped(token: string) {
  return /\p{Lu}/u.test(token.slice(1)) || /\d/.test(token);
}

function startsSentence(text: string, index: number) {
  let i = index - 1;
  while (i >= 0 && /[\s"'“‘([]/u.test(text[i]!) && text[i] !== "\n") i--;
  return i < 0 || /[.!?:;\n•*–—-]/u.test(text[i]!);
}

/** Runs of capitalised words that look like names of organisations, projects or products. */
export function findNames(text: string): NameMention[] {
  const tokens = [...text.matchAll(NAME_TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const capitalisedInside = new Set(
    tokens.filter((t) => isCapitalised(t.text) && !startsSentence(text, t.start)).map((t) => foldWord(t.text)),
  );
  const names: NameMention[] = [];
  let run: typeof tokens = [];
  const flush = () => {
    // Connectors belong inside a name ("Bank of America"), never at its ends.
    while (run.length && CONNECTORS.has(run.at(-1)!.text.toLowerCase())) run.pop();
    if (run.length && startsSentence(text, run[0]!.start)) {
      const first = run[0]!.text;
      const common = COMMON_WORDS.has(first.toLowerCase()) || (VERB_SHAPED.test(first) && !nameShaped(first));
      if (common) {
        run.shift();
        while (run.length && CONNECTORS.has(run[0]!.text.toLowerCase())) run.shift();
      } else if (run.length === 1 && !nameShaped(first) && !capitalisedInside.has(foldWord(first))) {
        // "Reliability was key." — one capitalised word opening a sentence is a name only if it is
        // shaped like one or the text capitalises it elsewhere too ("Globex hired me… at Globex").
        run = [];
      }
    }
    if (run.length) {
      const start = run[0]!.start;
      const end = run.at(-1)!.end;
      const words = wordTokens(text.slice(start, end))
        .map((t) => t.word)
        .filter((w) => !COMPANY_FORMS.has(w));
      if (words.length) names.push({ text: text.slice(start, end), start, end, words });
    }
    run = [];
  };
  for (const token of tokens) {
    const lower = token.text.toLowerCase().replace(/’/g, "'");
    const previous = run.at(-1);
    const gap = previous ? text.slice(previous.end, token.start) : "";
    const joined = previous && /^[ \t]+(?:&[ \t]+)?$/.test(gap);
    const connector = joined && CONNECTORS.has(lower);
    if (PRONOUNS.has(lower) || /^\d/.test(token.text) || (COMMON_WORDS.has(lower) && !startsSentence(text, token.start) && !connector)) {
      flush();
      continue;
    }
    if (isCapitalised(token.text)) {
      if (!joined) flush();
      run.push(token);
    } else if (connector) {
      run.push(token);
    } else {
      flush();
    }
  }
  flush();
  return names;
}

// --- The check ----------------------------------------------------------------------

export function checkModelAnswerFacts(modelAnswer: string, sources: FactSources): FactCheck {
  const sourceText = [
    sources.resume,
    sources.answer,
    sources.question ?? "",
    sources.posting ? `${sources.posting.title}\n${sources.posting.company ?? ""}` : "",
  ].join("\n\n");
  const sourceWords = new Set(wordTokens(sourceText).map((t) => t.word));
  const sourceNumbers = findNumbers(sourceText, { words: true });
  const text = maskPlaceholders(modelAnswer);
  const flags: FactFlag[] = [];

  const names = findNames(text);
  for (const name of names) {
    const missing = name.words.filter((w) => !sourceWords.has(w));
    if (missing.length) {
      flags.push({
        kind: "name",
        text: name.text,
        start: name.start,
        end: name.end,
        reason: `“${name.text}” is not in your résumé or your answer.`,
      });
    }
  }
  const numbers = findNumbers(text);
  for (const number of numbers) {
    if (!sourceNumbers.some((s) => sameNumber(number, s))) {
      flags.push({ ...number, kind: "number", reason: `${number.text} is not in your résumé or your answer.` });
    }
  }
  flags.sort((a, b) => a.start - b.start);
  return {
    flags: flags.map(({ kind, text, start, end, reason }) => ({ kind, text, start, end, reason })),
    checked: names.length + numbers.length,
  };
}
