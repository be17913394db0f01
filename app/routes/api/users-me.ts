import type { Route } from "./+types/users-me";
import { ProviderSettingsBody } from "#app/api/request-bodies.ts";
import type { ProfileJson } from "#app/api/responses.ts";
import { voiceSettingsJson } from "#app/api/voice-json.server.ts";
import { AiSettingsProblem, effectiveAiSettings, saveProviderSettings } from "#app/models/ai-provider.server.ts";
import { getProfile, type Profile } from "#app/models/user.server.ts";
import { getVoiceSettings, saveVoiceSettings, type VoiceSettings } from "#app/models/voice.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

function profileJson(profile: Profile, voice: VoiceSettings): ProfileJson {
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
    voice: voiceSettingsJson(voice),
  };
}

async function currentProfile(userId: string) {
  const [profile, voice] = await Promise.all([getProfile(userId), getVoiceSettings(userId)]);
  return Response.json(profileJson(profile, voice));
}

export async function loader({ context }: Route.LoaderArgs) {
  return currentProfile(await requireApiUserId(context));
}

// PATCH sets the AI provider's model and base URL, and the voice choices, with the Settings page's rules (the same model functions).
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireApiUserId(context);
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const body = await readJson(request, ProviderSettingsBody);
  try {
    // First: the one change that can still be refused (the base URL's address).
    await saveProviderSettings(userId, { model: body.ai_model, graderModel: body.ai_grader_model, baseUrl: body.ai_base_url });
  } catch (error) {
    if (!(error instanceof AiSettingsProblem)) throw error;
    return apiError(422, "validation_error", "Some fields are invalid.", { ai_base_url: [error.message] });
  }
  if (body.voice) {
    const v = body.voice;
    await saveVoiceSettings(userId, {
      transcriptionModel: v.transcription_model,
      readAloud: v.read_aloud,
      speechModel: v.speech_model,
      speechVoice: v.speech_voice,
      maxRecordingSeconds: v.max_recording_seconds,
      keepRecordings: v.keep_recordings,
    });
  }
  return currentProfile(userId);
}
