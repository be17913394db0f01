import type { Route } from "./+types/users-me-api-key";
import { ApiKeyBody } from "#app/api/request-bodies.ts";
import type { ApiKeyStatusJson } from "#app/api/responses.ts";
import { AiSettingsProblem, removeApiKey, saveApiKey } from "#app/models/ai-provider.server.ts";
import { getProfile } from "#app/models/user.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const profile = await getProfile(await requireApiUserId(context));
  return Response.json({ configured: profile.hasApiKey, last4: profile.apiKeyLast4 } satisfies ApiKeyStatusJson);
}

// POST adds, PUT replaces (both store the key encrypted), DELETE removes. The key is never returned.
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireApiUserId(context);
  if (request.method === "DELETE") return Response.json((await removeApiKey(userId)) satisfies ApiKeyStatusJson);
  if (request.method !== "POST" && request.method !== "PUT") return methodNotAllowed(["GET", "POST", "PUT", "DELETE"]);
  const body = await readJson(request, ApiKeyBody);
  try {
    const saved = await saveApiKey(userId, body.api_key);
    return Response.json({ configured: true, last4: saved.last4 } satisfies ApiKeyStatusJson);
  } catch (error) {
    if (!(error instanceof AiSettingsProblem)) throw error;
    return apiError(422, "validation_error", "Some fields are invalid.", { api_key: [error.message] });
  }
}
