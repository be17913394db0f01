/**
 * Scores 0–100 with a band in words and colour: red < 60 "Needs work",
 * amber 60–79 "Developing", green ≥ 80 "Strong". Colour is never the only
 * signal: the number and the word are always shown.
 */

export type ScoreBand = { label: "Needs work" | "Developing" | "Strong"; bar: string; text: string; badge: string };

export function scoreBand(score: number): ScoreBand {
  if (score >= 80) return { label: "Strong", bar: "bg-green-600", text: "text-green-800", badge: "bg-green-100 text-green-900" };
  if (score >= 60) return { label: "Developing", bar: "bg-amber-500", text: "text-amber-900", badge: "bg-amber-100 text-amber-900" };
  return { label: "Needs work", bar: "bg-red-600", text: "text-red-800", badge: "bg-red-100 text-red-900" };
}

/** Whole numbers for display; overall scores can be x.25/x.5/x.75 (a mean of four). */
export function formatScore(score: number) {
  return Number.isInteger(score) ? String(score) : score.toFixed(1).replace(/\.0$/, "");
}

export function ScoreBar({ label, value, id }: { label: string; value: number; id?: string }) {
  const band = scoreBand(value);
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span id={id} className="font-medium text-slate-800">
          {label}
        </span>
        <span className={`font-semibold ${band.text}`}>
          {formatScore(value)}
          <span className="sr-only"> out of 100</span> · {band.label}
        </span>
      </div>
      <div
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${formatScore(value)} out of 100, ${band.label}`}
        aria-labelledby={id}
        aria-label={id ? undefined : label}
      >
        <div className={`h-full rounded-full ${band.bar}`} style={{ width: `${Math.max(2, Math.min(100, value))}%` }} />
      </div>
    </div>
  );
}

export function ScoreBadge({ value, prefix }: { value: number; prefix?: string }) {
  const band = scoreBand(value);
  return (
    <span className={`badge ${band.badge}`}>
      {prefix ? `${prefix} ` : ""}
      {formatScore(value)} · {band.label}
    </span>
  );
}
