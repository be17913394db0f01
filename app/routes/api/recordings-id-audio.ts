import type { Route } from "./+types/recordings-id-audio";
import { audioResponse, recordingFileName } from "#app/utils/audio-response.server.ts";
import { getRecordingAudio, VoiceError } from "#app/models/voice.server.ts";
import { methodNotAllowed, notFoundJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** GET /api/v1/recordings/:id/audio: the audio of a kept recording, in its own type; private, never cached. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  try {
    const audio = await getRecordingAudio(userId, apiId(params.id, "Recording"));
    return audioResponse(audio, recordingFileName(audio.format));
  } catch (error) {
    // Missing, someone else's or no longer kept: the API's one 404.
    if (error instanceof VoiceError && error.code === "recording_not_found") return notFoundJson("Recording");
    return apiRefusal(error);
  }
}

export function action() {
  return methodNotAllowed(["GET"]);
}
