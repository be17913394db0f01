import { z } from "./zod.ts";

/**
 * Shapes of the AI provider settings, shared by the Settings page's forms and
 * the API's bodies (/api/v1/users/me, /api/v1/users/me/api-key). The rules
 * beyond shape live in models/ai-provider.server.ts.
 */

export const ApiKeySchema = z.string({ error: "Paste your API key" }).check(
  z.trim(),
  z.minLength(1, "Paste your API key"),
  z.minLength(20, "That key looks too short. Copy the whole key from your provider's dashboard"),
  z.maxLength(300, "That key looks too long. Paste only the key"),
  z.regex(/^\S+$/, "API keys have no spaces or line breaks. Paste only the key"),
  // The key travels in an HTTP header, which takes visible ASCII only.
  z.regex(
    /^[\s\x21-\x7E]*$/,
    "API keys are plain letters, digits and symbols — no accents, emoji or control characters. Paste only the key",
  ),
);

/** OpenAI's own keys always start with "sk-"; other providers' keys may not. */
export function openAiKeyProblem(apiKey: string, baseUrl: string): string | undefined {
  const isOpenAi = /^https:\/\/api\.openai\.com(\/|$)/i.test(baseUrl);
  return isOpenAi && !apiKey.startsWith("sk-") ? "OpenAI keys start with “sk-”. Check that you copied the whole key" : undefined;
}

export const ModelSchema = z
  .string()
  .check(
    z.trim(),
    z.maxLength(100, "Model names are at most 100 characters"),
    z.regex(/^[\w.:/@-]*$/, "Model names use letters, digits and . : / @ - _ only"),
  );

export const BaseUrlSchema = z.string().check(z.trim(), z.maxLength(500, "That URL is too long"));
