/**
 * Delivery feedback for a spoken answer, computed by our own code from what
 * the provider transcribed: pace, filler words, long pauses, hedging and
 * length. It says how the answer was *said*; the four content scores say what
 * was said, and the two are shown apart. Pure: the same transcript gives the
 * same numbers, in the worker, in the page and in the tests.
 *
 * Input is the raw transcript of each recording (not the answer the candidate
 * edited: removing an "um" from the text must not improve the delivery),
 * the recording's duration when known, and word timestamps when the provider
 * returns them (whisper-1 and the Whisper servers do; gpt-4o-mini-transcribe
 * does not). What cannot be measured is null ("unknown"), never zero.
 *
 * Heuristics, stated once:
 * - Words are runs of letters and digits, with inner apostrophes, hyphens and
 *   dots ("don't", "state-of-the-art", "Node.js", "3.5" are one word each).
 * - Pace is words over the recordings' total length, silences included.
 * - Fillers: um, uh, er, erm, ah, hmm (and their longer spellings), "basically"
 *   and "actually" (always: in speech they are nearly always padding), and:
 *   · "like" when it is set off by punctuation ("it was, like, slow", "like, we
 *     never…"), follows a conjunction or another filler ("and like we shipped
 *     it"), or follows a form of "be" without a noun phrase after it ("it was
 *     like really slow"). Otherwise it is the verb ("I like Go", "we'd like
 *     to") or the comparison ("tools like Kafka", "it looks like", "it's like
 *     a cache"), and "like I said" is a phrase, not a filler;
 *   · "you know" unless it asks or states something ("do you know", "as you
 *     know", "you know what/how/the…"), though a comma after it ("you know,
 *     the…") always makes it a filler;
 *   · "I mean" unless it means something ("what I mean is", "I mean it",
 *     "I mean to"), again always a filler before a comma.
 * - Hedges: I think, I guess, I suppose, I believe, maybe, perhaps,
 *   probably, possibly, not sure, I feel like, somewhat, more or less, and
 *   "kind of"/"sort of" when they soften a claim ("it was kind of slow"); after
 *   a determiner ("what kind of database") they are plain nouns and not
 *   counted. "kind of"/"sort of" count once, as hedges, never also as fillers.
 * - A long pause is a silence of LONG_PAUSE_SECONDS or more between two words
 *   of one recording; silence before the first word, after the last, and
 *   between two recordings is not a pause the listener heard.
 */

export type QuestionType = "technical" | "behavioral" | "project" | "situational";
export type TimedWord = { word: string; start: number; end: number };
/** One recording's transcript. Several recordings appended to one answer are passed together. */
export type SpokenRecording = { text: string; durationSeconds: number | null; words?: TimedWord[] | null };
export type PhraseCount = { phrase: string; count: number };

export type DeliveryMetrics = {
  /** Bumped when a heuristic changes, so stored metrics can be told apart. */
  version: typeof DELIVERY_METRICS_VERSION;
  recordingCount: number;
  wordCount: number;
  durationSeconds: number | null;
  wordsPerMinute: number | null;
  pace: "slow" | "comfortable" | "fast" | null;
  fillerCount: number;
  fillersPerMinute: number | null;
  /** Most frequent first. */
  fillers: PhraseCount[];
  hedgeCount: number;
  hedges: PhraseCount[];
  /** Null when no word timings were available: unknown, not "no pauses". */
  longPauses: { count: number; longestSeconds: number | null; totalSeconds: number } | null;
  length: {
    questionType: QuestionType;
    measure: "seconds" | "words";
    value: number;
    typicalMin: number;
    typicalMax: number;
    verdict: "short" | "typical" | "long";
  } | null;
  /** Plain-language notes, most useful first. */
  observations: string[];
};

export const DELIVERY_METRICS_VERSION = 1;

/** Silences at least this long between words are "long pauses". An assumption: conversational gaps are a fraction of a second; 2 s leaves ordinary thinking pauses between sentences alone. */
export const LONG_PAUSE_SECONDS = 2;

/**
 * Comfortable speaking rates, words per minute. Conversational English runs at
 * about 120–160 wpm; below ~110 listeners drift, above ~170 they struggle to
 * keep up with technical content. An assumption, not a standard.
 */
export const COMFORTABLE_PACE_WPM = { min: 110, max: 170 } as const;

/** Fillers per minute above which we say so (an assumption: one every 20 seconds is already noticeable to an interviewer). */
export const FILLERS_PER_MINUTE_HIGH = 3;
/** Without a duration, fillers per 100 words above which we say so (3 a minute at ~140 wpm). */
export const FILLERS_PER_100_WORDS_HIGH = 2;
/** Hedges per 100 words above which we say so (at least two hedges). */
export const HEDGES_PER_100_WORDS_HIGH = 2;

/** The pace used to turn the typical lengths below into words. */
export const TYPICAL_PACE_WPM = 140;

/**
 * Typical spoken answer lengths, in seconds, by question type. Assumptions from
 * common interview coaching advice, not a study: a STAR story (behavioral,
 * project) takes about one and a half to three minutes, an explanation or a
 * design sketch one to three, a "what would you do" one to two and a half.
 * The word ranges are these at TYPICAL_PACE_WPM. Tune here.
 */
export const TYPICAL_ANSWER_SECONDS: Record<QuestionType, { min: number; max: number }> = {
  technical: { min: 60, max: 180 },
  behavioral: { min: 90, max: 180 },
  project: { min: 90, max: 180 },
  situational: { min: 60, max: 150 },
};

export function typicalAnswerWords(type: QuestionType) {
  const { min, max } = TYPICAL_ANSWER_SECONDS[type];
  return { min: Math.round((min * TYPICAL_PACE_WPM) / 60), max: Math.round((max * TYPICAL_PACE_WPM) / 60) };
}

// ---------------------------------------------------------------------------
// Words with the punctuation around them

type Token = { word: string; original: string; before: string; after: string };

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const before = text.slice(last, match.index);
    if (tokens.length) tokens[tokens.length - 1]!.after = before;
    tokens.push({ word: match[0].toLowerCase().replace(/’/g, "'"), original: match[0], before, after: "" });
    last = match.index + match[0].length;
  }
  if (tokens.length) tokens[tokens.length - 1]!.after = text.slice(last);
  return tokens;
}

export const countSpokenWords = (text: string) => tokenize(text).length;

/** Punctuation that sets a word off from its neighbours (commas, dashes, sentence ends, ellipses). */
const SET_OFF = /[,;:.!?…—–()"]|\s-\s/;
const setOffAfter = (t: Token | undefined) => t !== undefined && SET_OFF.test(t.after);

// ---------------------------------------------------------------------------
// Fillers and hedges

const wordSet = (list: string) => new Set(list.split(" "));
const ALWAYS_FILLERS = wordSet("um umm uhm uh uhh er erm ah hmm hm basically actually");
const FILLER_SPELLING: Record<string, string> = { umm: "um", uhm: "um", uhh: "uh", erm: "er", hm: "hmm" };
const BE_FORMS = wordSet("is was were are am be been it's i'm that's there's he's she's we're they're you're");
const CONJUNCTIONS = wordSet("and but so or then because");
// What makes "like" a comparison after "be" ("it's like a cache", "it was like when…").
const NOUN_PHRASE_STARTS = wordSet(
  "a an the this that these those my your our their his her its someone something when what how if i you we they he she it",
);
const ASKING_BEFORE_YOU_KNOW = wordSet("do did does don't didn't doesn't if as would will could should might may can to");
const OBJECT_AFTER_YOU_KNOW = wordSet(
  "what how why when where who which whether if that about the a an it this these those them him her me us someone something anything everything everyone anyone your my our their his its",
);
const DETERMINERS = wordSet(
  "what which this that these those a an the any some every each same other one no different right wrong whatever my your our their his her its",
);

type Rule = {
  words: string[];
  phrase: string;
  kind: "filler" | "hedge";
  /** Whether this occurrence counts, given the words before (`prev`) and after (`next`) it. */
  counts?: (prev: Token | undefined, match: Token[], next: Token | undefined, afterNext: Token | undefined) => boolean;
};

const notAfterDeterminer: Rule["counts"] = (prev) => !(prev && !setOffAfter(prev) && DETERMINERS.has(prev.word));

// Longer phrases first, so "I feel like" is a hedge before "like" could be a filler.
const RULES: Rule[] = [
  { words: ["i'm", "not", "sure"], phrase: "not sure", kind: "hedge" },
  { words: ["i", "am", "not", "sure"], phrase: "not sure", kind: "hedge" },
  { words: ["more", "or", "less"], phrase: "more or less", kind: "hedge" },
  { words: ["i", "feel", "like"], phrase: "I feel like", kind: "hedge" },
  { words: ["not", "sure"], phrase: "not sure", kind: "hedge" },
  {
    words: ["i", "think"],
    phrase: "I think",
    kind: "hedge",
    counts: (_prev, match, next) => setOffAfter(match[1]) || !next || !["about", "of", "through", "back"].includes(next.word),
  },
  { words: ["i", "guess"], phrase: "I guess", kind: "hedge" },
  { words: ["i", "suppose"], phrase: "I suppose", kind: "hedge" },
  {
    words: ["i", "believe"],
    phrase: "I believe",
    kind: "hedge",
    counts: (_prev, match, next) => setOffAfter(match[1]) || next?.word !== "in",
  },
  { words: ["kind", "of"], phrase: "kind of", kind: "hedge", counts: notAfterDeterminer },
  { words: ["sort", "of"], phrase: "sort of", kind: "hedge", counts: notAfterDeterminer },
  {
    words: ["you", "know"],
    phrase: "you know",
    kind: "filler",
    counts: (prev, match, next) => {
      if (prev && !setOffAfter(prev) && ASKING_BEFORE_YOU_KNOW.has(prev.word)) return false;
      if (setOffAfter(match[1]) || !next) return true;
      return !OBJECT_AFTER_YOU_KNOW.has(next.word);
    },
  },
  {
    words: ["i", "mean"],
    phrase: "I mean",
    kind: "filler",
    counts: (prev, match, next) => {
      if (setOffAfter(match[1]) || !next) return true;
      if (prev && !setOffAfter(prev) && ["what", "which", "if", "that"].includes(prev.word)) return false;
      return !["it", "to", "that", "what", "by"].includes(next.word);
    },
  },
  {
    words: ["like"],
    phrase: "like",
    kind: "filler",
    counts: (prev, match, next, afterNext) => {
      const like = match[0]!;
      if (next?.word === "i" && ["said", "mentioned", "say"].includes(afterNext?.word ?? "")) return false;
      if (setOffAfter(like)) return true; // "like, we never…", "was, like, slow"
      if (!prev || setOffAfter(prev)) return false; // sentence-initial comparison: "Like most teams, we…"
      if (CONJUNCTIONS.has(prev.word) || ALWAYS_FILLERS.has(prev.word)) return true;
      if (BE_FORMS.has(prev.word)) return !next || !NOUN_PHRASE_STARTS.has(next.word);
      return false;
    },
  },
  ...["maybe", "perhaps", "probably", "possibly", "somewhat"].map((w): Rule => ({ words: [w], phrase: w, kind: "hedge" })),
];

/** Every filler and hedge in a transcript, counted once each, in order of appearance. */
export function findFillersAndHedges(text: string): Array<{ phrase: string; kind: "filler" | "hedge" }> {
  const tokens = tokenize(text);
  const found: Array<{ phrase: string; kind: "filler" | "hedge" }> = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (ALWAYS_FILLERS.has(token.word)) {
      found.push({ phrase: FILLER_SPELLING[token.word] ?? token.word, kind: "filler" });
      i++;
      continue;
    }
    let matched = 0;
    for (const rule of RULES) {
      const slice = tokens.slice(i, i + rule.words.length);
      if (slice.length !== rule.words.length || !rule.words.every((w, k) => slice[k]!.word === w)) continue;
      // A phrase broken by a sentence end or comma ("I think. About…", "kind, of") is not the phrase.
      if (slice.slice(0, -1).some((t) => setOffAfter(t))) continue;
      const next = tokens[i + rule.words.length];
      if (rule.counts && !rule.counts(tokens[i - 1], slice, next, tokens[i + rule.words.length + 1])) continue;
      found.push({ phrase: rule.phrase, kind: rule.kind });
      matched = rule.words.length;
      break;
    }
    i += matched || 1;
  }
  return found;
}

function tally(phrases: string[]): PhraseCount[] {
  const counts = new Map<string, number>();
  for (const phrase of phrases) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  return [...counts].map(([phrase, count]) => ({ phrase, count })).sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase));
}

// ---------------------------------------------------------------------------
// Pauses

/** Long silences between consecutive words of one recording (seconds, unrounded). */
export function longPausesIn(words: TimedWord[], threshold = LONG_PAUSE_SECONDS): number[] {
  const timed = words.filter((w) => Number.isFinite(w.start) && Number.isFinite(w.end)).sort((a, b) => a.start - b.start);
  const pauses: number[] = [];
  let spokenUntil = timed[0]?.end ?? 0;
  for (const word of timed.slice(1)) {
    const gap = word.start - spokenUntil;
    if (gap >= threshold) pauses.push(gap);
    spokenUntil = Math.max(spokenUntil, word.end);
  }
  return pauses;
}

// ---------------------------------------------------------------------------
// The whole report

const round1 = (n: number) => Math.round(n * 10) / 10;
const perMinute = (count: number, seconds: number | null) => (seconds ? round1(count / (seconds / 60)) : null);

/** The transcripts of several recordings, in order, as one answer text. */
export function joinTranscripts(recordings: Pick<SpokenRecording, "text">[]): string {
  return recordings
    .map((r) => r.text.trim())
    .filter(Boolean)
    .join(" ");
}

const quoteList = (items: PhraseCount[]) =>
  items
    .slice(0, 3)
    .map((f) => `“${f.phrase}” ×${f.count}`)
    .join(", ");

const minutesPhrase = (seconds: number) => {
  const half = Math.round((seconds / 60) * 2) / 2;
  const whole = Math.floor(half);
  const text = half % 1 ? (whole ? `${whole}½` : "½") : String(whole);
  return `${text} minute${half === 1 ? "" : "s"}`;
};

const TYPE_LABEL: Record<QuestionType, string> = {
  technical: "a technical",
  behavioral: "a behavioral",
  project: "a project",
  situational: "a situational",
};

export function computeDelivery(input: { recordings: SpokenRecording[]; questionType?: QuestionType | null }): DeliveryMetrics {
  const { recordings } = input;
  const text = joinTranscripts(recordings);
  const wordCount = countSpokenWords(text);
  const durations = recordings.map((r) =>
    r.durationSeconds !== null && Number.isFinite(r.durationSeconds) && r.durationSeconds > 0 ? r.durationSeconds : null,
  );
  const durationSeconds = recordings.length && durations.every((d) => d !== null) ? round1(durations.reduce((a, b) => a! + b!, 0)!) : null;

  const wordsPerMinute = durationSeconds ? Math.round(wordCount / (durationSeconds / 60)) : null;
  const pace =
    wordsPerMinute === null || wordCount === 0
      ? null
      : wordsPerMinute < COMFORTABLE_PACE_WPM.min
        ? "slow"
        : wordsPerMinute > COMFORTABLE_PACE_WPM.max
          ? "fast"
          : "comfortable";

  // Counted per recording, so a phrase never spans the join between two.
  const found = recordings.flatMap((r) => findFillersAndHedges(r.text));
  const fillers = tally(found.filter((f) => f.kind === "filler").map((f) => f.phrase));
  const hedges = tally(found.filter((f) => f.kind === "hedge").map((f) => f.phrase));
  const fillerCount = fillers.reduce((n, f) => n + f.count, 0);
  const hedgeCount = hedges.reduce((n, f) => n + f.count, 0);

  const timed = recordings.length > 0 && recordings.every((r) => Array.isArray(r.words) && (r.words.length > 0 || !r.text.trim()));
  const pauses = timed ? recordings.flatMap((r) => longPausesIn(r.words ?? [])) : null;
  const longPauses = pauses
    ? {
        count: pauses.length,
        longestSeconds: pauses.length ? round1(Math.max(...pauses)) : null,
        totalSeconds: round1(pauses.reduce((a, b) => a + b, 0)),
      }
    : null;

  const type = input.questionType ?? null;
  let length: DeliveryMetrics["length"] = null;
  if (type && wordCount > 0) {
    const range = durationSeconds ? TYPICAL_ANSWER_SECONDS[type] : typicalAnswerWords(type);
    const value = durationSeconds ?? wordCount;
    length = {
      questionType: type,
      measure: durationSeconds ? "seconds" : "words",
      value,
      typicalMin: range.min,
      typicalMax: range.max,
      verdict: value < range.min ? "short" : value > range.max ? "long" : "typical",
    };
  }

  const metrics: DeliveryMetrics = {
    version: DELIVERY_METRICS_VERSION,
    recordingCount: recordings.length,
    wordCount,
    durationSeconds,
    wordsPerMinute,
    pace,
    fillerCount,
    fillersPerMinute: perMinute(fillerCount, durationSeconds),
    fillers,
    hedgeCount,
    hedges,
    longPauses,
    length,
    observations: [],
  };
  metrics.observations = observe(metrics);
  return metrics;
}

function observe(m: DeliveryMetrics): string[] {
  if (m.wordCount === 0) return ["No words were recognised in this recording. Check your microphone and record again."];
  const notes: string[] = [];
  if (m.pace === "fast") {
    notes.push(
      `You spoke at ${m.wordsPerMinute} words a minute — faster than the ${COMFORTABLE_PACE_WPM.min}–${COMFORTABLE_PACE_WPM.max} most listeners follow easily. Slow down and pause between points.`,
    );
  } else if (m.pace === "slow") {
    notes.push(
      `You spoke at ${m.wordsPerMinute} words a minute — slower than the ${COMFORTABLE_PACE_WPM.min}–${COMFORTABLE_PACE_WPM.max} that keeps a listener with you. Know your next point before you start it.`,
    );
  }

  const manyFillers =
    m.fillersPerMinute !== null
      ? m.fillersPerMinute >= FILLERS_PER_MINUTE_HIGH
      : (m.fillerCount / m.wordCount) * 100 >= FILLERS_PER_100_WORDS_HIGH;
  if (m.fillerCount > 0 && manyFillers) {
    const rate = m.fillersPerMinute !== null ? ` (${m.fillersPerMinute} a minute)` : "";
    notes.push(`${m.fillerCount} filler words${rate}: ${quoteList(m.fillers)}. A short silent pause works better than a filler.`);
  }

  if (m.longPauses && m.longPauses.count > 0) {
    const { count, longestSeconds } = m.longPauses;
    notes.push(
      `${count === 1 ? "One pause" : `${count} pauses`} of ${LONG_PAUSE_SECONDS} seconds or more${count > 1 ? ` (the longest ${longestSeconds} s)` : ` (${longestSeconds} s)`}. When you need time, say so in a few words (“Let me think about the trade-off”) rather than going silent.`,
    );
  }

  if (m.hedgeCount >= 2 && (m.hedgeCount / m.wordCount) * 100 >= HEDGES_PER_100_WORDS_HIGH) {
    notes.push(
      `You hedged ${m.hedgeCount} times (${quoteList(m.hedges)}). Say what you did and know plainly; keep hedges for real uncertainty.`,
    );
  }

  if (m.length && m.length.verdict !== "typical") {
    const { measure, value, typicalMin, typicalMax, questionType, verdict } = m.length;
    const said = measure === "seconds" ? `At ${value < 90 ? `${Math.round(value)} seconds` : minutesPhrase(value)}` : `At ${value} words`;
    const typical =
      measure === "seconds"
        ? `${minutesPhrase(typicalMin).replace(/ minutes?$/, "")}–${minutesPhrase(typicalMax)}`
        : `${typicalMin}–${typicalMax} words`;
    notes.push(
      verdict === "short"
        ? `${said} this answer is short for ${TYPE_LABEL[questionType]} question (typically ${typical}). Add the context, what you did and the result.`
        : `${said} this answer is long for ${TYPE_LABEL[questionType]} question (typically ${typical}). Lead with the point and cut detail the interviewer didn't ask for.`,
    );
  }

  if (notes.length === 0) {
    const good = [
      m.pace === "comfortable" ? `a comfortable pace (${m.wordsPerMinute} words a minute)` : null,
      m.fillerCount === 0 ? "no filler words" : "few filler words",
      m.length?.verdict === "typical" ? "a typical length for the question" : null,
    ].filter(Boolean);
    notes.push(`Clear delivery: ${good.slice(0, -1).join(", ")}${good.length > 1 ? " and " : ""}${good.at(-1)}.`);
  }
  if (m.longPauses === null) notes.push("Pauses weren't measured: your transcription model doesn't return word timings (whisper-1 does).");
  return notes;
}
