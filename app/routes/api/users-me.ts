import type { Route } from "./+types/users-me";
import { ProviderSettingsBody } from "#app/api/request-bodies.ts";
import type { ProfileJson } from "#app/api/responses.ts";
import { AiSettingsProblem, effectiveAiSettings, saveProviderSettings } from "#app/models/ai-provider.server.ts";
import { getProfile, type Profile } from "#app/models/user.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

function profileJson(profile: Profile): ProfileJson {
  const ai = effectiveAiSettings(profile);
  return {
    id: profile.id,
    email: profile.email,
    created_at: profile.createdAt.toISOString(),
    has_api_key: profile.hasApiKey,
    key_last4: profile.apiKeyLast4,
    model: ai.model,
    base_url: ai.baseUrl,
    ai_model: profile.aiModel,
    ai_base_url: profile.aiBaseUrl,
    grader_model: ai.graderModel,
    ai_grader_model: profile.aiGraderModel,
  };
}

export async function loader({ context }: Route.LoaderArgs) {
  return Response.json(profileJson(await getProfile(await requireApiUserId(context))));
}

// PATCH sets the AI provider's model and base URL, with the Settings page's rules (one model function).
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireApiUserId(context);
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const body = await readJson(request, ProviderSettingsBody);
  try {
    await saveProviderSettings(userId, { model: body.ai_model, graderModel: body.ai_grader_model, baseUrl: body.ai_base_url });
  } catch (error) {
    if (!(error instanceof AiSettingsProblem)) throw error;
    return apiError(422, "validation_error", "Some fields are invalid.", { ai_base_url: [error.message] });
  }
  return Response.json(profileJson(await getProfile(userId)));
}
