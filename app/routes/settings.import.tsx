import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/settings.import";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ImportForm } from "#app/components/export/import-form.tsx";
import { IMPORT_MAX_BYTES, ImportRefused, previewAccountImport } from "#app/models/account-import.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { formActionHeaders, retryAfterHeader } from "#app/utils/refusal.server.ts";
import {
  beforeReadingBody,
  CLOSE_CONNECTION,
  MalformedFormError,
  PayloadTooLargeError,
  readFormDataWithin,
} from "#app/utils/upload.server.ts";

const FORM_FRAMING_BYTES = 64 * 1024;

export async function loader({ context }: Route.LoaderArgs) {
  await requireUserId(context);
  return null;
}

/** Step 1: check the uploaded file and keep it for the preview; a refused file is kept nowhere. */
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await beforeReadingBody(() => requireUserId(context));
  const refuse = (error: string, status: number, headers?: HeadersInit) => data({ error }, { status, headers });
  let form: FormData;
  try {
    // The file may be IMPORT_MAX_BYTES; the form's framing around it is not counted against it.
    form = await readFormDataWithin(request, IMPORT_MAX_BYTES + FORM_FRAMING_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError)
      return refuse(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB, so nothing was imported.`, 413, CLOSE_CONNECTION);
    if (error instanceof MalformedFormError) return refuse("The form could not be read. Try again.", 400);
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return refuse("Choose the export file to import.", 400);
  if (file.size > IMPORT_MAX_BYTES)
    return refuse(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB, so nothing was imported.`, 413);
  try {
    const { importId } = await previewAccountImport(userId, await file.text());
    return redirect(`/settings/import/${importId}`);
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    return refuse(error.message, error.status, retryAfterHeader(error));
  }
}

export default function ImportPage({ actionData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/settings#your-data">← Settings</Link>
      </p>
      <h1>Import your data</h1>
      <section className="card space-y-4">
        <ImportForm error={actionData?.error ?? null} />
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Import your data — ai-interviewer" }];

export const headers: Route.HeadersFunction = formActionHeaders;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
