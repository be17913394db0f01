import type { Route } from "./+types/sessions-id-answers";
import { AnswerBody } from "#app/api/request-bodies.ts";
import type { AnswerSubmissionJson } from "#app/api/responses.ts";
import { submitAnswer } from "#app/models/interview.server.ts";
import { methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** 201 with the stored answer and the operations it started; 200 when the same answer was already stored. */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
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
          question_id: result.answer.questionId!, // an answer always belongs to a question
          created_at: result.answer.createdAt.toISOString(),
        },
        evaluation_operation_id: result.evaluationOperationId,
        next_question_operation_id: result.nextQuestionOperationId,
        feedback_operation_id: ("feedbackOperationId" in result ? result.feedbackOperationId : null) ?? null,
        session_status: result.completed ? "completed" : "active",
      } satisfies AnswerSubmissionJson,
      { status: result.created ? 201 : 200 },
    );
  } catch (error) {
    return apiRefusal(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
