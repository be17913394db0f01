import { describe, expect, it } from "vitest";
import { computeDelivery } from "./delivery.ts";
import { summarizeDelivery } from "./delivery-summary.ts";

describe("summarizeDelivery", () => {
  it("is null for an interview answered by typing only", () => {
    expect(summarizeDelivery([null, null])).toBeNull();
  });

  it("adds the spoken answers: pace over their total length, fillers per minute, unknown pauses stay unknown", () => {
    const a = computeDelivery({ recordings: [{ text: "Um, we moved the ledger to Postgres, like, in a month.", durationSeconds: 6 }] });
    const b = computeDelivery({ recordings: [{ text: "I think we measured first.", durationSeconds: 3 }] });
    expect(summarizeDelivery([a, null, b])).toEqual({
      spokenAnswers: 2,
      wordCount: a.wordCount + b.wordCount,
      durationSeconds: 9,
      wordsPerMinute: Math.round((a.wordCount + b.wordCount) / (9 / 60)),
      fillerCount: 2,
      fillersPerMinute: Math.round((2 / (9 / 60)) * 10) / 10,
      hedgeCount: 1,
      longPauses: null,
    });
  });

  it("leaves pace unknown when one answer's length is unknown", () => {
    const a = computeDelivery({ recordings: [{ text: "We shipped it.", durationSeconds: null }] });
    const b = computeDelivery({ recordings: [{ text: "Then we measured.", durationSeconds: 2 }] });
    expect(summarizeDelivery([a, b])).toMatchObject({ durationSeconds: null, wordsPerMinute: null, fillersPerMinute: null });
  });
});
