import { z } from "zod";
import type { Route } from "./+types/sessions-id-transcriptions";
import type { OperationAcceptedJson } from "#app/api/responses.ts";
import { AUDIO_FILE_TOO_LARGE_MESSAGE, AUDIO_MAX_DURATION_SECONDS, AUDIO_MAX_FILE_BYTES } from "#app/domain/audio-file.ts";
import { requestTranscription, VoiceError } from "#app/models/voice.server.ts";
import { apiError, methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";
import { readSingleFileUpload } from "#app/utils/single-file-upload.server.ts";
import { beforeReadingBody, CLOSE_CONNECTION, isMultipart, MalformedFormError, PayloadTooLargeError } from "#app/utils/upload.server.ts";

/** The text fields beside the audio file. */
const TranscriptionFields = z.object({
  question_id: z.uuid("Give the id of the open question, or leave question_id out.").optional(),
  duration_seconds: z.coerce
    .number({ error: "A number of seconds" })
    .min(0, "A number of seconds")
    .max(AUDIO_MAX_DURATION_SECONDS, `At most ${AUDIO_MAX_DURATION_SECONDS} seconds`)
    .optional(),
});

/**
 * POST /api/v1/sessions/{id}/transcriptions (multipart, field "audio"): a
 * spoken answer to the open question, checked by its content and transcribed
 * by the worker (operation transcribe_answer). 202 with the operation; its
 * result carries the transcript, which is also appended to the session's
 * draft. Nothing is submitted: send the (corrected) text to /answers.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await beforeReadingBody(() => requireApiUserId(context));
  const sessionId = apiId(params.id, "Session");

  let fields = new FormData();
  let audio: { bytes: Uint8Array; name: string } | null = null;
  let bodyProblem: VoiceError | undefined;
  if (isMultipart(request)) {
    try {
      const upload = await readSingleFileUpload(request, { fileField: "audio", maxFileBytes: AUDIO_MAX_FILE_BYTES });
      fields = upload.fields;
      audio = upload.file ? { bytes: upload.file.bytes, name: upload.file.name } : null;
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        return apiError(413, "payload_too_large", AUDIO_FILE_TOO_LARGE_MESSAGE, undefined, CLOSE_CONNECTION);
      }
      if (error instanceof MalformedFormError) {
        return apiError(400, "malformed_body", "The multipart body could not be read (one file, in a field named “audio”).");
      }
      throw error;
    }
  } else {
    bodyProblem = new VoiceError("unsupported_media_type", "Send the recording as multipart/form-data in a field named “audio”.");
  }

  const parsed = TranscriptionFields.safeParse(Object.fromEntries([...fields].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) {
    return apiError(
      422,
      "validation_error",
      "Some fields are invalid.",
      z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    );
  }
  try {
    const { operation } = await requestTranscription(userId, sessionId, {
      questionId: parsed.data.question_id,
      audio,
      source: "upload",
      recordedSeconds: parsed.data.duration_seconds,
      bodyProblem,
    });
    return Response.json({ operation_id: operation.id, status: operation.status } satisfies OperationAcceptedJson, {
      status: 202,
      headers: { Location: `/api/v1/operations/${operation.id}` },
    });
  } catch (error) {
    return apiRefusal(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
