import { db } from "#app/utils/db.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { lockSession } from "./interview.server.ts";
import { startOperation } from "./operation.server.ts";

/**
 * A second opinion: the user asks for an answer to be graded again. Both
 * gradings are kept; the first stays the score of record (progress, the
 * debrief), so re-rolling cannot raise a score. One second opinion per
 * answer: asking again while one runs or after it is there is refused.
 */

export type SecondOpinionErrorCode = "not_found" | "not_evaluated" | "second_opinion_exists" | "second_opinion_in_progress";

const STATUS: Record<SecondOpinionErrorCode, number> = {
  not_found: 404,
  not_evaluated: 409,
  second_opinion_exists: 409,
  second_opinion_in_progress: 409,
};

export class SecondOpinionError extends Refusal<SecondOpinionErrorCode> {
  override name = "SecondOpinionError";
  constructor(code: SecondOpinionErrorCode, message: string, details?: ConstructorParameters<typeof Refusal>[3]) {
    super(code, message, STATUS[code], details);
  }
}

/** Start the re-grade of one of the user's answers; another user's session or answer is not found. */
export async function requestSecondOpinion(userId: string, sessionId: string, answerId: string) {
  return db.$transaction(async (tx) => {
    await lockSession(tx, userId, sessionId); // 404 for another user's (or a missing) interview
    const answer = await tx.sessionMessage.findFirst({
      where: { id: answerId, sessionId, kind: "answer" },
      select: { id: true, evaluation: { select: { secondOpinion: true } } },
    });
    if (!answer) throw new SecondOpinionError("not_found", "Answer not found.");
    if (!answer.evaluation) throw new SecondOpinionError("not_evaluated", "This answer has no feedback yet. Wait for it, then ask again.");
    if (answer.evaluation.secondOpinion !== null) {
      throw new SecondOpinionError("second_opinion_exists", "This answer already has a second opinion; both are shown.");
    }
    const running = await tx.operation.findFirst({
      where: { sessionId, kind: "answer_regrade", subjectId: answerId, status: { in: ["pending", "processing"] } },
      select: { id: true },
    });
    if (running) {
      throw new SecondOpinionError("second_opinion_in_progress", "A second opinion on this answer is already being written.", {
        operationId: running.id,
      });
    }
    return startOperation(tx, { userId, sessionId, kind: "answer_regrade", subjectId: answerId });
  });
}
