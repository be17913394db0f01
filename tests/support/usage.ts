import type { TestApp } from "./test-app.ts";

/** Spend `usd` of this month's budget with calls made outside any interview (gpt-4o-mini output tokens at $0.60 / 1M). */
export async function spend(app: TestApp, userId: string, usd: number) {
  await app.db.aiUsage.create({
    data: {
      userId,
      kind: "question_generation",
      model: "gpt-4o-mini",
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: Math.round((usd / 0.6) * 1e6),
    },
  });
}
