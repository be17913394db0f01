import type { Route } from "./+types/recordings";
import { recordingJson, type RecordingListJson } from "#app/api/voice-json.server.ts";
import { listKeptRecordings } from "#app/models/voice.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

/** GET /api/v1/recordings: the recordings the user kept (Settings › Voice), newest first. */
export async function loader({ context }: Route.LoaderArgs) {
  const recordings = await listKeptRecordings(await requireApiUserId(context));
  return Response.json({ recordings: recordings.map(recordingJson) } satisfies RecordingListJson);
}

export function action() {
  return methodNotAllowed(["GET"]);
}
