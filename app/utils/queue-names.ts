/**
 * The job queues. Each carries only an operation id (or nothing, for the
 * scheduled sweep); the handler loads everything else from the database.
 */
export const QUEUE = {
  generateQuestion: "question.generate",
  evaluateAnswer: "answer.evaluate",
  summarizeSession: "session.feedback",
  regradeAnswer: "answer.regrade",
  expireOperations: "operation.expire",
  // issue 18
  transcribeAnswer: "answer.transcribe",
  speakQuestion: "question.speak",
  extractRequirements: "posting.requirements",
  writeModelAnswer: "answer.model",
  checkStar: "answer.star",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/**
 * Queue policies, applied by `npm run db:migrate` and again by the worker at
 * start (both idempotent), so a queue always exists before anything sends.
 *
 * - notify: a send wakes listening workers at once (measured: 9 ms pickup vs ~1.1 s polling).
 * - heartbeatSeconds: a job whose worker died is re-delivered within seconds.
 * - expireInSeconds: no AI job runs longer than 2 minutes: then pg-boss fails it (a retry follows) and aborts
 *   its AI calls (worker.ts, ai/job-signal.server.ts), so it ends instead of running on beside its retry.
 * - retries cover crashes and database blips; AI-provider errors are handled
 *   inside the handler (the SDK retries transient ones) and end the operation.
 */
export const QUEUE_OPTIONS = {
  notify: true,
  heartbeatSeconds: 10,
  expireInSeconds: 120,
  retryLimit: 3,
  retryDelay: 1,
  retryBackoff: true,
  deleteAfterSeconds: 60 * 60 * 24,
} as const;

/**
 * A queue's policy: QUEUE_OPTIONS, except that a transcription may take longer (issue 18): a local Whisper on
 * a CPU can take a minute per call (AI_TRANSCRIPTION_TIMEOUT_MS) and the SDK retries.
 */
export function queueOptions(name: QueueName) {
  return name === QUEUE.transcribeAnswer ? { ...QUEUE_OPTIONS, expireInSeconds: 300 } : QUEUE_OPTIONS;
}
