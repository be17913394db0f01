import { AiError, classifyAiError, testApiKey, type AiSettings } from "#app/ai/client.server.ts";
import { openAiKeyProblem } from "#app/forms/ai-settings-validation.ts";
import { db } from "#app/utils/db.server.ts";
import { decryptSecret, DecryptionError, encryptSecret } from "#app/utils/encryption.server.ts";
import { env } from "#app/utils/env.server.ts";
import { assertPublicBaseUrl, BlockedUrlError } from "#app/utils/outbound-url.server.ts";
import { consume, type Refusal } from "./rate-limit.server.ts";

/**
 * The user's AI provider: their key (stored encrypted), model and base URL.
 * Each rule lives here once, for the Settings page, /api/v1/users/me and
 * /api/v1/users/me/api-key, and the worker's AI calls. Users' keys are
 * decrypted here and only here.
 * (The fields' shapes are the zod schemas in forms/ai-settings-validation.ts.)
 */

/** A setting that breaks a rule beyond its shape; `field` names it for the form or the API's `fields`. */
export class AiSettingsProblem extends Error {
  override name = "AiSettingsProblem";
  readonly field: "apiKey" | "baseUrl";
  constructor(field: "apiKey" | "baseUrl", message: string) {
    super(message);
    this.field = field;
  }
}

/** The user's own choices; null means "the server default". */
export type ProviderChoice = { aiModel: string | null; aiBaseUrl: string | null; aiGraderModel?: string | null };

/**
 * What the user's AI calls use: their own models and base URL, else the server defaults. `model`
 * asks the questions; `graderModel` grades the answers and writes the debrief (each defaults to
 * the server's default for that job).
 */
export function effectiveAiSettings(user: ProviderChoice) {
  const defaults = {
    model: env().OPENAI_MODEL,
    graderModel: env().OPENAI_GRADER_MODEL ?? env().OPENAI_MODEL,
    baseUrl: env().OPENAI_BASE_URL,
  };
  const baseUrl = user.aiBaseUrl ?? defaults.baseUrl;
  return {
    model: user.aiModel ?? defaults.model,
    graderModel: user.aiGraderModel ?? defaults.graderModel,
    baseUrl,
    /** The user picked the endpoint, not the operator: the SSRF guard applies and redirects are not followed. */
    userChosenBaseUrl: baseUrl !== defaults.baseUrl,
    defaults,
  };
}

/**
 * The user's key (decrypted), model and base URL for an AI call; an AiError the user can act on when
 * the key is missing or unreadable. `purpose` picks the model: "grading" (answers, debriefs) uses the
 * grading model, everything else the model that asks the questions.
 */
export async function loadAiSettings(userId: string, purpose: "asking" | "grading" = "asking"): Promise<AiSettings> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { apiKeyCiphertext: true, aiModel: true, aiBaseUrl: true, aiGraderModel: true },
  });
  if (!user.apiKeyCiphertext) throw new AiError("no_api_key", "Add your OpenAI key in Settings to start interviews.");
  let apiKey: string;
  try {
    apiKey = decryptSecret(user.apiKeyCiphertext, userId);
  } catch (error) {
    if (error instanceof DecryptionError) {
      throw new AiError(
        "key_unreadable",
        "Your saved OpenAI key can't be read any more (the server's encryption key changed). Save your key again in Settings.",
      );
    }
    throw error;
  }
  const { model, graderModel, baseUrl, userChosenBaseUrl } = effectiveAiSettings(user);
  return { apiKey, model: purpose === "grading" ? graderModel : model, baseUrl, userChosenBaseUrl };
}

const providerChoice = (userId: string) => db.user.findUniqueOrThrow({ where: { id: userId }, select: { aiModel: true, aiBaseUrl: true } });

/**
 * Store (or replace) the user's key, encrypted; only its last 4 characters stay
 * readable. Checked against the endpoint the key will be sent to.
 */
export async function saveApiKey(userId: string, apiKey: string) {
  const problem = openAiKeyProblem(apiKey, effectiveAiSettings(await providerChoice(userId)).baseUrl);
  if (problem) throw new AiSettingsProblem("apiKey", problem);
  const { ciphertext, keyId } = encryptSecret(apiKey, userId);
  const user = await db.user.update({
    where: { id: userId },
    data: { apiKeyCiphertext: ciphertext, apiKeyKeyId: keyId, apiKeyLast4: apiKey.slice(-4), apiKeyUpdatedAt: new Date() },
    select: { apiKeyLast4: true, apiKeyUpdatedAt: true },
  });
  return { configured: true, last4: user.apiKeyLast4, updatedAt: user.apiKeyUpdatedAt };
}

const NO_KEY = { apiKeyCiphertext: null, apiKeyKeyId: null, apiKeyLast4: null, apiKeyUpdatedAt: null };

export async function removeApiKey(userId: string) {
  await db.user.update({ where: { id: userId }, data: NO_KEY });
  return { configured: false, last4: null };
}

export const KEY_REMOVED_WITH_ENDPOINT_MESSAGE =
  "Your API key was removed: a key is only ever sent to the endpoint it was saved for. Add the key for the new endpoint.";

/**
 * Change the model and/or the base URL: a field left out stays as it is; null
 * or "" goes back to the server default. A base URL must be http(s), without
 * credentials, and — unless the operator allows private endpoints — resolve
 * to public addresses only (the SSRF guard, utils/outbound-url.server.ts).
 * A saved key goes to the endpoint it was saved for and nowhere else: moving
 * to another server (origin) removes it in the same update (`keyRemoved`), so
 * whoever holds a session cannot have the key sent to a server of their own.
 */
export async function saveProviderSettings(
  userId: string,
  changes: { model?: string | null; graderModel?: string | null; baseUrl?: string | null },
) {
  const data: Partial<ProviderChoice> = {};
  if (changes.model !== undefined) data.aiModel = changes.model || null;
  if (changes.graderModel !== undefined) data.aiGraderModel = changes.graderModel || null;
  if (changes.baseUrl !== undefined) {
    try {
      data.aiBaseUrl = changes.baseUrl ? await assertPublicBaseUrl(changes.baseUrl) : null;
    } catch (error) {
      if (error instanceof BlockedUrlError) throw new AiSettingsProblem("baseUrl", error.message);
      throw error;
    }
  }
  return db.$transaction(async (tx) => {
    // Locked, so a key saved at the same moment is judged against the endpoint it will really go to.
    const [current] = await tx.$queryRaw<Array<{ ai_base_url: string | null; has_key: boolean }>>`
      SELECT ai_base_url, api_key_ciphertext IS NOT NULL AS has_key FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    const origin = (baseUrl: string | null) => new URL(baseUrl ?? env().OPENAI_BASE_URL).origin;
    const keyRemoved = Boolean(current?.has_key && data.aiBaseUrl !== undefined && origin(data.aiBaseUrl) !== origin(current.ai_base_url));
    const saved = await tx.user.update({
      where: { id: userId },
      data: { ...data, ...(keyRemoved ? NO_KEY : {}) },
      select: { aiModel: true, aiBaseUrl: true, aiGraderModel: true },
    });
    return { ...saved, keyRemoved };
  });
}

/** Settings' "Test key": one real call to the user's provider with the saved key, within the per-user limit. */
export async function testUserApiKey(userId: string): Promise<{ ok: boolean; message: string; limited?: Refusal }> {
  const refused = await consume(["key_test_user", userId]);
  if (refused) return { ok: false, message: refused.message, limited: refused };
  try {
    return await testApiKey(await loadAiSettings(userId));
  } catch (error) {
    return { ok: false, message: classifyAiError(error).message }; // no key, or one that can't be read
  }
}
