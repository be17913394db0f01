import { Link } from "react-router";
import { formatScore } from "#app/components/score.tsx";
import type { SkillMapEntry } from "#app/domain/practice/skill-map.ts";

export type SecondTryRow = {
  firstScore: number;
  firstHref: string;
  secondScore: number;
  secondHref: string;
  change: number;
  better: boolean;
};

/** The page's rows for an entry's second tries, each answer linked through `linkTo(questionId)`. */
export function secondTryRows(entry: SkillMapEntry, linkTo: (questionId: string) => string): SecondTryRow[] {
  const questionOf = new Map(entry.probes.flatMap((p) => (p.answer ? [[p.answer.id, p.questionId] as const] : [])));
  return entry.secondTries.map((t) => ({
    firstScore: t.firstScore,
    firstHref: linkTo(questionOf.get(t.firstAnswerId) ?? ""),
    secondScore: t.secondScore,
    secondHref: linkTo(questionOf.get(t.secondAnswerId) ?? ""),
    change: t.change,
    better: t.better,
  }));
}

/**
 * Whether the second try at a missed question was better (issue 19): the
 * missed answer against the first review of it, both linked to their answers.
 */
export function SecondTries({ tries }: { tries: readonly SecondTryRow[] }) {
  if (!tries.length) return null;
  return (
    <div>
      <p className="text-xs font-medium">Missed, then reviewed:</p>
      <ul className="space-y-1 text-xs" data-testid="second-tries">
        {tries.map((t, i) => (
          <li key={i} data-testid="second-try">
            <span className={t.better ? "font-medium text-emerald-800" : "font-medium text-slate-800"}>
              {t.better ? "Second try better" : "Second try not better"}
            </span>
            : <Link to={t.firstHref}>first try {formatScore(t.firstScore)}</Link> →{" "}
            <Link to={t.secondHref}>second try {formatScore(t.secondScore)}</Link> ({t.change > 0 ? "+" : ""}
            {formatScore(t.change)})
          </li>
        ))}
      </ul>
    </div>
  );
}
