import { Link } from "react-router";
import { bandFor, type BandName } from "#app/domain/score-bands.ts";

/**
 * Scores 0–100, each shown with its band name from the rubric (Missing,
 * Partial, Solid, Strong — app/domain/score-bands.ts) and the band linked to
 * the "How scores work" page that says what it means. Colour is never the
 * only signal: the number and the band name are always shown.
 */

export const HOW_SCORES_WORK = "/how-scores-work";
/** The page's table of the four bands: where a band name without a dimension links. */
export const BANDS_EXPLAINED = `${HOW_SCORES_WORK}#bands`;

export const BAND_STYLE: Record<BandName, { bar: string; text: string; badge: string }> = {
  Missing: { bar: "bg-red-600", text: "text-red-800", badge: "bg-red-100 text-red-900" },
  Partial: { bar: "bg-amber-500", text: "text-amber-900", badge: "bg-amber-100 text-amber-900" },
  Solid: { bar: "bg-sky-600", text: "text-sky-900", badge: "bg-sky-100 text-sky-900" },
  Strong: { bar: "bg-green-600", text: "text-green-800", badge: "bg-green-100 text-green-900" },
};

/** A score's band and its colours. */
export function scoreBand(score: number) {
  const band = bandFor(score);
  return { ...band, ...BAND_STYLE[band.name] };
}

/** Whole numbers for display; overall scores can be x.25/x.5/x.75 (a mean of four). */
export function formatScore(score: number) {
  return Number.isInteger(score) ? String(score) : score.toFixed(1).replace(/\.0$/, "");
}

/**
 * A band name linked to what it means, in the colour of the text around it. The link's name starts
 * with the visible word, so a screen reader and voice control find it by what is shown.
 */
export function BandLink({ value, to = BANDS_EXPLAINED, about }: { value: number; to?: string; about?: string }) {
  const { name } = bandFor(value);
  return (
    <Link
      to={to}
      className="text-current decoration-dotted hover:text-current"
      aria-label={`${name}: what this band means${about ? ` for ${about}` : ""}`}
    >
      {name}
    </Link>
  );
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
          <span className="sr-only"> out of 100</span> · <BandLink value={value} about={label.toLowerCase()} />
        </span>
      </div>
      <div
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${formatScore(value)} out of 100, ${band.name}`}
        aria-labelledby={id}
        aria-label={id ? undefined : label}
      >
        <div className={`h-full rounded-full ${band.bar}`} style={{ width: `${Math.max(2, Math.min(100, value))}%` }} />
      </div>
    </div>
  );
}

/**
 * A score as a badge, "Overall 72.5 · Solid", its band name linked to what the band means.
 * `link` makes the number a link too (a list row's way to its feedback): two links side by
 * side, never one inside the other. `linked={false}` is for a badge that sits inside another
 * control (a <summary>), where a link may not go; the scores it sums link from the panel it opens.
 */
export function ScoreBadge({
  value,
  prefix,
  link,
  linked = true,
}: {
  value: number;
  prefix?: string;
  link?: { to: string; hint: string };
  linked?: boolean;
}) {
  const band = scoreBand(value);
  const score = `${prefix ? `${prefix} ` : ""}${formatScore(value)}`;
  return (
    <span className={`badge ${band.badge}`} data-testid="score-badge">
      {/* One inline box, so the spaces around the dot stay (in the flex badge, text beside a link would lose them). */}
      <span>
        {link ? (
          <Link to={link.to} className="text-current no-underline hover:text-current hover:underline">
            {score}
            <span className="sr-only">{` — ${link.hint}`}</span>
          </Link>
        ) : (
          score
        )}{" "}
        · {linked ? <BandLink value={value} /> : band.name}
      </span>
    </span>
  );
}
