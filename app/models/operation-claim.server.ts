import type { Tx } from "#app/utils/db.server.ts";

/**
 * Inside a handler's result transaction, before it writes anything: is the operation still
 * running? Its row is locked (FOR UPDATE) until the transaction ends. The stuck-operation sweep
 * may have failed it while the model was still writing — and the user's Retry then started a new
 * operation that writes the same result — so a false here means: write nothing. A sweep that comes
 * after waits for this commit and then finds the operation completed. Same lock order as
 * everywhere else: the session row (locked by the caller first) before operation rows.
 * (Belongs next to completeOperation in operation.server.ts.)
 */
export async function operationStillProcessing(tx: Tx, operationId: string) {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM operations WHERE id = ${operationId}::uuid FOR UPDATE`;
  return rows[0]?.status === "processing";
}

/** What a job returns when its operation ended while it worked: logged by the worker, nothing written. */
export const OPERATION_ENDED = { skipped: "operation no longer running" } as const;
