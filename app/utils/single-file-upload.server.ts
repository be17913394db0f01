import {
  MaxFileSizeExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  parseMultipartRequest,
} from "@remix-run/multipart-parser";
import { isMultipart, MalformedFormError, PayloadTooLargeError } from "./upload.server.ts";

/**
 * Reading a multipart form that carries one file (an audio answer) next to a
 * few text fields, streamed: the parser counts each part as it arrives and
 * stops reading the moment the file passes `maxFileBytes` (or the text fields
 * `maxFieldBytes`), so a too-large upload is never held whole in memory —
 * at most the cap. A declared Content-Length over the caps is refused before a
 * byte is read. Compared with readFormDataWithin (upload.server.ts), which
 * buffers the whole body and then parses it again, the file is held once.
 * Refusals throw upload.server.ts's errors; as there, a refused body is left
 * unread, so the answer must close the connection (CLOSE_CONNECTION).
 */

export type UploadedFile = { field: string; name: string; mediaType: string; bytes: Uint8Array };

/** Headers, boundaries and the like around the parts: what a declared length may add to the caps. */
const FRAMING_BYTES = 16 * 1024;

export async function readSingleFileUpload(
  request: Request,
  options: { fileField: string; maxFileBytes: number; maxFieldBytes?: number; maxParts?: number },
): Promise<{ fields: FormData; file: UploadedFile | null }> {
  const { fileField, maxFileBytes, maxFieldBytes = 64 * 1024, maxParts = 20 } = options;
  if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) throw new MalformedFormError();
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxFileBytes + maxFieldBytes + FRAMING_BYTES) throw new PayloadTooLargeError(maxFileBytes);

  const fields = new FormData();
  let file: UploadedFile | null = null;
  let fieldBytes = 0;
  try {
    for await (const part of parseMultipartRequest(request, {
      maxFileSize: Math.max(maxFileBytes, maxFieldBytes),
      maxTotalSize: maxFileBytes + maxFieldBytes,
      maxParts,
    })) {
      const name = part.name ?? "";
      if (part.isFile) {
        // A file input left empty still sends a nameless, empty part.
        if (!part.filename && part.size === 0) continue;
        if (name !== fileField || file) throw new MalformedFormError();
        file = { field: name, name: part.filename ?? "", mediaType: part.mediaType ?? "", bytes: part.bytes };
      } else {
        fieldBytes += part.size;
        if (fieldBytes > maxFieldBytes) throw new PayloadTooLargeError(maxFieldBytes);
        fields.append(name, part.text);
      }
    }
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError)
      throw new PayloadTooLargeError(maxFileBytes);
    if (error instanceof MultipartParseError) throw new MalformedFormError();
    throw error;
  }
  return { fields, file };
}

/**
 * A form that may carry one file (the interview page's answer form: typed text, and an audio file when it is
 * sent without JavaScript): a multipart body is streamed through readSingleFileUpload (body-limits leaves
 * those unread on the audio paths); any other form was already read and checked by body-limits.
 */
export async function readFormWithOptionalFile(
  request: Request,
  options: { fileField: string; maxFileBytes: number },
): Promise<{ fields: FormData; file: UploadedFile | null }> {
  if (isMultipart(request)) return readSingleFileUpload(request, options);
  return { fields: await request.formData(), file: null };
}
