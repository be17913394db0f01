import { Form } from "react-router";
import { DrillGaps } from "#app/components/practice/drill-feedback-gaps.tsx";
import { OperationStatus, isRunning } from "#app/components/interview/operation-status.tsx";
import { PanelBoundary } from "#app/components/panel-boundary.tsx";
import { STAR_PART_LABELS } from "#app/domain/practice/star.ts";
import type { CoachingView } from "#app/models/interview-view.server.ts";

/** An exchange's coaching, in its own error boundary: on the interview page and the feedback page alike. */
export function ExchangeCoaching({
  exchange,
  now,
}: {
  exchange: { answer: { id: string } | null; evaluation: { knowledgeGaps: readonly string[] } | null; coaching: CoachingView };
  now: Date;
}) {
  if (!exchange.answer) return null;
  return (
    <PanelBoundary what="the coaching on this answer">
      <AnswerCoaching
        answerId={exchange.answer.id}
        scored={exchange.evaluation !== null}
        coaching={exchange.coaching}
        knowledgeGaps={exchange.evaluation?.knowledgeGaps ?? []}
        now={now}
      />
    </PanelBoundary>
  );
}

/**
 * Coaching under one scored answer (issue 19): "Show a strong answer" — a
 * model answer built from the résumé and the candidate's own answer, where
 * [your …] placeholders ask for facts the résumé lacks and anything the
 * server could not find in the résumé or the answer is flagged — and, for a
 * behavioural answer, the STAR checklist quoting the answer's own sentences.
 * Plain forms and markup: everything works without JavaScript.
 */
export function AnswerCoaching({
  answerId,
  scored,
  coaching,
  knowledgeGaps = [],
  now,
}: {
  answerId: string;
  scored: boolean;
  coaching: CoachingView;
  knowledgeGaps?: readonly string[];
  now: Date;
}) {
  const { modelAnswer, modelAnswerOperation, starCheck, starCheckOperation } = coaching;
  return (
    <div className="space-y-4" id={`coaching-${answerId}`}>
      {knowledgeGaps.length ? <DrillGaps gaps={knowledgeGaps} fields={{ intent: "drill", answerId }} testId="drill-gaps" /> : null}
      {starCheck ? <StarChecklist check={starCheck} /> : null}
      {starCheckOperation && !starCheck ? <OperationStatus operation={starCheckOperation} serverNow={now} compact /> : null}

      {modelAnswer ? <StrongAnswer modelAnswer={modelAnswer} /> : null}
      {modelAnswerOperation && (isRunning(modelAnswerOperation) || modelAnswerOperation.status === "failed") ? (
        <OperationStatus operation={modelAnswerOperation} serverNow={now} compact={isRunning(modelAnswerOperation)} />
      ) : null}
      {scored && !isRunning(modelAnswerOperation) ? (
        <Form method="post">
          <input type="hidden" name="intent" value="model-answer" />
          <input type="hidden" name="answerId" value={answerId} />
          <button type="submit" className="btn-secondary py-1.5 text-sm">
            {modelAnswer ? "Write another strong answer" : "Show a strong answer"}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

type ModelAnswer = NonNullable<CoachingView["modelAnswer"]>;

/** The model answer with its placeholders (what to fill in) and flags (not in your résumé) marked where they are. */
function StrongAnswer({ modelAnswer }: { modelAnswer: ModelAnswer }) {
  const marks = [
    ...modelAnswer.placeholders.map((p) => ({ start: p.start, end: p.end, kind: "placeholder" as const, note: p.question })),
    ...modelAnswer.flags.map((f) => ({ start: f.start, end: f.end, kind: "flag" as const, note: f.reason })),
  ].sort((a, b) => a.start - b.start);
  const parts: Array<{ text: string; mark?: (typeof marks)[number] }> = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at || m.end > modelAnswer.text.length) continue;
    if (m.start > at) parts.push({ text: modelAnswer.text.slice(at, m.start) });
    parts.push({ text: modelAnswer.text.slice(m.start, m.end), mark: m });
    at = m.end;
  }
  if (at < modelAnswer.text.length) parts.push({ text: modelAnswer.text.slice(at) });

  return (
    <section className="rounded-md border border-emerald-200 bg-emerald-50/40 p-3" data-testid="strong-answer" aria-label="A strong answer">
      <h4 className="text-sm font-semibold">A strong answer, from your résumé</h4>
      <p className="mt-2 whitespace-pre-wrap text-slate-900">
        {parts.map((p, i) =>
          p.mark ? (
            <mark
              key={i}
              title={p.mark.note}
              className={p.mark.kind === "flag" ? "bg-red-100 text-red-900 underline decoration-wavy" : "bg-amber-100 text-amber-900"}
            >
              {p.text}
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </p>
      {modelAnswer.placeholders.length ? (
        <div className="mt-2 text-sm">
          <p className="font-medium">Fill in what only you know:</p>
          <ul className="list-disc pl-5" data-testid="placeholders">
            {modelAnswer.placeholders.map((p) => (
              <li key={`${p.start}-${p.marker}`}>
                <span className="bg-amber-100 px-1">{p.marker}</span> — {p.question}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {modelAnswer.flags.length ? (
        <div className="mt-2 text-sm" role="note" data-testid="fact-flags">
          <p className="font-medium text-red-900">Not in your résumé or your answer — check before you say it:</p>
          <ul className="list-disc pl-5">
            {modelAnswer.flags.map((f) => (
              <li key={`${f.start}-${f.text}`}>
                “{f.text}”: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-2 text-xs text-slate-600">
          Every name and number in it ({modelAnswer.checked} checked) comes from your résumé or your answer.
        </p>
      )}
    </section>
  );
}

type Star = NonNullable<CoachingView["starCheck"]>;

/** The STAR checklist: each part present or missing with the answer's own sentence, then the result and ownership checks. */
export function StarChecklist({ check }: { check: Star }) {
  const { whole, actions } = check.ownership;
  const counted = actions ?? whole;
  return (
    <section className="rounded-md border border-slate-200 p-3" aria-label="STAR check" data-testid="star-check">
      <h4 className="text-sm font-semibold">STAR check</h4>
      <ul className="mt-2 space-y-1 text-sm">
        {check.parts.map((p) => (
          <li key={p.part} data-testid={`star-${p.part}`}>
            <span aria-hidden="true">{p.present ? "✓" : "✗"}</span> <span className="font-medium">{STAR_PART_LABELS[p.part]}</span>
            <span className="sr-only">{p.present ? ": present" : ": missing"}</span>
            {p.present ? (
              <q className="ml-1 text-slate-700">{p.sentences[0]!.text}</q>
            ) : (
              <span className="ml-1 text-slate-700">— missing{p.note ? `: ${p.note}` : ""}</span>
            )}
          </li>
        ))}
        <li data-testid="star-quantified">
          <span aria-hidden="true">{check.resultQuantified ? "✓" : "✗"}</span>{" "}
          {check.resultQuantified ? "Result quantified" : "Result not quantified: give a number (time saved, %, money, users)"}
        </li>
        <li data-testid="star-ownership">
          <span aria-hidden="true">{check.ownership.saysI ? "✓" : "✗"}</span>{" "}
          {check.ownership.saysI ? "You say “I” for your actions" : "Say “I” for what you did yourself"} (I ×{counted.i}, we ×{counted.we})
        </li>
      </ul>
    </section>
  );
}

/** The top of a drill's page: what it practises (a review drill: one fresh wording of a question missed earlier). */
export function DrillBanner({ topic, questions, review = false }: { topic: string; questions: number; review?: boolean }) {
  return review ? (
    <p className="alert-info" data-testid="drill-banner">
      Review: <strong>{topic}</strong> — a question you missed earlier, asked in a fresh wording. Answer it well and it comes back after a
      longer interval; miss it and it comes back tomorrow.
    </p>
  ) : (
    <p className="alert-info" data-testid="drill-banner">
      Drill: <strong>{topic}</strong> — {questions} questions on this one topic, with feedback after each answer.
    </p>
  );
}
