import { ScoreBadge, ScoreBar } from "#app/components/score.tsx";
import type { EvaluationView } from "#app/models/interview-view.server.ts";

function List({ title, items, empty }: { title: string; items: string[]; empty?: string }) {
  if (!items.length && !empty) return null;
  return (
    <div>
      <h4 className="text-sm font-semibold text-slate-800">{title}</h4>
      {items.length ? (
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{empty}</p>
      )}
    </div>
  );
}

/** Per-answer feedback: four scores, a summary, strengths, improvements, gaps and what to study. */
export function EvaluationCard({ evaluation, idPrefix }: { evaluation: EvaluationView; idPrefix: string }) {
  return (
    <section aria-labelledby={`${idPrefix}-feedback`} className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${idPrefix}-feedback`} className="text-sm font-semibold">
          Feedback on this answer<span className="sr-only"> ({idPrefix.replace(/^q/, "question ")})</span>
        </h3>
        <ScoreBadge value={evaluation.average} prefix="Average" />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <ScoreBar id={`${idPrefix}-relevance`} label="Relevance to the job" value={evaluation.relevance} />
        <ScoreBar id={`${idPrefix}-completeness`} label="Completeness" value={evaluation.completeness} />
        <ScoreBar id={`${idPrefix}-correctness`} label="Technical correctness" value={evaluation.technicalCorrectness} />
        <ScoreBar id={`${idPrefix}-clarity`} label="Clarity and structure" value={evaluation.clarity} />
      </div>
      <p className="text-sm text-slate-800">{evaluation.summary}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <List title="Strengths" items={evaluation.strengths} empty="No particular strengths stood out in this answer." />
        <List title="To improve" items={evaluation.improvements} />
        <List title="Knowledge gaps" items={evaluation.knowledgeGaps} empty="No knowledge gaps found in this answer." />
      </div>
      {evaluation.recommendations.length ? (
        <div>
          <h4 className="text-sm font-semibold text-slate-800">What to study next</h4>
          <ul className="mt-1 space-y-1 text-sm text-slate-800">
            {evaluation.recommendations.map((r, i) => (
              <li key={i}>
                <strong>{r.topic}</strong> — {r.resource}
                {r.why ? <span className="text-slate-600"> ({r.why})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
