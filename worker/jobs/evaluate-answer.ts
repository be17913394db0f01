import { loadAiSettings } from "#app/ai/client.server.ts";
import { evaluationMessages } from "#app/ai/prompts.ts";
import { AnswerEvaluationOutput, type QuestionTypeName } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { completeOperation, failOperation, sessionStillExists } from "#app/models/operation.server.ts";
import { tidyList } from "#app/utils/clean-text.ts";
import { db } from "#app/utils/db.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

const clampScore = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/**
 * answer.evaluate — scores one answer (relevance, completeness, technical
 * correctness, clarity) with strengths, improvements, knowledge gaps and
 * learning recommendations. Runs alongside the next question's generation.
 */
export async function evaluateAnswer(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const answer = await db.sessionMessage.findFirst({
      where: { id: operation.subjectId ?? undefined, kind: "answer", session: { userId: operation.userId } },
      include: { question: true, session: true, evaluation: { select: { id: true } } },
    });
    if (!answer?.question) {
      await failOperation(operation.id, "missing_answer", "That answer no longer exists.");
      return { failed: "missing_answer" };
    }
    if (answer.evaluation) {
      await db.$transaction((tx) => completeOperation(tx, operation.id, { evaluation_id: answer.evaluation!.id }));
      return { evaluationId: answer.evaluation.id };
    }
    const { session, question } = answer;
    const settings = await loadAiSettings(session.userId);
    const output = await generateStructured({
      settings,
      schema: AnswerEvaluationOutput,
      name: "answer_evaluation",
      messages: () =>
        evaluationMessages({
          posting: {
            title: session.postingTitle,
            company: session.postingCompany,
            experienceLevel: session.postingExperienceLevel,
            techStack: session.postingTechStack,
            description: session.postingDescription,
          },
          resume: session.resumeText,
          question: {
            text: question.content,
            type: question.questionType as QuestionTypeName,
            isFollowUp: question.isFollowUp,
            probes: question.probes,
          },
          answer: answer.content,
        }),
    });
    const clean = (items: string[]) => tidyList(items, 10);

    return db.$transaction(async (tx) => {
      // The interview was deleted while the model was writing: its operation went with it.
      if (!(await sessionStillExists(tx, session.id))) return { skipped: "interview deleted" };
      const evaluation = await tx.answerEvaluation.upsert({
        where: { answerId: answer.id },
        update: {},
        create: {
          answerId: answer.id,
          sessionId: session.id,
          relevanceScore: clampScore(output.relevance),
          completenessScore: clampScore(output.completeness),
          technicalCorrectness: clampScore(output.technical_correctness),
          clarityScore: clampScore(output.clarity),
          summary: output.summary.trim(),
          strengths: clean(output.strengths),
          improvements: clean(output.improvements),
          knowledgeGaps: clean(output.knowledge_gaps),
          recommendations: output.recommendations.slice(0, 8),
        },
      });
      await completeOperation(tx, operation.id, {
        evaluation_id: evaluation.id,
        scores: {
          relevance: evaluation.relevanceScore,
          completeness: evaluation.completenessScore,
          technical_correctness: evaluation.technicalCorrectness,
          clarity: evaluation.clarityScore,
        },
      });
      return { evaluationId: evaluation.id };
    });
  });
}
