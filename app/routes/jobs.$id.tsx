import { Link } from "react-router";
import type { Route } from "./+types/jobs.$id";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ExperienceLevelBadge, InterviewStats, TechStackChips } from "#app/components/job-posting-details.tsx";
import { StartInterview } from "#app/components/start-interview.tsx";
import { getJobPosting } from "#app/models/job-posting.server.ts";
import { getOnboarding } from "#app/models/onboarding.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId } from "#app/utils/not-found.server.ts";

const NOTICES = {
  created: "Job posting saved. Start an interview whenever you are ready.",
  updated: "Changes saved.",
} as const;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const id = pageId(params.id);
  const [found, onboarding] = await Promise.all([getJobPosting(userId, id), getOnboarding(userId)]);
  const posting = orPageNotFound(found);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null,
    readiness: { resume: onboarding.resume, apiKey: onboarding.apiKey },
    posting: {
      id: posting.id,
      title: posting.title,
      company: posting.company,
      description: posting.description,
      experienceLevel: posting.experienceLevel,
      techStack: posting.techStack,
      url: posting.url,
      interviewCount: posting.interviewCount,
      latestOverallScore: posting.latestOverallScore,
      createdAt: posting.createdAt,
      updatedAt: posting.updatedAt,
    },
  };
}

export default function JobPostingDetail({ loaderData }: Route.ComponentProps) {
  const { posting, readiness, notice } = loaderData;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="text-sm">
        <Link to="/jobs">← All job postings</Link>
      </p>

      {notice ? (
        <p className="alert-success" role="status">
          {notice}
        </p>
      ) : null}

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <h1>{posting.title}</h1>
          <p className="flex flex-wrap items-center gap-2 text-slate-700">
            {posting.company ? <span>{posting.company}</span> : null} <ExperienceLevelBadge level={posting.experienceLevel} />
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to={`/jobs/${posting.id}/edit`} className="btn-secondary">
            Edit<span className="sr-only"> {posting.title}</span>
          </Link>
          <Link to={`/jobs/${posting.id}/delete`} className="btn-secondary text-red-800">
            Delete<span className="sr-only"> {posting.title}</span>
          </Link>
        </div>
      </div>

      <section aria-labelledby="practise-heading" className="card space-y-3 border-indigo-200">
        <h2 id="practise-heading">Practise for this job</h2>
        <p className="text-sm text-slate-700">
          A mock interview with questions drawn from this posting and your résumé, then scored feedback.
        </p>
        <StartInterview jobId={posting.id} readiness={readiness} />
        <p className="text-sm text-slate-800" data-testid="interview-stats">
          <InterviewStats count={posting.interviewCount} latestScore={posting.latestOverallScore} />
          {posting.interviewCount > 0 ? (
            <>
              {" · "}
              <Link to={`/jobs/${posting.id}/progress`}>See your progress</Link>
            </>
          ) : null}
        </p>
        <p className="text-sm">
          <Link to={`/jobs/${posting.id}/skills`}>Skill map: what this job asks for and where you stand</Link>
        </p>
      </section>

      <section aria-labelledby="details-heading" className="card space-y-5">
        <h2 id="details-heading">Details</h2>
        {posting.techStack.length > 0 ? (
          <div className="space-y-2">
            <h3 className="text-sm font-medium text-slate-800">Tech stack</h3>
            <TechStackChips items={posting.techStack} />
          </div>
        ) : null}
        {posting.url ? (
          <p className="text-sm">
            <a href={posting.url} target="_blank" rel="noopener noreferrer nofollow">
              View the original posting<span className="sr-only"> (opens in a new tab)</span>
            </a>
          </p>
        ) : null}
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-slate-800">Description</h3>
          <div className="max-w-prose text-sm leading-relaxed whitespace-pre-wrap text-slate-900">{posting.description}</div>
        </div>
        <p className="text-sm text-slate-600">
          Added <DateText date={posting.createdAt} withTime />
          {posting.updatedAt.getTime() - posting.createdAt.getTime() > 1000 ? (
            <>
              {" · "}last edited <DateText date={posting.updatedAt} withTime />
            </>
          ) : null}
        </p>
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.posting.title} — ai-interviewer` : "Job posting — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
