import { describe, expect, it } from "vitest";
import { mergeRanges, normaliseForQuotes, verifyJudgements, verifyQuote } from "./quotes.ts";

const ANSWER = `The client sends an “Idempotency-Key” header with every payment request — a UUID it generates once.
On the server I store the key   in PostgreSQL with a unique constraint, and I don't call the card network twice.
Keys expire after 24 hours; that's the trade-off between storage and safety.`;

/** The highlighted text: what the page would mark in the answer. */
const marked = (answer: string, quote: string) => verifyQuote(answer, quote).ranges.map((r) => answer.slice(r.start, r.end));

describe("verifyQuote", () => {
  it("finds an exact quote and reports where it is in the original text", () => {
    const check = verifyQuote(ANSWER, "a UUID it generates once");
    expect(check.verified).toBe(true);
    expect(marked(ANSWER, "a UUID it generates once")).toEqual(["a UUID it generates once"]);
  });

  it("ignores differences in quote marks, apostrophes, dashes, spacing, line breaks and case", () => {
    expect(marked(ANSWER, 'an "Idempotency-Key" header')).toEqual(["an “Idempotency-Key” header"]);
    expect(marked(ANSWER, "I don’t call the card network twice")).toEqual(["I don't call the card network twice"]);
    expect(marked(ANSWER, "every payment request - a UUID")).toEqual(["every payment request — a UUID"]);
    expect(marked(ANSWER, "the trade–off between storage")).toEqual(["the trade-off between storage"]);
    expect(marked(ANSWER, "a UUID it generates once. On the server I store the key in PostgreSQL")).toEqual([
      "a UUID it generates once.\nOn the server I store the key   in PostgreSQL",
    ]);
    expect(verifyQuote(ANSWER, "ON THE SERVER I STORE THE KEY").verified).toBe(true);
  });

  it("ignores the quote's own quotation marks and a full stop the model added", () => {
    expect(marked(ANSWER, "“with a unique constraint.”")).toEqual(["with a unique constraint"]);
    expect(marked(ANSWER, "'Keys expire after 24 hours.'")).toEqual(["Keys expire after 24 hours"]);
  });

  it("accepts an elided middle (…) when the parts appear in order, and marks each part", () => {
    expect(marked(ANSWER, "The client sends … with every payment request")).toEqual(["The client sends", "with every payment request"]);
    expect(marked(ANSWER, "The client sends ... a unique constraint")).toEqual(["The client sends", "a unique constraint"]);
    expect(verifyQuote(ANSWER, "a unique constraint … The client sends").verified).toBe(false);
  });

  it("never verifies words the candidate did not write", () => {
    expect(verifyQuote(ANSWER, "I cut the p99 latency by 40 percent")).toEqual({ verified: false, ranges: [] });
    expect(verifyQuote(ANSWER, "store the key in Redis").verified).toBe(false);
    expect(verifyQuote(ANSWER, "The client sends a key with every payment request").verified).toBe(false);
  });

  it("matches whole words only: a fragment of a word is not a quote", () => {
    const answer = "We use caches in front of the database.";
    expect(verifyQuote(answer, "ache").verified).toBe(false);
    expect(verifyQuote(answer, "cache in front").verified).toBe(false);
    expect(verifyQuote(answer, "caches in front").verified).toBe(true);
  });

  it("refuses quotes too short to prove anything, and empty ones", () => {
    expect(verifyQuote(ANSWER, "the").verified).toBe(false);
    expect(verifyQuote(ANSWER, "…").verified).toBe(false);
    expect(verifyQuote(ANSWER, "").verified).toBe(false);
    expect(verifyQuote("fine", "fine").verified).toBe(true);
  });

  it("keeps ranges right around characters that change length when normalised", () => {
    const answer = "🚀 Le résumé et le ﬁchier: I deployed it.";
    expect(marked(answer, "resume et le fichier")).toEqual(["résumé et le ﬁchier"]);
    expect(marked(answer, "I deployed it")).toEqual(["I deployed it"]);
    expect(marked("İstanbul office", "istanbul office")).toEqual(["İstanbul office"]);
  });
});

describe("normaliseForQuotes", () => {
  it("maps every normalised character back to its span in the original", () => {
    const n = normaliseForQuotes("  A—“B”\n\nc…  ");
    expect(n.text).toBe("a-b c...");
    expect(n.starts).toHaveLength(n.text.length);
    expect(n.ends).toHaveLength(n.text.length);
    expect(n.starts[0]).toBe(2);
    expect(n.text.at(-1)).toBe(".");
  });
});

describe("mergeRanges", () => {
  it("joins overlapping and touching ranges and sorts them", () => {
    expect(
      mergeRanges([
        { start: 10, end: 20 },
        { start: 0, end: 5 },
        { start: 15, end: 25 },
        { start: 25, end: 30 },
        { start: 40, end: 40 },
      ]),
    ).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 30 },
    ]);
  });
});

describe("verifyJudgements", () => {
  it("marks each judgement verified or not, and a judgement without a quote as not verified", () => {
    const judged = verifyJudgements(ANSWER, [
      { point: " Names the storage ", quote: "in PostgreSQL with a unique constraint" },
      { point: "Invented", quote: "we sharded the ledger" },
      { point: "Say what happens on a timeout", quote: "" },
    ]);
    expect(judged.map((j) => [j.point, j.verified])).toEqual([
      ["Names the storage", true],
      ["Invented", false],
      ["Say what happens on a timeout", false],
    ]);
    expect(judged[0]!.ranges).toHaveLength(1);
    expect(judged[1]!.ranges).toEqual([]);
  });
});
