import { Link } from "react-router";
import { DateText } from "#app/components/date-text.tsx";

export type InterviewDownloadsView = {
  items: Array<{ id: string; title: string; company: string | null; startedAt: Date; status: string; hasFeedback: boolean }>;
  total: number;
};

/**
 * Settings › Your data: one interview at a time, as a Markdown debrief (with or
 * without personal details) or a PDF — the browser's "Save as PDF" of the
 * interview's debrief page, which has a print stylesheet. Plain links.
 */
export function InterviewDownloads({ view }: { view: InterviewDownloadsView }) {
  return (
    <section aria-labelledby="interview-downloads-heading" className="space-y-2" data-testid="interview-downloads">
      <h3 id="interview-downloads-heading" className="font-semibold">
        One interview as Markdown or PDF
      </h3>
      {view.items.length === 0 ? (
        <p className="text-sm text-slate-700">
          No interviews yet. <Link to="/interviews/new">Start one</Link>; its debrief can then be downloaded here.
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            A PDF is the debrief page printed by your browser: open it, press Ctrl+P (⌘P) and choose “Save as PDF”.
          </p>
          <ul className="divide-y divide-slate-200 text-sm">
            {view.items.map((item) => {
              const markdown = `/interviews/${item.id}/debrief.md`;
              return (
                <li key={item.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
                  <span className="min-w-48 flex-1">
                    <Link to={`/interviews/${item.id}`}>{item.title}</Link>
                    {item.company ? ` · ${item.company}` : ""} · <DateText date={item.startedAt} />
                  </span>
                  <a href={markdown} download aria-label={`Markdown debrief of ${item.title}`}>
                    Markdown
                  </a>
                  <a href={`${markdown}?redact=1`} download aria-label={`Markdown debrief of ${item.title}, without personal details`}>
                    Markdown, redacted
                  </a>
                  {item.hasFeedback ? (
                    <Link to={`/interviews/${item.id}/feedback`} aria-label={`Debrief page of ${item.title}, to print as PDF`}>
                      PDF (print the debrief)
                    </Link>
                  ) : (
                    <span className="text-slate-600">PDF once it has its debrief</span>
                  )}
                </li>
              );
            })}
          </ul>
          {view.total > view.items.length ? (
            <p className="text-sm">
              The {view.items.length} newest of {view.total}; every interview&apos;s debrief page has the same downloads —{" "}
              <Link to="/interviews">see all interviews</Link>.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
