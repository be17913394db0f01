import type { InterviewFocus, Prisma } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { publishEvent } from "#app/utils/events.server.ts";
import { ANSWER_LIMITS, TARGET_QUESTIONS } from "#app/domain/interview-rules.ts";
import { InterviewError, interviewNotFound, POSTING_DELETED_MESSAGE } from "./interview-error.server.ts";
import { startOperation } from "./operation.server.ts";
import { consume, waitTime } from "./rate-limit.server.ts";
import { attachRecordingsToAnswer, transcriptionAllowanceRefusal } from "./voice.server.ts";
import { countActiveRequirements, NO_SKILL_MAP_MESSAGE } from "./skill-map.server.ts";

/**
 * The interview session lifecycle: start (with a snapshot of the posting and
 * résumé), questions requested from the worker, answers stored before any AI
 * call, pause/resume/finish, retakes. Every function is scoped by the user;
 * another user's session id behaves exactly like a missing one.
 */

/** A session as lists and the API show it: its state and counters, the posting's title, the overall score. */
export const sessionSummarySelect = {
  id: true,
  status: true,
  focus: true,
  targetQuestions: true,
  currentQuestionNumber: true,
  answeredCount: true,
  retakeNumber: true,
  originalSessionId: true,
  jobPostingId: true,
  postingTitle: true,
  postingCompany: true,
  createdAt: true,
  updatedAt: true,
  completedAt: true,
  feedback: { select: { overallScore: true } },
  // issue 19: a drill (a review drill has its review item) is listed as one, not as an interview.
  kind: true,
  drillTopic: true,
  reviewItemId: true,
} satisfies Prisma.InterviewSessionSelect;

export type SessionSummary = Prisma.InterviewSessionGetPayload<{ select: typeof sessionSummarySelect }>;

/** Lock the session row for the rest of the transaction (serialises answers, question requests, finishing). */
export async function lockSession(tx: Tx, userId: string, sessionId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM interview_sessions WHERE id = ${sessionId}::uuid AND user_id = ${userId}::uuid FOR UPDATE`;
  if (!rows.length) throw interviewNotFound();
  return tx.interviewSession.findUniqueOrThrow({ where: { id: sessionId } });
}

async function openQuestion(tx: Tx, sessionId: string) {
  return tx.sessionMessage.findFirst({
    where: { sessionId, kind: "question", answer: null },
    orderBy: { questionNumber: "desc" },
  });
}

async function activeQuestionOperation(tx: Tx, sessionId: string) {
  return tx.operation.findFirst({
    where: { sessionId, kind: "question_generation", status: { in: ["pending", "processing"] } },
    select: { id: true },
  });
}

export type StartInput = {
  jobPostingId: string;
  targetQuestions?: number;
  focus?: InterviewFocus;
  retakeOf?: string;
  repeatQuestions?: boolean;
};

/** An interview's own copy of its posting (the posting may change or go later): the columns, to select from a session. */
export const postingSnapshotSelect = {
  jobPostingId: true,
  postingTitle: true,
  postingCompany: true,
  postingDescription: true,
  postingExperienceLevel: true,
  postingTechStack: true,
} as const satisfies Prisma.InterviewSessionSelect;

export type PostingSnapshot = Prisma.InterviewSessionGetPayload<{ select: typeof postingSnapshotSelect }>;

/** The snapshot of a posting as it is now, for a new interview or drill. */
export function postingSnapshot(posting: {
  id: string;
  title: string;
  company: string | null;
  description: string;
  experienceLevel: PostingSnapshot["postingExperienceLevel"];
  techStack: string[];
}): PostingSnapshot {
  return {
    jobPostingId: posting.id,
    postingTitle: posting.title,
    postingCompany: posting.company,
    postingDescription: posting.description,
    postingExperienceLevel: posting.experienceLevel,
    postingTechStack: posting.techStack,
  };
}

/**
 * Hold the posting's row until the transaction ends (false: it is gone). FOR NO KEY UPDATE: it makes
 * starts for the posting wait for each other, but not the foreign-key checks of rows that point to it.
 */
async function lockPosting(tx: Tx, userId: string, postingId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM job_postings WHERE id = ${postingId}::uuid AND user_id = ${userId}::uuid FOR NO KEY UPDATE`;
  return rows.length === 1;
}

// A retake's posting can only be missing when it was deleted a moment ago.
const postingMissing = (input: StartInput) =>
  input.retakeOf
    ? new InterviewError("posting_deleted", POSTING_DELETED_MESSAGE)
    : new InterviewError("not_found", "Job posting not found.");

/** Start an interview for one of the user's postings and request its first question at once. */
export async function startInterview(userId: string, input: StartInput) {
  const [user, resume, posting] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { apiKeyCiphertext: true } }),
    db.resume.findUnique({ where: { userId }, select: { content: true } }),
    db.jobPosting.findFirst({ where: { id: input.jobPostingId, userId } }),
  ]);
  if (!posting) throw postingMissing(input);
  const missing = [...(resume ? [] : ["Add your résumé first."]), ...(user.apiKeyCiphertext ? [] : ["Add your OpenAI key first."])];
  if (missing.length) {
    throw new InterviewError("missing_prerequisites", "Add your résumé and your OpenAI key before starting an interview.", {
      fields: { prerequisites: missing },
    });
  }
  if (input.focus === "weakest_first" && !(await countActiveRequirements(userId, posting.id))) {
    throw new InterviewError("no_skill_map", NO_SKILL_MAP_MESSAGE);
  }
  // Each start costs an AI call at once: a slot of the user's hourly allowance is taken first.
  const refused = await consume(["interview_start_user", userId]);
  if (refused) {
    const { retryAfterSeconds } = refused;
    const message = `You can start ${env().RATE_LIMIT_INTERVIEWS_PER_HOUR} interviews an hour. Please wait ${waitTime(retryAfterSeconds)} before starting another.`;
    throw new InterviewError("too_many_interviews", message, { retryAfterSeconds });
  }

  return db.$transaction(async (tx) => {
    // Attempts are counted per posting: a retake, or a new start for a posting already practised,
    // continues the chain of its first attempt (FR53). Starts for one posting take turns on its row
    // until they commit, so two at once (a double click, parallel API calls) get two numbers, not one.
    if (!(await lockPosting(tx, userId, posting.id))) throw postingMissing(input);
    let retake: { retakeNumber: number; originalSessionId: string } | undefined;
    const previous = input.retakeOf
      ? await tx.interviewSession.findFirst({ where: { id: input.retakeOf, userId } })
      : await tx.interviewSession.findFirst({ where: { userId, jobPostingId: posting.id }, orderBy: { createdAt: "asc" } });
    if (input.retakeOf && !previous) throw interviewNotFound();
    if (previous) {
      const root = previous.originalSessionId ?? previous.id;
      const latest = await tx.interviewSession.aggregate({
        where: { userId, OR: [{ id: root }, { originalSessionId: root }, { jobPostingId: posting.id }] },
        _max: { retakeNumber: true },
      });
      retake = { retakeNumber: (latest._max.retakeNumber ?? previous.retakeNumber) + 1, originalSessionId: root };
    }
    const session = await tx.interviewSession.create({
      data: {
        userId,
        ...postingSnapshot(posting),
        focus: input.focus ?? "balanced",
        targetQuestions: input.targetQuestions ?? TARGET_QUESTIONS.default,
        repeatQuestions: input.repeatQuestions ?? false,
        retakeNumber: retake?.retakeNumber ?? 1,
        originalSessionId: retake?.originalSessionId ?? null,
        resumeText: resume!.content,
      },
      select: { ...sessionSummarySelect, repeatQuestions: true },
    });
    const operation = await startOperation(tx, { userId, sessionId: session.id, kind: "question_generation" });
    return { session, operationId: operation.id };
  });
}

/** Ask the worker for the next question (the UI does this automatically after each answer). */
export async function requestNextQuestion(userId: string, sessionId: string) {
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, userId, sessionId);
    if (session.status !== "active") throw new InterviewError("not_active", "This interview is not active. Resume it first.");
    if (await activeQuestionOperation(tx, sessionId))
      throw new InterviewError("question_pending", "A question is already being generated.");
    if (await openQuestion(tx, sessionId)) throw new InterviewError("question_unanswered", "Answer the current question first.");
    if (session.currentQuestionNumber >= session.targetQuestions) {
      throw new InterviewError("all_questions_asked", "All questions of this interview have been asked. Finish it to get your feedback.");
    }
    return startOperation(tx, { userId, sessionId, kind: "question_generation" });
  });
}

/**
 * Store an answer (with its timestamp, linked to its question) before any AI
 * call, then — in the same transaction — request its evaluation and the next
 * question, which run concurrently. The last answer completes the interview
 * and requests the session feedback instead. Submitting the same answer twice
 * (double click, resent form, retried request) stores it once.
 */
export async function submitAnswer(userId: string, sessionId: string, input: { content: string; questionId?: string }) {
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, userId, sessionId);
    if (input.questionId) {
      const existing = await tx.sessionMessage.findFirst({
        where: { sessionId, kind: "answer", questionId: input.questionId },
      });
      if (existing)
        return {
          answer: existing,
          created: false,
          evaluationOperationId: null,
          nextQuestionOperationId: null,
          completed: session.status === "completed",
        };
    }
    if (session.status !== "active") throw new InterviewError("not_active", "This interview is not active, so answers can't be added.");
    const question = await openQuestion(tx, sessionId);
    if (!question || (input.questionId && question.id !== input.questionId)) {
      throw new InterviewError("no_open_question", "There is no open question to answer yet.");
    }

    const answer = await tx.sessionMessage.create({
      data: { sessionId, kind: "answer", content: input.content, questionId: question.id },
    });
    // Spoken answers (issue 18): the delivery metrics of the question's recordings go on the answer.
    await attachRecordingsToAnswer(tx, { id: answer.id, questionId: question.id, questionType: question.questionType });
    const answeredCount = session.answeredCount + 1;
    const finished = question.questionNumber! >= session.targetQuestions;
    await tx.interviewSession.update({
      where: { id: sessionId },
      data: {
        answeredCount,
        draftAnswer: null,
        draftQuestionId: null,
        draftUpdatedAt: null,
        ...(finished ? { status: "completed", completedAt: new Date() } : {}),
      },
    });
    const evaluation = await startOperation(tx, { userId, sessionId, kind: "answer_evaluation", subjectId: answer.id });
    const next = finished
      ? await startOperation(tx, { userId, sessionId, kind: "session_feedback" })
      : await startOperation(tx, { userId, sessionId, kind: "question_generation" });
    return {
      answer,
      created: true,
      evaluationOperationId: evaluation.id,
      nextQuestionOperationId: finished ? null : next.id,
      feedbackOperationId: finished ? next.id : null,
      completed: finished,
    };
  });
}

export const DRAFT_MAX = ANSWER_LIMITS.max;

/** Keep the unsent answer to the current question, so it survives closing the browser. */
export async function saveDraft(userId: string, sessionId: string, input: { questionId: string; content: string }) {
  const { count } = await db.interviewSession.updateMany({
    where: { id: sessionId, userId, status: { in: ["active", "paused"] } },
    data: { draftAnswer: input.content.slice(0, DRAFT_MAX), draftQuestionId: input.questionId, draftUpdatedAt: new Date() },
  });
  if (count === 0) throw interviewNotFound();
}

export async function pauseInterview(userId: string, sessionId: string) {
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, userId, sessionId);
    if (session.status !== "active") throw new InterviewError("not_active", "Only an active interview can be paused.");
    return tx.interviewSession.update({ where: { id: sessionId }, data: { status: "paused" }, select: sessionSummarySelect });
  });
}

/** Resume where the user left off; if no question is open or coming, request the next one. */
export async function resumeInterview(userId: string, sessionId: string) {
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, userId, sessionId);
    if (session.status !== "paused") throw new InterviewError("not_paused", "Only a paused interview can be resumed.");
    const updated = await tx.interviewSession.update({
      where: { id: sessionId },
      data: { status: "active" },
      select: sessionSummarySelect,
    });
    const needsQuestion =
      !(await openQuestion(tx, sessionId)) &&
      !(await activeQuestionOperation(tx, sessionId)) &&
      session.currentQuestionNumber < session.targetQuestions;
    const operation = needsQuestion ? await startOperation(tx, { userId, sessionId, kind: "question_generation" }) : null;
    return { session: updated, operationId: operation?.id ?? null };
  });
}

export const NOTHING_TO_SCORE_MESSAGE = "This interview ended before any question was answered, so there is nothing to score.";

/**
 * Finish early, in any state but finished: the session becomes read-only. With answers, its
 * feedback is requested; with none (say the first question never came), finishing abandons it:
 * it ends without feedback, so no interview is ever stuck "in progress".
 */
export async function finishInterview(userId: string, sessionId: string) {
  return db.$transaction(async (tx) => {
    const session = await lockSession(tx, userId, sessionId);
    if (session.status === "completed") throw new InterviewError("not_active", "This interview is already finished.");
    const updated = await tx.interviewSession.update({
      where: { id: sessionId },
      data: { status: "completed", completedAt: new Date(), draftAnswer: null, draftQuestionId: null, draftUpdatedAt: null },
      select: sessionSummarySelect,
    });
    // A question still being generated is no longer wanted.
    await tx.operation.updateMany({
      where: { sessionId, kind: "question_generation", status: { in: ["pending", "processing"] } },
      data: { status: "failed", errorCode: "cancelled", errorMessage: "The interview was finished.", finishedAt: new Date() },
    });
    const hasFeedback = await tx.interviewFeedback.count({ where: { sessionId } });
    const operation =
      hasFeedback || session.answeredCount === 0 ? null : await startOperation(tx, { userId, sessionId, kind: "session_feedback" });
    return { session: updated, feedbackOperationId: operation?.id ?? null };
  });
}

/**
 * Delete an interview in any state, with everything it holds (messages, evaluations, feedback,
 * operations: the foreign keys cascade). The session row is locked first, the order every other
 * writer uses, so a worker job in flight either wrote before this (and its result goes too) or
 * finds the session gone and writes nothing; a job not started yet finds no operation to claim.
 * Its retakes stay, with their attempt numbers (their link to it is cleared: ON DELETE SET NULL).
 */
export async function deleteInterview(userId: string, sessionId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    try {
      await lockSession(tx, userId, sessionId);
    } catch (error) {
      if (error instanceof InterviewError && error.code === "not_found") return false;
      throw error;
    }
    await tx.interviewSession.delete({ where: { id: sessionId } });
    // Pages open on it (another tab) hear of it, and their event streams end instead of idling.
    await publishEvent(tx, { type: "deleted", sessionId });
    return true;
  });
}

/** Retry = a new operation of the same kind for the same subject (the failed one stays as history). */
export async function retryOperation(userId: string, operationId: string, scope: { sessionId?: string } = {}) {
  return db.$transaction(async (tx) => {
    const failed = await tx.operation.findFirst({
      where: { id: operationId, userId, ...(scope.sessionId ? { sessionId: scope.sessionId } : {}) },
    });
    if (!failed || !failed.sessionId) throw new InterviewError("not_found", "Operation not found.");
    await lockSession(tx, userId, failed.sessionId);
    if (failed.status !== "failed") throw new InterviewError("operation_not_failed", "Only a failed step can be retried.");
    const superseded = await tx.operation.findFirst({
      where: { sessionId: failed.sessionId, kind: failed.kind, subjectId: failed.subjectId, createdAt: { gt: failed.createdAt } },
      select: { id: true, status: true },
    });
    if (superseded) return superseded; // already retried (double click): reuse it
    // A transcription sends the recording to the provider again: it takes a slot of the same hourly
    // allowance as sending it the first time, or Retry would be a way round that limit.
    if (failed.kind === "transcribe_answer") {
      const refused = await consume(["transcription_user", userId]);
      if (refused) throw transcriptionAllowanceRefusal(refused.retryAfterSeconds);
    }
    if (failed.kind === "question_generation") {
      const session = await tx.interviewSession.findUniqueOrThrow({ where: { id: failed.sessionId } });
      if (session.status !== "active") throw new InterviewError("not_active", "This interview is not active. Resume it first.");
      if (await openQuestion(tx, failed.sessionId)) throw new InterviewError("question_unanswered", "Answer the current question first.");
    }
    return startOperation(tx, {
      userId,
      sessionId: failed.sessionId,
      kind: failed.kind,
      subjectId: failed.subjectId ?? undefined,
    });
  });
}

export function getSessionSummary(userId: string, sessionId: string) {
  return db.interviewSession.findFirst({ where: { id: sessionId, userId }, select: sessionSummarySelect });
}
