import { splitSentences, type Sentence } from "./sentences.ts";
import { contentTerms, termTokens } from "./text-match.ts";

/**
 * Where the résumé supports a requirement. The rule, short enough to show on
 * the page: a résumé sentence (or bullet) supports a requirement when it
 * contains the meaningful words of its name — all of them for a name of one or
 * two words, two thirds of them for a longer one — ignoring case, accents,
 * plurals and -ing/-ed endings, with known synonyms ("Postgres" is
 * PostgreSQL, "k8s" is Kubernetes). Client-safe: no I/O.
 */

export const RESUME_SUPPORT_RULE =
  "A résumé line supports a requirement when it contains the words of its name (two thirds of them for a name of three words or more), ignoring case, plurals and word endings; known synonyms count (Postgres = PostgreSQL).";

/** At most this many résumé lines are listed per requirement: enough to show the support, not the whole résumé. */
export const MAX_MENTIONS = 5;

export type ResumeMention = {
  /** The résumé sentence or bullet, with its offsets in the résumé. */
  sentence: Sentence;
  /** The matched words, as offsets in the résumé (for highlighting). */
  matches: Array<{ start: number; end: number }>;
};

export type ResumeSupport = { supported: boolean; mentions: ResumeMention[] };

/** How many of a name's meaningful words a line must contain. */
export function wordsNeeded(wordCount: number) {
  return wordCount <= 2 ? wordCount : Math.ceil((wordCount * 2) / 3);
}

export function resumeSupport(requirementName: string, resume: string): ResumeSupport {
  const wanted = [...new Set(contentTerms(requirementName))];
  if (!wanted.length) return { supported: false, mentions: [] };
  const needed = wordsNeeded(wanted.length);
  const mentions: ResumeMention[] = [];
  for (const sentence of splitSentences(resume)) {
    const tokens = termTokens(sentence.text).filter((t) => wanted.includes(t.word));
    if (new Set(tokens.map((t) => t.word)).size < needed) continue;
    const matches = tokens.map((t) => ({ start: sentence.start + t.start, end: sentence.start + t.end }));
    mentions.push({ sentence, matches: matches.filter((m, i) => i === 0 || m.start !== matches[i - 1]!.start) });
    if (mentions.length === MAX_MENTIONS) break;
  }
  return { supported: mentions.length > 0, mentions };
}
