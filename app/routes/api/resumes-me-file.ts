import type { Route } from "./+types/resumes-me-file";
import type { ResumeExtractionJson } from "#app/api/responses.ts";
import { readResumeUpload } from "#app/models/resume.server.ts";
import { apiError, methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";
import { RESUME_FILE_TOO_LARGE_MESSAGE, RESUME_MAX_REQUEST_BYTES } from "#app/domain/resume-text.ts";
import {
  beforeReadingBody,
  CLOSE_CONNECTION,
  isMultipart,
  MalformedFormError,
  PayloadTooLargeError,
  readFormDataWithin,
} from "#app/utils/upload.server.ts";

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
    form = await readFormDataWithin(request, RESUME_MAX_REQUEST_BYTES);
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
    return apiRefusal(error); // a file we can't read, or the hourly upload allowance used up
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
