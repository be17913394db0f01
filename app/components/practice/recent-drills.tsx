import { Link } from "react-router";
import { DateText } from "#app/components/date-text.tsx";
import { ScoreBadge } from "#app/components/score.tsx";
import { DrillLabel } from "./drill-label.tsx";

export type DrillSummary = {
  total: number;
  items: Array<{
    id: string;
    topic: string;
    review: boolean;
    status: "active" | "paused" | "completed";
    answeredCount: number;
    targetQuestions: number;
    createdAt: Date;
    averageScore: number | null;
  }>;
};

/**
 * "Your drills" on the dashboard (issue 19): drills and review drills are
 * practice on one topic, listed apart from interviews and left out of the
 * interview counts and averages above.
 */
export function RecentDrills({ drills }: { drills: DrillSummary }) {
  if (drills.total === 0) return null;
  return (
    <section aria-labelledby="drills-heading" className="card space-y-3" data-testid="recent-drills">
      <h2 id="drills-heading">Your drills</h2>
      <p className="text-sm text-slate-600">
        {drills.total === 1 ? "1 drill" : `${drills.total} drills`} so far. Drills are not counted in your interview totals and averages.
        {drills.total > drills.items.length ? ` The latest ${drills.items.length}:` : ""}
      </p>
      <ul className="divide-y divide-slate-100">
        {drills.items.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 py-2" data-testid="drill-row">
            <div className="min-w-0">
              <DrillLabel review={d.review} /> <Link to={`/interviews/${d.id}`}>{d.topic}</Link>
              <p className="text-sm text-slate-600">
                <DateText date={d.createdAt} /> · {d.answeredCount} of {d.targetQuestions} answered
                {d.status === "completed" ? "" : " · not finished"}
              </p>
            </div>
            {d.averageScore !== null ? <ScoreBadge value={d.averageScore} prefix="Average" /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
