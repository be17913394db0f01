import { data, Form, Link, redirect } from "react-router";
import { useHydrated } from "remix-utils/use-hydrated";
import { z } from "zod";
import type { Route } from "./+types/interviews.$id.feedback";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { EvaluationCard } from "#app/components/interview/evaluation-card.tsx";
import { AnswerWithEvidence } from "#app/components/grading/answer-evidence.tsx";
import { AnswerHeading } from "#app/components/interview/answer-heading.tsx";
import { ClaimList } from "#app/components/grading/claim-list.tsx";
import {
  isRunning,
  NoScriptRefresh,
  OperationStatus,
  useRevalidateWhile,
  type OperationSummary,
} from "#app/components/interview/operation-status.tsx";
import { AttemptBadge, FollowUpBadge, QuestionTypeBadge, SessionStatusBadge } from "#app/components/interview/question-badges.tsx";
import { RetakeForm } from "#app/components/interview/retake-form.tsx";
import { RetakeFormSchema } from "#app/forms/interview-forms.ts";
import { SecondOpinionSchema } from "#app/forms/grading-forms.ts";
import { PanelBoundary } from "#app/components/panel-boundary.tsx";
import { ScoreBadge, ScoreBar, formatScore, scoreBand } from "#app/components/score.tsx";
import { CostMeter } from "#app/components/usage/cost-meter.tsx";
import { DebriefDownloads } from "#app/components/export/debrief-downloads.tsx";
import { getSessionSummary } from "#app/models/interview.server.ts";
import { DIMENSIONS } from "#app/domain/progress.ts";
import { summarizeDelivery } from "#app/domain/delivery-summary.ts";
import { DeliveryCard, DeliverySummaryCard } from "#app/components/voice/delivery-card.tsx";
import { InterviewError } from "#app/models/interview-error.server.ts";
import { retakeInterview } from "#app/models/retake.server.ts";
import { requestSecondOpinion } from "#app/models/second-opinion.server.ts";
import { ExchangeCoaching } from "#app/components/coaching/answer-coaching.tsx";
import { DrillFeedbackGaps } from "#app/components/practice/drill-feedback-gaps.tsx";
import { CoachingIntents } from "#app/forms/coaching-forms.ts";
import { coachingAction } from "#app/models/feedback-coaching.server.ts";
import { getFeedbackReport, requestSessionFeedback, retryFeedback } from "#app/models/session-feedback.server.ts";
import { getInterviewUsage } from "#app/models/usage.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId } from "#app/utils/not-found.server.ts";
import { pageRefusal } from "#app/utils/refusal.server.ts";

const ActionSchema = z.discriminatedUnion("intent", [
  RetakeFormSchema,
  z.object({ intent: z.literal("retry"), operationId: z.uuid() }),
  z.object({ intent: z.literal("generate-feedback") }),
  SecondOpinionSchema,
  ...CoachingIntents, // issue 19: "Drill this" and "Show a strong answer"
]);

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const { interview, feedback } = orPageNotFound(await getFeedbackReport(userId, pageId(params.id)));
  const operation = interview.feedbackOperation;
  const state = feedback
    ? ("ready" as const)
    : interview.status !== "completed"
      ? ("not-completed" as const)
      : interview.answeredCount === 0
        ? ("nothing-answered" as const)
        : isRunning(operation)
          ? ("generating" as const)
          : operation?.status === "failed"
            ? ("failed" as const)
            : ("not-requested" as const);
  const evaluationsRunning = interview.exchanges.some(
    (x) =>
      isRunning(x.evaluationOperation) ||
      isRunning(x.regradeOperation) ||
      isRunning(x.coaching.modelAnswerOperation) ||
      isRunning(x.coaching.starCheckOperation),
  );
  const usage = await getInterviewUsage(userId, interview.id);
  return {
    now: new Date(),
    usage,
    state,
    inFlight: state === "generating" || evaluationsRunning,
    session: {
      id: interview.id,
      status: interview.status,
      retakeNumber: interview.retakeNumber,
      answeredCount: interview.answeredCount,
      targetQuestions: interview.targetQuestions,
      createdAt: interview.createdAt,
      completedAt: interview.completedAt,
      posting: {
        jobPostingId: interview.posting.jobPostingId,
        title: interview.posting.title,
        company: interview.posting.company,
      },
    },
    feedbackOperation: operation,
    feedback: feedback
      ? {
          overallScore: feedback.overallScore,
          overallComments: feedback.overallComments,
          dimensions: DIMENSIONS.map((d) => ({ key: d.key, label: d.label, score: feedback.scores[d.key], text: feedback.text[d.key] })),
          knowledgeGaps: feedback.knowledgeGaps,
          learningRecommendations: feedback.learningRecommendations,
          claims: feedback.claims,
          createdAt: feedback.createdAt,
        }
      : null,
    exchanges: interview.exchanges,
    // issue 18: the delivery of the spoken answers, summed (null when every answer was typed).
    delivery: summarizeDelivery(interview.exchanges.map((x) => x.answer?.delivery ?? null)),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const sessionId = pageId(params.id);
  // Someone else's (or a missing) session is a 404 whatever the form says.
  orPageNotFound(await getSessionSummary(userId, sessionId));
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ intent: "unknown", error: "That action is not valid. Reload the page and try again." }, { status: 400 });
  const form = parsed.data;
  const back = redirect(`/interviews/${sessionId}/feedback`);

  try {
    switch (form.intent) {
      case "retake": {
        const { session } = await retakeInterview(userId, sessionId, { repeatQuestions: form.repeatQuestions });
        return redirect(`/interviews/${session.id}`);
      }
      case "retry":
        await retryFeedback(userId, sessionId, form.operationId);
        return back;
      case "generate-feedback":
        await requestSessionFeedback(userId, sessionId);
        return back;
      case "second-opinion":
        await requestSecondOpinion(userId, sessionId, form.answerId);
        return back;
      case "drill":
      case "drill-gap":
      case "model-answer":
        return redirect(await coachingAction(userId, sessionId, form)); // issue 19
    }
  } catch (error) {
    // Feedback asked for that is already there or being written: the page shows which.
    if (error instanceof InterviewError && (error.code === "feedback_exists" || error.code === "feedback_in_progress")) return back;
    return pageRefusal(error, form.intent);
  }
}

type LoaderData = Awaited<ReturnType<typeof loader>>;
type Session = LoaderData["session"];
type Feedback = NonNullable<LoaderData["feedback"]>;
type Exchange = LoaderData["exchanges"][number];

const ANNOUNCEMENTS: Record<LoaderData["state"], string> = {
  ready: "Your interview feedback is ready.",
  generating: "Writing your interview feedback…",
  failed: "Not scored yet: the feedback could not be written.",
  "not-requested": "Not scored yet.",
  "not-completed": "This interview is not finished yet.",
  "nothing-answered": "Not scored: nothing was answered.",
};

export default function FeedbackPage({ loaderData, actionData }: Route.ComponentProps) {
  const { session, state, feedback, feedbackOperation, exchanges, now, inFlight } = loaderData;
  useRevalidateWhile(inFlight);
  const error = actionData && "error" in actionData ? actionData.error : null;
  const progressUrl = session.posting.jobPostingId ? `/jobs/${session.posting.jobPostingId}/progress` : null;
  const canRetake = session.status === "completed" && session.posting.jobPostingId !== null;
  // A retake refusal is shown next to the retake form when there is one; anything else at the top.
  const retakeError = error && actionData?.intent === "retake" && canRetake ? error : null;

  return (
    <div className="mx-auto max-w-4xl space-y-8 print:max-w-none print:space-y-6">
      {inFlight ? <NoScriptRefresh /> : null}
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="no-print flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link to={`/interviews/${session.id}`}>← Back to the interview</Link>
          {progressUrl ? <Link to={progressUrl}>Progress for this job</Link> : null}
          <Link to="/interviews">All interviews</Link>
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <h1>Feedback: {session.posting.title}</h1>
          <AttemptBadge retakeNumber={session.retakeNumber} />
          <SessionStatusBadge status={session.status} />
        </div>
        <p className="text-slate-700">
          {session.posting.company ? `${session.posting.company} · ` : ""}
          Started <DateText date={session.createdAt} withTime />
          {session.completedAt ? (
            <>
              {" "}
              · finished <DateText date={session.completedAt} withTime />
            </>
          ) : null}{" "}
          · {session.answeredCount} of {session.targetQuestions} questions answered
        </p>
        {loaderData.usage ? <CostMeter usage={loaderData.usage} finished={session.status === "completed"} /> : null}
        <DebriefDownloads sessionId={session.id} />
      </header>

      <div role="status" aria-live="polite" className="sr-only" data-testid="live-status">
        {ANNOUNCEMENTS[state]}
      </div>
      {error && !retakeError ? (
        <p className="alert-error" role="alert">
          {error}
        </p>
      ) : null}

      {state === "ready" && feedback ? (
        <FeedbackReport feedback={feedback} />
      ) : (
        <NotScored state={state} session={session} operation={feedbackOperation} now={now} />
      )}
      {loaderData.delivery ? <DeliverySummaryCard summary={loaderData.delivery} /> : null}

      {exchanges.length ? (
        <section aria-labelledby="qa-heading" className="space-y-4">
          <h2 id="qa-heading">Questions and answers</h2>
          <ol className="space-y-4">
            {exchanges.map((x) => (
              <li key={x.question.id}>
                <ExchangeReview exchange={x} now={now} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {session.status === "completed" ? (
        <section aria-labelledby="next-heading" className="no-print card space-y-4">
          <h2 id="next-heading">Practise again</h2>
          {session.posting.jobPostingId ? (
            <>
              <p className="text-sm text-slate-700">
                A retake is a new interview for the same job posting. Your attempts are compared side by side on the{" "}
                {progressUrl ? <Link to={progressUrl}>progress page</Link> : "progress page"}.
              </p>
              {retakeError ? (
                <p className="alert-error" role="alert">
                  {retakeError}
                </p>
              ) : null}
              <RetakeForm />
            </>
          ) : (
            <p className="text-sm text-slate-700">
              The job posting of this interview was deleted, so it can&apos;t be retaken. <Link to="/jobs/new">Add the posting again</Link>{" "}
              to practise for it.
            </p>
          )}
        </section>
      ) : null}
    </div>
  );
}

function NotScored({
  state,
  session,
  operation,
  now,
}: {
  state: LoaderData["state"];
  session: Session;
  operation: OperationSummary | null;
  now: Date;
}) {
  if (state === "not-completed") {
    return (
      <section className="card space-y-3" aria-labelledby="not-finished-heading">
        <h2 id="not-finished-heading">This interview isn&apos;t finished yet</h2>
        <p className="text-slate-700">
          Feedback is written once an interview is finished — after the last question, or when you choose “Finish interview” after at least
          one answer. {session.status === "paused" ? "It is paused; resume it whenever you are ready." : null}
        </p>
        <Link to={`/interviews/${session.id}`} className="btn-primary">
          {session.status === "paused" ? "Go to the interview to resume it" : "Continue the interview"}
        </Link>
      </section>
    );
  }
  if (state === "nothing-answered") {
    return (
      <section className="card space-y-3" aria-labelledby="not-scored-heading" data-testid="not-scored">
        <h2 id="not-scored-heading">Nothing to score</h2>
        <p className="text-slate-700">This interview ended before any question was answered, so there is no feedback to write.</p>
      </section>
    );
  }
  return (
    <section className="card space-y-3" aria-labelledby="not-scored-heading" data-testid="not-scored">
      <h2 id="not-scored-heading">Not scored yet</h2>
      {state === "generating" && operation ? (
        <>
          <OperationStatus operation={operation} serverNow={now} />
          <p className="text-sm text-slate-600">This page updates by itself when the feedback is ready.</p>
        </>
      ) : state === "failed" && operation ? (
        <>
          <p className="text-slate-700">The feedback for this interview could not be written. Your answers are saved; retry when ready.</p>
          <OperationStatus operation={operation} serverNow={now} />
        </>
      ) : (
        <>
          <p className="text-slate-700">No feedback has been written for this interview yet.</p>
          <Form method="post" className="no-print">
            <input type="hidden" name="intent" value="generate-feedback" />
            <button type="submit" className="btn-primary">
              Write my feedback
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

function FeedbackReport({ feedback }: { feedback: Feedback }) {
  const band = scoreBand(feedback.overallScore);
  return (
    <>
      <section aria-labelledby="overall-heading" className="card space-y-4 print:border-0 print:p-0 print:shadow-none">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div>
            <h2 id="overall-heading">Overall score</h2>
            <p className="text-sm text-slate-600">The average of the four scores below.</p>
          </div>
          <PrintButton />
        </div>
        <p className="flex flex-wrap items-baseline gap-3" data-testid="overall-score">
          <span className={`text-5xl font-bold tracking-tight ${band.text}`}>{formatScore(feedback.overallScore)}</span>
          <span className="text-lg text-slate-700">/ 100</span>
          <ScoreBadge value={feedback.overallScore} />
        </p>
        {feedback.overallComments ? <p className="max-w-prose text-slate-800">{feedback.overallComments}</p> : null}
      </section>

      <section aria-labelledby="dimensions-heading" className="card space-y-5 print:break-inside-avoid">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="dimensions-heading">Scores by dimension</h2>
          <Link to="/how-scores-work" className="btn-link no-print">
            How scores work
          </Link>
        </div>
        <ul className="space-y-5">
          {feedback.dimensions.map((d) => (
            <li key={d.key} className="space-y-2">
              <ScoreBar id={`dimension-${d.key}`} label={d.label} value={d.score} />
              {feedback.claims ? (
                <ClaimList claims={feedback.claims} section={d.key} />
              ) : d.text ? (
                <p className="text-sm text-slate-700">{d.text}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-6 md:grid-cols-2 print:grid-cols-1">
        <section aria-labelledby="gaps-heading" className="card space-y-3 border-amber-200 bg-amber-50/40 print:break-inside-avoid">
          <h2 id="gaps-heading">Knowledge gaps</h2>
          {feedback.claims?.some((c) => c.section === "knowledgeGaps") ? (
            <ClaimList claims={feedback.claims} section="knowledgeGaps" />
          ) : feedback.knowledgeGaps.length ? (
            <ul className="list-disc space-y-1 pl-5 text-slate-800">
              {feedback.knowledgeGaps.map((gap, i) => (
                <li key={i}>{gap}</li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">No knowledge gaps stood out in this interview — well done. Keep practising to stay sharp.</p>
          )}
          {/* issue 19: "Drill this" on each gap */}
          {feedback.knowledgeGaps.length ? <DrillFeedbackGaps gaps={feedback.knowledgeGaps} /> : null}
        </section>

        <section
          aria-labelledby="recommendations-heading"
          className="card space-y-3 border-indigo-200 bg-indigo-50/40 print:break-inside-avoid"
        >
          <h2 id="recommendations-heading">What to study next</h2>
          {feedback.learningRecommendations.length ? (
            <ul className="space-y-3">
              {feedback.learningRecommendations.map((r, i) => (
                <li key={i} className="rounded-md border border-indigo-100 bg-white p-3">
                  <p className="font-medium text-slate-900">{r.topic}</p>
                  {r.resource ? <p className="text-sm text-slate-800">{r.resource}</p> : null}
                  {r.why ? <p className="text-sm text-slate-600">{r.why}</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">
              No specific study topics this time. Keep going: a retake with new questions is the best way to see where you stand.
            </p>
          )}
        </section>
      </div>
    </>
  );
}

function ExchangeReview({ exchange, now }: { exchange: Exchange; now: Date }) {
  return (
    <article className="card space-y-4 print:break-inside-avoid" aria-labelledby={`q${exchange.question.number}-heading`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`q${exchange.question.number}-heading`} className="font-semibold">
          Question {exchange.question.number}
        </h3>
        <QuestionTypeBadge type={exchange.question.type} />
        {exchange.question.isFollowUp ? <FollowUpBadge /> : null}
        <span className="text-xs text-slate-600">
          Asked <DateText date={exchange.question.createdAt} withTime />
        </span>
      </div>
      <p className="text-slate-900">{exchange.question.text}</p>
      {exchange.answer ? (
        <div className="rounded-md border-l-4 border-indigo-300 bg-slate-50 py-2 pr-3 pl-4">
          <AnswerHeading sentAt={exchange.answer.createdAt} />
          <AnswerWithEvidence
            text={exchange.answer.text}
            evidence={exchange.evaluation?.grading?.evidence ?? null}
            idPrefix={`q${exchange.question.number}`}
          />
        </div>
      ) : (
        <p className="text-sm text-slate-600">Not answered.</p>
      )}
      <PanelBoundary what="the feedback on this answer">
        {exchange.evaluation ? (
          <EvaluationCard
            evaluation={exchange.evaluation}
            idPrefix={`q${exchange.question.number}`}
            answerText={exchange.answer?.text}
            answerId={exchange.answer?.id}
            regradeOperation={exchange.regradeOperation}
            now={now}
          />
        ) : null}
        {exchange.evaluationOperation ? <OperationStatus operation={exchange.evaluationOperation} serverNow={now} compact /> : null}
      </PanelBoundary>
      <ExchangeCoaching exchange={exchange} now={now} />
      {exchange.answer?.delivery ? <DeliveryCard delivery={exchange.answer.delivery} idPrefix={`q${exchange.question.number}`} /> : null}
    </article>
  );
}

/** Printing needs the browser's print dialog, so the button appears only with JavaScript (Ctrl+P works anyway). */
function PrintButton() {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="btn-secondary no-print" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Feedback: ${loaderData.session.posting.title} — ai-interviewer` : "Interview feedback — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
