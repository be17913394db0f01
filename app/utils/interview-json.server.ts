import { InterviewError, INTERVIEW_ERROR_STATUS } from "#app/models/interview.server.ts";
import type { InterviewView } from "#app/models/interview-view.server.ts";
import type { OperationView } from "#app/models/operation.server.ts";
import { apiError } from "./api.server.ts";

/** JSON shapes of the interview API (snake_case, ISO dates). */

type SessionRow = {
  id: string;
  jobPostingId: string | null;
  status: string;
  focus: string;
  targetQuestions: number;
  currentQuestionNumber: number;
  answeredCount: number;
  retakeNumber: number;
  originalSessionId: string | null;
  postingTitle: string;
  postingCompany: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  feedback?: { overallScore: number } | null;
};

export function sessionJson(s: SessionRow) {
  return {
    id: s.id,
    job_posting_id: s.jobPostingId,
    status: s.status,
    focus: s.focus,
    target_questions: s.targetQuestions,
    current_question_number: s.currentQuestionNumber,
    answered_count: s.answeredCount,
    retake_number: s.retakeNumber,
    original_session_id: s.originalSessionId,
    job_posting: { title: s.postingTitle, company: s.postingCompany },
    overall_score: s.feedback?.overallScore ?? null,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    completed_at: s.completedAt?.toISOString() ?? null,
  };
}

export function messagesJson(view: InterviewView) {
  const out: Array<Record<string, unknown>> = [];
  for (const x of view.exchanges) {
    out.push({
      id: x.question.id,
      message_type: "question",
      content: x.question.text,
      question_number: x.question.number,
      question_type: x.question.type,
      is_follow_up: x.question.isFollowUp,
      created_at: x.question.createdAt.toISOString(),
    });
    if (x.answer) {
      out.push({
        id: x.answer.id,
        message_type: "answer",
        content: x.answer.text,
        question_id: x.question.id,
        created_at: x.answer.createdAt.toISOString(),
        evaluation: x.evaluation
          ? {
              relevance: x.evaluation.relevance,
              completeness: x.evaluation.completeness,
              technical_correctness: x.evaluation.technicalCorrectness,
              clarity: x.evaluation.clarity,
              summary: x.evaluation.summary,
              strengths: x.evaluation.strengths,
              improvements: x.evaluation.improvements,
              knowledge_gaps: x.evaluation.knowledgeGaps,
              recommendations: x.evaluation.recommendations,
            }
          : null,
        evaluation_status: x.evaluation ? "completed" : (x.evaluationOperation?.status ?? "pending"),
      });
    }
  }
  return out.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
}

export function sessionDetailJson(view: InterviewView, row: SessionRow) {
  return {
    ...sessionJson(row),
    job_posting: {
      title: view.posting.title,
      company: view.posting.company,
      experience_level: view.posting.experienceLevel,
      tech_stack: view.posting.techStack,
      description: view.posting.description,
    },
    resume_snapshot: view.resumeText,
    messages: messagesJson(view),
    pending_operation_id:
      view.questionOperation && (view.questionOperation.status === "pending" || view.questionOperation.status === "processing")
        ? view.questionOperation.id
        : null,
  };
}

export function operationJson(o: OperationView) {
  return {
    id: o.id,
    operation_type: o.kind,
    status: o.status,
    result: o.result,
    error_code: o.errorCode,
    error_message: o.errorMessage,
    created_at: o.createdAt.toISOString(),
    updated_at: o.updatedAt.toISOString(),
  };
}

/** InterviewError → the API's error shape and status; anything else is rethrown. */
export function interviewApiError(error: unknown): Response {
  if (!(error instanceof InterviewError)) throw error;
  return apiError(
    INTERVIEW_ERROR_STATUS[error.code],
    error.code,
    error.message,
    error.missing
      ? { prerequisites: error.missing.map((m) => (m === "resume" ? "Add your résumé first." : "Add your OpenAI key first.")) }
      : undefined,
  );
}
