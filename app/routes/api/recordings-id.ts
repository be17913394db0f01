import type { Route } from "./+types/recordings-id";
import { recordingJson } from "#app/api/voice-json.server.ts";
import { deleteRecording, getKeptRecording, VoiceError } from "#app/models/voice.server.ts";
import { methodNotAllowed, notFoundJson, noContent } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** GET /api/v1/recordings/:id: one kept recording (another user's id reads as missing). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  return Response.json(recordingJson(orApiNotFound(await getKeptRecording(userId, apiId(params.id, "Recording")), "Recording")));
}

/** DELETE: the recording's audio is deleted (its transcript stays with the answer's delivery feedback). */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
  const userId = await requireApiUserId(context);
  try {
    await deleteRecording(userId, apiId(params.id, "Recording"));
  } catch (error) {
    // Missing, someone else's or no longer kept: the API's one 404.
    if (error instanceof VoiceError && error.code === "recording_not_found") return notFoundJson("Recording");
    return apiRefusal(error);
  }
  return noContent();
}
