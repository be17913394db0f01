import type { GradedAnswer } from "#app/ai/grading/grade-answer.server.ts";
import { bandFor } from "#app/ai/grading/rubric.ts";
import type { QuestionTypeName } from "#app/ai/schemas.ts";
import { clampScore, overallScore, type DimensionScores } from "#app/domain/progress.ts";
import { Prisma, type Operation } from "#app/generated/prisma/client.ts";
import { tidyList } from "#app/utils/clean-text.ts";
import { db } from "#app/utils/db.server.ts";
import { evaluationColumns, secondOpinionColumn } from "./answer-grading.server.ts";
import { NOTHING_TO_SCORE_MESSAGE } from "./interview.server.ts";
import { getInterview, type InterviewView } from "./interview-view.server.ts";
import {
  completeOperation,
  failOperation,
  OPERATION_ENDED,
  operationStillProcessing,
  sessionStillExists,
  subjectGone,
} from "./operation.server.ts";
import { linkQuestionToRequirements } from "./skill-map.server.ts";
import { queueStarCheck } from "./answer-coaching.server.ts";
import { trackReview } from "./review.server.ts";
import { questionsAskedOnTopic } from "./drill.server.ts";
import type { FeedbackView } from "./session-feedback.server.ts";

/**
 * The AI jobs' side of the interview: what each job (worker/jobs/) gives the
 * model — read through getInterview, the same view the pages and the API show —
 * and how its reply is stored. A job that finds nothing to do ends here too
 * (`done`). A result is written in one transaction with the session's counters
 * and the operation's completion, after checking the interview was not deleted
 * (or finished) while the model was writing.
 */

type Done = { done: Record<string, unknown> };

/** Complete a job whose work is already done (a re-delivered job): what it found is its result. */
async function finish(operationId: string, result: Prisma.InputJsonObject): Promise<Done> {
  await db.$transaction((tx) => completeOperation(tx, operationId, result));
  return { done: result };
}

/** Finish a job with nothing to write (the interview moved on meanwhile); the reason is kept on the operation. */
const skip = (operationId: string, reason: string) => finish(operationId, { skipped: reason });

// --- The next question ----------------------------------------------------------------------

/**
 * What the next question is asked from: the snapshots, every earlier question and answer, and the
 * questions of the user's other attempts at the same posting (unless the retake allows repeats).
 */
export async function questionContext(operation: Operation) {
  const view = await getInterview(operation.userId, operation.sessionId!);
  // Deleted meanwhile (its operations went with it): nothing to do.
  if (!view) return { done: { skipped: "interview deleted" } };
  if (view.status === "completed") return skip(operation.id, "interview finished");
  if (view.openQuestion) return skip(operation.id, "a question is already open");
  if (view.currentQuestionNumber >= view.targetQuestions) return skip(operation.id, "all questions asked");
  return {
    sessionId: view.id,
    focus: view.focus,
    targetQuestions: view.targetQuestions,
    posting: view.posting,
    resume: view.resumeText,
    history: view.exchanges.map((x) => ({ ...exchangeFacts(x), answer: x.answer?.text ?? null })),
    previousAttemptQuestions: view.repeatQuestions
      ? []
      : view.drill // issue 19: a drill never repeats a question asked before on its topic
        ? await questionsAskedOnTopic(operation.userId, { sessionId: view.id, ...view.drill })
        : await questionsFromEarlierAttempts(operation.userId, view),
    drill: view.drill, // issue 19
  };
}

/** Questions asked in the user's other attempts at the same posting (by posting, or by retake chain). */
async function questionsFromEarlierAttempts(userId: string, view: InterviewView) {
  const root = view.originalSessionId ?? view.id;
  const postingId = view.posting.jobPostingId;
  const rows = await db.sessionMessage.findMany({
    where: {
      kind: "question",
      session: {
        userId,
        id: { not: view.id },
        OR: [...(postingId ? [{ jobPostingId: postingId }] : []), { id: root }, { originalSessionId: root }],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { content: true },
  });
  return rows.map((r) => r.content);
}

/** One question of the interview as the prompts name it. */
function exchangeFacts(x: InterviewView["exchanges"][number]) {
  return { number: x.question.number, type: x.question.type, isFollowUp: x.question.isFollowUp, question: x.question.text };
}

export type NewQuestion = {
  text: string;
  type: QuestionTypeName;
  isFollowUp: boolean;
  probes: string;
  /** The model kept repeating an earlier question and its least similar reply was used. */
  repeatFallback: boolean;
  /** issue 19: the skill-map requirements the question probes ("Weakest skills first"). */
  requirementIds?: string[];
};

/**
 * Store the question as the next one of the interview, advance its counter and complete the operation.
 * Nothing is written when the operation ended meanwhile (failed by the stuck sweep: a Retry may already
 * have asked the next question) or when a question is already open: one open question at most.
 */
export async function recordQuestion(operationId: string, sessionId: string, question: NewQuestion) {
  return db.$transaction(async (tx) => {
    // Re-check under the session lock: the user may have finished, or deleted the interview, meanwhile.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM interview_sessions WHERE id = ${sessionId}::uuid FOR UPDATE`;
    if (!locked.length) return { skipped: "interview deleted" };
    if (!(await operationStillProcessing(tx, operationId))) return OPERATION_ENDED;
    const open = await tx.sessionMessage.findFirst({ where: { sessionId, kind: "question", answer: null }, select: { id: true } });
    if (open) {
      await completeOperation(tx, operationId, { skipped: "a question is already open" });
      return { skipped: "a question is already open" };
    }
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
    if (question.requirementIds?.length) await linkQuestionToRequirements(tx, message.id, question.requirementIds);
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

/**
 * The answer to evaluate (or, for a second opinion, to grade again), with its question and the
 * interview's snapshots; `done` when there is nothing to do.
 */
export async function evaluationContext(operation: Operation, options: { regrade?: boolean } = {}) {
  const view = await getInterview(operation.userId, operation.sessionId!);
  const exchange = view?.exchanges.find((x) => x.answer?.id === operation.subjectId);
  if (!view || !exchange?.answer) return subjectGone(operation, "missing_answer", "That answer no longer exists.");
  if (options.regrade) {
    if (!exchange.evaluation) {
      await failOperation(operation.id, "not_evaluated", "This answer has no feedback yet to ask a second opinion on.");
      return { done: { failed: "not_evaluated" } };
    }
    if (exchange.evaluation.secondOpinion) return finish(operation.id, { evaluationId: exchange.evaluation.id, secondOpinion: true });
  } else if (exchange.evaluation) return finish(operation.id, { evaluationId: exchange.evaluation.id });
  const { question, answer } = exchange;
  return {
    answerId: answer.id,
    sessionId: view.id,
    posting: view.posting,
    resume: view.resumeText,
    question: { text: question.text, type: question.type, isFollowUp: question.isFollowUp, probes: question.probes },
    answer: answer.text,
  };
}

/**
 * Store the answer's grading — scores under the screening's caps, each judgement with its quote and
 * verification state, the rubric version, grader model and sampling (models/answer-grading.server.ts) —
 * and complete the operation.
 */
export async function recordEvaluation(operationId: string, target: { answerId: string; sessionId: string }, graded: GradedAnswer) {
  return db.$transaction(async (tx) => {
    // The interview was deleted while the model was writing: its operation went with it.
    if (!(await sessionStillExists(tx, target.sessionId))) return { skipped: "interview deleted" };
    const row = await tx.answerEvaluation.upsert({
      where: { answerId: target.answerId },
      update: {},
      create: { answerId: target.answerId, sessionId: target.sessionId, ...evaluationColumns(graded) },
    });
    await queueStarCheck(tx, operationId, target.answerId); // issue 19: behavioural answers get their STAR checklist
    await trackReview(tx, target.answerId); // issue 19: a missed answer opens a spaced review; a review's answer moves it
    await completeOperation(tx, operationId, gradingResult(row.id, graded));
    return { evaluationId: row.id };
  });
}

/** What an evaluating operation reports: the scores with their bands, the screened class, rubric and grader. */
function gradingResult(evaluationId: string, graded: GradedAnswer): Prisma.InputJsonObject {
  return {
    evaluationId,
    scores: { ...graded.scores },
    bands: Object.fromEntries(Object.entries(graded.scores).map(([k, v]) => [k, bandFor(v).name])),
    answerClass: graded.class,
    rubricVersion: graded.rubricVersion,
    graderModel: graded.graderModel,
  };
}

/** Keep the second opinion next to the score of record (which it never replaces) and complete the operation. */
export async function recordSecondOpinion(operationId: string, target: { answerId: string; sessionId: string }, graded: GradedAnswer) {
  return db.$transaction(async (tx) => {
    if (!(await sessionStillExists(tx, target.sessionId))) return { skipped: "interview deleted" };
    // Only the first second opinion is kept: a re-delivered job changes nothing.
    const updated = await tx.answerEvaluation.updateMany({
      where: { answerId: target.answerId, secondOpinion: { equals: Prisma.DbNull } },
      data: { secondOpinion: secondOpinionColumn(graded, new Date()) },
    });
    const row = await tx.answerEvaluation.findUniqueOrThrow({ where: { answerId: target.answerId }, select: { id: true } });
    await completeOperation(tx, operationId, { ...gradingResult(row.id, graded), secondOpinion: true, stored: updated.count === 1 });
    return { evaluationId: row.id };
  });
}

// --- The interview's feedback ---------------------------------------------------------------

/** Every question, answer and evaluation of a finished interview, with its snapshots; `done` when there is nothing to do. */
export async function feedbackContext(operation: Operation) {
  const view = await getInterview(operation.userId, operation.sessionId!);
  // Deleted meanwhile (its operations went with it): nothing to do.
  if (!view) return { done: { skipped: "interview deleted" } };
  if (view.feedbackId) return finish(operation.id, { feedbackId: view.feedbackId });
  if (view.status !== "completed") {
    await failOperation(operation.id, "not_completed", "Feedback is written once the interview is finished.");
    return { done: { failed: "not_completed" } };
  }
  if (view.answeredCount === 0) {
    await failOperation(operation.id, "nothing_answered", NOTHING_TO_SCORE_MESSAGE);
    return { done: { failed: "nothing_answered" } };
  }
  return {
    sessionId: view.id,
    posting: view.posting,
    resume: view.resumeText,
    exchanges: view.exchanges.map((x) => ({ ...exchangeFacts(x), answer: x.answer?.text ?? null, evaluation: x.evaluation })),
  };
}

/** The interview's feedback as the model gave it: everything but the overall score, which is ours. */
export type NewFeedback = Pick<FeedbackView, "scores" | "text" | "overallComments" | "knowledgeGaps" | "learningRecommendations"> & {
  /** Issue 17: each claim with the question numbers it cites (models/debrief-claims.server.ts). */
  claims?: Array<{ section: string; claim: string; questions: number[]; verified: boolean }>;
  rubricVersion?: string;
  graderModel?: string;
};

/** Store the interview's feedback (one per session; the overall score is ours: the mean of the four) and complete the operation. */
export async function recordFeedback(operationId: string, sessionId: string, feedback: NewFeedback) {
  return db.$transaction(async (tx) => {
    // The interview was deleted while the model was writing: its operation went with it.
    if (!(await sessionStillExists(tx, sessionId))) return { skipped: "interview deleted" };
    const scores = Object.fromEntries(Object.entries(feedback.scores).map(([k, v]) => [k, clampScore(v)])) as DimensionScores;
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
        claims: feedback.claims,
        rubricVersion: feedback.rubricVersion,
        graderModel: feedback.graderModel,
      },
    });
    await completeOperation(tx, operationId, { feedbackId: row.id, overallScore: row.overallScore });
    return { feedbackId: row.id };
  });
}
