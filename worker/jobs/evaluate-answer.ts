import { gradeAnswer } from "#app/ai/grading/grade-answer.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { evaluationContext, recordEvaluation, recordSecondOpinion } from "#app/models/ai-results.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * answer.evaluate — grades one answer under the rubric (app/ai/grading): code
 * screens non-answers and caps their scores, the user's grading model scores
 * the rest at temperature 0, and every quote is checked against the answer
 * before it is stored. Runs alongside the next question's generation.
 */
export async function evaluateAnswer(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await evaluationContext(operation);
    if ("done" in context) return context.done;
    const graded = await gradeAnswer(await loadAiSettings(operation.userId, "grading"), context);
    return recordEvaluation(operation.id, context, graded);
  });
}

/**
 * answer.regrade — a second opinion the user asked for: the same grading again
 * (with the grading model set now), kept next to the first, which stays the score of record.
 */
export async function regradeAnswer(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await evaluationContext(operation, { regrade: true });
    if ("done" in context) return context.done;
    const graded = await gradeAnswer(await loadAiSettings(operation.userId, "grading"), context);
    return recordSecondOpinion(operation.id, context, graded);
  });
}
