import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ReactNode } from "react";
import { data, Form, Link, redirect, useSearchParams, type ShouldRevalidateFunctionArgs } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/interviews.$id";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PanelBoundary } from "#app/components/panel-boundary.tsx";
// Panels its first paint does not need load apart from the page (issue 16; lazy-panels.tsx).
import { AnswerForm, DeliveryCard, EvaluationCard } from "#app/components/interview/lazy-panels.tsx";
import { AnswerWithEvidence } from "#app/components/grading/answer-evidence.tsx";
import {
  isRunning,
  NoScriptRefresh,
  OperationStatus,
  useInterviewEvents,
  useRevalidateWhile,
} from "#app/components/interview/operation-status.tsx";
import { AttemptBadge, FollowUpBadge, QuestionTypeBadge, SessionStatusBadge } from "#app/components/interview/question-badges.tsx";
import { ProbedRequirements } from "#app/components/skills/probed-requirements.tsx";
import { DrillBanner, ExchangeCoaching } from "#app/components/coaching/answer-coaching.tsx";
import { requestModelAnswer } from "#app/models/answer-coaching.server.ts";
import { startDrill } from "#app/models/drill.server.ts";
import { RetakeForm } from "#app/components/interview/retake-form.tsx";
import { VoicePanel } from "#app/components/voice/voice-panel.tsx";
import { ScoreBadge } from "#app/components/score.tsx";
import { AnswerHeading } from "#app/components/interview/answer-heading.tsx";
import { BudgetNotice } from "#app/components/usage/budget-notice.tsx";
import { CostMeter } from "#app/components/usage/cost-meter.tsx";
import {
  finishInterview,
  pauseInterview,
  requestNextQuestion,
  resumeInterview,
  retryOperation,
  saveDraft,
  submitAnswer,
} from "#app/models/interview.server.ts";
import { getInterviewPage } from "#app/models/interview-page.server.ts";
import { hasWorkInFlight, type ExchangeView } from "#app/models/interview-view.server.ts";
import { requestSecondOpinion } from "#app/models/second-opinion.server.ts";
import { SecondOpinionSchema } from "#app/forms/grading-forms.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { AnswerSchema, DraftSchema } from "#app/forms/interview-forms.ts";
import { isUuid, orPageNotFound, pageId } from "#app/utils/not-found.server.ts";
import { pageRefusal } from "#app/utils/refusal.server.ts";
import { AUDIO_MAX_FILE_BYTES, AUDIO_FILE_TOO_LARGE_MESSAGE } from "#app/domain/audio-file.ts";
import { TranscribeSchema } from "#app/forms/voice-forms.ts";
import { requestTranscription } from "#app/models/voice.server.ts";
import { requestQuestionSpeech } from "#app/models/read-aloud.server.ts";
import { questionSpeechUrl } from "#app/domain/voice.ts";
import { readFormWithOptionalFile } from "#app/utils/single-file-upload.server.ts";
import { beforeReadingBody, CLOSE_CONNECTION, MalformedFormError, PayloadTooLargeError } from "#app/utils/upload.server.ts";

const OperationSchema = z.object({ intent: z.literal("retry"), operationId: z.uuid() });

const showsAnswerForm = (interview: { status: string; openQuestionId: string | null }) =>
  interview.status === "active" && interview.openQuestionId !== null;

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const { view, voice, usage, month } = orPageNotFound(await getInterviewPage(userId, pageId(params.id)));
  // The interview as the model reads it, less the résumé snapshot (large, and sent again on every revalidation).
  const { resumeText: _resumeText, openQuestion, exchanges, ...interview } = view;
  // A finished interview's page is its transcript; each answer's feedback is on the feedback page, so
  // the page neither draws it twice nor sends it (issue 21).
  const finished = interview.status === "completed";
  return {
    interview: { ...interview, exchanges: finished ? [] : exchanges, openQuestionId: openQuestion?.question.id ?? null },
    transcript: finished ? exchanges.map(transcriptEntry) : [],
    inFlight: hasWorkInFlight(view),
    usage,
    budget: month.budget,
    now: new Date(),
    voice: {
      maxRecordingSeconds: voice.maxRecordingSeconds,
      readAloud: voice.readAloud,
      speechModel: voice.speechModel,
      speechVoice: voice.speechVoice,
    },
  };
}

/** A finished interview's exchange as its transcript shows it: the question, the answer, its score. */
function transcriptEntry(x: ExchangeView) {
  const operation = x.evaluationOperation;
  return {
    question: {
      id: x.question.id,
      number: x.question.number,
      text: x.question.text,
      type: x.question.type,
      isFollowUp: x.question.isFollowUp,
      createdAt: x.question.createdAt,
      requirements: x.question.requirements,
    },
    answer: x.answer ? { text: x.answer.text, createdAt: x.answer.createdAt } : null,
    score: x.evaluation?.average ?? null,
    evaluating: isRunning(operation),
    evaluationFailed: operation?.status === "failed",
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const userId = await beforeReadingBody(() => requireUserId(context));
  const sessionId = pageId(params.id);
  // The answer form is multipart so that, without JavaScript, it can carry an audio file (issue 18).
  const form = await readAnswerForm(request);
  if ("refused" in form) return form.refused;
  const { fields: formData, audio } = form;
  const requested = String(formData.get("intent") ?? "");
  // A file chosen and sent with "Submit answer" or "Save draft" is transcribed into the box, never submitted unseen.
  const intent = audio && (requested === "answer" || requested === "save-draft") ? "transcribe" : requested;
  formData.set("intent", intent);
  const back = redirect(`/interviews/${sessionId}`);

  try {
    switch (intent) {
      case "transcribe": {
        const submission = parseWithZod(formData, { schema: TranscribeSchema });
        if (submission.status !== "success")
          return data({ intent, error: "That recording could not be sent. Reload the page and try again." }, { status: 400 });
        const { questionId, answer, recordedSeconds, source } = submission.value;
        await requestTranscription(userId, sessionId, {
          questionId,
          audio: audio ? { bytes: audio.bytes, name: audio.name } : null,
          source,
          recordedSeconds,
          draft: answer,
        });
        return back;
      }
      case "speak-question": {
        // issue 18: the question read aloud by the user's provider (Settings › Voice).
        const questionId = String(formData.get("questionId") ?? "");
        if (!isUuid(questionId)) return data({ intent, error: "That question is not valid. Reload the page." }, { status: 400 });
        await requestQuestionSpeech(userId, sessionId, questionId.toLowerCase());
        return back;
      }
      case "answer": {
        const submission = parseWithZod(formData, { schema: AnswerSchema });
        if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
        await submitAnswer(userId, sessionId, { content: submission.value.answer, questionId: submission.value.questionId });
        return back;
      }
      case "save-draft": {
        const submission = parseWithZod(formData, { schema: DraftSchema });
        if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
        await saveDraft(userId, sessionId, { questionId: submission.value.questionId, content: submission.value.answer });
        return { intent, savedAt: new Date() };
      }
      case "pause": {
        // The Pause button submits the answer form: keep what was typed as the draft.
        const draft = DraftSchema.safeParse({
          intent: "save-draft",
          questionId: formData.get("questionId"),
          answer: formData.get("answer") ?? "",
        });
        if (draft.success && draft.data.answer)
          await saveDraft(userId, sessionId, { questionId: draft.data.questionId, content: draft.data.answer });
        await pauseInterview(userId, sessionId);
        return back;
      }
      case "resume":
        await resumeInterview(userId, sessionId);
        return back;
      case "finish":
        await finishInterview(userId, sessionId);
        return back;
      case "request-question":
        await requestNextQuestion(userId, sessionId);
        return back;
      case "model-answer": {
        // issue 19: "Show a strong answer" for one scored answer of this interview.
        const answerId = String(formData.get("answerId") ?? "");
        if (!isUuid(answerId)) return data({ intent, error: "That answer is not valid. Reload the page." }, { status: 400 });
        orPageNotFound(await requestModelAnswer(userId, answerId.toLowerCase(), { sessionId }));
        return redirect(`/interviews/${sessionId}?coach=${answerId.toLowerCase()}`);
      }
      case "drill": {
        // issue 19: "Drill this" on a knowledge gap of one of this interview's answers.
        const answerId = String(formData.get("answerId") ?? "");
        if (!isUuid(answerId)) return data({ intent, error: "That answer is not valid. Reload the page." }, { status: 400 });
        const drill = orPageNotFound(
          await startDrill(userId, { answerId: answerId.toLowerCase(), knowledgeGap: String(formData.get("gap") ?? ""), sessionId }),
        );
        return redirect(`/interviews/${drill.session.id}`);
      }
      case "retry": {
        const submission = parseWithZod(formData, { schema: OperationSchema });
        if (submission.status !== "success")
          return data({ intent, error: "That retry link is not valid. Reload the page." }, { status: 400 });
        await retryOperation(userId, submission.value.operationId, { sessionId });
        return back;
      }
      case "second-opinion": {
        const submission = parseWithZod(formData, { schema: SecondOpinionSchema });
        if (submission.status !== "success")
          return data({ intent, error: "That second-opinion link is not valid. Reload the page." }, { status: 400 });
        const answerId = submission.value.answerId.toLowerCase();
        await requestSecondOpinion(userId, sessionId, answerId);
        // Its answer stays open once the second opinion is in, as for a strong answer (coach=).
        return redirect(`/interviews/${sessionId}?coach=${answerId}`);
      }
      default:
        return data({ intent, error: "Unknown action. Reload the page and try again." }, { status: 400 });
    }
  } catch (error) {
    return pageRefusal(error, intent);
  }
}

/** The answer form's fields and its audio file, or the answer to a body that can't be read. */
async function readAnswerForm(request: Request) {
  try {
    const { fields, file } = await readFormWithOptionalFile(request, { fileField: "audio", maxFileBytes: AUDIO_MAX_FILE_BYTES });
    return { fields, audio: file };
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      return { refused: data({ intent: "transcribe", error: AUDIO_FILE_TOO_LARGE_MESSAGE }, { status: 413, headers: CLOSE_CONNECTION }) };
    }
    if (error instanceof MalformedFormError) {
      return { refused: data({ intent: "", error: "That form could not be read. Reload the page and try again." }, { status: 400 }) };
    }
    throw error;
  }
}

// Saving a draft changes nothing the page shows: don't reload its data for it.
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("intent") === "save-draft") return false;
  return defaultShouldRevalidate;
}

type Interview = Awaited<ReturnType<typeof loader>>["interview"];

const answerFormId = (questionId: string) => `answer-${questionId}`;
type Exchange = Interview["exchanges"][number];

function sessionAnnouncement(interview: Interview) {
  if (interview.status === "completed") {
    if (interview.hasFeedback) return "Your interview feedback is ready.";
    if (isRunning(interview.feedbackOperation)) return "Writing your interview feedback…";
    return "Interview completed.";
  }
  if (interview.status === "paused") return "This interview is paused.";
  if (isRunning(interview.questionOperation)) return "Generating your question…";
  if (interview.questionOperation?.status === "failed")
    return `The next question could not be generated: ${interview.questionOperation.errorMessage}`;
  const open = interview.exchanges.find((x) => x.question.id === interview.openQuestionId);
  if (open) return `Question ${open.question.number} of ${interview.targetQuestions} is ready.`;
  return "";
}

/** The state of the feedback on the most recent answer (it arrives after the next question, or alongside it). */
function evaluationAnnouncement(interview: Interview) {
  const latest = interview.exchanges.filter((x) => x.answer).at(-1);
  if (!latest) return "";
  const n = latest.question.number;
  if (latest.evaluation) return `Feedback on your answer to question ${n} is ready.`;
  if (isRunning(latest.evaluationOperation)) return `Analyzing your answer to question ${n}…`;
  if (latest.evaluationOperation?.status === "failed")
    return `The feedback on your answer to question ${n} failed: ${latest.evaluationOperation.errorMessage}`;
  return "";
}

/** The state of the latest recording sent for the open question (issue 18). */
function transcriptionAnnouncement(interview: Interview) {
  const t = interview.transcription;
  if (!t) return "";
  if (isRunning(t.operation)) return "Transcribing your recording…";
  if (t.operation.status === "failed") return `Your recording could not be transcribed: ${t.operation.errorMessage}`;
  return "Your recording was transcribed and added to your answer.";
}

export default function InterviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { interview, inFlight, now, voice } = loaderData;
  const events = useInterviewEvents(interview.id, interview.status !== "completed");
  useRevalidateWhile(inFlight, { pushed: events.connected });
  const partial = events.partial;
  const streaming =
    isRunning(interview.questionOperation) && partial && partial.operationId === interview.questionOperation?.id ? partial.text : null;
  const open = interview.exchanges.find((x) => x.question.id === interview.openQuestionId) ?? null;
  const earlier = interview.exchanges.filter((x) => x !== open);
  const error = actionData && "error" in actionData && actionData.intent !== "transcribe" ? actionData.error : null;
  const audioError = actionData && "error" in actionData && actionData.intent === "transcribe" ? actionData.error : null;
  const shownNumber = open ? open.question.number : Math.min(interview.currentQuestionNumber + 1, interview.targetQuestions);
  const answerResult: SubmissionResult<string[]> | undefined =
    actionData && "result" in actionData && actionData.intent === "answer" ? actionData.result : undefined;

  return (
    <div className="space-y-6">
      {inFlight ? <NoScriptRefresh /> : null}
      {interview.drill ? (
        <DrillBanner topic={interview.drill.topic} questions={interview.targetQuestions} review={Boolean(interview.drill.reviewItemId)} />
      ) : null}
      <header className="space-y-3">
        <p className="text-sm">
          <Link to="/interviews">← All interviews</Link>
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <h1>{interview.posting.title}</h1>
          <SessionStatusBadge status={interview.status} />
          <AttemptBadge retakeNumber={interview.retakeNumber} />
        </div>
        <p className="text-slate-700">
          {interview.posting.company ? `${interview.posting.company} · ` : ""}Started <DateText date={interview.createdAt} withTime />
          {interview.posting.jobPostingId ? (
            <>
              {" · "}
              <Link to={`/jobs/${interview.posting.jobPostingId}`}>View job posting</Link>
            </>
          ) : (
            " · The job posting was deleted; this interview keeps its copy."
          )}
        </p>
        {interview.status !== "completed" ? (
          <Progress current={shownNumber} target={interview.targetQuestions} answered={interview.answeredCount} />
        ) : null}
        {loaderData.usage ? <CostMeter usage={loaderData.usage} finished={interview.status === "completed"} /> : null}
        <BudgetNotice budget={loaderData.budget} interviewFinished={interview.status === "completed"} />
      </header>

      {/* Two lines, so a change to one is announced without repeating the other. */}
      <div role="status" aria-live="polite" className="sr-only" data-testid="live-status">
        <p>{sessionAnnouncement(interview)}</p>
        <p>{evaluationAnnouncement(interview)}</p>
        <p>{transcriptionAnnouncement(interview)}</p>
      </div>
      {error ? (
        <p className="alert-error" role="alert">
          {error}
        </p>
      ) : null}

      {interview.status === "paused" ? <PausedBanner hasDraft={Boolean(interview.draft)} /> : null}
      {interview.status === "completed" ? <CompletedPanel interview={interview} now={now} /> : null}

      {interview.status !== "completed" && interview.questionOperation ? (
        <PanelBoundary what="the status of your next question">
          {streaming ? (
            <StreamingQuestion text={streaming} number={shownNumber} target={interview.targetQuestions} />
          ) : (
            <OperationStatus operation={interview.questionOperation} serverNow={now} />
          )}
        </PanelBoundary>
      ) : null}

      {open && showsAnswerForm(interview) ? (
        // A key per question: each question gets a fresh form.
        <CurrentQuestion key={open.question.id} exchange={open} target={interview.targetQuestions}>
          <VoicePanel
            questionId={open.question.id}
            questionText={open.question.text}
            transcription={interview.transcription}
            maxRecordingSeconds={voice.maxRecordingSeconds}
            readAloud={voice.readAloud}
            providerSpeech={{
              audioSrc: questionSpeechUrl(interview.id, open.question.id),
              state: interview.questionSpeech,
              choice: { model: voice.speechModel, voice: voice.speechVoice },
            }}
            serverNow={now}
          />
          <AnswerForm
            formId={answerFormId(open.question.id)}
            questionId={open.question.id}
            draft={interview.draft}
            draftUpdatedAt={interview.draftUpdatedAt}
            actionResult={answerResult}
            transcription={interview.transcription}
            audioError={audioError}
          />
        </CurrentQuestion>
      ) : null}
      {open && interview.status === "paused" ? (
        <section className="card space-y-2" aria-label="Current question">
          <p className="text-sm font-medium text-slate-600">
            Question {open.question.number} of {interview.targetQuestions}
          </p>
          <p>{open.question.text}</p>
          <p className="text-sm text-slate-600">Resume the interview to answer it.</p>
        </section>
      ) : null}

      {interview.status === "active" &&
      !open &&
      !interview.questionOperation &&
      interview.currentQuestionNumber < interview.targetQuestions ? (
        <Form method="post" className="card flex flex-wrap items-center justify-between gap-3">
          <p>Ready for the next question?</p>
          <input type="hidden" name="intent" value="request-question" />
          <button type="submit" className="btn-primary">
            Ask the next question
          </button>
        </Form>
      ) : null}

      {earlier.length ? (
        <section aria-labelledby="previous-heading" className="space-y-3">
          <h2 id="previous-heading">Previous questions</h2>
          <ol className="space-y-3">
            {earlier.map((x) => (
              <li key={x.question.id}>
                <ExchangeItem exchange={x} now={now} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {loaderData.transcript.length ? <Transcript sessionId={interview.id} entries={loaderData.transcript} /> : null}

      {interview.status !== "completed" ? <SessionControls interview={interview} /> : null}
    </div>
  );
}

/** The next question while the model is still writing it (pushed word by word); the answer box follows when it is complete. */
function StreamingQuestion({ text, number, target }: { text: string; number: number; target: number }) {
  return (
    <section
      className="card space-y-3"
      aria-busy="true"
      aria-label={`Question ${number} is being written`}
      data-testid="streaming-question"
    >
      <p className="text-sm font-medium text-slate-600">
        Question {number} of {target} · being written…
      </p>
      <p className="text-lg leading-relaxed text-slate-900">
        {text}
        <span aria-hidden="true" className="ml-0.5 inline-block h-5 w-2 animate-pulse bg-indigo-400 align-middle" />
      </p>
    </section>
  );
}

/** The open question, its answer box below (children). */
function CurrentQuestion({ exchange, target, children }: { exchange: Exchange; target: number; children: ReactNode }) {
  const headingId = `question-${exchange.question.number}`;
  return (
    <section aria-labelledby={headingId} className="card space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="text-base">
          Question {exchange.question.number} of {target}
        </h2>
        <QuestionTypeBadge type={exchange.question.type} />
        {exchange.question.isFollowUp ? <FollowUpBadge /> : null}
        <ProbedRequirements requirements={exchange.question.requirements} />
      </div>
      <p className="text-lg leading-relaxed text-slate-900" data-testid="current-question">
        {exchange.question.text}
      </p>
      {children}
    </section>
  );
}

function Progress({ current, target, answered }: { current: number; target: number; answered: number }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-800">
        Question {current} of {target} <span className="font-normal text-slate-600">· {answered} answered</span>
      </p>
      <div
        className="h-2 w-full max-w-md overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label="Interview progress"
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={answered}
        aria-valuetext={`${answered} of ${target} questions answered`}
      >
        <div className="h-full rounded-full bg-indigo-600" style={{ width: `${(answered / target) * 100}%` }} />
      </div>
    </div>
  );
}

function ExchangeItem({ exchange, now }: { exchange: Exchange; now: Date }) {
  const idPrefix = `q${exchange.question.number}`;
  // The answer a strong answer or a second opinion was asked for stays open, also once it is in (a query,
  // not a #fragment: the no-JS refresh keeps it).
  const coachedAnswer = useSearchParams()[0].get("coach");
  return (
    <details className="card p-0" open={exchange.regradeOperation !== null || coachedAnswer === exchange.answer?.id || undefined}>
      <summary className="cursor-pointer list-none p-4">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium">Question {exchange.question.number}</span>
          <QuestionTypeBadge type={exchange.question.type} />
          {exchange.question.isFollowUp ? <FollowUpBadge /> : null}
          <ProbedRequirements requirements={exchange.question.requirements} />
          {exchange.evaluation ? <ScoreBadge value={exchange.evaluation.average} linked={false} /> : null}
          {isRunning(exchange.evaluationOperation) ? (
            <span className="badge bg-indigo-50 text-indigo-900">Analyzing your answer…</span>
          ) : null}
          {exchange.evaluationOperation?.status === "failed" ? (
            <span className="badge bg-red-100 text-red-900">Feedback failed — open to retry</span>
          ) : null}
          {!exchange.answer ? <span className="badge bg-slate-100 text-slate-700">Not answered</span> : null}
        </span>
        <span className="mt-1 block text-slate-800">{exchange.question.text}</span>
      </summary>
      <div className="space-y-4 border-t border-slate-200 p-4">
        <p className="text-xs text-slate-600">
          Asked <DateText date={exchange.question.createdAt} withTime />
        </p>
        {exchange.answer ? (
          <div className="rounded-md border-l-4 border-indigo-300 bg-white pl-4">
            <h3 className="text-sm font-semibold">Your answer</h3>
            <p className="mt-1 text-xs text-slate-600">
              Submitted <DateText date={exchange.answer.createdAt} withTime />
            </p>
            <AnswerWithEvidence text={exchange.answer.text} evidence={exchange.evaluation?.grading?.evidence ?? null} idPrefix={idPrefix} />
          </div>
        ) : (
          <p className="text-sm text-slate-600">This question was not answered.</p>
        )}
        <PanelBoundary what="the feedback on this answer">
          {exchange.evaluation ? (
            <EvaluationCard
              evaluation={exchange.evaluation}
              idPrefix={idPrefix}
              answerId={exchange.answer?.id}
              answerText={exchange.answer?.text}
              regradeOperation={exchange.regradeOperation}
              now={now}
            />
          ) : null}
          {exchange.evaluationOperation ? <OperationStatus operation={exchange.evaluationOperation} serverNow={now} compact /> : null}
        </PanelBoundary>
        {exchange.answer?.delivery ? <DeliveryCard delivery={exchange.answer.delivery} idPrefix={idPrefix} /> : null}
        <ExchangeCoaching exchange={exchange} now={now} />
      </div>
    </details>
  );
}

type TranscriptEntry = Awaited<ReturnType<typeof loader>>["transcript"][number];

/** A finished interview, question by question: what was asked, what was answered, the score, a link to its feedback. */
function Transcript({ sessionId, entries }: { sessionId: string; entries: TranscriptEntry[] }) {
  return (
    <section aria-labelledby="previous-heading" className="space-y-3">
      <h2 id="previous-heading">Questions and answers</h2>
      <ol className="space-y-3">
        {entries.map((x) => (
          <li key={x.question.id} className="card space-y-3">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-base font-medium">Question {x.question.number}</h3>
              <QuestionTypeBadge type={x.question.type} />
              {x.question.isFollowUp ? <FollowUpBadge /> : null}
              <ProbedRequirements requirements={x.question.requirements} />
              {x.score !== null ? <ScoreBadge value={x.score} linked={false} /> : null}
              {x.evaluating ? <span className="badge bg-indigo-50 text-indigo-900">Analyzing your answer…</span> : null}
              {x.evaluationFailed ? <span className="badge bg-red-100 text-red-900">Feedback failed</span> : null}
              {!x.answer ? <span className="badge bg-slate-100 text-slate-700">Not answered</span> : null}
            </div>
            <p className="text-slate-800">{x.question.text}</p>
            <p className="text-xs text-slate-600">
              Asked <DateText date={x.question.createdAt} withTime />
            </p>
            {x.answer ? (
              <>
                <div className="rounded-md border-l-4 border-indigo-300 pl-4">
                  <AnswerHeading sentAt={x.answer.createdAt} />
                  <p className="mt-1 whitespace-pre-wrap text-slate-900">{x.answer.text}</p>
                </div>
                <p className="text-sm">
                  {/* The feedback page's heading of this answer (its ExchangeReview). */}
                  <Link to={`/interviews/${sessionId}/feedback#q${x.question.number}-heading`}>
                    {x.evaluationFailed ? "Retry the feedback" : "Read the feedback"}
                    <span className="sr-only"> on your answer to question {x.question.number}</span>
                  </Link>
                </p>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function PausedBanner({ hasDraft }: { hasDraft: boolean }) {
  return (
    <div className="alert-info flex flex-wrap items-center justify-between gap-3">
      <p>This interview is paused. Everything is saved{hasDraft ? ", including your unsent draft" : ""}; resume whenever you are ready.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="resume" />
        <button type="submit" className="btn-primary">
          Resume interview
        </button>
      </Form>
    </div>
  );
}

function CompletedPanel({ interview, now }: { interview: Interview; now: Date }) {
  const postingId = interview.posting.jobPostingId;
  return (
    <section className="card space-y-4" aria-label="Interview completed">
      <p>
        You answered {interview.answeredCount} of {interview.targetQuestions} questions
        {interview.completedAt ? (
          <>
            {" "}
            · finished <DateText date={interview.completedAt} withTime />
          </>
        ) : null}
        .
      </p>
      {interview.hasFeedback && interview.overallScore !== null ? (
        <div className="flex flex-wrap items-center gap-3">
          <ScoreBadge value={interview.overallScore} prefix="Overall" />
          <Link to={`/interviews/${interview.id}/feedback`} className="btn-primary">
            Read your feedback
          </Link>
        </div>
      ) : interview.feedbackOperation ? (
        <PanelBoundary what="the status of your feedback">
          <OperationStatus operation={interview.feedbackOperation} serverNow={now} />
        </PanelBoundary>
      ) : interview.answeredCount === 0 ? (
        <p className="text-slate-700">You ended this interview before answering a question, so there is nothing to score.</p>
      ) : (
        <p className="text-slate-700">
          Not scored yet. <Link to={`/interviews/${interview.id}/feedback`}>Open the feedback page</Link> to have it written.
        </p>
      )}
      <details className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
        <summary className="cursor-pointer font-medium">The job posting as it was for this interview</summary>
        <p className="mt-2 text-slate-700">
          {interview.posting.title}
          {interview.posting.company ? ` — ${interview.posting.company}` : ""}
          {interview.posting.techStack.length ? ` · ${interview.posting.techStack.join(", ")}` : ""}
        </p>
        <p className="mt-2 max-w-prose whitespace-pre-wrap text-slate-800">{interview.posting.description}</p>
      </details>
      <div className="space-y-3 border-t border-slate-200 pt-4">
        <h2 className="text-base">Practise this job again</h2>
        {postingId ? (
          <>
            <p className="text-sm text-slate-700">
              A retake is a new attempt at this posting, and every attempt is compared on its progress page.{" "}
              <Link to={`/jobs/${postingId}/progress`}>See your progress across attempts</Link>
            </p>
            <RetakeForm action={`/interviews/${interview.id}/feedback`} idPrefix="completed-retake" />
          </>
        ) : (
          <p className="text-sm text-slate-700">The job posting of this interview was deleted, so it can&apos;t be retaken.</p>
        )}
      </div>
      <div className="border-t border-slate-200 pt-4">
        <DeleteLink sessionId={interview.id} />
      </div>
    </section>
  );
}

/** Deleting asks first, on a page of its own (works without JavaScript). */
function DeleteLink({ sessionId }: { sessionId: string }) {
  return (
    <Link to={`/interviews/${sessionId}/delete`} className="btn-secondary text-red-800">
      Delete interview
    </Link>
  );
}

function SessionControls({ interview }: { interview: Interview }) {
  return (
    <section aria-label="Interview controls" className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
      {interview.status === "active" && interview.openQuestionId ? (
        // Pause submits the answer form (the `form` attribute), so the unsent answer is kept as the draft.
        <button
          type="submit"
          form={answerFormId(interview.openQuestionId)}
          name="intent"
          value="pause"
          formNoValidate
          className="btn-secondary"
        >
          Pause
        </button>
      ) : interview.status === "active" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="pause" />
          <button type="submit" className="btn-secondary">
            Pause
          </button>
        </Form>
      ) : null}
      {/* Finishing and deleting work in every state, so no interview is ever stuck (a question that keeps failing, say). */}
      <Form method="post">
        <input type="hidden" name="intent" value="finish" />
        <button type="submit" className="btn-secondary" aria-describedby="finish-hint">
          Finish interview
        </button>
      </Form>
      <DeleteLink sessionId={interview.id} />
      <p className="text-sm text-slate-600" id="finish-hint">
        {interview.answeredCount > 0
          ? "Finishing early scores the questions you have answered so far."
          : `Nothing is answered yet: finishing now ends the interview without feedback.${interview.status === "active" ? " Pausing keeps your place instead." : ""}`}
      </p>
    </section>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Interview: ${loaderData.interview.posting.title} — ai-interviewer` : "Interview — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
