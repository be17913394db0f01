import type { Route } from "./+types/interviews.$id.questions.$questionId.speech";
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
    return new Response(speech.bytes, {
      headers: {
        "Content-Type": speech.mimeType,
        "Content-Length": String(speech.bytes.byteLength),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    return pageRefusal(error, "");
  }
}
