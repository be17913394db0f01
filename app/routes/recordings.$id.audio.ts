import type { Route } from "./+types/recordings.$id.audio";
import { audioResponse, recordingFileName } from "#app/utils/audio-response.server.ts";
import { getRecordingAudio } from "#app/models/voice.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { pageId } from "#app/utils/not-found.server.ts";
import { pageRefusal } from "#app/utils/refusal.server.ts";

/** The audio of a recording the user kept (Settings › Voice plays it): private, never cached. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  try {
    const audio = await getRecordingAudio(userId, pageId(params.id));
    return audioResponse(audio, recordingFileName(audio.format));
  } catch (error) {
    return pageRefusal(error, "");
  }
}
