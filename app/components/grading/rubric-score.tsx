import { bandFor, RUBRIC, type Dimension } from "#app/ai/grading/rubric.ts";
import { BAND_STYLE, BandLink, HOW_SCORES_WORK } from "#app/components/score.tsx";

/**
 * A per-answer score with its rubric band ("72 · Solid"), the band linking to
 * the "How scores work" page where that dimension's anchors are written out.
 * Colour is never the only signal: the number and the band name are always shown.
 */

/** The anchor of a dimension's section on the "How scores work" page. */
export const dimensionAnchor = (d: Dimension) => d.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const dimensionLabel = (d: Dimension) => RUBRIC.find((r) => r.key === d)!.label;

export function RubricScoreBar({ dimension, value, id }: { dimension: Dimension; value: number; id: string }) {
  const band = bandFor(value);
  const style = BAND_STYLE[band.name];
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span id={id} className="font-medium text-slate-800">
          {dimensionLabel(dimension)}
        </span>
        <span className={`font-semibold ${style.text}`}>
          {value}
          <span className="sr-only"> out of 100</span> ·{" "}
          <BandLink value={value} to={`${HOW_SCORES_WORK}#${dimensionAnchor(dimension)}`} about={dimensionLabel(dimension).toLowerCase()} />
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
