/** Fixed secrets for tests only (never used outside tests). */
export const TEST_SECRETS = {
  SESSION_SECRET: "test-only-session-secret-0123456789abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

export function baseTestEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    ...TEST_SECRETS,
    AI_ALLOW_PRIVATE_BASE_URLS: "true",
    AI_TIMEOUT_MS: "3000",
    AI_MAX_RETRIES: "2",
    OPENAI_MODEL: "gpt-4o-mini",
    ...overrides,
  };
}
