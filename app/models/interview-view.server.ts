import type { OperationKind, OperationStatus, QuestionType } from "#app/generated/prisma/client.ts";
import type { DeliveryMetrics } from "#app/domain/delivery.ts";
import { db } from "#app/utils/db.server.ts";
import { readGrading, readSecondOpinion, type GradingView, type SecondOpinionView } from "./answer-grading.server.ts";
import { asDeliveryMetrics } from "./voice.server.ts";
import { toModelAnswerView, toStarCheckView, type ModelAnswerView, type StarCheckView } from "./answer-coaching.server.ts";

/**
 * Everything the interview page (and GET /sessions/:id) shows, in one read:
 * the posting snapshot, the questions in order with their answers and
 * evaluations, the open question and its draft, and the state of the AI work
 * in flight (generating, analysing, failed with a reason).
 */

export type OperationState = {
  id: string;
  kind: OperationKind;
  status: OperationStatus;
  errorCode: string | null;
  errorMessage: string | null;
  retryNumber: number;
  createdAt: Date;
  finishedAt: Date | null;
};

export type EvaluationView = {
  id: string;
  relevance: number;
  completeness: number;
  technicalCorrectness: number;
  clarity: number;
  average: number;
  summary: string;
  strengths: string[];
  improvements: string[];
  knowledgeGaps: string[];
  recommendations: Array<{ topic: string; resource: string; why: string }>;
  /** Quotes and their verification, rubric version, grader model (issue 17); null for a legacy evaluation. */
  grading: GradingView | null;
  /** The re-grade the user asked for, if any; the scores above stay the score of record. */
  secondOpinion: SecondOpinionView | null;
};

// issue 19: coaching on an answer (a strong answer on request, the STAR checklist of a behavioural one).
export type CoachingView = {
  modelAnswer: ModelAnswerView | null;
  modelAnswerOperation: OperationState | null;
  starCheck: StarCheckView | null;
  starCheckOperation: OperationState | null;
};

export type ExchangeView = {
  question: {
    id: string;
    number: number;
    text: string;
    type: QuestionType;
    isFollowUp: boolean;
    probes: string | null;
    createdAt: Date;
    /** issue 19: the skill-map requirements it probes. */
    requirements: Array<{ id: string; name: string }>;
  };
  /** delivery: the metrics of the recordings spoken for it (issue 18); null for a typed answer. */
  answer: { id: string; text: string; createdAt: Date; delivery: DeliveryMetrics | null } | null;
  evaluation: EvaluationView | null;
  evaluationOperation: OperationState | null;
  /** The latest second-opinion request on this answer (running or failed), if any. */
  regradeOperation: OperationState | null;
  coaching: CoachingView;
};

function readSession(userId: string, sessionId: string) {
  return db.interviewSession.findFirst({
    // Every relation in the same SQL statement, so all of it comes from one snapshot: read apart, a
    // question stored (with its operation marked completed, in one commit) between the messages query and
    // the operations query would show neither the question nor the work in progress, and a page without
    // JavaScript would stop refreshing on "Ready for the next question?".
    relationLoadStrategy: "join",
    where: { id: sessionId, userId },
    include: {
      messages: {
        orderBy: [{ createdAt: "asc" }],
        include: {
          evaluation: true,
          requirementLinks: { select: { requirement: { select: { id: true, name: true } } } },
          modelAnswers: { orderBy: { createdAt: "desc" }, take: 1 },
          starCheck: true,
        },
      },
      operations: {
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          kind: true,
          status: true,
          subjectId: true,
          errorCode: true,
          errorMessage: true,
          retryNumber: true,
          createdAt: true,
          finishedAt: true,
        },
      },
      feedback: { select: { id: true, overallScore: true } },
      // issue 18: which question each recording answers, and its transcript once there.
      audioClips: { orderBy: { createdAt: "asc" }, select: { id: true, questionId: true, transcript: true } },
      // issue 18: which questions the provider has read aloud, with which model and voice.
      questionSpeech: { select: { questionId: true, model: true, voice: true } },
    },
  });
}

export async function getInterview(userId: string, sessionId: string) {
  const session = await readSession(userId, sessionId);
  if (!session) return null;

  const answersByQuestion = new Map(session.messages.filter((m) => m.kind === "answer").map((m) => [m.questionId!, m]));
  const latestOperation = (kind: OperationKind, subjectId: string | null = null) =>
    session.operations.find((o) => o.kind === kind && o.subjectId === subjectId) ?? null;

  const exchanges: ExchangeView[] = session.messages
    .filter((m) => m.kind === "question")
    .sort((a, b) => a.questionNumber! - b.questionNumber!)
    .map((q) => {
      const answer = answersByQuestion.get(q.id) ?? null;
      const e = answer?.evaluation ?? null;
      return {
        question: {
          id: q.id,
          number: q.questionNumber!,
          text: q.content,
          type: q.questionType!,
          isFollowUp: q.isFollowUp,
          probes: q.probes,
          createdAt: q.createdAt,
          requirements: q.requirementLinks.map((l) => l.requirement),
        },
        answer: answer
          ? { id: answer.id, text: answer.content, createdAt: answer.createdAt, delivery: asDeliveryMetrics(answer.deliveryMetrics) }
          : null,
        evaluation: e
          ? {
              id: e.id,
              relevance: e.relevanceScore,
              completeness: e.completenessScore,
              technicalCorrectness: e.technicalCorrectness,
              clarity: e.clarityScore,
              average: Math.round((e.relevanceScore + e.completenessScore + e.technicalCorrectness + e.clarityScore) / 4),
              summary: e.summary,
              strengths: e.strengths,
              improvements: e.improvements,
              knowledgeGaps: e.knowledgeGaps,
              recommendations: e.recommendations as EvaluationView["recommendations"],
              grading: readGrading(e),
              secondOpinion: readSecondOpinion(e),
            }
          : null,
        evaluationOperation: answer && !e ? latestOperation("answer_evaluation", answer.id) : null,
        regradeOperation: e && !e.secondOpinion && answer ? latestOperation("answer_regrade", answer.id) : null,
        coaching: {
          modelAnswer: answer?.modelAnswers[0] ? toModelAnswerView(answer.modelAnswers[0]) : null,
          modelAnswerOperation: answer ? latestOperation("write_model_answer", answer.id) : null,
          starCheck: answer?.starCheck ? toStarCheckView(answer.starCheck) : null,
          starCheckOperation: answer ? latestOperation("check_star", answer.id) : null,
        },
      };
    });

  const open = exchanges.find((x) => x.answer === null) ?? null;
  // Question operations run one at a time, so the latest one is either the one that produced the
  // last question (completed) or the one the user is waiting on (running, or failed with a reason).
  const latestQuestionOperation = latestOperation("question_generation");
  const pendingQuestion =
    latestQuestionOperation && latestQuestionOperation.status !== "completed" && session.status !== "completed"
      ? latestQuestionOperation
      : null;

  const feedbackOperation = latestOperation("session_feedback");
  // issue 18: the latest transcription of a recording for the open question (running, failed, or done with its text).
  const openClips = new Map(session.audioClips.filter((c) => c.questionId === open?.question.id).map((c) => [c.id, c]));
  const transcriptionOperation = session.operations.find((o) => o.kind === "transcribe_answer" && openClips.has(o.subjectId ?? "")) ?? null;
  const transcription = transcriptionOperation
    ? { operation: transcriptionOperation, text: openClips.get(transcriptionOperation.subjectId!)?.transcript ?? null }
    : null;
  // issue 18: the open question read aloud by the provider — its audio, and the latest request for it.
  const openSpeech = session.questionSpeech.find((s) => s.questionId === open?.question.id) ?? null;
  const questionSpeech = {
    audio: openSpeech ? { model: openSpeech.model, voice: openSpeech.voice } : null,
    operation: open ? latestOperation("speak_question", open.question.id) : null,
  };
  // The step the user is left with a failure of: the latest try of each step that still matters
  // (the next question of an unfinished interview, an answer without its evaluation, the missing
  // feedback), when it failed. The newest of those; a cancelled question (finished meanwhile) is no failure.
  const lastFailure =
    [pendingQuestion, ...exchanges.map((x) => x.evaluationOperation), session.feedback === null ? feedbackOperation : null]
      .filter((o): o is OperationState => o !== null && o.status === "failed" && o.errorCode !== "cancelled")
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;

  return {
    id: session.id,
    status: session.status,
    focus: session.focus,
    targetQuestions: session.targetQuestions,
    currentQuestionNumber: session.currentQuestionNumber,
    answeredCount: session.answeredCount,
    retakeNumber: session.retakeNumber,
    originalSessionId: session.originalSessionId,
    createdAt: session.createdAt,
    completedAt: session.completedAt,
    posting: {
      jobPostingId: session.jobPostingId,
      title: session.postingTitle,
      company: session.postingCompany,
      experienceLevel: session.postingExperienceLevel,
      techStack: session.postingTechStack,
      description: session.postingDescription,
    },
    resumeText: session.resumeText,
    // issue 19: a drill on one topic (null for an interview).
    drill:
      session.kind === "drill"
        ? { topic: session.drillTopic ?? "", requirementId: session.drillRequirementId, reviewItemId: session.reviewItemId }
        : null,
    exchanges,
    openQuestion: open,
    draft: open && session.draftQuestionId === open.question.id ? (session.draftAnswer ?? "") : "",
    draftUpdatedAt: open && session.draftQuestionId === open.question.id ? session.draftUpdatedAt : null,
    questionOperation: pendingQuestion,
    feedbackOperation,
    transcription,
    questionSpeech,
    lastFailure,
    repeatQuestions: session.repeatQuestions,
    hasFeedback: session.feedback !== null,
    feedbackId: session.feedback?.id ?? null,
    overallScore: session.feedback?.overallScore ?? null,
  };
}

export type InterviewView = NonNullable<Awaited<ReturnType<typeof getInterview>>>;

/** True while the page should keep checking for news (JS polling or the no-JS meta refresh). */
export function hasWorkInFlight(view: InterviewView) {
  const running = (o: OperationState | null) => o !== null && (o.status === "pending" || o.status === "processing");
  return (
    running(view.questionOperation) ||
    running(view.transcription?.operation ?? null) ||
    running(view.questionSpeech.operation) ||
    view.exchanges.some((x) => running(x.evaluationOperation) || running(x.regradeOperation)) ||
    view.exchanges.some((x) => running(x.coaching.modelAnswerOperation) || running(x.coaching.starCheckOperation)) ||
    (view.status === "completed" && !view.hasFeedback && running(view.feedbackOperation))
  );
}
