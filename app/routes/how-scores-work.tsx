import type { Route } from "./+types/how-scores-work";
import { BANDS, RUBRIC, RUBRIC_VERSION } from "#app/ai/grading/rubric.ts";
import { ANSWER_CLASSES, ANSWER_CLASS_DESCRIPTIONS } from "#app/ai/grading/screening.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { dimensionAnchor } from "#app/components/grading/rubric-score.tsx";

/**
 * "How scores work": the rubric the grader is given, word for word (the same
 * data builds its prompt), the floors code applies to non-answers, and the
 * evidence rule. Public, static, no JavaScript needed; every score's band
 * links here (an answer's dimension to that dimension's section, any other
 * score to the table of bands).
 */

export default function HowScoresWork() {
  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1>How scores work</h1>
        <p className="text-slate-700">
          Each answer gets four scores from 0 to 100 — relevance, completeness, technical correctness and clarity — graded against the
          written rubric below (version {RUBRIC_VERSION}). A score is always shown with its band.
        </p>
      </header>

      <section aria-labelledby="bands" className="space-y-3">
        <h2 id="bands">The four bands</h2>
        <p className="text-slate-700">
          Every score in the app is shown with one of these bands: an answer&apos;s four scores and their average, and the scores of a whole
          interview (<a href="#interview-scores">below</a>).
        </p>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-3">
                Band
              </th>
              <th scope="col" className="py-1 pr-3">
                Scores
              </th>
              <th scope="col" className="py-1">
                What it means
              </th>
            </tr>
          </thead>
          <tbody>
            {BANDS.map((b) => (
              <tr key={b.name} className="border-b border-slate-200">
                <th scope="row" className="py-1 pr-3">
                  {b.name}
                </th>
                <td className="py-1 pr-3 whitespace-nowrap">
                  {b.min}–{b.max}
                </td>
                <td className="py-1">{b.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {RUBRIC.map((d) => (
        <section key={d.key} id={dimensionAnchor(d.key)} aria-labelledby={`${dimensionAnchor(d.key)}-heading`} className="space-y-2">
          <h2 id={`${dimensionAnchor(d.key)}-heading`}>{d.label}</h2>
          <p className="text-slate-700">{d.question}</p>
          <dl className="space-y-2 text-sm">
            {BANDS.map((b) => (
              <div key={b.name}>
                <dt className="font-semibold">
                  {b.name} (about {b.anchor})
                </dt>
                <dd className="text-slate-800">{d.anchors[b.name]}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}

      <section aria-labelledby="floors" className="space-y-2">
        <h2 id="floors">Non-answers get capped scores — by code, not by the model</h2>
        <p className="text-slate-700">
          Before the grader reads an answer, code checks what kind of answer it is. These rules are applied to the grader's scores
          afterwards, whatever it says, and the feedback tells you plainly what a complete answer would cover.
        </p>
        <dl className="space-y-2 text-sm">
          {ANSWER_CLASSES.map((c) => (
            <div key={c}>
              <dt className="font-semibold">{ANSWER_CLASS_DESCRIPTIONS[c].label}</dt>
              <dd className="text-slate-800">{ANSWER_CLASS_DESCRIPTIONS[c].rule}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="evidence" className="space-y-2">
        <h2 id="evidence">Evidence for every judgement</h2>
        <p className="text-slate-700">
          Every strength, improvement and factual error quotes the words of your answer it is about. The server looks for each quote in your
          answer (ignoring differences in spacing, quote marks and capitals). Only a quote that is found is shown as feedback and
          highlighted in your answer; a point whose quote is not in your answer is set apart as “Not found in your answer” and never shown
          as fact. An improvement about something your answer leaves out has no quote.
        </p>
      </section>

      <section aria-labelledby="interview-scores" className="space-y-2">
        <h2 id="interview-scores">Scores of a whole interview</h2>
        <p className="text-slate-700">
          The debrief of an interview scores technical accuracy, communication, problem solving and relevance to the job, and each of its
          points names the questions it rests on. Its overall score is our mean of those four. These scores, and the averages on your
          dashboard, history and progress pages, use <a href="#bands">the same four bands</a> as an answer&apos;s; a mean with a fraction is
          rounded first, so 62.5 reads Solid. A second opinion never changes these: the first grading of each answer is the one they use.
        </p>
      </section>

      <section aria-labelledby="repeatable" className="space-y-2">
        <h2 id="repeatable">Repeatable grading</h2>
        <p className="text-slate-700">
          Grading runs at temperature 0 with a fixed seed where the provider supports one, so the same answer graded again with the same
          model and rubric lands in the same band. You may choose a separate, stronger model for grading in Settings. Each evaluation
          records the rubric version and the grader model (open “How this answer was graded” under any feedback). You can ask for a second
          opinion on an answer: both gradings are kept, and the first stays your score.
        </p>
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [
  { title: "How scores work — ai-interviewer" },
  { name: "description", content: "The rubric behind every score: bands, anchors, caps for non-answers and the evidence rule." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
