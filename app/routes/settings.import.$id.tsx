import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/settings.import.$id";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { applyAccountImport, getAccountImport, ImportRefused } from "#app/models/account-import.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId } from "#app/utils/not-found.server.ts";

/** Step 2: what the checked file will create here; nothing is written until "Import" is pressed. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  return orPageNotFound(await getAccountImport(userId, pageId(params.id)));
}

export async function action({ params, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const importId = pageId(params.id);
  try {
    await applyAccountImport(userId, importId);
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    if (error.status === 404) orPageNotFound(null);
    return data({ error: error.message }, { status: error.status });
  }
  return redirect(`/settings/import/${importId}`);
}

const LABELS: Array<[keyof NonNullable<Route.ComponentProps["loaderData"]["preview"]>["create"], string]> = [
  ["resume", "résumé"],
  ["jobPostings", "job postings"],
  ["requirements", "skill-map requirements"],
  ["interviews", "interviews"],
  ["questions", "questions"],
  ["answers", "answers"],
  ["evaluations", "answer evaluations"],
  ["feedback", "debriefs"],
  ["modelAnswers", "strong answers"],
  ["starChecks", "STAR checklists"],
  ["recordings", "recordings"],
  ["usageRecords", "AI usage records"],
];

export default function ImportPreviewPage({ loaderData, actionData }: Route.ComponentProps) {
  const { status, preview, appliedAt } = loaderData;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/settings#your-data">← Settings</Link>
      </p>
      <h1>Import your data</h1>
      {status === "applied" ? (
        <section className="card space-y-3" data-testid="import-done">
          <p role="status" className="alert-success">
            Imported
            {appliedAt ? (
              <>
                {" "}
                on <DateText date={appliedAt} withTime />
              </>
            ) : null}
            .
          </p>
          <p>
            <Link to="/interviews">See your interviews</Link> · <Link to="/dashboard">Dashboard</Link>
          </p>
        </section>
      ) : preview ? (
        <section aria-labelledby="preview-heading" className="card space-y-4" data-testid="import-preview">
          <h2 id="preview-heading">What this file will create</h2>
          <p className="text-sm text-slate-700">
            Exported <DateText date={new Date(preview.exportedAt)} withTime /> by ai-interviewer {preview.appVersion}
            {preview.redacted ? " (redacted)" : ""}.
          </p>
          {preview.refused ? (
            <p role="alert" className="alert-error">
              {preview.refused}
            </p>
          ) : null}
          <table className="text-sm">
            <caption className="sr-only">Records to create and records already imported</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-6 text-left">
                  Record
                </th>
                <th scope="col" className="pr-6 text-right">
                  New
                </th>
                <th scope="col" className="text-right">
                  Already imported
                </th>
              </tr>
            </thead>
            <tbody>
              {LABELS.map(([key, label]) => (
                <tr key={key}>
                  <th scope="row" className="pr-6 text-left font-normal">
                    {label}
                  </th>
                  <td className="pr-6 text-right">{preview.create[key]}</td>
                  <td className="text-right">{preview.alreadyImported[key]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.notes.length ? (
            <ul className="list-disc space-y-1 pl-5 text-sm">
              {preview.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
          {actionData?.error ? (
            <p role="alert" className="alert-error">
              {actionData.error}
            </p>
          ) : null}
          {preview.nothingToDo ? (
            <p className="alert-info">Everything in this file was imported before: there is nothing new to create.</p>
          ) : preview.refused ? null : (
            <Form method="post" className="flex flex-wrap items-center gap-3">
              <button type="submit" className="btn-primary">
                Import
              </button>
              <Link to="/settings#your-data">Cancel</Link>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Import your data — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
