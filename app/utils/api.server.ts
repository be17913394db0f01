import type { z } from "zod";

/**
 * The JSON API's one error shape: { "error": { "code", "message", "fields"? } }.
 * Routes throw these Responses; React Router returns thrown Responses as-is
 * from resource routes.
 */

export type FieldErrors = Record<string, string[]>;

export function apiError(status: number, code: string, message: string, fields?: FieldErrors, headers?: HeadersInit) {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers });
}

export const notFoundJson = (what = "Resource") => apiError(404, "not_found", `${what} not found.`);

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "body";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export const MAX_JSON_BYTES = 256 * 1024;

/** Parse and validate a JSON body: 415 wrong type, 413 too big, 400 malformed, 422 invalid. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw apiError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BYTES) throw apiError(413, "payload_too_large", `The body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES)
    throw apiError(413, "payload_too_large", `The body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError(400, "malformed_json", "The body is not valid JSON.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw apiError(400, "malformed_json", "The body must be a JSON object.");
  }
  const result = await schema.safeParseAsync(body);
  if (!result.success) throw apiError(422, "validation_error", "Some fields are invalid.", fieldErrors(result.error));
  return result.data;
}

/** Only the listed methods are allowed on a resource route; anything else is 405. */
export function methodNotAllowed(allowed: string[]) {
  return apiError(405, "method_not_allowed", `Use ${allowed.join(" or ")}.`, undefined, { Allow: allowed.join(", ") });
}

export function noContent() {
  return new Response(null, { status: 204 });
}
