import { data, Link, redirect } from "react-router";
import { z } from "#app/forms/zod.ts";
import type { Route } from "./+types/jobs.$id.progress";
import { ScoreChart, SERIES_COLORS } from "#app/components/charts/score-chart.tsx";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { AttemptBadge, SessionStatusBadge } from "#app/components/interview/question-badges.tsx";
import { RetakeForm } from "#app/components/interview/retake-form.tsx";
import { RetakeFormSchema } from "#app/forms/interview-forms.ts";
import { PanelBoundary } from "#app/components/panel-boundary.tsx";
import { ChangeBadge, TrendBadge } from "#app/components/progress/change.tsx";
import { mediumDate } from "#app/components/progress/dates.ts";
import { ScoreBadge, formatScore } from "#app/components/score.tsx";
import { StartInterview } from "#app/components/start-interview.tsx";
import { TableRegion } from "#app/components/table-region.tsx";
import { getOnboarding } from "#app/models/onboarding.server.ts";
import { getPostingProgress } from "#app/models/posting-progress.server.ts";
import { retakeInterview } from "#app/models/retake.server.ts";
import { TREND_RULE, TREND_THRESHOLD } from "#app/domain/progress.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId, pageNotFound } from "#app/utils/not-found.server.ts";
import { pageRefusal } from "#app/utils/refusal.server.ts";
import { DeliveryTrend } from "#app/components/voice/delivery-card.tsx";

const ActionSchema = z.extend(RetakeFormSchema, { sessionId: z.uuid() });

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const postingId = pageId(params.id);
  const [progress, onboarding] = await Promise.all([getPostingProgress(userId, postingId), getOnboarding(userId)]);
  const p = orPageNotFound(progress);
  const ordered = p.attempts;
  const latestCompleted = ordered.findLast((a) => a.status === "completed") ?? null;
  const unfinished = ordered.findLast((a) => a.status !== "completed") ?? null;
  return {
    posting: p.posting,
    readiness: { resume: onboarding.resume, apiKey: onboarding.apiKey },
    threshold: p.threshold,
    attempts: ordered.map((a) => ({
      id: a.id,
      retakeNumber: a.retakeNumber,
      status: a.status,
      answeredCount: a.answeredCount,
      targetQuestions: a.targetQuestions,
      createdAt: a.createdAt,
      overall: a.overall,
      change: a.change,
      comparedTo: a.previousIndex === null ? null : ordered[a.previousIndex]!.retakeNumber,
    })),
    scored: p.scored.map((a) => ({ id: a.id, retakeNumber: a.retakeNumber, createdAt: a.createdAt, overall: a.overall })),
    overall: p.overall,
    dimensions: p.dimensions.map((d) => ({
      key: d.key,
      label: d.label,
      values: d.values,
      totalChange: d.totalChange,
      trend: d.trend,
    })),
    retakeFrom: latestCompleted ? { id: latestCompleted.id, retakeNumber: latestCompleted.retakeNumber } : null,
    delivery: p.delivery,
    unfinished: unfinished ? { id: unfinished.id, retakeNumber: unfinished.retakeNumber, status: unfinished.status } : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const progress = orPageNotFound(await getPostingProgress(userId, pageId(params.id)));
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ intent: "unknown", error: "That action is not valid. Reload the page and try again." }, { status: 400 });
  const sessionId = parsed.data.sessionId.toLowerCase();
  // Only an attempt at this posting can be retaken from its progress page.
  if (!progress.attempts.some((a) => a.id === sessionId)) pageNotFound();
  try {
    const { session } = await retakeInterview(userId, sessionId, { repeatQuestions: parsed.data.repeatQuestions });
    return redirect(`/interviews/${session.id}`);
  } catch (error) {
    return pageRefusal(error, "retake");
  }
}

type LoaderData = Awaited<ReturnType<typeof loader>>;

export default function PostingProgressPage({ loaderData, actionData }: Route.ComponentProps) {
  const { posting, attempts, scored, overall, retakeFrom, unfinished, readiness } = loaderData;
  const error = actionData && "error" in actionData ? actionData.error : null;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/jobs/${posting.id}`}>← {posting.title}</Link>
        </p>
        <h1>Your progress: {posting.title}</h1>
        {posting.company ? <p className="text-slate-700">{posting.company}</p> : null}
      </header>

      {attempts.length === 0 ? (
        <section className="card space-y-4" aria-labelledby="none-heading">
          <h2 id="none-heading">No attempts yet</h2>
          <p className="text-slate-700">
            Progress shows how your scores change from one attempt at this job to the next. Start your first interview for it; once it has
            feedback, retake it to compare.
          </p>
          <StartInterview jobId={posting.id} readiness={readiness} />
        </section>
      ) : (
        <>
          <Summary data={loaderData} />

          {error ? (
            <p className="alert-error" role="alert">
              {error}
            </p>
          ) : null}

          <NextStep scoredCount={scored.length} retakeFrom={retakeFrom} unfinished={unfinished} />

          <AttemptsTable attempts={attempts} />

          <section aria-labelledby="chart-heading" className="card space-y-4">
            <h2 id="chart-heading">Scores across attempts</h2>
            {scored.length >= 2 ? (
              <PanelBoundary what="the chart of your scores">
                <ScoreChart
                  testId="progress-chart"
                  labels={scored.map((a) => `Attempt #${a.retakeNumber}`)}
                  pointTitles={scored.map((a) => `${posting.title} · Attempt #${a.retakeNumber} · ${mediumDate(a.createdAt)}`)}
                  series={[
                    { label: "Overall", values: scored.map((a) => a.overall), color: SERIES_COLORS.overall },
                    ...loaderData.dimensions.map((d) => ({
                      label: d.label,
                      values: d.values,
                      color: SERIES_COLORS[d.key],
                      dashed: true,
                    })),
                  ]}
                  summary={`Line chart of your overall and dimension scores over ${scored.length} scored attempts, overall from ${formatScore(overall.first!)} to ${formatScore(overall.latest!)}. The same numbers are in the table below.`}
                />
              </PanelBoundary>
            ) : (
              <p className="text-slate-700" data-testid="chart-needs-more">
                The chart appears once two attempts have feedback.{" "}
                {scored.length === 1 ? "You have one so far — a retake will show whether you are improving." : null}
              </p>
            )}
            <DimensionTable data={loaderData} />
          </section>

          <DeliveryTrend attempts={loaderData.delivery} />
        </>
      )}
    </div>
  );
}

function Summary({ data }: { data: LoaderData }) {
  const { attempts, scored, overall } = data;
  return (
    <section aria-label="Summary" className="grid gap-4 sm:grid-cols-3">
      <div className="card p-4">
        <p className="text-sm text-slate-600">Attempts</p>
        <p className="text-2xl font-semibold" data-testid="attempt-count">
          {attempts.length}
        </p>
        <p className="text-sm text-slate-600">{scored.length === attempts.length ? "all scored" : `${scored.length} scored`}</p>
      </div>
      <div className="card p-4">
        <p className="text-sm text-slate-600">Latest overall score</p>
        {overall.latest !== null ? (
          <p className="mt-1" data-testid="latest-overall">
            <ScoreBadge value={overall.latest} />
          </p>
        ) : (
          <p className="mt-1 text-slate-700">Not scored yet</p>
        )}
      </div>
      <div className="card p-4">
        <p className="text-sm text-slate-600">Total change since your first scored attempt</p>
        {overall.totalChange !== null ? (
          <p className="mt-1 flex flex-wrap items-center gap-2" data-testid="total-change">
            <ChangeBadge change={overall.totalChange} />
            <TrendBadge trend={overall.trend} />
          </p>
        ) : (
          <p className="mt-1 text-slate-700">Needs two scored attempts</p>
        )}
      </div>
    </section>
  );
}

function NextStep({
  scoredCount,
  retakeFrom,
  unfinished,
}: {
  scoredCount: number;
  retakeFrom: LoaderData["retakeFrom"];
  unfinished: LoaderData["unfinished"];
}) {
  return (
    <section aria-labelledby="next-heading" className="card space-y-3 border-indigo-200">
      <h2 id="next-heading">{scoredCount <= 1 ? "Retake to see your progress" : "Keep improving"}</h2>
      {scoredCount <= 1 ? (
        <p className="text-slate-700" data-testid="retake-encouragement">
          {scoredCount === 1
            ? "You have one scored attempt at this job. Retake the interview — with new questions or the same ones — and this page will show what changed, dimension by dimension."
            : "Once an attempt has feedback, retake the interview and this page will show what changed."}
        </p>
      ) : (
        <p className="text-slate-700">Each retake adds a column below. Focus on the dimensions marked declining or stable.</p>
      )}
      {unfinished ? (
        <p className="alert-info">
          Attempt #{unfinished.retakeNumber} is {unfinished.status === "paused" ? "paused" : "in progress"}.{" "}
          <Link to={`/interviews/${unfinished.id}`}>Continue attempt #{unfinished.retakeNumber}</Link>
        </p>
      ) : null}
      {retakeFrom ? <RetakeForm sessionId={retakeFrom.id} label="Start a new attempt" idPrefix="progress-retake" /> : null}
    </section>
  );
}

function AttemptsTable({ attempts }: { attempts: LoaderData["attempts"] }) {
  return (
    <section aria-labelledby="attempts-heading" className="card space-y-3">
      <h2 id="attempts-heading">Attempts</h2>
      <TableRegion captionId="attempts-caption">
        <table className="w-full min-w-[40rem] text-left text-sm" data-testid="attempts-table">
          <caption id="attempts-caption" className="sr-only">
            Every attempt at this job in order, with its overall score and the change from the previous scored attempt
          </caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Attempt
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Date
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Overall score
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Change
              </th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Links</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {attempts.map((a) => (
              <tr key={a.id} data-testid="attempt-row">
                <th scope="row" className="py-3 pr-3 font-normal">
                  <AttemptBadge retakeNumber={a.retakeNumber} />
                </th>
                <td className="py-3 pr-3">
                  <DateText date={a.createdAt} />
                </td>
                <td className="py-3 pr-3">
                  <SessionStatusBadge status={a.status} />{" "}
                  <span className="text-slate-600">
                    {a.answeredCount}/{a.targetQuestions} answered
                  </span>
                </td>
                <td className="py-3 pr-3">
                  {a.overall !== null ? <ScoreBadge value={a.overall} /> : <span className="text-slate-700">Not scored yet</span>}
                </td>
                <td className="py-3 pr-3">
                  <ChangeBadge change={a.change} />
                  {a.comparedTo !== null ? <span className="block text-xs text-slate-600">vs attempt #{a.comparedTo}</span> : null}
                </td>
                <td className="py-3 text-right whitespace-nowrap">
                  {a.status === "completed" ? (
                    <Link to={`/interviews/${a.id}/feedback`}>
                      Feedback<span className="sr-only"> for attempt #{a.retakeNumber}</span>
                    </Link>
                  ) : (
                    <Link to={`/interviews/${a.id}`}>
                      Continue<span className="sr-only"> attempt #{a.retakeNumber}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

function DimensionTable({ data }: { data: LoaderData }) {
  const { scored, dimensions, overall } = data;
  if (!scored.length) {
    return <p className="text-slate-700">No attempt has feedback yet, so there are no scores to compare.</p>;
  }
  const rows = [
    { key: "overall", label: "Overall", values: scored.map((a) => a.overall), totalChange: overall.totalChange, trend: overall.trend },
    ...dimensions,
  ];
  return (
    <div className="space-y-2">
      <p id="dimension-note" className="text-sm text-slate-700">
        Scores by dimension across your scored attempts. {TREND_RULE}
      </p>
      <TableRegion captionId="dimension-caption">
        <table className="w-full text-left text-sm" data-testid="dimension-table" aria-describedby="dimension-note">
          <caption id="dimension-caption" className="sr-only">
            Scores by dimension across your scored attempts
          </caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              {/* The row names stay in view while the attempts scroll by. */}
              <th scope="col" className="sticky left-0 bg-white py-2 pr-3 font-medium">
                Dimension
              </th>
              {scored.map((a) => (
                <th key={a.id} scope="col" className="py-2 pr-3 font-medium whitespace-nowrap">
                  Attempt #{a.retakeNumber}
                  <span className="block text-xs font-normal">
                    <DateText date={a.createdAt} />
                  </span>
                </th>
              ))}
              <th scope="col" className="py-2 pr-3 font-medium">
                Total change
              </th>
              <th scope="col" className="py-2 font-medium">
                Trend
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.key} data-testid={`dimension-${row.key}`}>
                <th scope="row" className={`sticky left-0 bg-white py-2 pr-3 ${row.key === "overall" ? "font-semibold" : "font-normal"}`}>
                  {row.label}
                </th>
                {row.values.map((v, i) => (
                  <td key={scored[i]!.id} className="py-2 pr-3 tabular-nums">
                    {v === null ? "—" : formatScore(v)}
                  </td>
                ))}
                <td className="py-2 pr-3">
                  <ChangeBadge change={row.totalChange} />
                </td>
                <td className="py-2">
                  <TrendBadge trend={row.trend} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="text-xs text-slate-600">
        Total change = latest − first scored attempt. Threshold for a trend: {TREND_THRESHOLD} points.
      </p>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Progress: ${loaderData.posting.title} — ai-interviewer` : "Progress — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
