/**
 * Matching words the way a person reading a résumé would: ignoring case,
 * accents, plurals and -ing/-ed endings, and knowing that "Postgres" is
 * PostgreSQL and "k8s" is Kubernetes. Deliberately simple (a fixed synonym
 * table and a light stemmer) so every match can be explained in one sentence.
 * Every token keeps its place in the original text, so a match can be shown.
 * Client-safe: no I/O.
 */

export type Token = {
  /** The word folded (lower case, no accents, no inner dots or apostrophes) — or, from `termTokens`, its canonical stem. */
  word: string;
  start: number;
  end: number;
};

// Letters and digits, with inner dots and apostrophes ("Node.js", "O'Reilly") and trailing +/# ("C++", "C#").
const WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*[+#]*/gu;
const MARKS = /\p{M}+/gu;

/** One word folded for comparison: "Résumé's" → "resume", "Node.js" → "nodejs". */
export function foldWord(word: string): string {
  return word.normalize("NFKD").replace(MARKS, "").toLowerCase().replace(/’/g, "'").replace(/'s$/, "").replace(/['.]/g, "");
}

/** The words of a text, folded, with their offsets in the original. */
export function wordTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    let word = foldWord(match[0]);
    // ".NET" loses its dot to the word pattern; "net" alone is an ordinary word.
    if (word === "net" && text[start - 1] === "." && !/[\p{L}\p{N}]/u.test(text[start - 2] ?? "")) word = "dotnet";
    if (word) tokens.push({ word, start, end: start + match[0].length });
  }
  return tokens;
}

/**
 * Names that mean the same thing, as folded words → canonical words. Longer
 * phrases win over shorter ones. Extend with care: every entry is a claim
 * that two names are interchangeable on a résumé.
 */
export const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ["postgres", "postgresql"],
  ["psql", "postgresql"],
  ["k8s", "kubernetes"],
  ["golang", "go"],
  ["js", "javascript"],
  ["ecmascript", "javascript"],
  ["ts", "typescript"],
  ["nodejs", "node"],
  ["node js", "node"],
  ["reactjs", "react"],
  ["react js", "react"],
  ["vuejs", "vue"],
  ["vue js", "vue"],
  ["amazon web services", "aws"],
  ["google cloud platform", "gcp"],
  ["google cloud", "gcp"],
  ["microsoft azure", "azure"],
  ["mongo", "mongodb"],
  ["ml", "machine learning"],
  ["artificial intelligence", "ai"],
  ["ci cd", "cicd"],
  ["cpp", "c++"],
  ["csharp", "c#"],
  ["restful", "rest"],
  ["ms sql", "mssql"],
  ["sql server", "mssql"],
  ["elastic search", "elasticsearch"],
  ["dot net", "dotnet"],
];

const SYNONYM_TABLE = SYNONYMS.map(([from, to]) => ({ from: from.split(" "), to: to.split(" ") })).sort(
  (a, b) => b.from.length - a.from.length,
);

/**
 * A light stemmer, enough for plurals and -ing/-ed: "technologies" →
 * "technology", "services"/"service" → "servic", "mentoring"/"mentored" →
 * "mentor", "planning" → "plan". It only has to map the forms of one word to
 * the same stem, not to produce a real word.
 */
export function stem(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const undouble = (s: string) => (/([^aeiouslz])\1$/.test(s) ? s.slice(0, -1) : s);
  if (w.endsWith("ing") && w.length - 3 >= 3) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ed") && w.length - 2 >= 4) w = undouble(w.slice(0, -2));
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Words that carry no meaning of their own in a requirement's name ("Strong experience with Kafka" is about Kafka). */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and or the of in on for to at by from as is are be with without into via per etc eg ie such like including " +
    "experience experienced knowledge knowledgeable strong solid good great excellent deep proven demonstrated " +
    "skill skills ability able proficiency proficient familiarity familiar understanding hands handson " +
    "year years plus using use used related relevant similar preferred required requirement nice bonus least minimum " +
    "your you our we will can must should have has"
  ).split(" "),
);

export type TermToken = Token & {
  /** The canonical word before stemming (after synonyms): what filler-word checks look at. */
  base: string;
};

/** Folded words with synonyms replaced by their canonical name and every word stemmed, still with offsets. */
export function termTokens(text: string): TermToken[] {
  const tokens = wordTokens(text);
  const out: TermToken[] = [];
  for (let i = 0; i < tokens.length;) {
    const entry = SYNONYM_TABLE.find((s) => s.from.every((w, k) => tokens[i + k]?.word === w));
    if (entry) {
      const start = tokens[i]!.start;
      const end = tokens[i + entry.from.length - 1]!.end;
      for (const word of entry.to) out.push({ word: stem(word), base: word, start, end });
      i += entry.from.length;
    } else {
      const token = tokens[i]!;
      out.push({ word: stem(token.word), base: token.word, start: token.start, end: token.end });
      i++;
    }
  }
  return out;
}

/** The meaningful words of a short name (filler words dropped), canonical and stemmed. */
export function contentTerms(text: string): string[] {
  return termTokens(text)
    .filter((t) => !FILLER_WORDS.has(t.base))
    .map((t) => t.word);
}

/**
 * The identity of a requirement's name: its meaningful words, canonical and
 * stemmed, in order. "PostgreSQL", "Postgres" and "postgresql" share a key;
 * so do "Strong Kafka experience" and "Kafka". A name of filler words only
 * keys on all its words.
 */
export function requirementKey(name: string): string {
  const content = contentTerms(name);
  return (content.length ? content : termTokens(name).map((t) => t.word)).join(" ");
}

/** True when `text` names `topic`: at least one meaningful word of the topic (or a synonym) appears in it. */
export function mentionsTopic(text: string, topic: string): boolean {
  const words = new Set(termTokens(text).map((t) => t.word));
  return contentTerms(topic).some((w) => words.has(w));
}
