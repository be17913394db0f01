import type { Route } from "./+types/sessions-id-answers-id-second-opinion";
import type { OperationAcceptedJson } from "#app/api/responses.ts";
import { requestSecondOpinion } from "#app/models/second-opinion.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** 202 {operation_id}: the answer is graded again; 404 another user's answer; 409 not evaluated yet, or asked before. */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  try {
    const operation = await requestSecondOpinion(userId, apiId(params.id, "Session"), apiId(params.answerId, "Answer"));
    return Response.json({ operation_id: operation.id, status: operation.status } satisfies OperationAcceptedJson, { status: 202 });
  } catch (error) {
    return apiRefusal(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
