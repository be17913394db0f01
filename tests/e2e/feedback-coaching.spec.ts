/**
 * Issue 19 on the feedback page, with JavaScript on and off (@no-js): each
 * answer's STAR checklist and "Show a strong answer" (the page refreshes
 * itself while it is written), and "Drill this" on the interview's knowledge
 * gaps, which opens a drill on that gap.
 */
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";
import { addPostingApi, addResumeApi, apiCall, apiOf, openQuestionApi, setKeyApi, startSessionApi, until } from "./support/journeys.ts";

const AI_STEP = { timeout: 45_000 };
const ANSWERS = [
  "I would shard the ledger by account and keep it append-only, with idempotency keys on every write.",
  "When our payment ledger kept drifting last year, my task was to find out why before the audit. " +
    "I wrote a reconciliation job and I added idempotency keys to every write. As a result, drift dropped by 90% within two weeks.",
  "We would add more servers.",
];

test.describe("coaching on the feedback page", () => {
  test("STAR checklist, a strong answer on request, and Drill this on a knowledge gap @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const sessionId = await startSessionApi(api, await addPostingApi(api), 3);
    for (const [n, text] of ANSWERS.entries()) {
      const question = await openQuestionApi(api, sessionId, `question ${n + 1}`);
      await apiCall(api, "post", `/api/v1/sessions/${sessionId}/answers`, { question_id: question.id, answer_text: text });
    }
    await until(async () => (await api.get(`/api/v1/sessions/${sessionId}/feedback`)).ok(), "the feedback", 60_000);

    await page.goto(`/interviews/${sessionId}/feedback`);
    const second = page.getByRole("article", { name: "Question 2" });
    await expect(second.getByTestId("star-check")).toBeVisible(AI_STEP);
    await expect(second.getByTestId("star-result")).toContainText("As a result, drift dropped by 90% within two weeks.");
    if (javaScriptEnabled) await expectNoAxeViolations(page);

    const first = page.getByRole("article", { name: "Question 1" });
    await first.getByRole("button", { name: "Show a strong answer" }).click();
    await expect(page.getByRole("article", { name: "Question 1" }).getByTestId("strong-answer")).toContainText(
      "A strong answer, from your résumé",
      AI_STEP,
    );

    const gaps = page.getByTestId("drill-feedback-gaps");
    const drill = gaps.getByRole("button", { name: /^Drill this/ }).first();
    const gap = ((await drill.textContent()) ?? "").replace(/^Drill this:?\s*/, "").trim();
    await drill.click();
    await expect(page.getByTestId("drill-banner")).toContainText(`Drill: ${gap} — 3 questions on this one topic`);
    await expect(page.getByTestId("current-question")).toBeVisible(AI_STEP);
  });
});
