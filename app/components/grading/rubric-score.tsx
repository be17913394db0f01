import { Link } from "react-router";
import { bandFor, RUBRIC, type BandName, type Dimension } from "#app/ai/grading/rubric.ts";

/**
 * A per-answer score with its rubric band ("72 · Solid"), the band linking to
 * the "How scores work" page where that dimension's anchors are written out.
 * Colour is never the only signal: the number and the band name are always shown.
 */

export const HOW_SCORES_WORK = "/how-scores-work";

const STYLE: Record<BandName, { bar: string; text: string; badge: string }> = {
  Missing: { bar: "bg-red-600", text: "text-red-800", badge: "bg-red-100 text-red-900" },
  Partial: { bar: "bg-amber-500", text: "text-amber-900", badge: "bg-amber-100 text-amber-900" },
  Solid: { bar: "bg-sky-600", text: "text-sky-900", badge: "bg-sky-100 text-sky-900" },
  Strong: { bar: "bg-green-600", text: "text-green-800", badge: "bg-green-100 text-green-900" },
};

/** The anchor of a dimension's section on the "How scores work" page. */
export const dimensionAnchor = (d: Dimension) => d.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const dimensionLabel = (d: Dimension) => RUBRIC.find((r) => r.key === d)!.label;

export function RubricScoreBar({ dimension, value, id }: { dimension: Dimension; value: number; id: string }) {
  const band = bandFor(value);
  const style = STYLE[band.name];
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span id={id} className="font-medium text-slate-800">
          {dimensionLabel(dimension)}
        </span>
        <span className={`font-semibold ${style.text}`}>
          {value}
          <span className="sr-only"> out of 100</span> ·{" "}
          <Link
            to={`${HOW_SCORES_WORK}#${dimensionAnchor(dimension)}`}
            className={style.text}
            aria-label={`${band.name}: what this band means for ${dimensionLabel(dimension).toLowerCase()}`}
          >
            {band.name}
          </Link>
        </span>
      </div>
      <div
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value} out of 100, ${band.name}`}
        aria-labelledby={id}
      >
        <div className={`h-full rounded-full ${style.bar}`} style={{ width: `${Math.max(2, Math.min(100, value))}%` }} />
      </div>
    </div>
  );
}

/** An average (or any per-answer score) as a badge: "Average 72 · Solid". */
export function RubricScoreBadge({ value, prefix }: { value: number; prefix?: string }) {
  const band = bandFor(value);
  return (
    <span className={`badge ${STYLE[band.name].badge}`} data-testid="rubric-score">
      {prefix ? `${prefix} ` : ""}
      {value} · {band.name}
    </span>
  );
}
