import type { Route } from "./+types/imports";
import { importPreviewJson } from "#app/api/usage-json.server.ts";
import { IMPORT_MAX_BYTES, importAccountFile } from "#app/models/account-import.server.ts";
import { apiError, methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";
import { beforeReadingBody, CLOSE_CONNECTION, PayloadTooLargeError, readBodyWithin } from "#app/utils/upload.server.ts";

export function loader() {
  return methodNotAllowed(["POST"]);
}

/**
 * POST the export file itself (application/json) to import it: 201 with what was created, or with
 * ?dry_run=true 200 and what would be. Refused files (422) and non-empty accounts (409) write nothing.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await beforeReadingBody(() => requireApiUserId(context));
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(request.headers.get("content-type") ?? "")) {
    return apiError(415, "unsupported_media_type", "Send the export file as the body (Content-Type: application/json).");
  }
  // Counted as it arrives: a chunked body (no Content-Length) is refused the moment it passes the limit, never held whole.
  let text: string;
  try {
    text = new TextDecoder().decode(await readBodyWithin(request, IMPORT_MAX_BYTES));
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    return apiError(413, "payload_too_large", `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`, undefined, CLOSE_CONNECTION);
  }
  // Like every JSON route: a body that is not a JSON object is malformed (400); what it says is checked below (422).
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return apiError(400, "malformed_json", "The body is not valid JSON.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    return apiError(400, "malformed_json", "The body must be a JSON object.");
  const dryRun = new URL(request.url).searchParams.get("dry_run") === "true";
  try {
    const { preview, created } = await importAccountFile(userId, text, { dryRun });
    return Response.json(importPreviewJson(preview, created), { status: dryRun ? 200 : 201 });
  } catch (error) {
    return apiRefusal(error);
  }
}
