import { Form, Link } from "react-router";
import type { Route } from "./+types/interviews";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { AttemptBadge, SessionStatusBadge } from "#app/components/interview/question-badges.tsx";
import { DrillLabel } from "#app/components/practice/drill-label.tsx";
import { ScoreBadge } from "#app/components/score.tsx";
import { getHistoryPage, hasAnyInterview } from "#app/models/history.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { parseHistoryQuery, type QueryIssue } from "#app/forms/history-filters.ts";
import { hasFilters, historySearch } from "#app/forms/history-search.ts";

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "active", label: "In progress" },
  { value: "paused", label: "Paused" },
  { value: "completed", label: "Completed" },
] as const;

const NOTICES = {
  deleted: "Interview deleted.",
} as const;

const RANGE_OPTIONS = [
  { value: "", label: "Any time" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom dates" },
] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const params = new URL(request.url).searchParams;
  const parsed = parseHistoryQuery({
    status: params.get("status"),
    job: params.get("job"),
    range: params.get("range"),
    from: params.get("from"),
    to: params.get("to"),
    page: params.get("page"),
  });
  const history = await getHistoryPage(userId, parsed);
  const issues: QueryIssue[] = [...parsed.issues];
  // A posting that is not in the dropdown (deleted, or never the user's) is ignored like any invalid value.
  if (history.droppedPosting) {
    issues.push({ field: "job", message: "That job posting no longer exists, so interviews of every posting are shown." });
    delete parsed.query.jobPostingId;
  }
  // Only an empty page needs to tell "no interviews yet" from "nothing matches these filters".
  const anyInterview = history.total > 0 || (await hasAnyInterview(userId));
  const notice = params.get("notice");
  return {
    notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null,
    query: parsed.query,
    filtered: hasFilters(parsed.query),
    issues: issues.map((i) => i.message),
    postings: history.postings,
    anyInterview,
    total: history.total,
    page: history.page,
    pageSize: history.pageSize,
    pageCount: history.pageCount,
    sessions: history.items.map((s) => ({
      id: s.id,
      status: s.status,
      title: s.postingTitle,
      company: s.postingCompany,
      jobPostingId: s.jobPostingId,
      answeredCount: s.answeredCount,
      targetQuestions: s.targetQuestions,
      retakeNumber: s.retakeNumber,
      attemptsOfPosting: s.attemptsOfPosting,
      createdAt: s.createdAt,
      overallScore: s.feedback?.overallScore ?? null,
      drill: s.kind === "drill" ? { topic: s.drillTopic ?? "", review: s.reviewItemId !== null } : null, // issue 19
    })),
  };
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

export default function Interviews({ loaderData }: Route.ComponentProps) {
  const { sessions, anyInterview, filtered, total, page, pageSize, pageCount, issues, query, notice } = loaderData;
  const first = (page - 1) * pageSize + 1;
  const last = first + sessions.length - 1;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>Interviews</h1>
        <Link to="/jobs" className="btn-primary">
          Start from a job posting
        </Link>
      </div>

      {notice ? (
        <p className="alert-success" role="status">
          {notice}
        </p>
      ) : null}

      {anyInterview ? <Filters data={loaderData} /> : null}

      {issues.length ? (
        <div className="alert-info" role="status" data-testid="filter-issues">
          <p className="font-medium">Some filters were ignored:</p>
          <ul className="mt-1 list-disc pl-5">
            {issues.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {!anyInterview ? (
        <div className="card space-y-2" data-testid="no-interviews">
          <h2>No interviews yet</h2>
          <p>Pick one of your job postings and start your first practice interview. Every interview you do will be listed here.</p>
          <Link to="/jobs">Go to job postings</Link>
        </div>
      ) : sessions.length === 0 ? (
        <div className="card space-y-2" data-testid="no-results">
          <h2>{total > 0 ? "This page is past the end of the list" : "No interviews match these filters"}</h2>
          {total > 0 ? (
            <p>
              There {total === 1 ? "is 1 interview" : `are ${total} interviews`} for these filters, on {pageCount}{" "}
              {pageCount === 1 ? "page" : "pages"}. <Link to={`/interviews${historySearch(query, 1)}`}>Go to the first page</Link>
            </p>
          ) : (
            <p>
              Try a wider date range or another status. <Link to="/interviews">Clear filters</Link> to see all your interviews.
            </p>
          )}
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count">
            {total === 1 ? "1 interview" : `Showing ${first}–${last} of ${total} interviews`}
            {filtered ? " matching your filters" : ""}, newest first.
          </p>
          <ul className="space-y-3" data-testid="history-list">
            {sessions.map((s) => (
              <SessionRow key={s.id} session={s} />
            ))}
          </ul>
          <Pagination data={loaderData} />
        </>
      )}
    </div>
  );
}

function SessionRow({ session: s }: { session: LoaderData["sessions"][number] }) {
  const progress = s.jobPostingId ? `/jobs/${s.jobPostingId}/progress` : null;
  return (
    <li className="card flex flex-wrap items-start justify-between gap-3 p-4" data-testid="history-row">
      <div className="min-w-0 space-y-1">
        <Link to={`/interviews/${s.id}`} className="font-medium">
          {s.drill ? `${s.drill.topic} · ` : null}
          {s.title}
          {s.company ? ` — ${s.company}` : ""}
        </Link>
        <p className="text-sm text-slate-600">
          <DateText date={s.createdAt} withTime /> · {s.answeredCount} of {s.targetQuestions} questions answered
        </p>
        {progress && s.attemptsOfPosting > 1 ? (
          <p className="text-sm text-slate-700">
            {s.retakeNumber > 1 ? `Attempt #${s.retakeNumber} of ${s.title}` : `First attempt at ${s.title}`} ·{" "}
            <Link to={progress}>
              Compare all {s.attemptsOfPosting} attempts<span className="sr-only"> at {s.title}</span>
            </Link>
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {s.drill ? <DrillLabel review={s.drill.review} /> : null}
        <SessionStatusBadge status={s.status} />
        <AttemptBadge retakeNumber={s.retakeNumber} />
        {s.overallScore !== null ? (
          <ScoreBadge value={s.overallScore} prefix="Overall" link={{ to: `/interviews/${s.id}/feedback`, hint: "read the feedback" }} />
        ) : s.status === "completed" ? (
          <span className="badge bg-slate-100 text-slate-700">{s.answeredCount === 0 ? "Ended unanswered" : "Not scored yet"}</span>
        ) : null}
        {/* Any interview can be deleted, in any state; the link leads to a confirmation page. */}
        <Link to={`/interviews/${s.id}/delete`} className="btn-link text-red-800">
          Delete
          <span className="sr-only">
            {" "}
            the interview for {s.title} started on {s.createdAt.toISOString().slice(0, 10)}
          </span>
        </Link>
      </div>
    </li>
  );
}

function Filters({ data }: { data: LoaderData }) {
  const { query, postings, filtered } = data;
  // Keyed by the query so the fields reset to the URL's values after back/forward navigation.
  const key = historySearch(query, 1) || "none";
  return (
    <Form method="get" className="card space-y-4 p-4" aria-label="Filter interviews" key={key}>
      {/* Six columns at desktop width: the two date fields share two of them, so neither is clipped. */}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
        <div className="lg:col-span-1">
          <label htmlFor="filter-status" className="label">
            Status
          </label>
          <select id="filter-status" name="status" defaultValue={query.status ?? ""} className="input">
            {STATUS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="lg:col-span-2">
          <label htmlFor="filter-job" className="label">
            Job posting
          </label>
          <select id="filter-job" name="job" defaultValue={query.jobPostingId ?? ""} className="input">
            <option value="">All postings</option>
            {postings.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
                {p.company ? ` — ${p.company}` : ""}
              </option>
            ))}
          </select>
        </div>
        <div className="lg:col-span-1">
          <label htmlFor="filter-range" className="label">
            Date
          </label>
          <select id="filter-range" name="range" defaultValue={query.range ?? ""} className="input">
            {RANGE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="grid grid-cols-2 gap-2 sm:col-span-2">
          <legend className="sr-only">Custom dates (used with “Custom dates”)</legend>
          <div>
            <label htmlFor="filter-from" className="label">
              From
            </label>
            <input id="filter-from" type="date" name="from" defaultValue={query.from ?? ""} className="input" />
          </div>
          <div>
            <label htmlFor="filter-to" className="label">
              To
            </label>
            <input id="filter-to" type="date" name="to" defaultValue={query.to ?? ""} className="input" />
          </div>
        </fieldset>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
        {filtered ? <Link to="/interviews">Clear filters</Link> : null}
        <p className="text-sm text-slate-600">Dates are in UTC; “From” and “To” apply with “Custom dates” and include both days.</p>
      </div>
    </Form>
  );
}

function Pagination({ data }: { data: LoaderData }) {
  const { page, pageCount, query } = data;
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3">
      {page > 1 ? (
        <Link to={`/interviews${historySearch(query, Math.min(page - 1, pageCount))}`} rel="prev" className="btn-secondary">
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      <p className="text-sm text-slate-700">
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <Link to={`/interviews${historySearch(query, page + 1)}`} rel="next" className="btn-secondary">
          Next page →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Interviews — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
