import type { ModelAnswer } from "#app/ai/practice/model-answer.ts";
import type { StarCheck } from "#app/ai/practice/star-check.ts";
import type { FactFlag } from "#app/domain/practice/model-answer-facts.ts";
import { STAR_QUESTION_TYPES } from "#app/domain/practice/star.ts";
import type { Operation } from "#app/generated/prisma/client.ts";
import { db, type Prisma, type Tx } from "#app/utils/db.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { getInterview } from "./interview-view.server.ts";
import { lockSession } from "./interview.server.ts";
import {
  completeOperation,
  sessionStillExists,
  startOperation,
  startOperationUnlessBudgetRefuses,
  subjectGone,
} from "./operation.server.ts";

/**
 * Coaching on one answer (issue 19): "Show a strong answer" — a model answer
 * grounded in the résumé and the candidate's answer, written on request once
 * the answer is scored — and the STAR checklist of a behavioural answer,
 * checked by itself once the answer is scored. Both are AI operations of the
 * answer's interview (same push, polling, no-JS refresh and Retry).
 */

export type CoachingRefusalCode = "not_scored";

export class CoachingRefused extends Refusal<CoachingRefusalCode> {
  override name = "CoachingRefused";
  constructor(code: CoachingRefusalCode, message: string) {
    super(code, message, 409);
  }
}

export const NOT_SCORED_MESSAGE = "A strong answer is written once your answer is scored. Wait for its feedback, then ask again.";

export type ModelAnswerView = {
  id: string;
  text: string;
  placeholders: ModelAnswer["placeholders"];
  flags: FactFlag[];
  checked: number;
  createdAt: Date;
};

export type StarCheckView = StarCheck & { id: string; createdAt: Date };

export function toModelAnswerView(row: {
  id: string;
  text: string;
  placeholders: Prisma.JsonValue;
  flags: Prisma.JsonValue;
  checked: number;
  createdAt: Date;
}): ModelAnswerView {
  return {
    id: row.id,
    text: row.text,
    placeholders: row.placeholders as ModelAnswerView["placeholders"],
    flags: row.flags as FactFlag[],
    checked: row.checked,
    createdAt: row.createdAt,
  };
}

export function toStarCheckView(row: { id: string; checklist: Prisma.JsonValue; createdAt: Date }): StarCheckView {
  return { ...(row.checklist as StarCheck), id: row.id, createdAt: row.createdAt };
}

/**
 * "Show a strong answer" (page and API): start writing a model answer for this user's scored
 * answer — or return the one already being written. Null when the answer is not theirs.
 */
export async function requestModelAnswer(userId: string, answerId: string, scope: { sessionId?: string } = {}) {
  return db.$transaction(async (tx) => {
    const answer = await tx.sessionMessage.findFirst({
      where: { id: answerId, kind: "answer", session: { userId, ...(scope.sessionId ? { id: scope.sessionId } : {}) } },
      select: { id: true, sessionId: true, evaluation: { select: { id: true } } },
    });
    if (!answer) return null;
    if (!answer.evaluation) throw new CoachingRefused("not_scored", NOT_SCORED_MESSAGE);
    // Requests for the same answer at once take turns here, so the second sees the first's operation
    // instead of starting another paid call (nothing else would stop two from both finding none running).
    await lockSession(tx, userId, answer.sessionId);
    const running = await tx.operation.findFirst({
      where: { userId, kind: "write_model_answer", subjectId: answerId, status: { in: ["pending", "processing"] } },
      select: { id: true, kind: true, status: true },
    });
    return running ?? startOperation(tx, { userId, sessionId: answer.sessionId, kind: "write_model_answer", subjectId: answerId });
  });
}

/** The newest model answer of this user's answer (null: none yet), and the latest operation writing one. */
export async function getModelAnswer(userId: string, answerId: string) {
  const answer = await db.sessionMessage.findFirst({
    where: { id: answerId, kind: "answer", session: { userId } },
    select: {
      id: true,
      modelAnswers: { orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  if (!answer) return null;
  const operation = await db.operation.findFirst({
    where: { userId, kind: "write_model_answer", subjectId: answerId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, errorMessage: true },
  });
  return { answerId, modelAnswer: answer.modelAnswers[0] ? toModelAnswerView(answer.modelAnswers[0]) : null, operation };
}

/** The STAR checklist of this user's answer: null when the answer is not theirs; `check` null when there is none (yet). */
export async function getStarCheck(userId: string, answerId: string) {
  const answer = await db.sessionMessage.findFirst({
    where: { id: answerId, kind: "answer", session: { userId } },
    select: { id: true, starCheck: true, question: { select: { questionType: true } } },
  });
  if (!answer) return null;
  const operation = await db.operation.findFirst({
    where: { userId, kind: "check_star", subjectId: answerId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, errorMessage: true },
  });
  return {
    answerId,
    applies: STAR_QUESTION_TYPES.includes(answer.question?.questionType ?? ""),
    check: answer.starCheck ? toStarCheckView(answer.starCheck) : null,
    operation,
  };
}

/**
 * In the evaluation's transaction: a scored answer to a behavioural question gets its STAR
 * checklist (once). The evaluation's operation names the user and the interview.
 */
export async function queueStarCheck(tx: Tx, evaluationOperationId: string, answerId: string) {
  const answer = await tx.sessionMessage.findUnique({
    where: { id: answerId },
    select: { sessionId: true, starCheck: { select: { id: true } }, question: { select: { questionType: true } } },
  });
  if (!answer || answer.starCheck || !STAR_QUESTION_TYPES.includes(answer.question?.questionType ?? "")) return;
  const evaluation = await tx.operation.findUniqueOrThrow({ where: { id: evaluationOperationId }, select: { userId: true } });
  const queued = await tx.operation.findFirst({ where: { kind: "check_star", subjectId: answerId }, select: { id: true } });
  // Never at the cost of the evaluation it rides with: a budget refusal leaves the answer unchecked.
  if (!queued)
    await startOperationUnlessBudgetRefuses(tx, {
      userId: evaluation.userId,
      sessionId: answer.sessionId,
      kind: "check_star",
      subjectId: answerId,
    });
}

/** What a coaching job works from: the answer, its question and the interview's snapshots; `done` when the answer is gone. */
export async function coachingContext(operation: Operation) {
  const view = operation.sessionId ? await getInterview(operation.userId, operation.sessionId) : null;
  const exchange = view?.exchanges.find((x) => x.answer?.id === operation.subjectId);
  if (!view || !exchange?.answer) return subjectGone(operation, "missing_answer", "That answer no longer exists.");
  return {
    answerId: exchange.answer.id,
    sessionId: view.id,
    posting: view.posting,
    resume: view.resumeText,
    question: { text: exchange.question.text, type: exchange.question.type },
    answer: exchange.answer.text,
  };
}

/** Store the model answer with the server's fact check and complete the operation (one transaction). */
export async function recordModelAnswer(operation: Operation, modelAnswer: ModelAnswer) {
  return db.$transaction(async (tx) => {
    if (!(await sessionStillExists(tx, operation.sessionId!))) return { skipped: "interview deleted" };
    const row = await tx.modelAnswer.upsert({
      where: { operationId: operation.id },
      update: {},
      create: {
        userId: operation.userId,
        answerId: operation.subjectId!,
        text: modelAnswer.text,
        placeholders: modelAnswer.placeholders as Prisma.InputJsonValue,
        flags: modelAnswer.facts.flags as unknown as Prisma.InputJsonValue,
        checked: modelAnswer.facts.checked,
        operationId: operation.id,
      },
    });
    const result = { modelAnswerId: row.id, placeholders: modelAnswer.placeholders.length, flags: modelAnswer.facts.flags.length };
    await completeOperation(tx, operation.id, result);
    return result;
  });
}

/** Store the STAR checklist (one per answer) and complete the operation. */
export async function recordStarCheck(operation: Operation, check: StarCheck) {
  return db.$transaction(async (tx) => {
    if (!(await sessionStillExists(tx, operation.sessionId!))) return { skipped: "interview deleted" };
    const fields = {
      checklist: check as unknown as Prisma.InputJsonValue,
      complete: check.complete,
      resultQuantified: check.resultQuantified,
      saysI: check.ownership.saysI,
      operationId: operation.id,
    };
    const row = await tx.starCheck.upsert({
      where: { answerId: operation.subjectId! },
      update: fields,
      create: { ...fields, userId: operation.userId, answerId: operation.subjectId! },
    });
    const result = { starCheckId: row.id, complete: check.complete };
    await completeOperation(tx, operation.id, result);
    return result;
  });
}
