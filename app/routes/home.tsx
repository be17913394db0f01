import { Link } from "react-router";
import type { Route } from "./+types/home";
import { getAuthSession } from "#app/utils/session.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  return { signedIn: Boolean(await getAuthSession(context)) };
}

const steps = [
  {
    title: "Bring your own AI key",
    body: "Your OpenAI (or compatible) key is encrypted at rest and only used for your interviews. No subscription, no middleman.",
  },
  {
    title: "Your résumé and the job you want",
    body: "Paste or upload your résumé and the posting. Every question draws on both: the role's requirements and your own experience.",
  },
  {
    title: "One question at a time",
    body: "Technical, behavioural, project and situational questions, with follow-ups when an answer is vague or makes a claim worth probing.",
  },
  {
    title: "Honest, specific feedback",
    body: "Every answer is scored for relevance, completeness, correctness and clarity — with strengths, gaps and what to study next.",
  },
];

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <div className="space-y-12">
      <section className="grid gap-8 py-8 md:grid-cols-2 md:items-center">
        <div className="space-y-5">
          <h1 className="text-4xl leading-tight font-bold">Rehearse the interview before it counts.</h1>
          <p className="text-lg text-slate-700">
            ai-interviewer is a self-hosted practice interviewer. It reads your résumé and the job posting you are aiming for, asks you one
            tailored question at a time, scores every answer and shows how you improve across retakes.
          </p>
          <div className="flex flex-wrap gap-3">
            {loaderData.signedIn ? (
              <Link to="/dashboard" className="btn-primary">
                Go to your dashboard
              </Link>
            ) : (
              <>
                <Link to="/register" className="btn-primary">
                  Create a free account
                </Link>
                <Link to="/login" className="btn-secondary">
                  Log in
                </Link>
              </>
            )}
          </div>
        </div>
        <div className="card space-y-3" aria-label="Example question">
          <p className="text-sm font-medium text-slate-600">Question 3 of 6</p>
          <div className="flex gap-2">
            <span className="badge bg-indigo-100 text-indigo-900">Technical</span>
            <span className="badge bg-amber-100 text-amber-900">Follow-up</span>
          </div>
          <p className="text-slate-900">
            You mentioned moving the billing service to event sourcing. How did you handle replaying events after a schema change, and what
            would you do differently?
          </p>
        </div>
      </section>
      <section aria-labelledby="how-it-works" className="space-y-6">
        <h2 id="how-it-works" className="text-xl">
          How it works
        </h2>
        <ol className="grid gap-4 md:grid-cols-2">
          {steps.map((step, i) => (
            <li key={step.title} className="card">
              <p className="text-sm font-semibold text-indigo-800">Step {i + 1}</p>
              <h3 className="mt-1 font-semibold">{step.title}</h3>
              <p className="mt-2 text-slate-700">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [
  { title: "ai-interviewer — practise interviews with AI" },
  {
    name: "description",
    content:
      "Self-hosted AI interview practice: tailored questions from your résumé and the job posting, scored feedback, progress over retakes.",
  },
];
