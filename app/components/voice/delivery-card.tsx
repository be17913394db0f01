import { COMFORTABLE_PACE_WPM, type DeliveryMetrics } from "#app/domain/delivery.ts";
import type { DeliverySummary } from "#app/domain/delivery-summary.ts";
import { formatClock } from "#app/domain/audio-file.ts";

const PACE_WORD = { slow: "slow", comfortable: "comfortable", fast: "fast" } as const;
const LENGTH_WORD = { short: "shorter than usual", typical: "a typical length", long: "longer than usual" } as const;

const phrases = (list: Array<{ phrase: string; count: number }>) => list.map((p) => `“${p.phrase}” ×${p.count}`).join(", ");

/**
 * Delivery feedback on one spoken answer (issue 18): how it was said — pace,
 * fillers, hedges, long pauses, length — measured by our own code from the
 * transcript and the recording's length. Shown beside the content scores and
 * labelled apart from them: it never changes a score.
 */
export function DeliveryCard({ delivery, idPrefix }: { delivery: DeliveryMetrics; idPrefix: string }) {
  const headingId = `${idPrefix}-delivery`;
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md border border-teal-200 bg-teal-50/50 p-4" data-testid="delivery">
      <div>
        <h3 id={headingId} className="text-sm font-semibold">
          Delivery: how you said it<span className="sr-only"> ({idPrefix.replace(/^q/, "question ")})</span>
        </h3>
        <p className="text-xs text-slate-600">
          Measured from your {delivery.recordingCount === 1 ? "recording" : `${delivery.recordingCount} recordings`} as transcribed,
          separate from the content scores.
        </p>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <dt className="font-medium text-slate-700">Pace</dt>
        <dd>
          {delivery.wordsPerMinute !== null && delivery.pace
            ? `${delivery.wordsPerMinute} words a minute (${PACE_WORD[delivery.pace]}; ${COMFORTABLE_PACE_WPM.min}–${COMFORTABLE_PACE_WPM.max} is comfortable)`
            : "Unknown (the recording's length is not known)"}
        </dd>
        <dt className="font-medium text-slate-700">Filler words</dt>
        <dd>
          {delivery.fillerCount}
          {delivery.fillersPerMinute !== null ? ` (${delivery.fillersPerMinute} a minute)` : ""}
          {delivery.fillers.length ? `: ${phrases(delivery.fillers)}` : ""}
        </dd>
        <dt className="font-medium text-slate-700">Hedging phrases</dt>
        <dd>
          {delivery.hedgeCount}
          {delivery.hedges.length ? `: ${phrases(delivery.hedges)}` : ""}
        </dd>
        <dt className="font-medium text-slate-700">Long pauses</dt>
        <dd>
          {delivery.longPauses === null
            ? "Unknown (your transcription model gives no word timings; whisper-1 does)"
            : delivery.longPauses.count === 0
              ? "None"
              : `${delivery.longPauses.count}, the longest ${delivery.longPauses.longestSeconds} s`}
        </dd>
        {delivery.length ? (
          <>
            <dt className="font-medium text-slate-700">Length</dt>
            <dd>
              {delivery.length.measure === "seconds"
                ? `${formatClock(delivery.length.value)} — ${LENGTH_WORD[delivery.length.verdict]} (${formatClock(delivery.length.typicalMin)}–${formatClock(delivery.length.typicalMax)} for this kind of question)`
                : `${delivery.length.value} words — ${LENGTH_WORD[delivery.length.verdict]} (${delivery.length.typicalMin}–${delivery.length.typicalMax} words for this kind of question)`}
            </dd>
          </>
        ) : null}
      </dl>
      {delivery.observations.length ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          {delivery.observations.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The whole interview's delivery, on the feedback page: labelled apart from the four content dimensions. */
export function DeliverySummaryCard({ summary }: { summary: DeliverySummary }) {
  return (
    <section aria-labelledby="delivery-summary-heading" className="card space-y-3 print:break-inside-avoid" data-testid="delivery-summary">
      <div>
        <h2 id="delivery-summary-heading">Delivery</h2>
        <p className="text-sm text-slate-600">
          How you spoke in the {summary.spokenAnswers === 1 ? "answer" : `${summary.spokenAnswers} answers`} you recorded — not part of the
          scores above.
        </p>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <dt className="font-medium text-slate-700">Pace</dt>
        <dd>{summary.wordsPerMinute !== null ? `${summary.wordsPerMinute} words a minute` : "Unknown"}</dd>
        <dt className="font-medium text-slate-700">Filler words</dt>
        <dd>
          {summary.fillerCount}
          {summary.fillersPerMinute !== null ? ` (${summary.fillersPerMinute} a minute)` : ""}
        </dd>
        <dt className="font-medium text-slate-700">Hedging phrases</dt>
        <dd>{summary.hedgeCount}</dd>
        <dt className="font-medium text-slate-700">Long pauses</dt>
        <dd>{summary.longPauses === null ? "Unknown" : summary.longPauses}</dd>
        <dt className="font-medium text-slate-700">Spoken</dt>
        <dd>
          {summary.wordCount} words{summary.durationSeconds !== null ? ` in ${formatClock(summary.durationSeconds)}` : ""}
        </dd>
      </dl>
    </section>
  );
}

/** The progress page's delivery over attempts: one row per attempt with spoken answers, oldest first. */
export function DeliveryTrend({
  attempts,
}: {
  attempts: Array<{ id: string; retakeNumber: number; createdAt: Date; summary: DeliverySummary | null }>;
}) {
  if (!attempts.length) return null;
  return (
    <section aria-labelledby="delivery-trend-heading" className="card space-y-3" data-testid="delivery-trend">
      <h2 id="delivery-trend-heading">Delivery across attempts</h2>
      <p className="text-sm text-slate-600">
        How you spoke in the answers you recorded, attempt by attempt — measured from the transcripts, not part of the scores.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Delivery of your spoken answers in each attempt</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-4">
                Attempt
              </th>
              <th scope="col" className="py-2 pr-4">
                Spoken answers
              </th>
              <th scope="col" className="py-2 pr-4">
                Words a minute
              </th>
              <th scope="col" className="py-2 pr-4">
                Fillers a minute
              </th>
              <th scope="col" className="py-2 pr-4">
                Hedges
              </th>
              <th scope="col" className="py-2 pr-4">
                Long pauses
              </th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((a) => (
              <tr key={a.id} className="border-b border-slate-100">
                <th scope="row" className="py-2 pr-4 font-medium">
                  <a href={`/interviews/${a.id}/feedback`}>Attempt {a.retakeNumber}</a>
                </th>
                <td className="py-2 pr-4">{a.summary?.spokenAnswers ?? 0}</td>
                <td className="py-2 pr-4">{a.summary?.wordsPerMinute ?? "Unknown"}</td>
                <td className="py-2 pr-4">{a.summary?.fillersPerMinute ?? (a.summary ? `${a.summary.fillerCount} in all` : "—")}</td>
                <td className="py-2 pr-4">{a.summary?.hedgeCount ?? "—"}</td>
                <td className="py-2 pr-4">{a.summary?.longPauses ?? "Unknown"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
