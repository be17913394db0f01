import { feedbackMessages } from "#app/ai/prompts.ts";
import { SessionFeedbackOutput } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { loadAiSettings } from "#app/models/ai-provider.server.ts";
import { feedbackContext, recordFeedback } from "#app/models/ai-results.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * session.feedback — the debrief of a completed interview from the posting and
 * résumé snapshots and every question, answer and per-answer evaluation. One
 * feedback per session (unique); the overall score is our mean of the four.
 */
export async function summarizeSession(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const context = await feedbackContext(operation);
    if ("done" in context) return context.done;
    const output = await generateStructured({
      settings: await loadAiSettings(operation.userId),
      schema: SessionFeedbackOutput,
      name: "session_feedback",
      messages: () => feedbackMessages(context),
    });
    return recordFeedback(operation.id, context.sessionId, {
      scores: {
        technicalAccuracy: output.technical_accuracy,
        communicationClarity: output.communication_clarity,
        problemSolving: output.problem_solving,
        relevance: output.relevance,
      },
      text: {
        technicalAccuracy: output.technical_feedback,
        communicationClarity: output.communication_feedback,
        problemSolving: output.problem_solving_feedback,
        relevance: output.relevance_feedback,
      },
      overallComments: output.overall_comments,
      knowledgeGaps: output.knowledge_gaps,
      learningRecommendations: output.learning_recommendations,
    });
  });
}
