import type { Route } from "./+types/recordings.$id.audio";
import { getRecordingAudio } from "#app/models/voice.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { pageId } from "#app/utils/not-found.server.ts";
import { pageRefusal } from "#app/utils/refusal.server.ts";

/** The audio of a recording the user kept (Settings › Voice plays it): private, never cached. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  try {
    const audio = await getRecordingAudio(userId, pageId(params.id));
    return new Response(audio.bytes, {
      headers: {
        "Content-Type": audio.mimeType,
        "Content-Length": String(audio.bytes.byteLength),
        "Content-Disposition": `inline; filename="recording.${audio.format === "mp4" ? "m4a" : audio.format}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return pageRefusal(error, "");
  }
}
