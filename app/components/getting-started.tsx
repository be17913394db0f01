import { Link } from "react-router";

type Steps = { apiKey: boolean; resume: boolean; jobPosting: boolean };

const items = [
  {
    key: "apiKey",
    title: "Add your OpenAI key",
    body: "Interviews run on your own key; it is stored encrypted.",
    to: "/settings",
    cta: "Add key",
  },
  { key: "resume", title: "Add your résumé", body: "Paste it or upload a PDF, Word or text file.", to: "/resume", cta: "Add résumé" },
  {
    key: "jobPosting",
    title: "Add a job posting",
    body: "The role you are preparing for: its description, level and stack.",
    to: "/jobs/new",
    cta: "Add job posting",
  },
] as const;

/** The three steps before a first interview, each ticked off when done. */
export function GettingStarted({ steps }: { steps: Steps }) {
  return (
    <section aria-labelledby="getting-started" className="card space-y-4">
      <div className="space-y-1">
        <h2 id="getting-started">Getting started</h2>
        <p className="text-sm text-slate-700">Three steps, then start your first practice interview from a job posting.</p>
      </div>
      <ol className="space-y-3">
        {items.map((item, i) => {
          const done = steps[item.key];
          return (
            <li key={item.key} className="flex items-start justify-between gap-4 rounded-md border border-slate-200 p-4">
              <div className="flex gap-3">
                <span
                  aria-hidden="true"
                  className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${done ? "bg-green-700 text-white" : "bg-slate-200 text-slate-800"}`}
                >
                  {done ? "✓" : i + 1}
                </span>
                <div>
                  <h3 className="font-medium">
                    {item.title}
                    <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
                  </h3>
                  <p className="text-sm text-slate-700">{item.body}</p>
                </div>
              </div>
              {done ? (
                <span className="badge bg-green-100 text-green-900">Done</span>
              ) : (
                <Link to={item.to} className="btn-secondary shrink-0 py-1.5">
                  {item.cta}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
