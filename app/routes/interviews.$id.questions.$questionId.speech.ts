import type { Route } from "./+types/interviews.$id.questions.$questionId.speech";
import { audioResponse } from "#app/utils/audio-response.server.ts";
import { getQuestionSpeech } from "#app/models/read-aloud.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { pageId } from "#app/utils/not-found.server.ts";
import { pageRefusal } from "#app/utils/refusal.server.ts";

/**
 * A question read aloud by the user's provider (issue 18): the audio the worker kept, played by the page (and
 * by an <audio> element without JavaScript). Only reads: asking for it is the interview page's
 * `speak-question` intent. Private, never cached.
 */
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  try {
    const speech = await getQuestionSpeech(userId, pageId(params.id), pageId(params.questionId));
    return audioResponse(speech);
  } catch (error) {
    return pageRefusal(error, "");
  }
}
