import { writeModelAnswer } from "#app/ai/practice/model-answer.server.ts";
import { checkStar } from "#app/ai/practice/star-check.server.ts";
import { coachingContext, recordModelAnswer, recordStarCheck } from "#app/models/answer-coaching.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * answer.model — "Show a strong answer": a model answer to one scored answer's
 * question, using only the résumé's and the answer's facts; names and numbers
 * found in neither are flagged by the server, missing facts are placeholders
 * with a question for the candidate.
 */
export async function writeStrongAnswer(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await coachingContext(operation);
    if ("done" in context) return context.done;
    const modelAnswer = await writeModelAnswer(await loadAiSettings(operation.userId), context);
    return recordModelAnswer(operation, modelAnswer);
  });
}

/** answer.star — the STAR checklist of a behavioural answer, quoting the answer's own sentences. */
export async function checkAnswerStar(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await coachingContext(operation);
    if ("done" in context) return context.done;
    const check = await checkStar(await loadAiSettings(operation.userId), { question: context.question.text, answer: context.answer });
    return recordStarCheck(operation, check);
  });
}
