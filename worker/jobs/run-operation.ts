import type { Operation } from "#app/generated/prisma/client.ts";
import { AiError } from "#app/ai/client.server.ts";
import { UsageMeter } from "#app/ai/usage-meter.server.ts";
import { claimOperation, failOperation } from "#app/models/operation.server.ts";
import { recordOperationUsage, unstoredCalls } from "#app/models/usage.server.ts";
import { logger } from "#app/utils/logger.server.ts";

export type Attempt = { retryCount: number; retryLimit: number };

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Try again.";

/**
 * The frame every AI job runs in: claim the operation (a finished one means a
 * re-delivered job: do nothing), run the work, and turn failures into a
 * message on the operation. AI errors end the operation at once; anything
 * else is rethrown so pg-boss retries the job, and the last attempt marks the
 * operation failed so nobody waits forever.
 * Every provider call made below is metered (issue 20): its usage is stored
 * however the attempt ends, since a failed or repeated call costs money too —
 * in the transaction that completes or fails the operation when there is one
 * (completeOperation / failOperation), and here for whatever that did not
 * store (calls of an attempt that ended in an error the job retries).
 */
export async function runOperation(operationId: string, attempt: Attempt, work: (operation: Operation) => Promise<unknown>) {
  const operation = await claimOperation(operationId);
  if (!operation) return { skipped: "operation already finished" };
  const meter = new UsageMeter();
  let failed = true;
  try {
    const result = await meter.run(() => work(operation));
    failed = false;
    return result;
  } catch (error) {
    if (error instanceof AiError) {
      await failOperation(operation.id, error.code, error.message, meter);
      logger.warn({ kind: "ai", operationId, code: error.code }, "AI operation failed");
      return { failed: error.code };
    }
    if (attempt.retryCount >= attempt.retryLimit) await failOperation(operation.id, "internal_error", INTERNAL_ERROR_MESSAGE, meter);
    throw error;
  } finally {
    await (async () => recordOperationUsage(operation, await unstoredCalls(meter), { failed }))().catch((error: unknown) =>
      logger.error({ err: error, operationId }, "could not record AI usage"),
    );
  }
}
