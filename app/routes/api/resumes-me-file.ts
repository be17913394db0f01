import type { Route } from "./+types/resumes-me-file";
import type { ResumeExtractionJson } from "#app/api/responses.ts";
import { readResumeUpload, TooManyUploadsError } from "#app/models/resume.server.ts";
import { ResumeFileError } from "#app/models/resume-extraction.server.ts";
import { apiError, methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { RESUME_FILE_TOO_LARGE_MESSAGE, RESUME_MAX_FILE_BYTES } from "#app/utils/resume-text.ts";
import {
  beforeReadingBody,
  CLOSE_CONNECTION,
  isMultipart,
  MalformedFormError,
  PayloadTooLargeError,
  readFormDataWithin,
} from "#app/utils/upload.server.ts";

// Room for the multipart boundaries and headers around a file of the maximum size.
const MAX_REQUEST_BYTES = RESUME_MAX_FILE_BYTES + 64 * 1024;

/**
 * POST /api/v1/resumes/me/file (multipart, field "file"): the text extracted
 * from a PDF, .docx, .txt or .md file, for review. Nothing is saved: confirm
 * with PUT /api/v1/resumes/me (or POST /api/v1/resumes for a first résumé).
 */
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await beforeReadingBody(() => requireApiUserId(context));
  if (!isMultipart(request)) {
    return apiError(
      415,
      "unsupported_media_type",
      "Send the file as multipart/form-data in a field named “file”.",
      undefined,
      CLOSE_CONNECTION,
    );
  }

  let form: FormData;
  try {
    form = await readFormDataWithin(request, MAX_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      return apiError(413, "payload_too_large", RESUME_FILE_TOO_LARGE_MESSAGE, undefined, CLOSE_CONNECTION);
    }
    if (error instanceof MalformedFormError) return apiError(400, "malformed_body", "The multipart body could not be read.");
    throw error;
  }

  const file = form.get("file");
  if (!(file instanceof File) || (file.name === "" && file.size === 0)) {
    return apiError(422, "validation_error", "Some fields are invalid.", { file: ["Attach your résumé in a field named “file”."] });
  }
  try {
    const extracted = await readResumeUpload(userId, file);
    return Response.json({
      content: extracted.text,
      file_name: extracted.fileName,
      file_type: extracted.kind,
      word_count: extracted.wordCount,
      character_count: extracted.characterCount,
      saved: false,
    } satisfies ResumeExtractionJson);
  } catch (error) {
    if (error instanceof ResumeFileError) return apiError(error.status, error.code, error.message);
    if (error instanceof TooManyUploadsError) {
      return apiError(429, "rate_limited", error.message, undefined, { "Retry-After": String(error.retryAfterSeconds) });
    }
    throw error;
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
