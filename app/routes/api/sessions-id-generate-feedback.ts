import type { Route } from "./+types/sessions-id-generate-feedback";
import type { OperationAcceptedJson } from "#app/api/responses.ts";
import { requestSessionFeedback } from "#app/models/session-feedback.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/**
 * Ask for the session's feedback (Story 5.3): 202 with the operation to poll.
 * 400 when the session is not completed; 409 when it already has feedback or
 * the feedback is being written (that operation's id comes with the 409).
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  const sessionId = apiId(params.id, "Session");
  try {
    const operation = await requestSessionFeedback(userId, sessionId);
    return Response.json({ operation_id: operation.id, status: operation.status } satisfies OperationAcceptedJson, {
      status: 202,
      headers: { Location: `/api/v1/operations/${operation.id}` },
    });
  } catch (error) {
    return apiRefusal(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
