import { Form, Link } from "react-router";

/** What an interview needs besides the posting itself (from getOnboarding). */
export type InterviewReadiness = { resume: boolean; apiKey: boolean };

const missingSteps = [
  {
    key: "resume",
    what: "your résumé",
    why: "the interviewer asks about your own experience and projects.",
    to: "/resume",
    cta: "Add your résumé",
  },
  {
    key: "apiKey",
    what: "an OpenAI API key",
    why: "interviews run on your own key, stored encrypted.",
    to: "/settings",
    cta: "Add your API key in Settings",
  },
] as const;

/**
 * The way into an interview for one job posting. When the user is ready it is
 * a plain GET form to /interviews/new (works without JavaScript); when not,
 * it says exactly what is missing and links to where to add it, instead of a
 * button that would fail later.
 */
export function StartInterview({ jobId, readiness, className = "" }: { jobId: string; readiness: InterviewReadiness; className?: string }) {
  const missing = missingSteps.filter((step) => !readiness[step.key]);

  if (missing.length === 0) {
    return (
      <Form method="get" action="/interviews/new" className={className}>
        <input type="hidden" name="jobId" value={jobId} />
        <button type="submit" className="btn-primary w-full px-6 py-3 text-base sm:w-auto">
          Start interview
        </button>
      </Form>
    );
  }

  return (
    <div className={`alert-info space-y-2 ${className}`} data-testid="start-interview-missing">
      <p className="font-medium">To start an interview, first add {missing.map((step) => step.what).join(" and ")}.</p>
      <ul className="space-y-2">
        {missing.map((step) => (
          <li key={step.key}>
            <Link to={step.to} className="font-medium">
              {step.cta}
            </Link>{" "}
            — {step.why}
          </li>
        ))}
      </ul>
    </div>
  );
}
