import type { Route } from "./+types/answers-id-model-answer";
import { modelAnswerJson } from "#app/api/coaching-json.server.ts";
import { getModelAnswer, requestModelAnswer } from "#app/models/answer-coaching.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

// GET /api/v1/answers/:id/model-answer: the newest strong answer (null until one is written) and the operation writing it.
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const found = orApiNotFound(await getModelAnswer(userId, apiId(params.id, "Answer")), "Answer");
  return Response.json(modelAnswerJson(found), { headers: { "Cache-Control": "no-store" } });
}

// POST /api/v1/answers/:id/model-answer: write a strong answer for a scored answer (202 with the operation; 409 before it is scored).
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const userId = await requireApiUserId(context);
  const answerId = apiId(params.id, "Answer");
  try {
    const operation = orApiNotFound(await requestModelAnswer(userId, answerId), "Answer");
    return Response.json({ operation_id: operation.id, status: operation.status }, { status: 202 });
  } catch (error) {
    return apiRefusal(error);
  }
}
