import { EXPERIENCE_LEVEL_LABELS, type ExperienceLevel } from "#app/domain/job-posting-fields.ts";

/** Small pieces of a job posting shown on the list and the detail page. */

export function ExperienceLevelBadge({ level }: { level: ExperienceLevel | null }) {
  if (!level) return null;
  return <span className="badge bg-indigo-50 text-indigo-900">{EXPERIENCE_LEVEL_LABELS[level]}</span>;
}

export function TechStackChips({ items, label = "Tech stack" }: { items: string[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {items.map((item) => (
        <li key={item} className="badge bg-slate-100 text-slate-800">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** "3 interviews · latest score 78/100", or a nudge when there are none yet. */
export function InterviewStats({ count, latestScore }: { count: number; latestScore: number | null }) {
  if (count === 0) return <span className="text-slate-600">No interviews yet</span>;
  return (
    <span>
      {count} {count === 1 ? "interview" : "interviews"}
      {latestScore !== null ? (
        <>
          {" · "}latest score <strong>{Math.round(latestScore)}/100</strong>
        </>
      ) : null}
    </span>
  );
}
