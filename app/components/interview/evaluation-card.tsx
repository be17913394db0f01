import type { ReactNode } from "react";
import { Form, Link } from "react-router";
import { DIMENSIONS, bandFor, type Scores } from "#app/ai/grading/rubric.ts";
import { ANSWER_CLASS_DESCRIPTIONS } from "#app/ai/grading/screening.ts";
import { firstMarkOf, highlightHandlers } from "#app/components/grading/answer-evidence.tsx";
import { RubricScoreBar, dimensionLabel } from "#app/components/grading/rubric-score.tsx";
import { HOW_SCORES_WORK, ScoreBadge, ScoreBar } from "#app/components/score.tsx";
import type { GradingView, SecondOpinionView } from "#app/models/answer-grading.server.ts";
import type { EvaluationView, OperationState } from "#app/models/interview-view.server.ts";
import { OperationStatus } from "./operation-status.tsx";

function List({ title, items, empty }: { title: string; items: string[]; empty?: string }) {
  if (!items.length && !empty) return null;
  return (
    <div>
      <h4 className="text-sm font-semibold text-slate-800">{title}</h4>
      {items.length ? (
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-800">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{empty}</p>
      )}
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <h4 className="text-sm font-semibold text-slate-800">{title}</h4>
      <ul className="mt-1 list-disc space-y-2 pl-5 text-sm text-slate-800">{children}</ul>
    </div>
  );
}

/** One judgement shown as a fact: the point, and the words of the answer it rests on (linked to the passage). */
function Judged({
  id,
  idPrefix,
  point,
  quote,
  ranges,
}: {
  id: string;
  idPrefix: string;
  point: string;
  quote?: string;
  ranges?: { start: number; end: number }[];
}) {
  if (!quote || !ranges?.length) return <li>{point}</li>;
  return (
    <li id={id} {...highlightHandlers(id)}>
      {point}{" "}
      <a href={`#${firstMarkOf(idPrefix, ranges)}`} className="text-slate-700 underline decoration-dotted underline-offset-2">
        <q>{quote}</q>
        <span className="sr-only"> (in your answer)</span>
      </a>
    </li>
  );
}

/** Per-answer feedback: four scores with their bands, the evidence for every judgement, and how it was graded. */
export function EvaluationCard({
  evaluation,
  idPrefix,
  answerId,
  answerText,
  regradeOperation,
  now,
}: {
  evaluation: EvaluationView;
  idPrefix: string;
  answerId?: string;
  answerText?: string;
  regradeOperation?: OperationState | null;
  now?: Date;
}) {
  const grading = evaluation.grading;
  // A screened answer's summary starts with the message already shown above it.
  const summary =
    grading?.message && evaluation.summary.startsWith(grading.message)
      ? evaluation.summary.slice(grading.message.length).trim()
      : evaluation.summary;
  return (
    <section aria-labelledby={`${idPrefix}-feedback`} className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${idPrefix}-feedback`} className="text-sm font-semibold">
          Feedback on this answer<span className="sr-only"> ({idPrefix.replace(/^q/, "question ")})</span>
        </h3>
        <ScoreBadge value={evaluation.average} prefix="Average" />
        <Link to={HOW_SCORES_WORK} className="btn-link">
          How scores work
        </Link>
      </div>
      {grading?.message ? (
        <div className="alert-info space-y-2" data-testid="screening-message">
          <p>{grading.message}</p>
          {grading.completeAnswer.length ? <List title="A complete answer would cover" items={grading.completeAnswer} /> : null}
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {grading ? (
          DIMENSIONS.map((d) => <RubricScoreBar key={d} id={`${idPrefix}-${d}`} dimension={d} value={evaluation[d]} />)
        ) : (
          <>
            <ScoreBar id={`${idPrefix}-relevance`} label="Relevance to the job" value={evaluation.relevance} />
            <ScoreBar id={`${idPrefix}-completeness`} label="Completeness" value={evaluation.completeness} />
            <ScoreBar id={`${idPrefix}-correctness`} label="Technical correctness" value={evaluation.technicalCorrectness} />
            <ScoreBar id={`${idPrefix}-clarity`} label="Clarity and structure" value={evaluation.clarity} />
          </>
        )}
      </div>
      {summary ? <p className="text-sm text-slate-800">{summary}</p> : null}
      {grading ? (
        <Evidence grading={grading} idPrefix={idPrefix} answerText={answerText} knowledgeGaps={evaluation.knowledgeGaps} />
      ) : (
        <>
          <p className="text-xs text-slate-600" data-testid="legacy-evaluation">
            Graded before answers were graded against the rubric: the points below were not checked against your answer.
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <List title="Strengths" items={evaluation.strengths} empty="No particular strengths stood out in this answer." />
            <List title="To improve" items={evaluation.improvements} />
            <List title="Knowledge gaps" items={evaluation.knowledgeGaps} empty="No knowledge gaps found in this answer." />
          </div>
        </>
      )}
      {evaluation.recommendations.length ? (
        <div>
          <h4 className="text-sm font-semibold text-slate-800">What to study next</h4>
          <ul className="mt-1 space-y-1 text-sm text-slate-800">
            {evaluation.recommendations.map((r, i) => (
              <li key={i}>
                <strong>{r.topic}</strong> — {r.resource}
                {r.why ? <span className="text-slate-600"> ({r.why})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {evaluation.secondOpinion ? <SecondOpinion first={evaluation} second={evaluation.secondOpinion} idPrefix={idPrefix} /> : null}
      {grading ? <GradingDetails grading={grading} /> : null}
      {answerId && !evaluation.secondOpinion ? (
        regradeOperation && regradeOperation.status !== "failed" ? (
          <OperationStatus operation={regradeOperation} serverNow={now ?? new Date()} compact />
        ) : (
          <Form method="post" className="no-print flex flex-wrap items-center gap-2">
            <input type="hidden" name="intent" value="second-opinion" />
            <input type="hidden" name="answerId" value={answerId} />
            <button type="submit" className="btn-secondary">
              Ask for a second opinion
            </button>
            <span className="text-xs text-slate-600">
              {regradeOperation?.status === "failed"
                ? `The last try failed: ${regradeOperation.errorMessage ?? "try again"}.`
                : "Grades this answer again; both gradings are kept and this one stays your score."}
            </span>
          </Form>
        )
      ) : null}
    </section>
  );
}

/** Judgements with verified quotes as facts; the others set apart as unverified, never as facts. */
function Evidence({
  grading,
  idPrefix,
  answerText,
  knowledgeGaps,
}: {
  grading: GradingView;
  idPrefix: string;
  answerText?: string;
  knowledgeGaps: string[];
}) {
  const { strengths, improvements, factualErrors } = grading.evidence;
  const shownImprovements = improvements.map((j, i) => ({ j, i })).filter(({ j }) => j.verified || !j.quote);
  const unverified = [
    ...strengths.filter((j) => !j.verified).map((j) => ({ point: j.point, quote: j.quote })),
    ...improvements.filter((j) => !j.verified && j.quote).map((j) => ({ point: j.point, quote: j.quote })),
    ...factualErrors.filter((e) => !e.verified).map((e) => ({ point: e.correction, quote: e.quote })),
  ];
  const verifiedStrengths = strengths.map((j, i) => ({ j, i })).filter(({ j }) => j.verified);
  const verifiedErrors = factualErrors.map((e, i) => ({ e, i })).filter(({ e }) => e.verified);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Section title="Strengths" testId="strengths">
          {verifiedStrengths.length ? (
            verifiedStrengths.map(({ j, i }) => <Judged key={i} id={`${idPrefix}-strength-${i}`} idPrefix={idPrefix} {...j} />)
          ) : (
            <li className="list-none text-slate-600">No strengths that we could point to in your answer.</li>
          )}
        </Section>
        {shownImprovements.length ? (
          <Section title="To improve" testId="improvements">
            {shownImprovements.map(({ j, i }) => (
              <Judged key={i} id={`${idPrefix}-improvement-${i}`} idPrefix={idPrefix} {...j} />
            ))}
          </Section>
        ) : null}
        {verifiedErrors.length ? (
          <Section title="Factual errors" testId="factual-errors">
            {verifiedErrors.map(({ e, i }) => (
              <Judged key={i} id={`${idPrefix}-error-${i}`} idPrefix={idPrefix} point={e.correction} quote={e.quote} ranges={e.ranges} />
            ))}
          </Section>
        ) : null}
        <List title="Knowledge gaps" items={knowledgeGaps} empty="No knowledge gaps found in this answer." />
      </div>
      {grading.completeAnswer.length && !grading.message ? (
        <List title="What a complete answer covers" items={grading.completeAnswer} />
      ) : null}
      {unverified.length ? (
        <div className="rounded-md border border-dashed border-slate-300 p-3" data-testid="unverified">
          <h4 className="text-sm font-semibold text-slate-700">Not found in your answer</h4>
          <p className="text-xs text-slate-600">
            The grader quoted words that are not in your answer, so these points are not shown as feedback and may be wrong.
          </p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-600">
            {unverified.map((u, i) => (
              <li key={i}>
                <span className="badge bg-slate-200 text-slate-800">Unverified</span> {u.point}{" "}
                <span className="italic">(quoted: “{u.quote}”)</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {grading.ignoredPassages.length && answerText ? (
        <div data-testid="ignored-passages">
          <h4 className="text-sm font-semibold text-slate-800">Not graded</h4>
          <p className="text-xs text-slate-600">
            These passages speak to the grader rather than answer the question, so they were left out.
          </p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {grading.ignoredPassages.map((r, i) => (
              <li key={i}>“{answerText.slice(r.start, r.end)}”</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** How this evaluation was made: rubric version, grader model, sampling, what code found. */
function GradingDetails({ grading }: { grading: GradingView }) {
  const capped = grading.modelScores && grading.answerClass !== "answer";
  return (
    <details className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="grading-details">
      <summary className="cursor-pointer font-medium">How this answer was graded</summary>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">Rubric</dt>
        <dd>
          version {grading.rubricVersion} (<Link to={HOW_SCORES_WORK}>How scores work</Link>)
        </dd>
        <dt className="text-slate-600">Grader model</dt>
        <dd>{grading.graderModel}</dd>
        <dt className="text-slate-600">Sampling</dt>
        <dd>{samplingText(grading.sampling)}</dd>
        <dt className="text-slate-600">Answer screened as</dt>
        <dd>
          {ANSWER_CLASS_DESCRIPTIONS[grading.answerClass].label} — {ANSWER_CLASS_DESCRIPTIONS[grading.answerClass].rule}
        </dd>
        {capped && grading.modelScores ? (
          <>
            <dt className="text-slate-600">Before the caps</dt>
            <dd>{scoreLine(grading.modelScores)}</dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

function samplingText(sampling: Record<string, number>) {
  if (!Object.keys(sampling).length) return "no model call (screened by code)";
  const parts = [
    sampling.temperature !== undefined ? `temperature ${sampling.temperature}` : "provider's default temperature (it refused 0)",
    sampling.seed !== undefined ? `seed ${sampling.seed}` : "no seed (the provider does not take one)",
  ];
  return parts.join(", ");
}

const scoreLine = (s: Scores) => DIMENSIONS.map((d) => `${dimensionLabel(d)} ${s[d]}`).join(" · ");

/** The re-grade next to the score of record, with a note where the bands differ. */
function SecondOpinion({ first, second, idPrefix }: { first: EvaluationView; second: SecondOpinionView; idPrefix: string }) {
  const differ = DIMENSIONS.filter((d) => bandFor(first[d]).name !== bandFor(second.scores[d]).name);
  return (
    <div className="space-y-2 rounded-md border border-slate-300 bg-white p-3" data-testid="second-opinion">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-semibold">Second opinion</h4>
        <ScoreBadge value={second.average} prefix="Average" />
        <span className="text-xs text-slate-600">by {second.grading.graderModel}</span>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {DIMENSIONS.map((d) => (
          <RubricScoreBar key={d} id={`${idPrefix}-second-${d}`} dimension={d} value={second.scores[d]} />
        ))}
      </div>
      <p className="text-sm text-slate-800">{second.summary}</p>
      <SecondOpinionPoints grading={second.grading} />
      <p className="text-xs text-slate-600">
        {differ.length
          ? `The two gradings put ${differ.map((d) => dimensionLabel(d).toLowerCase()).join(", ")} in different bands. The first grading stays your score.`
          : "Both gradings put every dimension in the same band."}
      </p>
    </div>
  );
}

/** The second grading's points that may be shown as fact (verified quotes; improvements about something missing). */
function SecondOpinionPoints({ grading }: { grading: GradingView }) {
  const { strengths, improvements } = grading.evidence;
  const shown = [
    ...strengths.filter((j) => j.verified).map((j) => ({ ...j, label: "Strength" })),
    ...improvements.filter((j) => j.verified || !j.quote).map((j) => ({ ...j, label: "To improve" })),
  ];
  const unverified = [...strengths, ...improvements].filter((j) => j.quote && !j.verified).length;
  if (!shown.length && !unverified) return null;
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
      {shown.map((j, i) => (
        <li key={i}>
          <span className="font-medium">{j.label}:</span> {j.point}
          {j.quote ? (
            <>
              {" "}
              <q className="text-slate-700">{j.quote}</q>
            </>
          ) : null}
        </li>
      ))}
      {unverified ? (
        <li className="text-slate-600">
          {unverified} point{unverified === 1 ? "" : "s"} quoting words not in your answer left out as unverified.
        </li>
      ) : null}
    </ul>
  );
}
