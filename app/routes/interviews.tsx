import { Link } from "react-router";
import type { Route } from "./+types/interviews";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { AttemptBadge, SessionStatusBadge } from "#app/components/interview/question-badges.tsx";
import { ScoreBadge } from "#app/components/score.tsx";
import { listSessions } from "#app/models/interview.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";

export async function loader({ request }: Route.LoaderArgs) {
  const userId = await requireUserId(request);
  const sessions = await listSessions(userId);
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      status: s.status,
      title: s.postingTitle,
      company: s.postingCompany,
      answeredCount: s.answeredCount,
      targetQuestions: s.targetQuestions,
      retakeNumber: s.retakeNumber,
      createdAt: s.createdAt.toISOString(),
      overallScore: s.feedback?.overallScore ?? null,
    })),
  };
}

export default function Interviews({ loaderData }: Route.ComponentProps) {
  const { sessions } = loaderData;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Interviews</h1>
        <Link to="/jobs" className="btn-primary">
          Start from a job posting
        </Link>
      </div>
      {sessions.length === 0 ? (
        <div className="card space-y-2">
          <p>No interviews yet. Pick one of your job postings and start your first practice interview.</p>
          <Link to="/jobs">Go to job postings</Link>
        </div>
      ) : (
        <ul className="space-y-3">
          {sessions.map((s) => (
            <li key={s.id} className="card flex flex-wrap items-center justify-between gap-3 p-4">
              <div className="space-y-1">
                <Link to={`/interviews/${s.id}`} className="font-medium">
                  {s.title}
                  {s.company ? ` — ${s.company}` : ""}
                </Link>
                <p className="text-sm text-slate-600">
                  <DateText iso={s.createdAt} withTime /> · {s.answeredCount} of {s.targetQuestions} answered
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <SessionStatusBadge status={s.status} />
                <AttemptBadge retakeNumber={s.retakeNumber} />
                {s.overallScore !== null ? <ScoreBadge value={s.overallScore} prefix="Overall" /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Interviews — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
