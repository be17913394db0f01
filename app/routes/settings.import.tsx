import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/settings.import";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ImportForm } from "#app/components/export/import-form.tsx";
import { IMPORT_MAX_BYTES, ImportRefused, previewAccountImport } from "#app/models/account-import.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import {
  beforeReadingBody,
  CLOSE_CONNECTION,
  MalformedFormError,
  PayloadTooLargeError,
  readFormDataWithin,
} from "#app/utils/upload.server.ts";

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
    form = await readFormDataWithin(request, IMPORT_MAX_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError)
      return refuse(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB, so nothing was imported.`, 413, CLOSE_CONNECTION);
    if (error instanceof MalformedFormError) return refuse("The form could not be read. Try again.", 400);
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return refuse("Choose the export file to import.", 400);
  try {
    const { importId } = await previewAccountImport(userId, await file.text());
    return redirect(`/settings/import/${importId}`);
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    return refuse(error.message, error.status);
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
