import { Form } from "react-router";
import { ImportForm } from "./import-form.tsx";
import { InterviewDownloads, type InterviewDownloadsView } from "./interview-downloads.tsx";

/**
 * Settings › Your data: the complete account export as one JSON file
 * (docs/export-format.md), optionally with personal details replaced, and
 * the import of such a file (./import-form.tsx). A
 * plain POST form that the browser submits itself (reloadDocument), so the
 * file downloads with JavaScript on or off.
 */
export function DataExport({ downloads }: { downloads: InterviewDownloadsView }) {
  return (
    <section id="your-data" aria-labelledby="data-heading" className="card space-y-4">
      <div className="space-y-1">
        <h2 id="data-heading">Your data</h2>
        <p className="text-sm text-slate-700">
          Download everything you have here — profile (without password or API key), résumé, job postings, interviews with their answers,
          scores and feedback, and AI usage — as one JSON file that another ai-interviewer installation can import.
        </p>
      </div>
      <Form method="post" action="/settings/export" reloadDocument className="space-y-3">
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="redact" className="mt-1" />
          <span>
            Redact personal details — email addresses, phone numbers and the names in your résumé become placeholders (for sharing; such a
            file may not import completely).
          </span>
        </label>
        <button type="submit" className="btn-secondary">
          Export my data
        </button>
      </Form>
      <div className="border-t border-slate-200 pt-4">
        <InterviewDownloads view={downloads} />
      </div>
      <div className="border-t border-slate-200 pt-4">
        <ImportForm />
      </div>
    </section>
  );
}
