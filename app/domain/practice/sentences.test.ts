import { describe, expect, it } from "vitest";
import { sentencesByNumber, splitSentences } from "./sentences.ts";

describe("splitSentences", () => {
  it("numbers the sentences from 1 and keeps each one's exact place in the text", () => {
    const text = "At Acme we built a ledger, e.g. for refunds.  I led the migration to PostgreSQL 15. It cut p95 latency by 40%!";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "At Acme we built a ledger, e.g. for refunds.",
      "I led the migration to PostgreSQL 15.",
      "It cut p95 latency by 40%!",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.number)).toEqual([1, 2, 3]);
  });

  it("gives one sentence per bullet or line, without the bullet mark, and skips blank or punctuation-only lines", () => {
    const text = "Requirements:\n- 5+ years with Go\n• Kubernetes in production\n2. Mentor juniors\n\n---\n";
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "Requirements:",
      "5+ years with Go",
      "Kubernetes in production",
      "Mentor juniors",
    ]);
  });

  it("is empty for empty or blank text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences("   \n\t")).toEqual([]);
  });

  it("finds sentences by number and ignores numbers that name none", () => {
    const sentences = splitSentences("One. Two. Three.");
    expect(sentencesByNumber(sentences, [3, 1, 9, 0]).map((s) => s.text)).toEqual(["One.", "Three."]);
  });
});
