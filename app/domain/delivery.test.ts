import { describe, expect, it } from "vitest";
import {
  computeDelivery,
  countSpokenWords,
  findFillersAndHedges,
  joinTranscripts,
  longPausesIn,
  typicalAnswerWords,
  type TimedWord,
} from "./delivery.ts";

/** Word timings for a text: each word lasts 0.25 s and follows the last after 0.05 s, or after the pause given for its index. */
function timeline(text: string, pausesBefore: Record<number, number> = {}, startAt = 0.5): TimedWord[] {
  const words: TimedWord[] = [];
  let cursor = startAt;
  text.match(/[\p{L}\p{N}'’.-]+/gu)!.forEach((raw, i) => {
    if (i > 0) cursor += pausesBefore[i] ?? 0.05;
    const word = raw.replace(/[.,]$/, "");
    words.push({ word, start: cursor, end: cursor + 0.25 });
    cursor += 0.25;
  });
  return words;
}

const wordsOf = (n: number) => Array.from({ length: n }, (_, i) => `point${i}`).join(" ") + ".";

const fillers = (text: string) =>
  findFillersAndHedges(text)
    .filter((f) => f.kind === "filler")
    .map((f) => f.phrase);
const hedges = (text: string) =>
  findFillersAndHedges(text)
    .filter((f) => f.kind === "hedge")
    .map((f) => f.phrase);

const KNOWN =
  "Um, in my last role I led the migration to PostgreSQL. I think the hardest part was, like, keeping both databases in sync. You know, we basically compared totals every hour.";

describe("delivery of a known spoken answer", () => {
  it("gives exact pace, fillers, hedges, pauses, length and observations", () => {
    // Pauses before word 12 ("I"), 24 ("You"), 27 ("basically") and 30 ("hour"): 2.5 s, 3 s, 2 s exactly, 1.9 s.
    const words = timeline(KNOWN, { 11: 2.5, 23: 3, 26: 2, 30: 1.9 });
    const metrics = computeDelivery({ recordings: [{ text: KNOWN, durationSeconds: 15, words }], questionType: "behavioral" });
    expect(metrics).toEqual({
      version: 1,
      recordingCount: 1,
      wordCount: 31,
      durationSeconds: 15,
      wordsPerMinute: 124,
      pace: "comfortable",
      fillerCount: 4,
      fillersPerMinute: 16,
      fillers: [
        { phrase: "basically", count: 1 },
        { phrase: "like", count: 1 },
        { phrase: "um", count: 1 },
        { phrase: "you know", count: 1 },
      ],
      hedgeCount: 1,
      hedges: [{ phrase: "I think", count: 1 }],
      longPauses: { count: 3, longestSeconds: 3, totalSeconds: 7.5 },
      length: { questionType: "behavioral", measure: "seconds", value: 15, typicalMin: 90, typicalMax: 180, verdict: "short" },
      observations: [
        "4 filler words (16 a minute): “basically” ×1, “like” ×1, “um” ×1. A short silent pause works better than a filler.",
        "3 pauses of 2 seconds or more (the longest 3 s). When you need time, say so in a few words (“Let me think about the trade-off”) rather than going silent.",
        "At 15 seconds this answer is short for a behavioral question (typically 1½–3 minutes). Add the context, what you did and the result.",
      ],
    });
  });

  it("says pauses are unknown, not zero, when the provider gives no word timings", () => {
    const metrics = computeDelivery({ recordings: [{ text: KNOWN, durationSeconds: 15 }], questionType: "behavioral" });
    expect(metrics.longPauses).toBeNull();
    expect(metrics.observations.at(-1)).toBe(
      "Pauses weren't measured: your transcription model doesn't return word timings (whisper-1 does).",
    );
  });

  it("without a duration, gives counts but no rates, and measures length in words", () => {
    const metrics = computeDelivery({
      recordings: [{ text: wordsOf(500), durationSeconds: null, words: null }],
      questionType: "technical",
    });
    expect(metrics).toMatchObject({ wordCount: 500, durationSeconds: null, wordsPerMinute: null, pace: null, fillersPerMinute: null });
    expect(metrics.length).toEqual({
      questionType: "technical",
      measure: "words",
      value: 500,
      typicalMin: 140,
      typicalMax: 420,
      verdict: "long",
    });
    expect(metrics.observations).toContain(
      "At 500 words this answer is long for a technical question (typically 140–420 words). Lead with the point and cut detail the interviewer didn't ask for.",
    );
  });

  it("praises what was measured when nothing stands out", () => {
    const text = wordsOf(140);
    const metrics = computeDelivery({ recordings: [{ text, durationSeconds: 60, words: timeline(text) }], questionType: "technical" });
    expect(metrics.observations).toEqual([
      "Clear delivery: a comfortable pace (140 words a minute), no filler words and a typical length for the question.",
    ]);
  });

  it("calls a pace over 170 fast and under 110 slow", () => {
    const fast = computeDelivery({ recordings: [{ text: wordsOf(200), durationSeconds: 60, words: null }] });
    expect([fast.wordsPerMinute, fast.pace]).toEqual([200, "fast"]);
    expect(fast.observations[0]).toBe(
      "You spoke at 200 words a minute — faster than the 110–170 most listeners follow easily. Slow down and pause between points.",
    );
    const slow = computeDelivery({ recordings: [{ text: wordsOf(50), durationSeconds: 60, words: null }] });
    expect([slow.wordsPerMinute, slow.pace]).toEqual([50, "slow"]);
    expect(slow.length).toBeNull(); // no question type given
  });

  it("notes hedging when it is frequent", () => {
    const text = "I think we could maybe cache it. It would probably help, I guess.";
    const metrics = computeDelivery({ recordings: [{ text, durationSeconds: 6, words: timeline(text) }] });
    expect(metrics.hedges).toEqual([
      { phrase: "I guess", count: 1 },
      { phrase: "I think", count: 1 },
      { phrase: "maybe", count: 1 },
      { phrase: "probably", count: 1 },
    ]);
    expect(metrics.observations).toContain(
      "You hedged 4 times (“I guess” ×1, “I think” ×1, “maybe” ×1). Say what you did and know plainly; keep hedges for real uncertainty.",
    );
  });

  it("reports an empty transcript plainly", () => {
    const metrics = computeDelivery({ recordings: [{ text: "  ", durationSeconds: 4, words: [] }], questionType: "project" });
    expect(metrics).toMatchObject({ wordCount: 0, wordsPerMinute: 0, pace: null, fillerCount: 0, length: null, longPauses: { count: 0 } });
    expect(metrics.observations).toEqual(["No words were recognised in this recording. Check your microphone and record again."]);
  });
});

describe("several recordings appended to one answer", () => {
  const first = "We moved the queue to Postgres.";
  const second = "Um, then we measured the lag every minute.";

  it("adds the durations, joins the texts, and never counts the gap between recordings as a pause", () => {
    // The first recording ends with 20 s of silence and the second starts after 5 s: neither is a pause.
    const metrics = computeDelivery({
      recordings: [
        { text: first, durationSeconds: 30, words: timeline(first) },
        { text: second, durationSeconds: 45, words: timeline(second, {}, 5) },
      ],
      questionType: "situational",
    });
    expect(metrics).toMatchObject({
      recordingCount: 2,
      wordCount: 14,
      durationSeconds: 75,
      wordsPerMinute: 11,
      fillerCount: 1,
      fillersPerMinute: 0.8,
      longPauses: { count: 0, longestSeconds: null, totalSeconds: 0 },
      length: { measure: "seconds", value: 75, verdict: "typical" },
    });
    expect(joinTranscripts([{ text: ` ${first} ` }, { text: "" }, { text: second }])).toBe(`${first} ${second}`);
  });

  it("is unknown in duration when one recording's length is unknown, and in pauses when one has no timings", () => {
    const metrics = computeDelivery({
      recordings: [
        { text: first, durationSeconds: 30, words: timeline(first) },
        { text: second, durationSeconds: null, words: null },
      ],
    });
    expect(metrics).toMatchObject({ durationSeconds: null, wordsPerMinute: null, fillersPerMinute: null, longPauses: null });
  });

  it("does not join a phrase across two recordings", () => {
    const metrics = computeDelivery({
      recordings: [
        { text: "It was fast, I", durationSeconds: 2 },
        { text: "think the index helped.", durationSeconds: 2 },
      ],
    });
    expect(metrics.hedgeCount).toBe(0);
  });
});

describe("telling a filler “like” from the verb and the comparison", () => {
  it.each([
    ["I like Go.", 0],
    ["We would like to ship it.", 0],
    ["We'd like to ship it.", 0],
    ["We used tools like Kafka.", 0],
    ["We used queues, like Kafka and RabbitMQ.", 0],
    ["It looks like a memory leak.", 0],
    ["It's like a cache in front of the database.", 0],
    ["Like most teams, we had an on-call rota.", 0],
    ["Like I said, it was slow.", 0],
    ["and like I mentioned, it was slow.", 0],
    ["It was, like, really slow.", 1],
    ["Like, we never tested it.", 1],
    ["And like we shipped it anyway.", 1],
    ["It was like really slow.", 1],
    ["The build took like twenty minutes, like, every time.", 1],
  ])("%s → %i", (text, count) => {
    expect(fillers(text).filter((f) => f === "like")).toHaveLength(count);
  });

  it("counts “um like” as two fillers, and “I feel like” as a hedge only", () => {
    expect(fillers("Um like the build broke.")).toEqual(["um", "like"]);
    expect(findFillersAndHedges("I feel like it was slow.")).toEqual([{ phrase: "I feel like", kind: "hedge" }]);
  });
});

describe("“you know” and “I mean”", () => {
  it.each([
    ["Do you know what a B-tree is?", 0],
    ["You know, the database was slow.", 1],
    ["As you know, we moved to Kubernetes.", 0],
    ["You know what I did? I wrote a test.", 0],
    ["It was slow, you know.", 1],
    ["We had to, you know, restart it.", 1],
    ["You know we had to restart it.", 1],
  ])("%s → %i “you know”", (text, count) => {
    expect(fillers(text).filter((f) => f === "you know")).toHaveLength(count);
  });

  it.each([
    ["I mean, it worked.", 1],
    ["What I mean is that it scales.", 0],
    ["I mean it.", 0],
    ["I mean we could have cached it.", 1],
    ["I mean to say it scales.", 0],
  ])("%s → %i “I mean”", (text, count) => {
    expect(fillers(text).filter((f) => f === "I mean")).toHaveLength(count);
  });
});

describe("hedges", () => {
  it.each([
    ["What kind of database would you pick?", []],
    ["It was kind of slow.", ["kind of"]],
    ["We built a sort of queue.", []],
    ["It sort of worked.", ["sort of"]],
    ["I think about caching a lot.", []],
    ["I think it works.", ["I think"]],
    ["Maybe. Probably not. I guess so, perhaps.", ["maybe", "probably", "I guess", "perhaps"]],
    ["I believe in testing.", []],
    ["I believe it was Tuesday.", ["I believe"]],
    ["I'm not sure, but it was more or less done.", ["not sure", "more or less"]],
    ["I’m not sure.", ["not sure"]],
    ["I think. About that: no.", ["I think"]],
  ])("%s → %j", (text, expected) => {
    expect(hedges(text)).toEqual(expected);
  });

  it("spells fillers one way, and counts “actually” and “basically” every time", () => {
    expect(fillers("Umm, uhh, erm, hm. Actually it basically worked, ah.")).toEqual([
      "um",
      "uh",
      "er",
      "hmm",
      "actually",
      "basically",
      "ah",
    ]);
  });
});

describe("words and pauses", () => {
  it("counts contractions, hyphenated words, versions and numbers as one word each", () => {
    expect(countSpokenWords("I don’t think state-of-the-art Node.js 3.5 is — well — 100% there.")).toBe(10);
    expect(countSpokenWords("")).toBe(0);
  });

  it("finds silences of 2 s or more between words, in time order, ignoring overlaps", () => {
    expect(
      longPausesIn([
        { word: "c", start: 6, end: 6.5 },
        { word: "a", start: 0, end: 1 },
        { word: "b", start: 0.5, end: 3.5 }, // overlaps "a": the silence is counted from its end
        { word: "d", start: 8.5, end: 9 },
      ]),
    ).toEqual([2.5, 2]);
  });

  it("derives the typical word counts from the typical seconds at 140 words a minute", () => {
    expect(typicalAnswerWords("behavioral")).toEqual({ min: 210, max: 420 });
    expect(typicalAnswerWords("situational")).toEqual({ min: 140, max: 350 });
  });
});
