import { z } from "zod";
import {
  Id,
  InterviewFocus,
  OperationKind,
  OperationStatus,
  OverallScore,
  QuestionType,
  Score,
  SessionStatus,
  Timestamp,
} from "#app/api/json.ts";
import { EvaluationGradingFields, evaluationGradingJson } from "#app/api/grading-json.server.ts";
import type { SessionSummary } from "#app/models/interview.server.ts";
import type { InterviewView } from "#app/models/interview-view.server.ts";
import type { OperationView } from "#app/models/operation.server.ts";
import type { DeliveryMetrics } from "#app/domain/delivery.ts";

/**
 * JSON shapes of the interview API (snake_case, ISO dates): each serializer
 * returns the `z.infer` of the schema beside it, and the OpenAPI description
 * is generated from those schemas.
 */

export const SessionJson = z
  .object({
    id: Id,
    job_posting_id: Id.nullable().describe("Null once the posting was deleted; the session keeps its own copy."),
    status: SessionStatus,
    focus: InterviewFocus,
    target_questions: z.number().int(),
    current_question_number: z.number().int().describe("Questions asked so far."),
    answered_count: z.number().int(),
    retake_number: z.number().int().describe("1 for a first attempt, 2 for its first retake …"),
    original_session_id: Id.nullable().describe("The first attempt of a retake chain; null for a first attempt."),
    job_posting: z
      .object({ title: z.string(), company: z.string().nullable() })
      .describe("The posting as it was when the interview started."),
    overall_score: OverallScore.nullable().describe("From the interview's feedback; null until there is feedback."),
    created_at: Timestamp,
    updated_at: Timestamp,
    completed_at: Timestamp.nullable(),
    // ── issue 19 ──
    kind: z
      .enum(["interview", "drill", "review"])
      .describe("A drill (POST /drills) or a review drill is practice on one topic: not counted in the interview stats."),
    drill_topic: z.string().nullable().describe("A drill's topic; null for an interview."),
  })
  .describe("An interview session.");
export type SessionJson = z.infer<typeof SessionJson>;

/** A session after a state change, with the AI work that change started (if any). */
export const SessionWithOperationJson = SessionJson.extend({
  operation_id: Id.nullable().describe("The AI work this request started (next question or feedback), or null."),
}).describe("An interview session and the operation the request started.");
export type SessionWithOperationJson = z.infer<typeof SessionWithOperationJson>;

export const StartedSessionJson = SessionJson.extend({
  operation_id: Id.describe("The first question's operation: poll it."),
}).describe("The new interview session and its first question's operation.");
export type StartedSessionJson = z.infer<typeof StartedSessionJson>;

export const RetakeSessionJson = SessionJson.extend({
  repeat_questions: z.boolean(),
  operation_id: Id.describe("The first question's operation: poll it."),
}).describe("The retake: a new session for the same posting, the next attempt of the chain.");
export type RetakeSessionJson = z.infer<typeof RetakeSessionJson>;

export function sessionJson(s: SessionSummary): SessionJson {
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
    kind: s.kind === "interview" ? "interview" : s.reviewItemId ? "review" : "drill",
    drill_topic: s.drillTopic,
  };
}

export const EvaluationJson = z
  .object({
    relevance: Score,
    completeness: Score,
    technical_correctness: Score,
    clarity: Score,
    summary: z.string(),
    strengths: z.array(z.string()),
    improvements: z.array(z.string()),
    knowledge_gaps: z.array(z.string()),
    recommendations: z.array(z.object({ topic: z.string(), resource: z.string(), why: z.string() })),
    ...EvaluationGradingFields,
  })
  .describe(
    "The evaluation of one answer (scores 0–100). `strengths` and `improvements` hold only points that may be shown as fact; `grading.judgements` has every judgement with its quote and verification state.",
  );

export const QuestionMessageJson = z
  .object({
    id: Id,
    message_type: z.literal("question"),
    content: z.string(),
    question_number: z.number().int(),
    question_type: QuestionType,
    is_follow_up: z.boolean(),
    requirement_ids: z.array(Id).describe("The skill-map requirements this question probes (GET /job-postings/{id}/skills)."),
    created_at: Timestamp,
  })
  .describe("A question the interviewer asked.");

/** issue 18: how a spoken answer was said, measured from its recordings' transcripts (app/domain/delivery.ts). */
const PhraseCountJson = z.object({ phrase: z.string(), count: z.number().int() });
export const DeliveryMetricsJson = z
  .object({
    recording_count: z.number().int(),
    word_count: z.number().int(),
    duration_seconds: z.number().nullable().describe("Null when a recording's length is unknown."),
    words_per_minute: z.number().int().nullable(),
    pace: z.enum(["slow", "comfortable", "fast"]).nullable().describe("110–170 words a minute is comfortable."),
    filler_count: z.number().int(),
    fillers_per_minute: z.number().nullable(),
    fillers: z.array(PhraseCountJson).describe("Most frequent first: um, uh, like, you know, basically …"),
    hedge_count: z.number().int(),
    hedges: z.array(PhraseCountJson).describe("I think, maybe, probably, kind of …"),
    long_pauses: z
      .object({ count: z.number().int(), longest_seconds: z.number().nullable(), total_seconds: z.number() })
      .nullable()
      .describe("Silences of 2 s or more between words; null when the transcription model gave no word timings."),
    length: z
      .object({
        question_type: QuestionType,
        measure: z.enum(["seconds", "words"]),
        value: z.number(),
        typical_min: z.number(),
        typical_max: z.number(),
        verdict: z.enum(["short", "typical", "long"]),
      })
      .nullable(),
    observations: z.array(z.string()).describe("Plain-language notes, most useful first."),
  })
  .describe("Delivery feedback on a spoken answer: separate from the four content scores, which it never changes.");
export type DeliveryMetricsJson = z.infer<typeof DeliveryMetricsJson>;

export function deliveryMetricsJson(m: DeliveryMetrics): DeliveryMetricsJson {
  return {
    recording_count: m.recordingCount,
    word_count: m.wordCount,
    duration_seconds: m.durationSeconds,
    words_per_minute: m.wordsPerMinute,
    pace: m.pace,
    filler_count: m.fillerCount,
    fillers_per_minute: m.fillersPerMinute,
    fillers: m.fillers,
    hedge_count: m.hedgeCount,
    hedges: m.hedges,
    long_pauses: m.longPauses
      ? { count: m.longPauses.count, longest_seconds: m.longPauses.longestSeconds, total_seconds: m.longPauses.totalSeconds }
      : null,
    length: m.length
      ? {
          question_type: m.length.questionType,
          measure: m.length.measure,
          value: m.length.value,
          typical_min: m.length.typicalMin,
          typical_max: m.length.typicalMax,
          verdict: m.length.verdict,
        }
      : null,
    observations: m.observations,
  };
}

export const AnswerMessageJson = z
  .object({
    id: Id,
    message_type: z.literal("answer"),
    content: z.string(),
    question_id: Id,
    created_at: Timestamp,
    evaluation: EvaluationJson.nullable().describe("Null until the evaluation is ready."),
    evaluation_status: OperationStatus.describe("completed once `evaluation` is there; failed → retry in the web app."),
    delivery_metrics: DeliveryMetricsJson.nullable().describe("For an answer spoken (transcribed recordings); null for a typed one."),
  })
  .describe("The user's answer, with its evaluation once ready.");

export const MessageJson = z.discriminatedUnion("message_type", [QuestionMessageJson, AnswerMessageJson]);
export type MessageJson = z.infer<typeof MessageJson>;

export const MessageListJson = z.array(MessageJson).describe("Questions and answers in chronological order.");

export function messagesJson(view: InterviewView): MessageJson[] {
  const out: MessageJson[] = [];
  for (const x of view.exchanges) {
    out.push({
      id: x.question.id,
      message_type: "question",
      content: x.question.text,
      question_number: x.question.number,
      question_type: x.question.type,
      is_follow_up: x.question.isFollowUp,
      requirement_ids: x.question.requirements.map((r) => r.id),
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
              ...evaluationGradingJson(x.evaluation),
            }
          : null,
        evaluation_status: x.evaluation ? "completed" : (x.evaluationOperation?.status ?? "pending"),
        delivery_metrics: x.answer.delivery ? deliveryMetricsJson(x.answer.delivery) : null,
      });
    }
  }
  return out.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
}

export const SessionErrorJson = z
  .object({
    operation_id: Id.describe("The failed operation (GET /api/v1/operations/{id})."),
    operation_type: OperationKind,
    code: z.string().describe("api_key_rejected, quota_exhausted, ai_unavailable, invalid_output, stuck …"),
    message: z.string().describe("What happened and what to do, for a person."),
    retry_number: z.number().int().describe("0 for a first try; how many tries of this step failed before it."),
    failed_at: Timestamp,
  })
  .describe(
    "A failed AI step. Try again: a question with POST generate-question (resume a paused session first), the feedback with POST generate-feedback; each new try asks the model differently. Or complete or delete the session: both work in any state.",
  );

export const SessionDetailJson = SessionJson.extend({
  job_posting: z
    .object({
      title: z.string(),
      company: z.string().nullable(),
      experience_level: z.string().nullable(),
      tech_stack: z.array(z.string()),
      description: z.string(),
    })
    .describe("The posting as it was when the interview started."),
  resume_snapshot: z.string().describe("The résumé text as it was when the interview started."),
  messages: MessageListJson,
  pending_operation_id: Id.nullable().describe("The question being generated, if any: poll it."),
  last_error: SessionErrorJson.nullable().describe(
    "The latest AI step of this session that failed and was not retried since; null when none.",
  ),
}).describe("An interview session with its snapshots and every message.");
export type SessionDetailJson = z.infer<typeof SessionDetailJson>;

export function sessionDetailJson(view: InterviewView, row: SessionSummary): SessionDetailJson {
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
    last_error: view.lastFailure
      ? {
          operation_id: view.lastFailure.id,
          operation_type: view.lastFailure.kind,
          code: view.lastFailure.errorCode ?? "unknown",
          message: view.lastFailure.errorMessage ?? "This step failed.",
          retry_number: view.lastFailure.retryNumber,
          failed_at: (view.lastFailure.finishedAt ?? view.lastFailure.createdAt).toISOString(),
        }
      : null,
  };
}

export const OperationJson = z
  .object({
    id: Id,
    operation_type: OperationKind,
    status: OperationStatus,
    result: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        "When completed: the ids of what was written (question_id, evaluation_id or feedback_id) and a summary; for transcribe_answer: clip_id, text (the transcript, also appended to the session's draft) and duration_seconds; for speak_question (a question read aloud by the provider's voice): question_id and audio_url.",
      ),
    error_code: z.string().nullable().describe("When failed: api_key_rejected, quota_exhausted, ai_unavailable, invalid_output, stuck …"),
    error_message: z.string().nullable().describe("When failed: what happened and what to do, for a person."),
    retry_number: z
      .number()
      .int()
      .describe("0 for the first try of a step; each try after a failed one counts up, and the model is asked differently each time."),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .describe("One AI operation: poll until completed or failed.");
export type OperationJson = z.infer<typeof OperationJson>;

export function operationJson(o: OperationView): OperationJson {
  return {
    id: o.id,
    operation_type: o.kind,
    status: o.status,
    result: isJsonObject(o.result) ? snakeKeys(o.result) : null,
    error_code: o.errorCode,
    error_message: o.errorMessage,
    retry_number: o.retryNumber,
    created_at: o.createdAt.toISOString(),
    updated_at: o.updatedAt.toISOString(),
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The stored result's keys as the API spells them (questionId → question_id), nested objects included. */
function snakeKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), isJsonObject(v) ? snakeKeys(v) : v]),
  );
}
