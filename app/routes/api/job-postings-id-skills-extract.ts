import type { Route } from "./+types/job-postings-id-skills-extract";
import { requestRequirementExtraction } from "#app/models/skill-map.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

export function loader() {
  return methodNotAllowed(["POST"]);
}

// POST /api/v1/job-postings/:id/skills/extract: read the posting's requirements again (202 with the operation; the one already running if any).
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  try {
    const operation = orApiNotFound(await requestRequirementExtraction(userId, apiId(params.id, "Job posting")), "Job posting");
    return Response.json({ operation_id: operation.id, status: operation.status }, { status: 202 });
  } catch (error) {
    return apiRefusal(error);
  }
}
