import { redirect } from "react-router";
import type { Route } from "./+types/settings.export";
import { exportAccount } from "#app/models/account-export.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { Refusal, retryAfterHeader } from "#app/utils/refusal.server.ts";

/** The export form lives in Settings; a GET here (a bookmark, a reload) goes back to it. */
export function loader() {
  return redirect("/settings#your-data");
}

/** POST: the complete account export as a JSON download (the form's "redact" box replaces personal details). */
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const form = await request.formData();
  let file;
  try {
    file = await exportAccount(userId, { redact: form.get("redact") === "on" });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return refusedPage(error);
  }
  return new Response(JSON.stringify(file.document, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The form is a plain download (no page of its own to show an error on), so a refusal (too many exports)
 * is a small page saying why, with the way back — with the refusal's status and Retry-After.
 */
function refusedPage(refusal: Refusal) {
  const message = refusal.message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Export refused — ai-interviewer</title></head><body><main><h1>Your data was not exported</h1><p role="alert">${message}</p><p><a href="/settings#your-data">Back to Settings</a></p></main></body></html>`;
  return new Response(html, {
    status: refusal.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...retryAfterHeader(refusal) },
  });
}
