/**
 * Issue 19 — spaced review in the browser, with JavaScript on and off (@no-js):
 * a question missed in a drill waits a day, then shows under "Due for review"
 * on the dashboard; "Review now" opens a review drill that asks it in a fresh
 * wording; answering it moves the item off the list. "A day passes" by moving
 * the item's due date back in the database (nothing sleeps, no clock is faked).
 */
import pg from "pg";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";
import { addResumeApi, apiCall, apiOf, messagesApi, openQuestionApi, setKeyApi, until } from "./support/journeys.ts";

const POSTING = {
  title: "Streaming Platform Engineer",
  company: "Acme Payments",
  description: "Run our Kafka clusters and the services on top of them; PostgreSQL experience is a plus.",
  tech_stack: ["Kafka", "PostgreSQL"],
};

type SkillMap = { extraction: { status: string } | null; requirements: Array<{ id: string; name: string }> };

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string, values: unknown[]) {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

test.describe("spaced review", () => {
  test.setTimeout(120_000);

  test("a missed drill question comes back under Due for review and is asked in a fresh wording @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
    app,
  }) => {
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const posting = await apiCall<{ id: string }>(api, "post", "/api/v1/job-postings", POSTING);
    const map = await until(async () => {
      const m = await apiCall<SkillMap>(api, "get", `/api/v1/job-postings/${posting.id}/skills`);
      return m.extraction?.status === "completed" ? m : null;
    }, "the requirements");
    const kafka = map.requirements.find((r) => r.name === "Kafka")!;

    // A drill on Kafka whose first answer misses (scores below 60).
    const drill = await apiCall<{ id: string }>(api, "post", "/api/v1/drills", { requirement_id: kafka.id });
    const missed = await openQuestionApi(api, drill.id);
    await apiCall(api, "post", `/api/v1/sessions/${drill.id}/answers`, { question_id: missed.id, answer_text: "Not sure, sorry." });
    const answerId = await until(async () => {
      const answer = (await messagesApi(api, drill.id)).find((m) => m.message_type === "answer" && m.evaluation_status === "completed");
      return answer?.id;
    }, "the missed answer's score");
    const item = await until(
      async () => (await query<{ id: string }>(app.databaseUrl, "SELECT id FROM review_items WHERE missed_answer_id = $1", [answerId]))[0],
      "the review item",
    );

    // Not due for a day: the dashboard says so.
    await page.goto("/dashboard");
    const reviews = page.getByTestId("due-reviews");
    await expect(reviews.getByRole("heading", { name: "Due for review" })).toBeVisible();
    await expect(reviews).toContainText("Nothing to review today.");

    // A day passes.
    await query(app.databaseUrl, "UPDATE review_items SET due_at = now() - interval '1 minute' WHERE id = $1", [item.id]);
    await page.reload();
    await expect(reviews.getByTestId("due-review")).toHaveCount(1);
    await expect(reviews.getByTestId("due-review")).toContainText("Kafka");
    if (javaScriptEnabled) await expectNoAxeViolations(page);

    await reviews.getByRole("button", { name: "Review now: Kafka" }).click();
    await expect(page).toHaveURL(/\/interviews\/[0-9a-f-]+$/);
    await expect(page.getByTestId("drill-banner")).toContainText(
      "Review: Kafka — a question you missed earlier, asked in a fresh wording.",
    );
    const current = page.getByTestId("current-question");
    await expect(current).toContainText("Kafka", { timeout: 30_000 });
    await expect(current).not.toContainText(missed.content);
    await page
      .getByLabel("Your answer")
      .fill(
        "I check consumer lag and partition count first, then the broker logs. I would tell a colleague to avoid committing offsets before the work is done.",
      );
    await page.getByRole("button", { name: "Submit answer" }).click();
    // One question: answered, the review is finished and its transcript shows the answer's score.
    await expect(page.getByRole("region", { name: "Questions and answers" }).getByTestId("score-badge")).toBeVisible({ timeout: 30_000 });

    // Reviewed: off the list until its next interval.
    await until(
      async () =>
        (await query<{ reviews: number }>(app.databaseUrl, "SELECT reviews FROM review_items WHERE id = $1", [item.id]))[0]?.reviews === 1,
      "the review to count",
    );
    await page.goto("/dashboard");
    await expect(reviews).toContainText("Nothing to review today.");
  });
});
