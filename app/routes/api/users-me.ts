import type { Route } from "./+types/users-me";
import type { ProfileJson } from "#app/api/responses.ts";
import { getProfile } from "#app/models/user.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { env } from "#app/utils/env.server.ts";

export async function loader({ request }: Route.LoaderArgs) {
  const profile = await getProfile(await requireApiUserId(request));
  return Response.json({
    id: profile.id,
    email: profile.email,
    created_at: profile.createdAt.toISOString(),
    has_api_key: profile.hasApiKey,
    key_last4: profile.apiKeyLast4,
    model: profile.aiModel ?? env().OPENAI_MODEL,
    base_url: profile.aiBaseUrl ?? env().OPENAI_BASE_URL,
  } satisfies ProfileJson);
}

export function action() {
  return methodNotAllowed(["GET"]);
}
