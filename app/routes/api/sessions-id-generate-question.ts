import type { Route } from "./+types/sessions-id-generate-question";
import type { OperationAcceptedJson } from "#app/api/responses.ts";
import { requestNextQuestion } from "#app/models/interview.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** 202 {operation_id}; 400 when the session is not active; 409 when a question is pending or unanswered. */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  try {
    const operation = await requestNextQuestion(userId, apiId(params.id, "Session"));
    return Response.json({ operation_id: operation.id, status: operation.status } satisfies OperationAcceptedJson, { status: 202 });
  } catch (error) {
    return apiRefusal(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
