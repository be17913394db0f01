import { recordAiUsage } from "#app/ai/usage-meter.server.ts";
import { transcribeAudio } from "#app/ai/transcribe.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { failOperation } from "#app/models/operation.server.ts";
import { recordTranscription, transcriptionContext, transcriptProblem } from "#app/models/voice.server.ts";
import { env } from "#app/utils/env.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * answer.transcribe — one recording of a spoken answer, transcribed by the
 * user's provider (audio/transcriptions). The transcript is appended to the
 * question's draft for the candidate to correct; nothing is submitted. At most
 * one SDK retry: with the 60 s call timeout, a slow local Whisper stays inside
 * the stuck-operation sweep's limit.
 */
export async function transcribeAnswer(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await transcriptionContext(operation);
    if ("done" in context) return context.done;
    const { audio, fileName, mimeType, model, measuredSeconds } = context;
    const transcript = await transcribeAudio(
      await loadAiSettings(operation.userId),
      { audio, fileName, mimeType, model, measuredSeconds },
      { maxRetries: Math.min(env().AI_MAX_RETRIES, 1) },
    );
    // The provider's tokens or seconds, else the length we measured — never the recorder's hint (see transcriptionUsage).
    recordAiUsage(transcript.usage);
    const problem = transcriptProblem(transcript);
    if (problem) {
      await failOperation(operation.id, problem.code, problem.message);
      return { failed: problem.code };
    }
    return recordTranscription(operation.id, context.clipId, transcript);
  });
}
