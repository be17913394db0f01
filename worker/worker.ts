import { PgBoss, type JobWithMetadata } from "pg-boss";
import { runWithJobSignal } from "#app/ai/job-signal.server.ts";
import { env } from "#app/utils/env.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { QUEUE, queueOptions, type QueueName } from "#app/utils/queue-names.ts";
import { evaluateAnswer, regradeAnswer } from "./jobs/evaluate-answer.ts";
import { expireOperations } from "./jobs/expire-operations.ts";
import { extractPostingRequirements } from "./jobs/extract-requirements.ts";
import { checkAnswerStar, writeStrongAnswer } from "./jobs/answer-coaching.ts";
import { generateQuestion } from "./jobs/generate-question.ts";
import type { Attempt } from "./jobs/run-operation.ts";
import { summarizeSession } from "./jobs/summarize-session.ts";
import { transcribeAnswer } from "./jobs/transcribe-answer.ts";
import { speakQuestion } from "./jobs/speak-question.ts";

/**
 * The worker: pg-boss against the app's database, one handler per queue.
 * Wakes on LISTEN/NOTIFY (ms pickup), supervises every second so a job whose
 * worker died is re-delivered within seconds (queue heartbeats), and stops
 * gracefully: no new jobs, running ones finish (bounded).
 */

/** How often a worker looks for jobs that became due without a NOTIFY (retries, re-deliveries). */
const RETRY_POLL_SECONDS = 2;

type Handler = (data: { operationId?: string }, attempt: Attempt) => Promise<unknown>;

const needsOperation = (run: (operationId: string, attempt: Attempt) => Promise<unknown>): Handler => {
  return (data, attempt) => {
    if (!data.operationId) throw new Error("job without an operationId");
    return run(data.operationId, attempt);
  };
};

export const handlers: Record<QueueName, Handler> = {
  [QUEUE.generateQuestion]: needsOperation(generateQuestion),
  [QUEUE.evaluateAnswer]: needsOperation(evaluateAnswer),
  [QUEUE.summarizeSession]: needsOperation(summarizeSession),
  [QUEUE.regradeAnswer]: needsOperation(regradeAnswer),
  [QUEUE.expireOperations]: () => expireOperations(),
  [QUEUE.transcribeAnswer]: needsOperation(transcribeAnswer),
  [QUEUE.speakQuestion]: needsOperation(speakQuestion),
  [QUEUE.extractRequirements]: needsOperation(extractPostingRequirements),
  [QUEUE.writeModelAnswer]: needsOperation(writeStrongAnswer),
  [QUEUE.checkStar]: needsOperation(checkAnswerStar),
};

export type RunningWorker = { boss: PgBoss; stop: (timeoutMs?: number) => Promise<void> };

/**
 * The job's signal as its handler's AI calls see it (job-signal.server.ts). pg-boss aborts job.signal when
 * the job passes expireInSeconds, after failing it for a retry: the calls end then and the operation fails
 * with a message, rather than the handler running on — and paying again — beside that retry. It also
 * aborts it when a stop outlasts its grace period, again after failing the job for a retry: that abort is
 * not passed on (nor is any abort while stopping: the process ends within that grace period anyway), so
 * the operation stays claimable by the retry on a worker still running, as when a worker dies, instead of
 * ending failed with a time-limit message that is not true.
 */
function timeLimitSignal(jobSignal: AbortSignal, stopping: () => boolean): AbortSignal {
  const expired = new AbortController();
  jobSignal.addEventListener(
    "abort",
    () => {
      if (!stopping()) expired.abort(jobSignal.reason);
    },
    { once: true },
  );
  return expired.signal;
}

export async function startWorker(options: { concurrency?: number; schedule?: boolean } = {}): Promise<RunningWorker> {
  const config = env();
  let stopping = false;
  const concurrency = options.concurrency ?? config.WORKER_CONCURRENCY;
  const boss = new PgBoss({
    connectionString: config.DATABASE_URL,
    application_name: "ai-interviewer-worker",
    useListenNotify: true,
    supervise: true,
    superviseIntervalSeconds: 1,
    monitorIntervalSeconds: 1,
    schedule: options.schedule ?? true,
    max: Math.max(4, concurrency + 2),
  });
  boss.on("error", (error) => logger.error({ kind: "worker", err: error }, "job queue error"));
  await boss.start();

  // Queues must exist before anything sends; `db:migrate` creates them too (both idempotent).
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const name of Object.values(QUEUE)) {
    if (existing.has(name)) await boss.updateQueue(name, queueOptions(name));
    else await boss.createQueue(name, queueOptions(name));
  }
  if (options.schedule ?? true) await boss.schedule(QUEUE.expireOperations, "* * * * *");

  for (const [queue, handler] of Object.entries(handlers) as [QueueName, Handler][]) {
    await boss.work(
      queue,
      {
        localConcurrency: queue === QUEUE.expireOperations ? 1 : concurrency,
        // Jobs carry their user as the group (queue.server.ts): cap each user's running jobs across
        // every worker process, so one user's burst waits its turn instead of filling all slots.
        ...(queue === QUEUE.expireOperations ? {} : { groupConcurrency: config.WORKER_USER_CONCURRENCY }),
        batchSize: 1,
        includeMetadata: true,
        // A NOTIFY announces new jobs only. A job that is due again — retried after a database blip,
        // or re-delivered after its worker died (missed heartbeat) — is found by the safety poll, which
        // pg-boss runs every 30 s while LISTEN works. Poll every 2 s instead (one cheap indexed query per queue),
        // so such a job resumes in seconds, not half a minute.
        notifyPollingIntervalSeconds: RETRY_POLL_SECONDS,
      },
      async ([job]: JobWithMetadata<{ operationId?: string }>[]) => {
        const started = performance.now();
        const operationId = job!.data?.operationId;
        try {
          const attempt = { retryCount: job!.retryCount, retryLimit: job!.retryLimit };
          const result = await runWithJobSignal(
            timeLimitSignal(job!.signal, () => stopping),
            () => handler(job!.data ?? {}, attempt),
          );
          logger.info(
            { kind: "job", queue, jobId: job!.id, operationId, durationMs: Math.round(performance.now() - started), outcome: "completed" },
            "job done",
          );
          return result;
        } catch (error) {
          logger.error(
            {
              kind: "job",
              queue,
              jobId: job!.id,
              operationId,
              durationMs: Math.round(performance.now() - started),
              outcome: "error",
              err: error,
            },
            "job failed",
          );
          throw error; // pg-boss retries (crashes, database blips); AI errors end inside the handler
        }
      },
    );
  }

  return {
    boss,
    stop: async (timeoutMs = 20_000) => {
      stopping = true;
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    },
  };
}
