import { synthesizeSpeech } from "#app/ai/transcribe.server.ts";
import { speechUsage } from "#app/ai/usage.ts";
import { recordAiUsage } from "#app/ai/usage-meter.server.ts";
import { mp3DurationSeconds } from "#app/domain/audio-file.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { recordQuestionSpeech, speechContext } from "#app/models/read-aloud.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * question.speak — a question read aloud by the user's provider (audio/speech),
 * kept with the question for replays. Metered like every AI call: the
 * characters sent, and the audio's length (speech models such as
 * gpt-4o-mini-tts are priced by the minute).
 */
export async function speakQuestion(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await speechContext(operation);
    if ("done" in context) return context.done;
    const speech = await synthesizeSpeech(await loadAiSettings(operation.userId), {
      text: context.text,
      model: context.model,
      voice: context.voice,
      instructions: "You are a friendly job interviewer asking the candidate this question. Speak clearly, at a calm pace.",
    });
    const seconds = speech.contentType === "audio/mpeg" ? mp3DurationSeconds(speech.audio) : null;
    const characters = context.text.trim().length;
    recordAiUsage(speechUsage(speech.model, characters, seconds));
    return recordQuestionSpeech(operation, {
      sessionId: context.sessionId,
      questionId: context.questionId,
      model: speech.model,
      voice: speech.voice,
      mimeType: speech.contentType,
      audio: speech.audio,
      characters,
      seconds,
    });
  });
}
