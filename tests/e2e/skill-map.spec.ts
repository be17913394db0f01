/**
 * Issue 19 — the skill map in the browser, with JavaScript on (the bar chart
 * is drawn) and off (@no-js: the table and its forms do everything). The
 * posting is saved through the API with the browser's own session (the worker
 * extracts its requirements), then the map is edited through its forms, a
 * "Weakest skills first" interview is answered, and the map shows the result.
 */
import type { Locator } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";
import { addResumeApi, apiCall, apiOf, messagesApi, openQuestionApi, setKeyApi, until } from "./support/journeys.ts";

const POSTING = {
  title: "Staff Ledger Engineer",
  company: "Acme Payments",
  description:
    "Own the reliability of our payment ledger: design APIs, lead incident reviews and scale PostgreSQL. Kafka and mentoring are essential.",
  tech_stack: ["TypeScript", "PostgreSQL", "Kafka"],
};

type SkillMap = { extraction: { status: string } | null; requirements: Array<{ id: string; name: string; state: string }> };

async function expectDrawn(chart: Locator) {
  const canvas = chart.locator("canvas");
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const pixels = element.getContext("2d")!.getImageData(0, 0, element.width, element.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        return painted;
      }),
    )
    .toBeGreaterThan(500);
}

test.describe("skill map", () => {
  test.setTimeout(120_000);

  test("requirements extracted on save, edited through the table's forms, and moved by a Weakest skills first interview @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const posting = await apiCall<{ id: string }>(api, "post", "/api/v1/job-postings", POSTING);
    const map = await until(async () => {
      const m = await apiCall<SkillMap>(api, "get", `/api/v1/job-postings/${posting.id}/skills`);
      return m.extraction?.status === "completed" ? m : null;
    }, "the requirements");
    expect(map.requirements.map((r) => r.name)).toEqual(expect.arrayContaining(["PostgreSQL", "Kafka", "TypeScript"]));

    // From the posting's page to its map.
    await page.goto(`/jobs/${posting.id}`);
    await page.getByRole("link", { name: /Skill map/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Skill map: ${POSTING.title}` })).toBeVisible();
    const table = page.getByTestId("skill-map-table");
    const row = (name: string) => table.locator(`tr[data-requirement="${name}"]`);
    await expect(row("PostgreSQL")).toContainText("Not yet probed");
    await expect(row("PostgreSQL")).toContainText("Your résumé supports it");

    // Rename, remove, add — each a form that works without JavaScript.
    await page.getByLabel("New name for Kafka").fill("Kafka event streams");
    await page.getByRole("button", { name: "Rename Kafka", exact: true }).click();
    await expect(page.getByText("Renamed to “Kafka event streams”.")).toBeVisible();
    await page.getByRole("button", { name: "Remove TypeScript", exact: true }).click();
    await expect(page.getByText("Removed. Reading the posting again will not bring it back.")).toBeVisible();
    await expect(row("TypeScript")).toHaveCount(0);
    await page.getByLabel("Name", { exact: true }).fill("kafka event stream");
    await page.getByRole("button", { name: "Add requirement" }).click();
    await expect(page.getByText("“Kafka event streams” is already in the list.")).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("Double-entry bookkeeping");
    await page.getByRole("button", { name: "Add requirement" }).click();
    await expect(row("Double-entry bookkeeping")).toContainText("added by you");

    // A "Weakest skills first" interview of 3 questions, answered through the API.
    const session = await apiCall<{ id: string }>(api, "post", "/api/v1/sessions", {
      job_posting_id: posting.id,
      target_questions: 3,
      focus: "weakest_first",
    });
    for (let n = 1; n <= 3; n++) {
      const question = await openQuestionApi(api, session.id);
      expect((question as { requirement_ids?: string[] }).requirement_ids?.length, "each question records its requirement").toBeGreaterThan(
        0,
      );
      await apiCall(api, "post", `/api/v1/sessions/${session.id}/answers`, {
        question_id: question.id,
        answer_text: `Answer ${n}: with an example.`,
      });
    }
    await until(async () => {
      const messages = await messagesApi(api, session.id);
      return messages.filter((m) => m.message_type === "answer" && m.evaluation_status === "completed").length === 3;
    }, "three scored answers");

    await page.reload();
    const changes = page.getByTestId("skill-change");
    await expect(changes.first()).toContainText("Not yet probed →");
    const link = changes.first().getByRole("link", { name: /See the answer/ });
    await expect(link).toHaveAttribute("href", new RegExp(`^/interviews/${session.id}/feedback#q\\d-feedback$`));

    const chart = page.getByTestId("skill-chart");
    if (!javaScriptEnabled) {
      await expect(chart).toHaveCount(0);
      await expect(page.locator("canvas")).toHaveCount(0);
    } else {
      await expectDrawn(chart);
      const config = JSON.parse((await chart.getAttribute("data-chart"))!) as { labels: string[]; data: Array<number | null> };
      expect(config.labels).toContain("Kafka event streams");
      expect(config.data.filter((v) => v !== null).length).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
    }
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/interviews/${session.id}/feedback#q\\d-feedback$`));

    // "Show a strong answer" under the first answer: written from the résumé, with a placeholder to fill in.
    const first = page.getByRole("article", { name: "Question 1", exact: true });
    await first.getByRole("button", { name: "Show a strong answer" }).click();
    const strong = page.getByTestId("strong-answer");
    await expect(strong).toBeVisible();
    await expect(strong).toContainText("A strong answer, from your résumé");
    await expect(page.getByTestId("placeholders")).toContainText("What measurable result did this work have");

    // Back on the map: "Drill this" on PostgreSQL — 3 questions on that topic, each answer scored as it comes.
    await page.goto(`/jobs/${posting.id}/skills`);
    await row("PostgreSQL")
      .getByRole("button", { name: /Drill this/ })
      .click();
    await expect(page.getByTestId("drill-banner")).toContainText("Drill: PostgreSQL — 3 questions on this one topic");
    await expect(page.getByTestId("current-question")).toContainText("PostgreSQL", { timeout: 30_000 });
    await page.getByLabel("Your answer").fill("I would partition the ledger table by month and tune autovacuum.");
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(page.locator("#q1-feedback")).toBeAttached({ timeout: 30_000 });
    await expect(page.getByTestId("current-question")).toContainText("PostgreSQL", { timeout: 30_000 });
  });
});
