import type { Route } from "./+types/job-postings-id-skills";
import { NewRequirementBody } from "#app/api/request-bodies.ts";
import { requirementJson, skillMapJson } from "#app/api/skill-map-json.server.ts";
import { addPostingRequirement, getSkillMap } from "#app/models/skill-map.server.ts";
import { methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

// GET /api/v1/job-postings/:id/skills: the posting's skill map (requirements, evidence, states).
export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const map = orApiNotFound(await getSkillMap(userId, apiId(params.id, "Job posting")), "Job posting");
  return Response.json(skillMapJson(map), { headers: { "Cache-Control": "no-store" } });
}

// POST /api/v1/job-postings/:id/skills: add a requirement of your own (201).
export async function action({ request, params, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const userId = await requireApiUserId(context);
  const postingId = apiId(params.id, "Job posting");
  const body = await readJson(request, NewRequirementBody);
  try {
    const requirement = orApiNotFound(await addPostingRequirement(userId, postingId, body), "Job posting");
    return Response.json(requirementJson(requirement), {
      status: 201,
      headers: { Location: `/api/v1/job-postings/${postingId}/skills/${requirement.id}` },
    });
  } catch (error) {
    return apiRefusal(error);
  }
}
