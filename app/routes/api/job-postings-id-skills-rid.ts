import type { Route } from "./+types/job-postings-id-skills-rid";
import { RequirementChangesBody } from "#app/api/request-bodies.ts";
import { requirementJson } from "#app/api/skill-map-json.server.ts";
import { editPostingRequirement } from "#app/models/skill-map.server.ts";
import { methodNotAllowed, noContent, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

export function loader() {
  return methodNotAllowed(["PATCH", "DELETE"]);
}

// PATCH renames and/or re-weights one requirement; DELETE removes it (kept as removed, so a re-extraction does not bring it back).
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "PATCH" && request.method !== "DELETE") return methodNotAllowed(["PATCH", "DELETE"]);
  const userId = await requireApiUserId(context);
  const postingId = apiId(params.id, "Requirement");
  const requirementId = apiId(params.requirementId, "Requirement");
  const edit = request.method === "DELETE" ? ({ remove: true } as const) : await readJson(request, RequirementChangesBody);
  try {
    const requirement = orApiNotFound(await editPostingRequirement(userId, postingId, requirementId, edit), "Requirement");
    return request.method === "DELETE" ? noContent() : Response.json(requirementJson(requirement));
  } catch (error) {
    return apiRefusal(error);
  }
}
