import {
  DEFAULT_SPEECH_MODEL,
  DEFAULT_SPEECH_VOICE,
  DEFAULT_TRANSCRIPTION_MODEL,
  NO_SPEECH_MESSAGE,
  type Transcript,
} from "#app/ai/transcribe.server.ts";
import {
  assertAudioDuration,
  AUDIO_MAX_DURATION_SECONDS,
  AudioFileError,
  checkAudioFile,
  wavDurationSeconds,
  type AudioFileErrorCode,
} from "#app/domain/audio-file.ts";
import { computeDelivery, type DeliveryMetrics, type QuestionType } from "#app/domain/delivery.ts";
import { ANSWER_LIMITS } from "#app/domain/interview-rules.ts";
import { appendTranscript } from "#app/domain/voice.ts";
import type { AudioSource, Operation, ReadAloudMode } from "#app/generated/prisma/client.ts";
import { db, type Prisma, type Tx } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { lockSession } from "./interview.server.ts";
import {
  completeOperation,
  OPERATION_ENDED,
  operationStillProcessing,
  sessionStillExists,
  startOperation,
  subjectGone,
} from "./operation.server.ts";
import { consume, waitTime } from "./rate-limit.server.ts";

/**
 * Spoken answers (issue 18): a recording (or an uploaded audio file) for the
 * open question is checked by its content, stored with a `transcribe_answer`
 * operation and its job in one transaction, and transcribed by the worker with
 * the user's provider. The transcript is appended to the question's draft —
 * never submitted — and the audio is deleted once transcribed unless the user
 * keeps recordings. At submit, the delivery metrics of the question's
 * recordings are stored on the answer. Page, API and worker all come here.
 */

export type VoiceErrorCode =
  | AudioFileErrorCode
  | "no_audio"
  | "unsupported_media_type"
  | "not_active"
  | "no_open_question"
  | "too_many_transcriptions"
  | "recording_not_found";

export const VOICE_ERROR_STATUS: Record<VoiceErrorCode, number> = {
  empty_file: 422,
  file_too_large: 413,
  not_audio: 415,
  unsupported_audio: 415,
  too_long: 422,
  too_short: 422,
  no_audio: 400,
  unsupported_media_type: 415,
  not_active: 400,
  no_open_question: 409,
  too_many_transcriptions: 429,
  recording_not_found: 404,
};

export class VoiceError extends Refusal<VoiceErrorCode> {
  override name = "VoiceError";
  constructor(code: VoiceErrorCode, message: string, details?: ConstructorParameters<typeof Refusal>[3]) {
    super(code, message, VOICE_ERROR_STATUS[code], details);
  }
}

export const NO_AUDIO_MESSAGE = "Choose an audio file (or record your answer) before asking for a transcript.";
export const RECORDING_GONE_MESSAGE = "That recording is no longer stored, so it can't be transcribed again. Record your answer again.";

/** The voice choices of a user, defaults filled in. */
export type VoiceSettings = {
  transcriptionModel: string;
  readAloud: ReadAloudMode;
  speechModel: string;
  speechVoice: string;
  keepRecordings: boolean;
  maxRecordingSeconds: number;
};

export const MAX_RECORDING_SECONDS_RANGE = { min: 30, max: AUDIO_MAX_DURATION_SECONDS } as const;

/** The user's voice settings as stored (null model = the server's default): read here, and by the account export and import. */
export const voiceSettingsSelect = {
  transcriptionModel: true,
  readAloud: true,
  speechModel: true,
  speechVoice: true,
  keepRecordings: true,
  maxRecordingSeconds: true,
} satisfies Prisma.UserSelect;

export async function getVoiceSettings(userId: string): Promise<VoiceSettings> {
  return toVoiceSettings(await db.user.findUniqueOrThrow({ where: { id: userId }, select: voiceSettingsSelect }));
}

type StoredVoiceSettings = Prisma.UserGetPayload<{ select: typeof voiceSettingsSelect }>;

/** The settings as stored (a null model is the server's default), picked from a user read with `voiceSettingsSelect`. */
export function storedVoiceSettings(user: StoredVoiceSettings): StoredVoiceSettings {
  const { transcriptionModel, readAloud, speechModel, speechVoice, keepRecordings, maxRecordingSeconds } = user;
  return { transcriptionModel, readAloud, speechModel, speechVoice, keepRecordings, maxRecordingSeconds };
}

/** The settings in effect, from a user read with `voiceSettingsSelect`. */
export function toVoiceSettings(user: StoredVoiceSettings): VoiceSettings {
  return {
    transcriptionModel: user.transcriptionModel ?? DEFAULT_TRANSCRIPTION_MODEL,
    readAloud: user.readAloud,
    speechModel: user.speechModel ?? DEFAULT_SPEECH_MODEL,
    speechVoice: user.speechVoice ?? DEFAULT_SPEECH_VOICE,
    keepRecordings: user.keepRecordings,
    maxRecordingSeconds: user.maxRecordingSeconds,
  };
}

/**
 * Save the voice choices (shapes checked by forms/voice-settings.ts). A model equal to the default is stored
 * as "the default", so a later change of default reaches the user. Turning "keep recordings" off deletes the
 * audio already kept: the user asked for it not to be stored.
 */
export async function saveVoiceSettings(userId: string, changes: Partial<VoiceSettings>) {
  return db.$transaction(async (tx) => {
    const data: Prisma.UserUpdateInput = {};
    if (changes.transcriptionModel !== undefined)
      data.transcriptionModel = changes.transcriptionModel === DEFAULT_TRANSCRIPTION_MODEL ? null : changes.transcriptionModel;
    if (changes.speechModel !== undefined) data.speechModel = changes.speechModel === DEFAULT_SPEECH_MODEL ? null : changes.speechModel;
    if (changes.speechVoice !== undefined) data.speechVoice = changes.speechVoice === DEFAULT_SPEECH_VOICE ? null : changes.speechVoice;
    if (changes.readAloud !== undefined) data.readAloud = changes.readAloud;
    if (changes.maxRecordingSeconds !== undefined) data.maxRecordingSeconds = changes.maxRecordingSeconds;
    if (changes.keepRecordings !== undefined) data.keepRecordings = changes.keepRecordings;
    await tx.user.update({ where: { id: userId }, data });
    if (changes.keepRecordings === false) {
      await tx.audioClip.updateMany({ where: { userId, kept: true }, data: { kept: false, bytes: null } });
    }
  });
}

// --- Asking for a transcript ----------------------------------------------------------------

export type TranscriptionRequest = {
  /** The question the recording answers; the open question when omitted (API). */
  questionId?: string;
  audio: { bytes: Uint8Array; name?: string } | null;
  source: AudioSource;
  /** What the recorder measured (seconds); only a hint, clamped. */
  recordedSeconds?: number | null;
  /** The text in the answer box when the upload was sent (no-JS forms carry it): saved as the draft first. */
  draft?: string | null;
  /** Why the request's body can't carry a recording (the API's wrong content type): refused once the session is known to be the user's. */
  bodyProblem?: VoiceError;
};

/** The refusal when the hour's recordings are used up: sending one, or retrying its transcription (interview.server.ts). */
export function transcriptionAllowanceRefusal(retryAfterSeconds: number) {
  return new VoiceError(
    "too_many_transcriptions",
    `You have sent ${env().RATE_LIMIT_TRANSCRIPTIONS_PER_HOUR} recordings in the last hour. Please wait ${waitTime(retryAfterSeconds)} before sending another, or type your answer.`,
    { retryAfterSeconds },
  );
}

/**
 * Check a recording by its content and queue its transcription for the open question. The draft sent with it
 * is saved first, so the transcript is appended to what was typed. Throws a VoiceError (bad audio, no open
 * question, allowance used up) or an InterviewError (not found).
 */
export async function requestTranscription(userId: string, sessionId: string, input: TranscriptionRequest) {
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, userId, sessionId);
    if (session.status !== "active") {
      throw new VoiceError("not_active", "This interview is not active, so recordings can't be added. Resume it first.");
    }
    const question = await tx.sessionMessage.findFirst({
      where: { sessionId, kind: "question", answer: null },
      orderBy: { questionNumber: "desc" },
      select: { id: true },
    });
    if (!question || (input.questionId && question.id !== input.questionId)) {
      throw new VoiceError("no_open_question", "There is no open question to record an answer for.");
    }
    // Checked after the session: someone else's interview is a 404 whatever was sent.
    if (input.bodyProblem) throw input.bodyProblem;
    if (!input.audio) throw new VoiceError("no_audio", NO_AUDIO_MESSAGE);
    let checked;
    try {
      checked = checkAudioFile(input.audio);
    } catch (error) {
      if (error instanceof AudioFileError) throw new VoiceError(error.code, error.message);
      throw error;
    }
    const hinted =
      input.recordedSeconds !== null && input.recordedSeconds !== undefined && Number.isFinite(input.recordedSeconds)
        ? Math.min(Math.max(input.recordedSeconds, 0), AUDIO_MAX_DURATION_SECONDS)
        : null;
    const recordedSeconds = checked.durationSeconds ?? hinted;
    // Counted only for a recording that will really be sent to the provider.
    const refused = await consume(["transcription_user", userId]);
    if (refused) throw transcriptionAllowanceRefusal(refused.retryAfterSeconds);

    if (input.draft !== undefined && input.draft !== null) {
      await tx.interviewSession.update({
        where: { id: sessionId },
        data: { draftAnswer: input.draft.slice(0, ANSWER_LIMITS.max), draftQuestionId: question.id, draftUpdatedAt: new Date() },
      });
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { keepRecordings: true } });
    const clip = await tx.audioClip.create({
      data: {
        userId,
        sessionId,
        questionId: question.id,
        source: input.source,
        format: checked.format,
        mimeType: checked.mimeType,
        byteLength: checked.byteLength,
        bytes: input.audio.bytes as Uint8Array<ArrayBuffer>,
        recordedSeconds,
        kept: user.keepRecordings,
      },
      select: { id: true },
    });
    const operation = await startOperation(tx, { userId, sessionId, kind: "transcribe_answer", subjectId: clip.id });
    return { operation, clipId: clip.id, questionId: question.id };
  });
}

// --- The worker's side ----------------------------------------------------------------------

type Done = { done: Record<string, unknown> };

/** The clip a transcribe_answer operation transcribes, with the user's model; `done` when there is nothing to do. */
export async function transcriptionContext(operation: Operation): Promise<
  | Done
  | {
      clipId: string;
      sessionId: string;
      audio: Uint8Array;
      fileName: string;
      mimeType: string;
      model: string;
      /** The length read from the file itself (a WAV's header), else null: never the recorder's hint, which costs are not based on. */
      measuredSeconds: number | null;
    }
> {
  const clip = operation.subjectId ? await db.audioClip.findFirst({ where: { id: operation.subjectId, userId: operation.userId } }) : null;
  if (clip?.transcribedAt) {
    await db.$transaction((tx) => completeOperation(tx, operation.id, transcriptionResult(clip)));
    return { done: { clipId: clip.id } };
  }
  if (!clip?.bytes) return subjectGone(operation, "recording_gone", RECORDING_GONE_MESSAGE);
  const { transcriptionModel } = await getVoiceSettings(operation.userId);
  return {
    clipId: clip.id,
    sessionId: clip.sessionId,
    audio: clip.bytes,
    fileName: `answer.${clip.format === "mp4" ? "m4a" : clip.format}`,
    mimeType: clip.mimeType,
    model: transcriptionModel,
    measuredSeconds: wavDurationSeconds(clip.bytes),
  };
}

function transcriptionResult(clip: {
  id: string;
  transcript: string | null;
  durationSeconds: number | null;
  recordedSeconds: number | null;
}) {
  return { clipId: clip.id, text: clip.transcript ?? "", durationSeconds: clip.durationSeconds ?? clip.recordedSeconds };
}

/** Why a transcript can't be used: a failure code and message for the operation, or null. */
export function transcriptProblem(transcript: Transcript): { code: string; message: string } | null {
  if (!transcript.text.trim()) return { code: "no_speech", message: NO_SPEECH_MESSAGE };
  if (transcript.durationSeconds !== null) {
    try {
      assertAudioDuration(transcript.durationSeconds);
    } catch (error) {
      if (error instanceof AudioFileError) return { code: error.code, message: error.message };
      throw error;
    }
  }
  return null;
}

/**
 * Store a transcript: on the clip (raw, as the provider wrote it), appended to the question's draft while the
 * question is still open, the audio dropped unless kept, and the operation completed — one transaction.
 * Nothing is written when the operation ended meanwhile (failed by the stuck sweep: its Retry appends the
 * same recording's transcript, which must not land in the draft twice).
 */
export async function recordTranscription(operationId: string, clipId: string, transcript: Transcript) {
  return db.$transaction(async (tx) => {
    const clip = await tx.audioClip.findUnique({ where: { id: clipId }, select: { sessionId: true, questionId: true, kept: true } });
    if (!clip || !(await sessionStillExists(tx, clip.sessionId))) return { skipped: "interview deleted" };
    if (!(await operationStillProcessing(tx, operationId))) return OPERATION_ENDED;
    const updated = await tx.audioClip.update({
      where: { id: clipId },
      data: {
        transcript: transcript.text,
        words: transcript.words ?? undefined,
        durationSeconds: transcript.durationSeconds,
        transcriptionModel: transcript.model,
        transcribedAt: new Date(),
        ...(clip.kept ? {} : { bytes: null }),
      },
      select: { id: true, transcript: true, durationSeconds: true, recordedSeconds: true },
    });
    await appendTranscriptToDraft(tx, clip, transcript.text);
    await completeOperation(tx, operationId, transcriptionResult(updated));
    return { clipId };
  });
}

async function appendTranscriptToDraft(tx: Tx, clip: { sessionId: string; questionId: string }, text: string) {
  const open = await tx.sessionMessage.findFirst({ where: { id: clip.questionId, answer: null }, select: { id: true } });
  if (!open) return; // answered meanwhile: the transcript stays on the clip only
  const session = await tx.interviewSession.findUniqueOrThrow({
    where: { id: clip.sessionId },
    select: { draftAnswer: true, draftQuestionId: true },
  });
  const draft = session.draftQuestionId === clip.questionId ? (session.draftAnswer ?? "") : "";
  await tx.interviewSession.update({
    where: { id: clip.sessionId },
    data: { draftAnswer: appendTranscript(draft, text, ANSWER_LIMITS.max), draftQuestionId: clip.questionId, draftUpdatedAt: new Date() },
  });
}

/**
 * A failed transcription keeps its audio for Retry; an unkept one is dropped once nothing can retry it any
 * more (the question was answered). Called by submitAnswer.
 */
async function dropUnkeptAudio(tx: Tx, questionId: string) {
  await tx.audioClip.updateMany({ where: { questionId, kept: false, bytes: { not: null } }, data: { bytes: null } });
}

// --- Delivery ---------------------------------------------------------------------------------

/**
 * Inside submitAnswer's transaction: the delivery metrics of the question's transcribed recordings (raw
 * transcripts, in recording order), stored on the answer, and the recordings linked to it. Null when the
 * answer was typed.
 */
export async function attachRecordingsToAnswer(tx: Tx, answer: { id: string; questionId: string; questionType: QuestionType | null }) {
  const clips = await tx.audioClip.findMany({
    where: { questionId: answer.questionId, transcribedAt: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, transcript: true, durationSeconds: true, recordedSeconds: true, words: true },
  });
  await dropUnkeptAudio(tx, answer.questionId);
  if (!clips.length) return null;
  const metrics = computeDelivery({
    questionType: answer.questionType,
    recordings: clips.map((c) => ({
      text: c.transcript ?? "",
      durationSeconds: c.durationSeconds ?? c.recordedSeconds,
      words: (c.words as { word: string; start: number; end: number }[] | null) ?? null,
    })),
  });
  await tx.audioClip.updateMany({ where: { id: { in: clips.map((c) => c.id) } }, data: { answerId: answer.id } });
  await tx.sessionMessage.update({ where: { id: answer.id }, data: { deliveryMetrics: metrics } });
  return metrics;
}

export const asDeliveryMetrics = (value: Prisma.JsonValue | null | undefined): DeliveryMetrics | null =>
  value && typeof value === "object" && !Array.isArray(value) && (value as { version?: unknown }).version === 1
    ? (value as unknown as DeliveryMetrics)
    : null;

// --- Kept recordings ----------------------------------------------------------------------------

export type KeptRecording = {
  id: string;
  sessionId: string;
  postingTitle: string;
  questionNumber: number | null;
  format: string;
  mimeType: string;
  byteLength: number;
  seconds: number | null;
  transcript: string | null;
  createdAt: Date;
};

const keptRecordingSelect = {
  id: true,
  sessionId: true,
  format: true,
  mimeType: true,
  byteLength: true,
  durationSeconds: true,
  recordedSeconds: true,
  transcript: true,
  createdAt: true,
  session: { select: { postingTitle: true } },
  question: { select: { questionNumber: true } },
} as const;

const keptWhere = (userId: string) => ({ userId, kept: true, bytes: { not: null } }) as const;

function toKeptRecording(c: Prisma.AudioClipGetPayload<{ select: typeof keptRecordingSelect }>): KeptRecording {
  return {
    id: c.id,
    sessionId: c.sessionId,
    postingTitle: c.session.postingTitle,
    questionNumber: c.question.questionNumber,
    format: c.format,
    mimeType: c.mimeType,
    byteLength: c.byteLength,
    seconds: c.durationSeconds ?? c.recordedSeconds,
    transcript: c.transcript,
    createdAt: c.createdAt,
  };
}

/** The recordings the user chose to keep, newest first. */
export async function listKeptRecordings(userId: string): Promise<KeptRecording[]> {
  const clips = await db.audioClip.findMany({ where: keptWhere(userId), orderBy: { createdAt: "desc" }, select: keptRecordingSelect });
  return clips.map(toKeptRecording);
}

/** One kept recording of this user, or null (someone else's id reads as missing). */
export async function getKeptRecording(userId: string, clipId: string): Promise<KeptRecording | null> {
  const clip = await db.audioClip.findFirst({ where: { id: clipId, ...keptWhere(userId) }, select: keptRecordingSelect });
  return clip ? toKeptRecording(clip) : null;
}

/** The audio of a kept recording of this user (someone else's id reads as missing). */
export async function getRecordingAudio(userId: string, clipId: string) {
  const clip = await db.audioClip.findFirst({
    where: { id: clipId, userId, kept: true, bytes: { not: null } },
    select: { bytes: true, mimeType: true, format: true },
  });
  if (!clip?.bytes) throw new VoiceError("recording_not_found", "Recording not found.");
  return { bytes: clip.bytes, mimeType: clip.mimeType, format: clip.format };
}

/** Delete a kept recording's audio (its transcript stays with the answer's delivery feedback). */
export async function deleteRecording(userId: string, clipId: string) {
  const { count } = await db.audioClip.updateMany({
    where: { id: clipId, userId, kept: true, bytes: { not: null } },
    data: { bytes: null, kept: false },
  });
  if (count === 0) throw new VoiceError("recording_not_found", "Recording not found.");
}

/** Settings › Voice: the user's choices and their kept recordings. */
export async function getVoiceOverview(userId: string) {
  const [settings, recordings] = await Promise.all([getVoiceSettings(userId), listKeptRecordings(userId)]);
  return { settings, recordings };
}
