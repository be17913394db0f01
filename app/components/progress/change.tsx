import { describeChange, formatChange, type Trend } from "#app/domain/progress.ts";

/**
 * A change between two scores: coloured, with an arrow and a word, so colour
 * is never the only signal ("▲ +5 improved", "▼ −3 declined", "→ 0 no change").
 */
export function ChangeBadge({ change, comparedTo }: { change: number | null; comparedTo?: string }) {
  if (change === null) {
    return (
      <span className="text-sm text-slate-600">
        <span aria-hidden="true">—</span>
        <span className="sr-only">No earlier score to compare with</span>
      </span>
    );
  }
  const up = change > 0;
  const down = change < 0;
  const style = up ? "bg-green-100 text-green-900" : down ? "bg-red-100 text-red-900" : "bg-slate-100 text-slate-800";
  const word = up ? "improved" : down ? "declined" : "no change";
  return (
    <span
      className={`badge ${style} whitespace-nowrap`}
      title={comparedTo ? `${describeChange(change)} from ${comparedTo}` : describeChange(change)}
      data-change={change}
    >
      <span aria-hidden="true">{up ? "▲" : down ? "▼" : "→"}</span>&nbsp;{formatChange(change)}
      &nbsp;{word}
      {comparedTo ? <span className="sr-only"> from {comparedTo}</span> : null}
    </span>
  );
}

const TRENDS: Record<Trend, { label: string; arrow: string; style: string }> = {
  improving: { label: "Improving", arrow: "▲", style: "bg-green-100 text-green-900" },
  stable: { label: "Stable", arrow: "→", style: "bg-slate-100 text-slate-800" },
  declining: { label: "Declining", arrow: "▼", style: "bg-red-100 text-red-900" },
};

/** A trend word with its arrow and colour; "Not enough attempts" when there is nothing to compare. */
export function TrendBadge({ trend }: { trend: Trend | null }) {
  if (!trend) return <span className="text-sm text-slate-600">Not enough scored attempts</span>;
  const t = TRENDS[trend];
  return (
    <span className={`badge ${t.style} whitespace-nowrap`} data-trend={trend}>
      <span aria-hidden="true">{t.arrow}</span>&nbsp;{t.label}
    </span>
  );
}
