import { useHydrated } from "remix-utils/use-hydrated";
import { mergeRanges, type TextRange } from "#app/ai/grading/quotes.ts";
import type { Evidence } from "#app/models/answer-grading.server.ts";

/**
 * The answer as the candidate wrote it, with the passages the feedback quotes
 * (verified quotes only) marked. Each judgement of the evaluation card that
 * cites a passage links to its mark; with JavaScript, pointing at or focusing
 * a judgement outlines its passage. Without JavaScript the quoted passages are
 * also listed under the answer. Ranges are UTF-16 offsets into the stored
 * answer text, which is rendered unmodified.
 */

export type Cited = { id: string; kind: "strength" | "improvement" | "error"; ranges: TextRange[] };

/** The verified judgements of an evaluation that point at passages of the answer, with the ids the card gives them. */
export function citedPassages(evidence: Evidence, idPrefix: string): Cited[] {
  return [
    ...evidence.strengths.map((j, i) => ({ id: `${idPrefix}-strength-${i}`, kind: "strength" as const, j })),
    ...evidence.improvements.map((j, i) => ({ id: `${idPrefix}-improvement-${i}`, kind: "improvement" as const, j })),
    ...evidence.factualErrors.map((j, i) => ({ id: `${idPrefix}-error-${i}`, kind: "error" as const, j })),
  ]
    .filter(({ j }) => j.verified && j.ranges.length)
    .map(({ id, kind, j }) => ({ id, kind, ranges: j.ranges }));
}

type Piece = { start: number; end: number; by: Cited[] };

/** Cut the text at every quote boundary; each piece knows which judgements quote it. */
function pieces(text: string, cited: Cited[]): Piece[] {
  const inText = (r: TextRange) => r.start >= 0 && r.end <= text.length && r.end > r.start;
  const cuts = new Set([0, text.length]);
  for (const c of cited) for (const r of c.ranges.filter(inText)) cuts.add(r.start).add(r.end);
  const sorted = [...cuts].toSorted((a, b) => a - b);
  return sorted.slice(1).map((end, i) => {
    const start = sorted[i]!;
    return { start, end, by: cited.filter((c) => c.ranges.some((r) => inText(r) && r.start <= start && r.end >= end)) };
  });
}

export const markId = (idPrefix: string, start: number) => `${idPrefix}-passage-${start}`;

/** Where a judgement's passage starts, for its "in your answer" link. */
export const firstMarkOf = (idPrefix: string, ranges: TextRange[]) => markId(idPrefix, ranges[0]!.start);

export function AnswerWithEvidence({ text, evidence, idPrefix }: { text: string; evidence: Evidence | null; idPrefix: string }) {
  const hydrated = useHydrated();
  const cited = evidence ? citedPassages(evidence, idPrefix) : [];
  if (!cited.length) return <p className="mt-2 whitespace-pre-wrap text-slate-900">{text}</p>;
  const quoted = mergeRanges(cited.flatMap((c) => c.ranges)).filter((r) => r.end <= text.length);
  return (
    <>
      <p className="mt-2 whitespace-pre-wrap text-slate-900" data-testid="answer-with-evidence">
        {pieces(text, cited).map((p) =>
          p.by.length ? (
            <mark
              key={p.start}
              id={markId(idPrefix, p.start)}
              data-judgements={p.by.map((c) => c.id).join(" ")}
              className={`evidence-mark ${p.by.some((c) => c.kind === "error") ? "evidence-error" : ""}`}
            >
              {text.slice(p.start, p.end)}
            </mark>
          ) : (
            <span key={p.start}>{text.slice(p.start, p.end)}</span>
          ),
        )}
      </p>
      {hydrated ? null : (
        <div className="mt-3" data-testid="quoted-passages">
          <h4 className="text-sm font-semibold text-slate-800">Passages the feedback quotes</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800">
            {quoted.map((r) => (
              <li key={r.start}>“{text.slice(r.start, r.end)}”</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** With JavaScript: outline the passage(s) a judgement quotes while it is pointed at or focused. */
export function highlightHandlers(judgementId: string) {
  const marks = () => document.querySelectorAll<HTMLElement>(`mark[data-judgements~="${judgementId}"]`);
  const on = () => {
    const found = marks();
    found.forEach((m) => m.setAttribute("data-active", ""));
    found[0]?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };
  const off = () => marks().forEach((m) => m.removeAttribute("data-active"));
  return { onMouseEnter: on, onMouseLeave: off, onFocus: on, onBlur: off };
}
