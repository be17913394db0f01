import type { OperationKind, Prisma } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/utils/db.server.ts";
import { publishEvent } from "#app/utils/events.server.ts";
import { enqueue } from "#app/utils/queue.server.ts";
import { QUEUE, type QueueName } from "#app/utils/queue-names.ts";
import { activeUsageMeter, type UsageMeter } from "#app/ai/usage-meter.server.ts";
import { assertBudgetAllows, BudgetExhausted, storeUsageInTransaction } from "./usage.server.ts";

/**
 * An Operation is one AI request the user waits for. It is created together
 * with its job (same transaction), advanced by the worker, and read by the
 * page (polling or push) until it is completed or failed.
 */

export const QUEUE_FOR_KIND: Record<OperationKind, QueueName> = {
  question_generation: QUEUE.generateQuestion,
  answer_evaluation: QUEUE.evaluateAnswer,
  session_feedback: QUEUE.summarizeSession,
  answer_regrade: QUEUE.regradeAnswer,
  transcribe_answer: QUEUE.transcribeAnswer,
  speak_question: QUEUE.speakQuestion,
  extract_requirements: QUEUE.extractRequirements,
  write_model_answer: QUEUE.writeModelAnswer,
  check_star: QUEUE.checkStar,
};

export const STUCK_MESSAGE = "This took too long and was stopped. Try again.";

/**
 * Create the operation and send its job in the caller's transaction: both exist, or neither.
 * When the latest try at the same step (same session, kind and subject) failed, this one is its
 * retry and carries the next retry number, so the worker asks differently instead of replaying a
 * call that already failed (a Retry click, or the API asking for the question again).
 * Every kind passes the monthly budget first (issue 20): new work is refused at 100 %; only the work
 * that takes an interview under way to its end is spared (models/usage.server.ts assertBudgetAllows).
 */
export async function startOperation(tx: Tx, input: { userId: string; sessionId?: string; kind: OperationKind; subjectId?: string }) {
  await assertBudgetAllows(tx, input);
  const previous = input.sessionId
    ? await tx.operation.findFirst({
        where: { sessionId: input.sessionId, kind: input.kind, subjectId: input.subjectId ?? null },
        orderBy: { createdAt: "desc" },
        select: { status: true, retryNumber: true },
      })
    : null;
  const retryNumber = previous?.status === "failed" ? previous.retryNumber + 1 : 0;
  const operation = await tx.operation.create({ data: { ...input, retryNumber }, select: { id: true, kind: true, status: true } });
  await enqueue(tx, QUEUE_FOR_KIND[input.kind], { operationId: operation.id }, { userId: input.userId });
  return operation;
}

/**
 * AI work started on the side of something else the user did (a posting saved, an answer scored):
 * when the budget refuses it, the rest goes ahead without it (null) — the refusal is thrown before
 * anything is written, so the transaction is intact — and the page offers the work again later.
 */
export async function startOperationUnlessBudgetRefuses(tx: Tx, input: Parameters<typeof startOperation>[1]) {
  try {
    return await startOperation(tx, input);
  } catch (error) {
    if (error instanceof BudgetExhausted) return null;
    throw error;
  }
}

/**
 * Claim an operation for processing. Null when it is already finished (a
 * re-delivered job must do nothing). Re-claiming a `processing` operation is
 * allowed: that is the re-delivery after a worker died mid-job.
 */
export async function claimOperation(operationId: string) {
  // One statement: read apart, an interview deleted between the claim and the read made the read throw
  // and the job retry (seen in interview-end.test.ts); claimed, the job's context read skips it instead.
  const [claimed] = await db.operation.updateManyAndReturn({
    where: { id: operationId, status: { in: ["pending", "processing"] } },
    data: { status: "processing", attempts: { increment: 1 }, startedAt: new Date() },
  });
  return claimed ?? null;
}

type Finished = { id: string; sessionId: string | null; kind: OperationKind; status: string };

/** Tell the pages waiting on these operations (push; they poll as a fallback). */
async function announce(executor: Tx | typeof db, finished: Finished[]) {
  for (const op of finished) {
    if (op.sessionId) {
      await publishEvent(executor, { type: "operation", sessionId: op.sessionId, operationId: op.id, kind: op.kind, status: op.status });
    }
  }
}

/** Push the text of a question the model is still writing to the page waiting for it (not stored; best effort). */
export async function announcePartial(sessionId: string, operationId: string, text: string) {
  await publishEvent(db, { type: "partial", sessionId, operationId, text });
}

/**
 * Inside a handler's result transaction, before it writes anything: is the operation still
 * running? Its row is locked (FOR UPDATE) until the transaction ends. The stuck-operation sweep
 * may have failed it while the model was still writing — and the user's Retry then started a new
 * operation that writes the same result — so a false here means: write nothing. A sweep that comes
 * after waits for this commit and then finds the operation completed. Same lock order as
 * everywhere else: the session row (locked by the caller first) before operation rows.
 */
export async function operationStillProcessing(tx: Tx, operationId: string) {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM operations WHERE id = ${operationId}::uuid FOR UPDATE`;
  return rows[0]?.status === "processing";
}

/** What a job returns when its operation ended while it worked: logged by the worker, nothing written. */
export const OPERATION_ENDED = { skipped: "operation no longer running" } as const;

const finishedSelect = { id: true, userId: true, sessionId: true, kind: true, status: true } as const;

/**
 * Inside the handler's result transaction: only a still-running operation can complete. The usage
 * of the provider calls that did the work (the meter the worker runs it under) is stored in the same
 * transaction: whoever sees the operation completed sees what it cost.
 */
export async function completeOperation(tx: Tx, operationId: string, result: Prisma.InputJsonValue) {
  const finished = await tx.operation.updateManyAndReturn({
    where: { id: operationId, status: "processing" },
    data: { status: "completed", result, errorCode: null, errorMessage: null, finishedAt: new Date() },
    select: finishedSelect,
  });
  const meter = activeUsageMeter();
  if (finished[0] && meter) await storeUsageInTransaction(tx, finished[0], meter, false);
  await announce(tx, finished);
  return finished.length === 1;
}

/** Fail a running operation with a message; the usage of its calls so far is stored with it (`meter`: the worker's, when outside it). */
export async function failOperation(
  operationId: string,
  code: string,
  message: string,
  meter: UsageMeter | undefined = activeUsageMeter(),
) {
  return db.$transaction(async (tx) => {
    const finished = await tx.operation.updateManyAndReturn({
      where: { id: operationId, status: { in: ["pending", "processing"] } },
      data: { status: "failed", errorCode: code, errorMessage: message, finishedAt: new Date() },
      select: finishedSelect,
    });
    if (finished[0] && meter) await storeUsageInTransaction(tx, finished[0], meter, true);
    await announce(tx, finished);
    return finished.length === 1;
  });
}

/**
 * How a job ends whose subject (an answer, a question, a recording) is not there when it reads it:
 * skipped when the whole interview went (deleted meanwhile, this operation with it: nobody waits for
 * it), failed with `code` and the user's `message` when only the subject is gone.
 */
export async function subjectGone(operation: { id: string; sessionId: string | null }, code: string, message: string) {
  const interview = operation.sessionId
    ? await db.interviewSession.findUnique({ where: { id: operation.sessionId }, select: { id: true } })
    : null;
  if (operation.sessionId && !interview) return { done: { skipped: "interview deleted" } };
  await failOperation(operation.id, code, message);
  return { done: { failed: code } };
}

/**
 * Inside a handler's result transaction, before it writes: is the operation's interview still
 * there? The row is held (FOR KEY SHARE) until the transaction ends, so a deletion either
 * happened before (false: write nothing) or waits for this commit and then removes what was
 * written. Same lock order as everywhere else: the session row before operation rows.
 */
export async function sessionStillExists(tx: Tx, sessionId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM interview_sessions WHERE id = ${sessionId}::uuid FOR KEY SHARE`;
  return rows.length === 1;
}

export type OperationView = {
  id: string;
  kind: OperationKind;
  status: "pending" | "processing" | "completed" | "failed";
  result: Prisma.JsonValue | null;
  errorCode: string | null;
  errorMessage: string | null;
  retryNumber: number;
  createdAt: Date;
  updatedAt: Date;
};

/** The columns of an operation that pages and the API show (its input and internals stay behind). */
export const operationViewSelect = {
  id: true,
  kind: true,
  status: true,
  result: true,
  errorCode: true,
  errorMessage: true,
  retryNumber: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** An operation of this user, or null (someone else's id reads as missing). */
export function getOperation(userId: string, operationId: string): Promise<OperationView | null> {
  return db.operation.findFirst({ where: { id: operationId, userId }, select: operationViewSelect });
}

/**
 * The sweep: anything pending/processing for longer than the limit is failed
 * with a message the user can act on (Retry). Jobs expire after 2 minutes, so
 * a healthy operation never gets here.
 */
export async function failStuckOperations(olderThanSeconds: number) {
  const cutoff = new Date(Date.now() - olderThanSeconds * 1000);
  return db.$transaction(async (tx) => {
    const finished = await tx.operation.updateManyAndReturn({
      where: { status: { in: ["pending", "processing"] }, updatedAt: { lt: cutoff } },
      data: { status: "failed", errorCode: "stuck", errorMessage: STUCK_MESSAGE, finishedAt: new Date() },
      select: finishedSelect,
    });
    await announce(tx, finished);
    return finished.length;
  });
}
