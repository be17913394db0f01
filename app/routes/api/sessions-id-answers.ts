import { z } from "zod";
import type { Route } from "./+types/sessions-id-answers";
import { ANSWER_LIMITS, submitAnswer } from "#app/models/interview.server.ts";
import { methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { interviewApiError } from "#app/utils/interview-json.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";

const AnswerBody = z.object({
  answer_text: z
    .string()
    .trim()
    .min(ANSWER_LIMITS.min, "Write an answer")
    .max(ANSWER_LIMITS.max, `Answers can be at most ${ANSWER_LIMITS.max} characters`),
  // Optional but recommended: makes a retried request safe (the same answer is stored once).
  question_id: z.uuid().optional(),
});

/** 201 with the stored answer and the operations it started; 200 when the same answer was already stored. */
export async function action({ request, params }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(request);
  const sessionId = apiId(params.id, "Session");
  const body = await readJson(request, AnswerBody);
  try {
    const result = await submitAnswer(userId, sessionId, { content: body.answer_text, questionId: body.question_id });
    return Response.json(
      {
        message: {
          id: result.answer.id,
          message_type: "answer",
          content: result.answer.content,
          question_id: result.answer.questionId,
          created_at: result.answer.createdAt.toISOString(),
        },
        evaluation_operation_id: result.evaluationOperationId,
        next_question_operation_id: result.nextQuestionOperationId,
        feedback_operation_id: "feedbackOperationId" in result ? result.feedbackOperationId : null,
        session_status: result.completed ? "completed" : "active",
      },
      { status: result.created ? 201 : 200 },
    );
  } catch (error) {
    return interviewApiError(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
