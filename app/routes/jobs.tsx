import { Link } from "react-router";
import type { Route } from "./+types/jobs";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ExperienceLevelBadge, InterviewStats, TechStackChips } from "#app/components/job-posting-details.tsx";
import { listJobPostings } from "#app/models/job-posting.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";

const NOTICES = {
  deleted: "Job posting deleted. Interviews you already did for it stay in your history.",
} as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const postings = await listJobPostings(userId);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null,
    postings: postings.map((p) => ({
      id: p.id,
      title: p.title,
      company: p.company,
      experienceLevel: p.experienceLevel,
      techStack: p.techStack,
      interviewCount: p.interviewCount,
      latestOverallScore: p.latestOverallScore,
      createdAt: p.createdAt,
    })),
  };
}

export default function JobPostings({ loaderData }: Route.ComponentProps) {
  const { postings, notice } = loaderData;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1>Job postings</h1>
          <p className="text-slate-700">The roles you are preparing for. Each interview is built from one of them and your résumé.</p>
        </div>
        {postings.length > 0 ? (
          <Link to="/jobs/new" className="btn-primary">
            Add job posting
          </Link>
        ) : null}
      </div>

      {notice ? (
        <p className="alert-success" role="status">
          {notice}
        </p>
      ) : null}

      {postings.length === 0 ? (
        <section className="card space-y-3 text-center" aria-labelledby="no-postings">
          <h2 id="no-postings">No job postings yet</h2>
          <p className="mx-auto max-w-prose text-slate-700">
            Paste the ad of a job you want — its description, level and tech stack — and practise an interview made for it.
          </p>
          <p>
            <Link to="/jobs/new" className="btn-primary">
              Add your first job posting
            </Link>
          </p>
        </section>
      ) : (
        <ul className="space-y-3" aria-label="Your job postings">
          {postings.map((posting) => (
            <li key={posting.id} className="card space-y-3 p-5">
              <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
                <div className="space-y-0.5">
                  <h2>
                    <Link to={`/jobs/${posting.id}`}>{posting.title}</Link>
                  </h2>
                  <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                    {posting.company ? <span>{posting.company}</span> : null} <ExperienceLevelBadge level={posting.experienceLevel} />
                  </p>
                </div>
                <p className="text-sm text-slate-600">
                  Added <DateText date={posting.createdAt} />
                </p>
              </div>
              <TechStackChips items={posting.techStack} label={`Tech stack of ${posting.title}`} />
              <p className="text-sm text-slate-800">
                <InterviewStats count={posting.interviewCount} latestScore={posting.latestOverallScore} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Job postings — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
