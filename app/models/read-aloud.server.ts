import { AiError } from "#app/ai/client.server.ts";
import { SPEECH_MAX_BYTES } from "#app/ai/transcribe.server.ts";
import type { Operation } from "#app/generated/prisma/client.ts";
import { questionSpeechUrl } from "#app/domain/voice.ts";
import { db } from "#app/utils/db.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { lockSession } from "./interview.server.ts";
import { completeOperation, sessionStillExists, startOperation, subjectGone } from "./operation.server.ts";
import { getVoiceSettings } from "./voice.server.ts";

/**
 * Questions read aloud by the user's own provider (issue 18, Settings › Voice ›
 * "Read questions aloud: Provider voice"). Asking for it is an Operation
 * (`speak_question`, subject = the question) like any other AI work, so the
 * budget check and the usage meter apply; the worker gets the audio from the
 * provider's audio/speech and keeps it with the question, so a replay costs
 * nothing. A change of speech model or voice makes it again on the next ask.
 */

export type ReadAloudErrorCode = "not_enabled" | "question_not_found" | "speech_not_found";

const STATUS: Record<ReadAloudErrorCode, number> = { not_enabled: 409, question_not_found: 404, speech_not_found: 404 };

export class ReadAloudError extends Refusal<ReadAloudErrorCode> {
  override name = "ReadAloudError";
  constructor(code: ReadAloudErrorCode, message: string) {
    super(code, message, STATUS[code]);
  }
}

export const PROVIDER_VOICE_OFF_MESSAGE =
  "Reading questions aloud with your provider's voice is off. Turn it on in Settings › Voice, or use your browser's voice.";
const QUESTION_GONE_MESSAGE = "That question is no longer there, so it can't be read aloud.";

/**
 * Ask for a question to be read aloud by the provider. Nothing new when its audio (same model and voice) is
 * there already or being made; otherwise a `speak_question` operation and its job, in one transaction.
 * Throws ReadAloudError (off in Settings, no such question), InterviewError (not found) or BudgetExhausted.
 */
export async function requestQuestionSpeech(userId: string, sessionId: string, questionId: string) {
  const settings = await getVoiceSettings(userId);
  return db.$transaction(async (tx) => {
    await lockSession(tx, userId, sessionId);
    const question = await tx.sessionMessage.findFirst({
      where: { id: questionId, sessionId, kind: "question" },
      select: { id: true, speech: { select: { model: true, voice: true } } },
    });
    if (!question) throw new ReadAloudError("question_not_found", QUESTION_GONE_MESSAGE);
    if (settings.readAloud !== "provider") throw new ReadAloudError("not_enabled", PROVIDER_VOICE_OFF_MESSAGE);
    if (question.speech?.model === settings.speechModel && question.speech.voice === settings.speechVoice) {
      return { ready: true as const, operation: null };
    }
    const running = await tx.operation.findFirst({
      where: { sessionId, kind: "speak_question", subjectId: questionId, status: { in: ["pending", "processing"] } },
      select: { id: true, kind: true, status: true },
    });
    const operation = running ?? (await startOperation(tx, { userId, sessionId, kind: "speak_question", subjectId: questionId }));
    return { ready: false as const, operation };
  });
}

/** The audio of a question read aloud, for its owner (someone else's ids read as missing). */
export async function getQuestionSpeech(userId: string, sessionId: string, questionId: string) {
  const speech = await db.questionSpeech.findFirst({
    where: { questionId, sessionId, userId },
    select: { bytes: true, mimeType: true },
  });
  if (!speech) throw new ReadAloudError("speech_not_found", "This question has not been read aloud yet.");
  return speech;
}

// --- The worker's side ----------------------------------------------------------------------

type Done = { done: Record<string, unknown> };

const speechResult = (sessionId: string, questionId: string) => ({
  question_id: questionId,
  audio_url: questionSpeechUrl(sessionId, questionId),
});

/** What a speak_question operation reads aloud, with the user's speech model and voice; `done` when there is nothing to do. */
export async function speechContext(
  operation: Operation,
): Promise<Done | { sessionId: string; questionId: string; text: string; model: string; voice: string }> {
  const question = operation.subjectId
    ? await db.sessionMessage.findFirst({
        where: { id: operation.subjectId, kind: "question", session: { userId: operation.userId } },
        select: { id: true, sessionId: true, content: true, speech: { select: { model: true, voice: true } } },
      })
    : null;
  if (!question) return subjectGone(operation, "question_gone", QUESTION_GONE_MESSAGE);
  const { speechModel, speechVoice } = await getVoiceSettings(operation.userId);
  if (question.speech?.model === speechModel && question.speech.voice === speechVoice) {
    await db.$transaction((tx) => completeOperation(tx, operation.id, speechResult(question.sessionId, question.id)));
    return { done: { questionId: question.id } };
  }
  return { sessionId: question.sessionId, questionId: question.id, text: question.content, model: speechModel, voice: speechVoice };
}

/**
 * Keep a question's audio (replacing one of another model or voice) and complete the operation — one transaction.
 * Audio larger than any question read aloud (SPEECH_MAX_BYTES) is not kept: an AiError, so the operation fails
 * at once with its message (the call was already metered) rather than being retried into the same answer.
 */
export async function recordQuestionSpeech(
  operation: Pick<Operation, "id" | "userId">,
  speech: {
    sessionId: string;
    questionId: string;
    model: string;
    voice: string;
    mimeType: string;
    audio: Uint8Array;
    characters: number;
    seconds: number | null;
  },
) {
  if (speech.audio.byteLength > SPEECH_MAX_BYTES) {
    throw new AiError(
      "invalid_output",
      `Your AI provider's audio for this question is larger than ${SPEECH_MAX_BYTES / 1024 / 1024} MB, far more than a question needs, so it was not kept. Try again, or use your browser's voice.`,
    );
  }
  return db.$transaction(async (tx) => {
    if (!(await sessionStillExists(tx, speech.sessionId))) return { skipped: "interview deleted" };
    const data = {
      model: speech.model,
      voice: speech.voice,
      mimeType: speech.mimeType,
      bytes: speech.audio as Uint8Array<ArrayBuffer>,
      characters: speech.characters,
      seconds: speech.seconds,
      createdAt: new Date(),
    };
    await tx.questionSpeech.upsert({
      where: { questionId: speech.questionId },
      create: { ...data, userId: operation.userId, sessionId: speech.sessionId, questionId: speech.questionId },
      update: data,
    });
    await completeOperation(tx, operation.id, speechResult(speech.sessionId, speech.questionId));
    return { questionId: speech.questionId };
  });
}
