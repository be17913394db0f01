/**
 * Text cut into numbered sentences, each with its exact place in the text.
 *
 * The STAR check and requirement extraction show the model a numbered list and
 * ask for numbers back, instead of asking it to quote: a number either names a
 * sentence we sent or it does not, so the check is exact and what the page
 * shows is always the user's own text, character for character.
 *
 * The cut is the platform's (`Intl.Segmenter`, Unicode sentence rules: it
 * keeps "e.g. a ledger" together and breaks at line ends, so a bulleted list
 * gives one sentence per bullet). Client-safe: no I/O.
 */

export type Sentence = {
  /** 1-based, as shown to the model and to the user. */
  number: number;
  /** Offsets in the original text: `text.slice(start, end) === sentence.text`. */
  start: number;
  end: number;
  text: string;
};

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
/** A bullet or list marker at the start of a line is layout, not part of the sentence. */
const LEADING_MARK = /^(?:[-*•‣◦·]|\d{1,2}[.)])\s+/u;
/** At least one letter or digit: a segment of only punctuation or symbols is not a sentence. */
const HAS_WORD = /[\p{L}\p{N}]/u;
/** "2." opening a numbered line comes out as a segment of its own. */
const LIST_NUMBER = /^\d{1,2}[.)]$/;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    let start = index + (segment.length - segment.trimStart().length);
    const end = index + segment.trimEnd().length;
    const mark = LEADING_MARK.exec(text.slice(start, end));
    if (mark && start + mark[0].length < end) start += mark[0].length;
    if (end <= start || !HAS_WORD.test(text.slice(start, end)) || LIST_NUMBER.test(text.slice(start, end))) continue;
    sentences.push({ number: sentences.length + 1, start, end, text: text.slice(start, end) });
  }
  return sentences;
}

/** The sentences with these numbers, in text order; numbers that name no sentence are left out. */
export function sentencesByNumber(sentences: readonly Sentence[], numbers: readonly number[]): Sentence[] {
  const wanted = new Set(numbers);
  return sentences.filter((s) => wanted.has(s.number));
}
