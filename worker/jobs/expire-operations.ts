import { pruneExpiredRecords } from "#app/models/housekeeping.server.ts";
import { failStuckOperations } from "#app/models/operation.server.ts";
import { env } from "#app/utils/env.server.ts";

/**
 * operation.expire — the scheduled sweep (every minute). No operation stays
 * pending/processing forever: past the limit it fails with "try again".
 * Housekeeping of expired rows rides along.
 */
export async function expireOperations() {
  const failed = await failStuckOperations(env().OPERATION_STUCK_AFTER_SECONDS);
  const pruned = await pruneExpiredRecords();
  return { failed, ...pruned };
}
