import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/dashboard";
import { chartPointLabels } from "#app/components/charts/point-labels.ts";
import { ScoreChart, SERIES_COLORS } from "#app/components/charts/score-chart.tsx";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { GettingStarted } from "#app/components/getting-started.tsx";
import { AttemptBadge } from "#app/components/interview/question-badges.tsx";
import { PanelBoundary } from "#app/components/panel-boundary.tsx";
import { ChangeBadge, TrendBadge } from "#app/components/progress/change.tsx";
import { ScoreBadge, formatScore } from "#app/components/score.tsx";
import { TableRegion } from "#app/components/table-region.tsx";
import { MonthSpend } from "#app/components/usage/month-spend.tsx";
import { DueReviews } from "#app/components/practice/due-reviews.tsx";
import { RecentDrills } from "#app/components/practice/recent-drills.tsx";
import { StartReviewSchema } from "#app/forms/review-forms.ts";
import { getDashboard } from "#app/models/dashboard.server.ts";
import { startDrill } from "#app/models/drill.server.ts";
import { requireUser, requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound } from "#app/utils/not-found.server.ts";
import { pageRefusal } from "#app/utils/refusal.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const user = await requireUser(context);
  const { onboarding, stats, spend, reviews, drills } = await getDashboard(user.id);
  return {
    email: user.email,
    spend,
    reviews,
    drills,
    onboarding,
    stats: {
      totalInterviews: stats.totalInterviews,
      completedInterviews: stats.completedInterviews,
      unfinishedInterviews: stats.unfinishedInterviews,
      scoredInterviews: stats.scoredInterviews,
      averageOverall: stats.averageOverall,
      totalAnswered: stats.totalAnswered,
      overallTrend: stats.overallTrend,
      trendTruncated: stats.trendTruncated,
      roles: stats.roles,
      trend: stats.trend.map((t) => ({
        id: t.id,
        title: t.title,
        company: t.company,
        retakeNumber: t.retakeNumber,
        createdAt: t.createdAt,
        overall: t.overall!,
        change: t.change,
      })),
    },
  };
}

// issue 19: "Review now" starts a review drill (the missed question in a fresh wording).
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const submission = parseWithZod(await request.formData(), { schema: StartReviewSchema });
  if (submission.status !== "success") return data({ error: "That review is not valid. Reload the page." }, { status: 400 });
  try {
    const drill = orPageNotFound(await startDrill(userId, { reviewItemId: submission.value.reviewItemId }));
    return redirect(`/interviews/${drill.session.id}`);
  } catch (error) {
    return pageRefusal(error, "review");
  }
}

type Stats = Awaited<ReturnType<typeof loader>>["stats"];

export default function Dashboard({ loaderData, actionData }: Route.ComponentProps) {
  const { onboarding, stats } = loaderData;
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1>Dashboard</h1>
        <p className="text-slate-700">Signed in as {loaderData.email}.</p>
      </div>
      {onboarding.complete ? null : <GettingStarted steps={onboarding} />}
      <MonthSpend view={loaderData.spend} />
      <DueReviews reviews={loaderData.reviews} error={actionData?.error} />
      <RecentDrills drills={loaderData.drills} />

      {stats.totalInterviews === 0 ? (
        <section aria-labelledby="practice-heading" className="card space-y-3" data-testid="dashboard-empty">
          <h2 id="practice-heading">Your practice at a glance</h2>
          <p className="text-slate-700">
            No interviews yet. Once you finish your first practice interview, your scores, your most practised roles and your progress over
            time appear here.
          </p>
          {onboarding.complete ? (
            <Link to="/jobs" className="btn-primary">
              Start an interview from a job posting
            </Link>
          ) : (
            <p className="text-sm text-slate-600">Finish the steps above, then start an interview from one of your job postings.</p>
          )}
        </section>
      ) : (
        <>
          <Totals stats={stats} />
          <ScoreTrend stats={stats} />
          <Roles stats={stats} />
        </>
      )}
    </div>
  );
}

function Totals({ stats }: { stats: Stats }) {
  return (
    <section aria-labelledby="totals-heading" className="space-y-3">
      <h2 id="totals-heading" className="sr-only">
        Your totals
      </h2>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="card p-4">
          <dt className="text-sm text-slate-600">Completed interviews</dt>
          <dd className="text-3xl font-semibold" data-testid="stat-completed">
            {stats.completedInterviews}
          </dd>
          <dd className="text-sm text-slate-600">
            {stats.unfinishedInterviews > 0 ? `${stats.unfinishedInterviews} more in progress or paused` : "none in progress"}
          </dd>
        </div>
        <div className="card p-4">
          <dt className="text-sm text-slate-600">Average overall score</dt>
          <dd className="mt-1" data-testid="stat-average">
            {stats.averageOverall !== null ? (
              <>
                <span className="text-3xl font-semibold">{formatScore(stats.averageOverall)}</span>{" "}
                <ScoreBadge value={stats.averageOverall} />
              </>
            ) : (
              <span className="text-slate-700">Not scored yet</span>
            )}
          </dd>
          <dd className="text-sm text-slate-600">
            {stats.scoredInterviews === 1 ? "over 1 interview with feedback" : `over ${stats.scoredInterviews} interviews with feedback`}
          </dd>
        </div>
        <div className="card p-4">
          <dt className="text-sm text-slate-600">Questions answered</dt>
          <dd className="text-3xl font-semibold" data-testid="stat-answered">
            {stats.totalAnswered}
          </dd>
          <dd className="text-sm text-slate-600">across all your interviews</dd>
        </div>
      </dl>
    </section>
  );
}

function ScoreTrend({ stats }: { stats: Stats }) {
  const { trend, overallTrend } = stats;
  // Several interviews on one day must not all read "4 Dec 2025": the chart and the table share these labels.
  const labels = chartPointLabels(trend.map((t) => t.createdAt));
  return (
    <section aria-labelledby="trend-heading" className="card space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="trend-heading">Your scores over time</h2>
        {overallTrend.trend ? (
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="overall-trend">
            Since your first scored interview: <ChangeBadge change={overallTrend.totalChange} /> <TrendBadge trend={overallTrend.trend} />
          </p>
        ) : null}
      </div>
      {trend.length < 2 ? (
        <p className="text-slate-700" data-testid="trend-needs-more">
          {trend.length === 0
            ? "Your score trend appears once two interviews have feedback. Finish an interview to get your first scores."
            : "You have one interview with feedback so far. Do one more and this chart shows whether you are improving — practice makes the difference."}
        </p>
      ) : (
        <>
          <PanelBoundary what="the score chart">
            <ScoreChart
              testId="trend-chart"
              labels={labels}
              pointTitles={trend.map(
                (t, i) => `${t.title}${t.company ? ` — ${t.company}` : ""} · Attempt #${t.retakeNumber} · ${labels[i]}`,
              )}
              series={[{ label: "Overall score", values: trend.map((t) => t.overall), color: SERIES_COLORS.overall }]}
              summary={`Line chart of your overall score over ${trend.length} interviews with feedback, from ${formatScore(trend[0]!.overall)} to ${formatScore(trend.at(-1)!.overall)}. The same numbers are in the table below.`}
            />
          </PanelBoundary>
          <p id="score-comparison-note" className="text-sm text-slate-700">
            Your interviews with feedback in date order, each compared with the one before. Each date is the point&apos;s label on the
            chart: where interviews share a day, the time (UTC) tells them apart.
            {stats.trendTruncated ? ` Showing the ${trend.length} most recent.` : ""}
          </p>
          <TableRegion captionId="score-comparison-caption">
            <table
              className="w-full min-w-[36rem] text-left text-sm"
              data-testid="score-comparison"
              aria-describedby="score-comparison-note"
            >
              <caption id="score-comparison-caption" className="sr-only">
                Scores of your interviews with feedback
              </caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Date
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Interview
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Overall score
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Change from the previous
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {trend.map((t, i) => (
                  <tr key={t.id} data-testid="comparison-row">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <time dateTime={t.createdAt.toISOString()}>{labels[i]}</time>
                    </td>
                    <th scope="row" className="py-2 pr-3 font-normal">
                      <Link to={`/interviews/${t.id}/feedback`}>
                        {t.title}
                        {t.company ? ` — ${t.company}` : ""}
                      </Link>{" "}
                      <AttemptBadge retakeNumber={t.retakeNumber} />
                    </th>
                    <td className="py-2 pr-3">
                      <ScoreBadge value={t.overall} />
                    </td>
                    <td className="py-2">
                      <ChangeBadge change={t.change} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </section>
  );
}

function Roles({ stats }: { stats: Stats }) {
  return (
    <section aria-labelledby="roles-heading" className="card space-y-3">
      <h2 id="roles-heading">Most practised roles</h2>
      <ol className="divide-y divide-slate-100" data-testid="roles">
        {stats.roles.map((r) => (
          <li key={`${r.title}-${r.company ?? ""}`} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
              <p className="font-medium">
                {r.title}
                {r.company ? <span className="font-normal text-slate-700"> — {r.company}</span> : null}
              </p>
              <p className="text-sm text-slate-600">
                {r.interviews === 1 ? "1 interview" : `${r.interviews} interviews`} · {r.completed} completed · last practised{" "}
                <DateText date={r.lastPractisedAt} />
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              {r.averageOverall !== null ? (
                <ScoreBadge value={r.averageOverall} prefix="Average" />
              ) : (
                <span className="text-sm text-slate-600">Not scored yet</span>
              )}
              {r.jobPostingId ? (
                <Link to={`/jobs/${r.jobPostingId}/progress`}>
                  Progress<span className="sr-only"> for {r.title}</span>
                </Link>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Dashboard — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
