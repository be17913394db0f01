/**
 * Issue 20 — the server-wide default budget (AI_MONTHLY_BUDGET_USD) applies to
 * every user who has not set their own: Settings names it, and at 100 % a new
 * interview is refused. (Its own file: the environment is read once per process.)
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { readyUser } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { AI_MONTHLY_BUDGET_USD: "1" } });
});
afterAll(() => app.close());

it("applies the server's default budget to a user without one, and the user's own budget over it", async () => {
  const { client, postingId, userId } = await readyUser(app);
  const settings = visibleText(await (await client.get("/settings")).text());
  expect(settings).toContain("Leave empty to use this server's default of $1.00.");

  // $1.20 spent this month (2,000,000 output tokens of gpt-4o-mini at $0.60 / 1M).
  await app.db.aiUsage.create({
    data: { userId, kind: "question_generation", model: "gpt-4o-mini", inputTokens: 0, cachedInputTokens: 0, outputTokens: 2_000_000 },
  });
  const start = { jobPostingId: postingId, targetQuestions: "3", focus: "balanced" };
  const refused = await client.post("/interviews/new", start);
  expect(refused.status).toBe(402);
  expect(visibleText(await refused.text())).toContain("You have reached your monthly AI budget ($1.20 of $1.00 estimated this month)");

  await client.post("/settings", { intent: "save-budget", monthlyBudget: "10" });
  expect((await client.post("/interviews/new", start)).status).toBe(302);
});
