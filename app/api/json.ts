import { z } from "zod";
import { QUESTION_TYPES } from "#app/ai/schemas.ts";
import { INTERVIEW_FOCUSES, SESSION_STATUSES } from "#app/domain/interview-rules.ts";

/**
 * Building blocks of the API's response schemas (snake_case JSON, UUID ids,
 * UTC ISO 8601 timestamps). Each serializer's return type is the `z.infer` of
 * its schema, so TypeScript refuses a serializer that drifts from what the
 * OpenAPI description says.
 */

export const Id = z.uuid();
export const Timestamp = z.iso.datetime().describe("UTC, ISO 8601 (e.g. 2026-01-31T09:30:00.000Z).");
export const Score = z.number().int().min(0).max(100);
/** The mean of four whole scores, so it moves in steps of 0.25. */
export const OverallScore = z.number().min(0).max(100);
export const SessionStatus = z.enum(SESSION_STATUSES);
export const InterviewFocus = z.enum(INTERVIEW_FOCUSES);
export const QuestionType = z.enum(QUESTION_TYPES);
export const OperationKind = z.enum([
  "question_generation",
  "answer_evaluation",
  "session_feedback",
  "answer_regrade",
  "transcribe_answer",
  "speak_question",
  "extract_requirements",
  "write_model_answer",
  "check_star",
]);
export const OperationStatus = z.enum(["pending", "processing", "completed", "failed"]);
export const Trend = z.enum(["improving", "stable", "declining"]);
export const LearningRecommendation = z.object({ topic: z.string(), resource: z.string(), why: z.string() });
