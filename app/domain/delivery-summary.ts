import type { DeliveryMetrics } from "./delivery.ts";

/**
 * The delivery of a whole interview (issue 18), from the metrics stored on each
 * spoken answer: how many answers were spoken, the pace over all of them, the
 * fillers and hedges in all. Pure and client-safe; what no answer measured
 * stays null (unknown), never zero.
 */
export type DeliverySummary = {
  spokenAnswers: number;
  wordCount: number;
  /** Null unless every spoken answer's length was known. */
  durationSeconds: number | null;
  wordsPerMinute: number | null;
  fillerCount: number;
  fillersPerMinute: number | null;
  hedgeCount: number;
  /** Null when no answer had word timings. */
  longPauses: number | null;
};

export function summarizeDelivery(answers: Array<DeliveryMetrics | null>): DeliverySummary | null {
  const spoken = answers.filter((m): m is DeliveryMetrics => m !== null && m.wordCount > 0);
  if (!spoken.length) return null;
  const wordCount = spoken.reduce((n, m) => n + m.wordCount, 0);
  const fillerCount = spoken.reduce((n, m) => n + m.fillerCount, 0);
  const durationSeconds = spoken.every((m) => m.durationSeconds !== null)
    ? Math.round(spoken.reduce((n, m) => n + m.durationSeconds!, 0) * 10) / 10
    : null;
  const minutes = durationSeconds ? durationSeconds / 60 : null;
  const timed = spoken.filter((m) => m.longPauses !== null);
  return {
    spokenAnswers: spoken.length,
    wordCount,
    durationSeconds,
    wordsPerMinute: minutes ? Math.round(wordCount / minutes) : null,
    fillerCount,
    fillersPerMinute: minutes ? Math.round((fillerCount / minutes) * 10) / 10 : null,
    hedgeCount: spoken.reduce((n, m) => n + m.hedgeCount, 0),
    longPauses: timed.length ? timed.reduce((n, m) => n + m.longPauses!.count, 0) : null,
  };
}
