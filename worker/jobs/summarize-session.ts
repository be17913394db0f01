import { loadAiSettings } from "#app/ai/client.server.ts";
import { feedbackMessages } from "#app/ai/prompts.ts";
import { SessionFeedbackOutput, type QuestionTypeName } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { overallScore } from "#app/models/feedback.server.ts";
import { NOTHING_TO_SCORE_MESSAGE } from "#app/models/interview.server.ts";
import { completeOperation, failOperation, sessionStillExists } from "#app/models/operation.server.ts";
import { tidyList } from "#app/utils/clean-text.ts";
import { db } from "#app/utils/db.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

const clampScore = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/**
 * session.feedback — the debrief of a completed interview from the posting and
 * résumé snapshots and every question, answer and per-answer evaluation. One
 * feedback per session (unique); the overall score is our mean of the four.
 */
export async function summarizeSession(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const session = await db.interviewSession.findUnique({
      where: { id: operation.sessionId! },
      include: { messages: { orderBy: { createdAt: "asc" }, include: { evaluation: true } }, feedback: { select: { id: true } } },
    });
    // Deleted meanwhile (its operations went with it): nothing to do.
    if (!session) return { skipped: "interview deleted" };
    if (session.feedback) {
      await db.$transaction((tx) => completeOperation(tx, operation.id, { feedback_id: session.feedback!.id }));
      return { feedbackId: session.feedback.id };
    }
    if (session.status !== "completed") {
      await failOperation(operation.id, "not_completed", "Feedback is written once the interview is finished.");
      return { failed: "not_completed" };
    }
    if (session.answeredCount === 0) {
      await failOperation(operation.id, "nothing_answered", NOTHING_TO_SCORE_MESSAGE);
      return { failed: "nothing_answered" };
    }
    const answers = new Map(session.messages.filter((m) => m.kind === "answer").map((m) => [m.questionId!, m]));
    const exchanges = session.messages
      .filter((m) => m.kind === "question")
      .sort((a, b) => a.questionNumber! - b.questionNumber!)
      .map((q) => {
        const answer = answers.get(q.id);
        const e = answer?.evaluation;
        return {
          number: q.questionNumber!,
          type: q.questionType as QuestionTypeName,
          isFollowUp: q.isFollowUp,
          question: q.content,
          answer: answer?.content ?? null,
          evaluation: e
            ? {
                relevance: e.relevanceScore,
                completeness: e.completenessScore,
                technicalCorrectness: e.technicalCorrectness,
                clarity: e.clarityScore,
                summary: e.summary,
              }
            : null,
        };
      });

    const settings = await loadAiSettings(session.userId);
    const output = await generateStructured({
      settings,
      schema: SessionFeedbackOutput,
      name: "session_feedback",
      messages: () =>
        feedbackMessages({
          posting: {
            title: session.postingTitle,
            company: session.postingCompany,
            experienceLevel: session.postingExperienceLevel,
            techStack: session.postingTechStack,
            description: session.postingDescription,
          },
          resume: session.resumeText,
          exchanges,
        }),
    });
    const scores = {
      technicalAccuracy: clampScore(output.technical_accuracy),
      communicationClarity: clampScore(output.communication_clarity),
      problemSolving: clampScore(output.problem_solving),
      relevance: clampScore(output.relevance),
    };
    const clean = (items: string[]) => tidyList(items, 12);

    return db.$transaction(async (tx) => {
      // The interview was deleted while the model was writing: its operation went with it.
      if (!(await sessionStillExists(tx, session.id))) return { skipped: "interview deleted" };
      const feedback = await tx.interviewFeedback.upsert({
        where: { sessionId: session.id },
        update: {},
        create: {
          sessionId: session.id,
          technicalAccuracyScore: scores.technicalAccuracy,
          communicationClarityScore: scores.communicationClarity,
          problemSolvingScore: scores.problemSolving,
          relevanceScore: scores.relevance,
          overallScore: overallScore(scores),
          technicalFeedback: output.technical_feedback.trim(),
          communicationFeedback: output.communication_feedback.trim(),
          problemSolvingFeedback: output.problem_solving_feedback.trim(),
          relevanceFeedback: output.relevance_feedback.trim(),
          overallComments: output.overall_comments.trim(),
          knowledgeGaps: clean(output.knowledge_gaps),
          learningRecommendations: output.learning_recommendations.slice(0, 10),
        },
      });
      await completeOperation(tx, operation.id, { feedback_id: feedback.id, overall_score: feedback.overallScore });
      return { feedbackId: feedback.id };
    });
  });
}
