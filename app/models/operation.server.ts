import type { OperationKind, Prisma } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/utils/db.server.ts";
import { enqueue } from "#app/utils/queue.server.ts";
import { QUEUE, type QueueName } from "#app/utils/queue-names.ts";

/**
 * An Operation is one AI request the user waits for. It is created together
 * with its job (same transaction), advanced by the worker, and read by the
 * page (polling or push) until it is completed or failed.
 */

export const QUEUE_FOR_KIND: Record<OperationKind, QueueName> = {
  question_generation: QUEUE.generateQuestion,
  answer_evaluation: QUEUE.evaluateAnswer,
  session_feedback: QUEUE.summarizeSession,
};

export const STUCK_MESSAGE = "This took too long and was stopped. Try again.";

/** Create the operation and send its job in the caller's transaction: both exist, or neither. */
export async function startOperation(tx: Tx, input: { userId: string; sessionId?: string; kind: OperationKind; subjectId?: string }) {
  const operation = await tx.operation.create({ data: input, select: { id: true, kind: true, status: true } });
  await enqueue(tx, QUEUE_FOR_KIND[input.kind], { operationId: operation.id });
  return operation;
}

/**
 * Claim an operation for processing. Null when it is already finished (a
 * re-delivered job must do nothing). Re-claiming a `processing` operation is
 * allowed: that is the re-delivery after a worker died mid-job.
 */
export async function claimOperation(operationId: string) {
  const { count } = await db.operation.updateMany({
    where: { id: operationId, status: { in: ["pending", "processing"] } },
    data: { status: "processing", attempts: { increment: 1 }, startedAt: new Date() },
  });
  if (count === 0) return null;
  return db.operation.findUniqueOrThrow({ where: { id: operationId } });
}

/** Inside the handler's result transaction: only a still-running operation can complete. */
export async function completeOperation(tx: Tx, operationId: string, result: Prisma.InputJsonValue) {
  const { count } = await tx.operation.updateMany({
    where: { id: operationId, status: "processing" },
    data: { status: "completed", result, errorCode: null, errorMessage: null, finishedAt: new Date() },
  });
  return count === 1;
}

export async function failOperation(operationId: string, code: string, message: string) {
  const { count } = await db.operation.updateMany({
    where: { id: operationId, status: { in: ["pending", "processing"] } },
    data: { status: "failed", errorCode: code, errorMessage: message, finishedAt: new Date() },
  });
  return count === 1;
}

export type OperationView = {
  id: string;
  kind: OperationKind;
  status: "pending" | "processing" | "completed" | "failed";
  result: Prisma.JsonValue | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const viewSelect = {
  id: true,
  kind: true,
  status: true,
  result: true,
  errorCode: true,
  errorMessage: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** An operation of this user, or null (someone else's id reads as missing). */
export function getOperation(userId: string, operationId: string): Promise<OperationView | null> {
  return db.operation.findFirst({ where: { id: operationId, userId }, select: viewSelect });
}

/**
 * The sweep: anything pending/processing for longer than the limit is failed
 * with a message the user can act on (Retry). Jobs expire after 2 minutes, so
 * a healthy operation never gets here.
 */
export async function failStuckOperations(olderThanSeconds: number) {
  const cutoff = new Date(Date.now() - olderThanSeconds * 1000);
  const { count } = await db.operation.updateMany({
    where: { status: { in: ["pending", "processing"] }, updatedAt: { lt: cutoff } },
    data: { status: "failed", errorCode: "stuck", errorMessage: STUCK_MESSAGE, finishedAt: new Date() },
  });
  return count;
}
