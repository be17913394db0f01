import type { Route } from "./+types/sessions-id-retake";
import { RetakeBody } from "#app/api/request-bodies.ts";
import { getSessionSummary } from "#app/models/interview.server.ts";
import { retakeInterview } from "#app/models/retake.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { sessionJson, type RetakeSessionJson } from "#app/api/interview-json.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** The body is optional: none at all means the defaults. */
async function readOptionalBody(request: Request) {
  if (request.headers.get("content-type")) return readJson(request, RetakeBody);
  if ((await request.text()).trim() !== "") {
    throw apiError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  return {};
}

/**
 * Retake a completed session (Story 7.2): 201 with the new session (same
 * posting, next attempt number, the chain's original session) and the
 * operation of its first question. 400 when the session is not completed.
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  const sessionId = apiId(params.id, "Session");
  // A foreign or missing id is a 404 even when the body is invalid: the id is checked first.
  orApiNotFound(await getSessionSummary(userId, sessionId), "Session");
  const body = await readOptionalBody(request);
  try {
    const { session, operationId } = await retakeInterview(userId, sessionId, { repeatQuestions: body.repeat_questions });
    return Response.json(
      { ...sessionJson(session), repeat_questions: session.repeatQuestions, operation_id: operationId } satisfies RetakeSessionJson,
      { status: 201, headers: { Location: `/api/v1/sessions/${session.id}` } },
    );
  } catch (error) {
    return apiRefusal(error);
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
