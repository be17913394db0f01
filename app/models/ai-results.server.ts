import type { Exchange, EvaluationPromptInput, FeedbackPromptInput, PostingContext } from "#app/ai/prompts.ts";
import type { QuestionTypeName } from "#app/ai/schemas.ts";
import { clampScore, overallScore, type DimensionScores } from "#app/domain/progress.ts";
import type { InterviewSession, Operation } from "#app/generated/prisma/client.ts";
import { tidyList } from "#app/utils/clean-text.ts";
import { db } from "#app/utils/db.server.ts";
import { NOTHING_TO_SCORE_MESSAGE } from "./interview.server.ts";
import { completeOperation, failOperation, sessionStillExists } from "./operation.server.ts";

/**
 * The AI jobs' side of the interview: what each job (worker/jobs/) gives the
 * model, and how its reply is stored. A job that finds nothing to do ends here
 * too (`done`). A result is written in one transaction with the session's
 * counters and the operation's completion, after checking the interview was
 * not deleted (or finished) while the model was writing.
 */

type Done = { done: Record<string, unknown> };
type Recommendation = { topic: string; resource: string; why: string };

/** The posting as it was when the interview started (the session's snapshot), as the prompts take it. */
function postingSnapshot(session: InterviewSession): PostingContext {
  return {
    title: session.postingTitle,
    company: session.postingCompany,
    experienceLevel: session.postingExperienceLevel,
    techStack: session.postingTechStack,
    description: session.postingDescription,
  };
}

/** Finish a job with nothing to write (the interview moved on meanwhile); the reason is kept on the operation. */
async function skip(operationId: string, reason: string): Promise<Done> {
  await db.$transaction((tx) => completeOperation(tx, operationId, { skipped: reason }));
  return { done: { skipped: reason } };
}

// --- The next question ----------------------------------------------------------------------

/**
 * What the next question is asked from: the snapshots, every earlier question and answer, and the
 * questions of the user's other attempts at the same posting (unless the retake allows repeats).
 */
export async function questionContext(operation: Operation) {
  const session = await db.interviewSession.findUnique({
    where: { id: operation.sessionId! },
    include: { messages: { orderBy: { createdAt: "asc" } } },
  });
  // Deleted meanwhile (its operations went with it): nothing to do.
  if (!session) return { done: { skipped: "interview deleted" } };
  const questions = session.messages.filter((m) => m.kind === "question").sort((a, b) => a.questionNumber! - b.questionNumber!);
  const answers = new Map(session.messages.filter((m) => m.kind === "answer").map((m) => [m.questionId!, m.content]));
  if (session.status === "completed") return skip(operation.id, "interview finished");
  if (questions.some((q) => !answers.has(q.id))) return skip(operation.id, "a question is already open");
  if (session.currentQuestionNumber >= session.targetQuestions) return skip(operation.id, "all questions asked");

  const history: Exchange[] = questions.map((q) => ({
    number: q.questionNumber!,
    type: q.questionType as QuestionTypeName,
    isFollowUp: q.isFollowUp,
    question: q.content,
    answer: answers.get(q.id) ?? null,
  }));
  return {
    sessionId: session.id,
    userId: session.userId,
    focus: session.focus,
    targetQuestions: session.targetQuestions,
    posting: postingSnapshot(session),
    resume: session.resumeText,
    history,
    previousAttemptQuestions: session.repeatQuestions ? [] : await questionsFromEarlierAttempts(session),
  };
}

/** Questions asked in the user's other attempts at the same posting (by posting, or by retake chain). */
async function questionsFromEarlierAttempts(session: InterviewSession) {
  const root = session.originalSessionId ?? session.id;
  const rows = await db.sessionMessage.findMany({
    where: {
      kind: "question",
      session: {
        userId: session.userId,
        id: { not: session.id },
        OR: [...(session.jobPostingId ? [{ jobPostingId: session.jobPostingId }] : []), { id: root }, { originalSessionId: root }],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { content: true },
  });
  return rows.map((r) => r.content);
}

export type NewQuestion = {
  text: string;
  type: QuestionTypeName;
  isFollowUp: boolean;
  probes: string;
  /** The model kept repeating an earlier question and its least similar reply was used. */
  repeatFallback: boolean;
};

/** Store the question as the next one of the interview, advance its counter and complete the operation. */
export async function recordQuestion(operationId: string, sessionId: string, question: NewQuestion) {
  return db.$transaction(async (tx) => {
    // Re-check under the session lock: the user may have finished, or deleted the interview, meanwhile.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM interview_sessions WHERE id = ${sessionId}::uuid FOR UPDATE`;
    if (!locked.length) return { skipped: "interview deleted" };
    const current = await tx.interviewSession.findUniqueOrThrow({ where: { id: sessionId } });
    if (current.status === "completed" || current.currentQuestionNumber >= current.targetQuestions) {
      await completeOperation(tx, operationId, { skipped: "interview finished" });
      return { skipped: "interview finished" };
    }
    const number = current.currentQuestionNumber + 1;
    const message = await tx.sessionMessage.create({
      data: {
        sessionId,
        kind: "question",
        content: question.text.trim(),
        questionNumber: number,
        questionType: question.type,
        isFollowUp: question.isFollowUp,
        probes: question.probes.trim() || null,
        operationId,
      },
    });
    await tx.interviewSession.update({ where: { id: sessionId }, data: { currentQuestionNumber: number } });
    await completeOperation(tx, operationId, {
      questionId: message.id,
      question: message.content,
      questionType: question.type,
      isFollowUp: question.isFollowUp,
      questionNumber: number,
      ...(question.repeatFallback ? { repeatFallback: true } : {}),
    });
    return { questionId: message.id };
  });
}

// --- An answer's evaluation -----------------------------------------------------------------

/** The answer to evaluate, with its question and the interview's snapshots; `done` when there is nothing to do. */
export async function evaluationContext(
  operation: Operation,
): Promise<Done | (EvaluationPromptInput & { answerId: string; sessionId: string; userId: string })> {
  const answer = await db.sessionMessage.findFirst({
    where: { id: operation.subjectId ?? undefined, kind: "answer", session: { userId: operation.userId } },
    include: { question: true, session: true, evaluation: { select: { id: true } } },
  });
  if (!answer?.question) {
    await failOperation(operation.id, "missing_answer", "That answer no longer exists.");
    return { done: { failed: "missing_answer" } };
  }
  if (answer.evaluation) {
    await db.$transaction((tx) => completeOperation(tx, operation.id, { evaluationId: answer.evaluation!.id }));
    return { done: { evaluationId: answer.evaluation.id } };
  }
  const { session, question } = answer;
  return {
    answerId: answer.id,
    sessionId: session.id,
    userId: session.userId,
    posting: postingSnapshot(session),
    resume: session.resumeText,
    question: {
      text: question.content,
      type: question.questionType as QuestionTypeName,
      isFollowUp: question.isFollowUp,
      probes: question.probes,
    },
    answer: answer.content,
  };
}

export type NewEvaluation = {
  relevance: number;
  completeness: number;
  technicalCorrectness: number;
  clarity: number;
  summary: string;
  strengths: string[];
  improvements: string[];
  knowledgeGaps: string[];
  recommendations: Recommendation[];
};

/** Store the answer's evaluation (scores clamped to 0–100, lists tidied) and complete the operation. */
export async function recordEvaluation(operationId: string, target: { answerId: string; sessionId: string }, evaluation: NewEvaluation) {
  return db.$transaction(async (tx) => {
    // The interview was deleted while the model was writing: its operation went with it.
    if (!(await sessionStillExists(tx, target.sessionId))) return { skipped: "interview deleted" };
    const row = await tx.answerEvaluation.upsert({
      where: { answerId: target.answerId },
      update: {},
      create: {
        answerId: target.answerId,
        sessionId: target.sessionId,
        relevanceScore: clampScore(evaluation.relevance),
        completenessScore: clampScore(evaluation.completeness),
        technicalCorrectness: clampScore(evaluation.technicalCorrectness),
        clarityScore: clampScore(evaluation.clarity),
        summary: evaluation.summary.trim(),
        strengths: tidyList(evaluation.strengths, 10),
        improvements: tidyList(evaluation.improvements, 10),
        knowledgeGaps: tidyList(evaluation.knowledgeGaps, 10),
        recommendations: evaluation.recommendations.slice(0, 8),
      },
    });
    await completeOperation(tx, operationId, {
      evaluationId: row.id,
      scores: {
        relevance: row.relevanceScore,
        completeness: row.completenessScore,
        technicalCorrectness: row.technicalCorrectness,
        clarity: row.clarityScore,
      },
    });
    return { evaluationId: row.id };
  });
}

// --- The interview's feedback ---------------------------------------------------------------

/** Every question, answer and evaluation of a finished interview, with its snapshots; `done` when there is nothing to do. */
export async function feedbackContext(operation: Operation): Promise<Done | (FeedbackPromptInput & { sessionId: string; userId: string })> {
  const session = await db.interviewSession.findUnique({
    where: { id: operation.sessionId! },
    include: { messages: { orderBy: { createdAt: "asc" }, include: { evaluation: true } }, feedback: { select: { id: true } } },
  });
  // Deleted meanwhile (its operations went with it): nothing to do.
  if (!session) return { done: { skipped: "interview deleted" } };
  if (session.feedback) {
    await db.$transaction((tx) => completeOperation(tx, operation.id, { feedbackId: session.feedback!.id }));
    return { done: { feedbackId: session.feedback.id } };
  }
  if (session.status !== "completed") {
    await failOperation(operation.id, "not_completed", "Feedback is written once the interview is finished.");
    return { done: { failed: "not_completed" } };
  }
  if (session.answeredCount === 0) {
    await failOperation(operation.id, "nothing_answered", NOTHING_TO_SCORE_MESSAGE);
    return { done: { failed: "nothing_answered" } };
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
  return { sessionId: session.id, userId: session.userId, posting: postingSnapshot(session), resume: session.resumeText, exchanges };
}

export type NewFeedback = {
  scores: DimensionScores;
  text: Record<keyof DimensionScores, string>;
  overallComments: string;
  knowledgeGaps: string[];
  learningRecommendations: Recommendation[];
};

/** Store the interview's feedback (one per session; the overall score is ours: the mean of the four) and complete the operation. */
export async function recordFeedback(operationId: string, sessionId: string, feedback: NewFeedback) {
  return db.$transaction(async (tx) => {
    // The interview was deleted while the model was writing: its operation went with it.
    if (!(await sessionStillExists(tx, sessionId))) return { skipped: "interview deleted" };
    const scores: DimensionScores = {
      technicalAccuracy: clampScore(feedback.scores.technicalAccuracy),
      communicationClarity: clampScore(feedback.scores.communicationClarity),
      problemSolving: clampScore(feedback.scores.problemSolving),
      relevance: clampScore(feedback.scores.relevance),
    };
    const row = await tx.interviewFeedback.upsert({
      where: { sessionId },
      update: {},
      create: {
        sessionId,
        technicalAccuracyScore: scores.technicalAccuracy,
        communicationClarityScore: scores.communicationClarity,
        problemSolvingScore: scores.problemSolving,
        relevanceScore: scores.relevance,
        overallScore: overallScore(scores),
        technicalFeedback: feedback.text.technicalAccuracy.trim(),
        communicationFeedback: feedback.text.communicationClarity.trim(),
        problemSolvingFeedback: feedback.text.problemSolving.trim(),
        relevanceFeedback: feedback.text.relevance.trim(),
        overallComments: feedback.overallComments.trim(),
        knowledgeGaps: tidyList(feedback.knowledgeGaps, 12),
        learningRecommendations: feedback.learningRecommendations.slice(0, 10),
      },
    });
    await completeOperation(tx, operationId, { feedbackId: row.id, overallScore: row.overallScore });
    return { feedbackId: row.id };
  });
}
