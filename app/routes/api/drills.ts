import type { Route } from "./+types/drills";
import type { StartedDrillJson } from "#app/api/coaching-json.server.ts";
import { StartDrillBody } from "#app/api/request-bodies.ts";
import { startDrill } from "#app/models/drill.server.ts";
import { methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { orApiNotFound } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

export function loader() {
  return methodNotAllowed(["POST"]);
}

// POST /api/v1/drills: "Drill this" — a short session on a requirement or a knowledge gap, or a review drill (201; its first question is being written).
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  const body = await readJson(request, StartDrillBody);
  try {
    const source =
      "requirement_id" in body
        ? { requirementId: body.requirement_id }
        : "review_item_id" in body // issue 19: a review drill
          ? { reviewItemId: body.review_item_id }
          : { answerId: body.answer_id, knowledgeGap: body.knowledge_gap };
    const what = "requirement_id" in body ? "Requirement" : "review_item_id" in body ? "Review item" : "Answer";
    const drill = orApiNotFound(await startDrill(userId, source), what);
    const json: StartedDrillJson = {
      id: drill.session.id,
      topic: drill.session.drillTopic ?? "",
      target_questions: drill.session.targetQuestions,
      operation_id: drill.operationId,
      created_at: drill.session.createdAt.toISOString(),
    };
    return Response.json(json, { status: 201, headers: { Location: `/api/v1/sessions/${drill.session.id}` } });
  } catch (error) {
    return apiRefusal(error);
  }
}
