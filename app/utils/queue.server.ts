import { fromPrisma, PgBoss } from "pg-boss";
import type { Tx } from "./db.server.ts";
import { env } from "./env.server.ts";
import { logger } from "./logger.server.ts";
import type { QueueName } from "./queue-names.ts";

/**
 * The web side of the job queue: it only sends (no supervision, no workers),
 * and always inside the caller's transaction, so an operation row and its job
 * exist together or not at all.
 */

const globalForQueue = globalThis as unknown as { __jobSender?: Promise<PgBoss> };

function sender(): Promise<PgBoss> {
  globalForQueue.__jobSender ??= (async () => {
    const boss = new PgBoss({
      connectionString: env().DATABASE_URL,
      supervise: false,
      schedule: false,
      migrate: false,
      max: 2,
      application_name: "ai-interviewer-web",
    });
    boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await boss.start();
    return boss;
  })().catch((error) => {
    globalForQueue.__jobSender = undefined; // try again on the next send
    throw error;
  });
  return globalForQueue.__jobSender;
}

/**
 * Send a job in the caller's transaction. `userId` groups the job: the worker
 * runs at most a few of one user's jobs at a time, so one user's burst never
 * starves everyone else, and a user's own provider rate limit is not hammered.
 */
export async function enqueue(tx: Tx, queue: QueueName, data: { operationId: string }, options: { userId?: string } = {}) {
  const boss = await sender();
  await boss.send(queue, data, { db: fromPrisma(tx), ...(options.userId ? { group: { id: options.userId } } : {}) });
}

export async function stopJobSender() {
  const boss = await globalForQueue.__jobSender?.catch(() => undefined);
  globalForQueue.__jobSender = undefined;
  await boss?.stop({ graceful: false, close: true });
}
