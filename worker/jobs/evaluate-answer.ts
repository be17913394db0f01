import { evaluationMessages } from "#app/ai/prompts.ts";
import { AnswerEvaluationOutput } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { evaluationContext, recordEvaluation } from "#app/models/ai-results.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * answer.evaluate — scores one answer (relevance, completeness, technical
 * correctness, clarity) with strengths, improvements, knowledge gaps and
 * learning recommendations. Runs alongside the next question's generation.
 */
export async function evaluateAnswer(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await evaluationContext(operation);
    if ("done" in context) return context.done;
    const output = await generateStructured({
      settings: await loadAiSettings(operation.userId),
      schema: AnswerEvaluationOutput,
      name: "answer_evaluation",
      messages: () => evaluationMessages(context),
    });
    return recordEvaluation(operation.id, context, {
      relevance: output.relevance,
      completeness: output.completeness,
      technicalCorrectness: output.technical_correctness,
      clarity: output.clarity,
      summary: output.summary,
      strengths: output.strengths,
      improvements: output.improvements,
      knowledgeGaps: output.knowledge_gaps,
      recommendations: output.recommendations,
    });
  });
}
