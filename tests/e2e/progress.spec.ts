/**
 * Issue 6 — feedback, progress and the dashboard through the browser, with
 * JavaScript on (the charts are drawn, their tooltips name each session) and
 * off (tests tagged @no-js: the tables carry the same numbers). Two attempts
 * at one posting are completed through the JSON API with the signed-in
 * browser's own session, the worker and the fake OpenAI.
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, newApiKey, recordSecret, test } from "./fixtures.ts";
import { apiCall, until } from "./support/journeys.ts";

const RESUME =
  "Ada Example — Senior backend engineer. 8 years building payment systems in TypeScript and Go; led a ledger migration to event sourcing.";
const POSTING = {
  title: "Staff Backend Engineer",
  company: "Acme Payments",
  description:
    "Own the reliability of our payment ledger: design APIs, lead incident reviews and scale PostgreSQL to millions of transactions per day.",
};

type Message = { id: string; message_type: string; question_id?: string };

/** Answer every question of the session through the API, then wait for its feedback. */
async function completeThroughApi(request: APIRequestContext, sessionId: string, questions: number) {
  for (let n = 1; n <= questions; n++) {
    const question = await until(async () => {
      const session = (await apiCall(request, "get", `/api/v1/sessions/${sessionId}`)) as { messages: Message[] };
      const answered = new Set(session.messages.filter((m) => m.message_type === "answer").map((m) => m.question_id));
      return session.messages.find((m) => m.message_type === "question" && !answered.has(m.id));
    }, `question ${n}`);
    await apiCall(request, "post", `/api/v1/sessions/${sessionId}/answers`, {
      question_id: question.id,
      answer_text: `Answer ${n}: idempotency keys, an outbox table and a reconciliation job, measured by ledger drift.`,
    });
  }
  await until(async () => (await request.get(`/api/v1/sessions/${sessionId}/feedback`)).ok(), `feedback of ${sessionId}`, 30_000);
}

/** A signed-in user with a key, a résumé, a posting and two completed, scored attempts at it. */
async function twoAttempts(page: Page) {
  const request = page.context().request; // the browser's own cookie session
  const key = newApiKey();
  recordSecret("api-key", key);
  await apiCall(request, "post", "/api/v1/users/me/api-key", { api_key: key });
  await apiCall(request, "post", "/api/v1/resumes", { content: RESUME });
  const posting = (await apiCall(request, "post", "/api/v1/job-postings", POSTING)) as { id: string };
  const first = (await apiCall(request, "post", "/api/v1/sessions", { job_posting_id: posting.id, target_questions: 3 })) as { id: string };
  await completeThroughApi(request, first.id, 3);
  const second = (await apiCall(request, "post", `/api/v1/sessions/${first.id}/retake`, {})) as { id: string; retake_number: number };
  expect(second.retake_number).toBe(2);
  await completeThroughApi(request, second.id, 3);
  const progress = (await apiCall(request, "get", `/api/v1/job-postings/${posting.id}/progress`)) as {
    attempts: { overall_score: number; change: number | null }[];
    dimensions: { label: string; scores: number[]; total_change: number; trend: string }[];
  };
  return { postingId: posting.id, firstId: first.id, secondId: second.id, progress };
}

/** The chart's canvas is visible and has painted pixels (axes, lines, points). */
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
    .toBeGreaterThan(1000);
}

const shown = (score: number) => (Number.isInteger(score) ? String(score) : score.toFixed(1).replace(/\.0$/, ""));

test.describe("progress across attempts", () => {
  test.setTimeout(120_000);

  test("two attempts: deltas and trends in the tables, the same numbers in the drawn chart and its tooltips @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    const { postingId, firstId, progress } = await twoAttempts(page);
    const [a1, a2] = progress.attempts;
    expect(a2!.change).toBe(a2!.overall_score - a1!.overall_score);

    await page.goto(`/jobs/${postingId}/progress`);
    await expect(page.getByRole("heading", { level: 1, name: `Your progress: ${POSTING.title}` })).toBeVisible();
    const rows = page.getByTestId("attempt-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("Attempt #1");
    await expect(rows.nth(0)).toContainText(`${shown(a1!.overall_score)} ·`);
    await expect(rows.nth(1)).toContainText("Attempt #2 · retake");
    await expect(rows.nth(1)).toContainText("vs attempt #1");
    const word = a2!.change! > 0 ? "improved" : a2!.change! < 0 ? "declined" : "no change";
    await expect(rows.nth(1)).toContainText(word);

    // The dimension table: every score of both attempts, the total change and the trend word, with the threshold stated.
    const table = page.getByTestId("dimension-table");
    // The rule is stated next to the table (above it, so it wraps at a phone's width) and is the table's description.
    await expect(table).toHaveAccessibleDescription(/5 points or more/);
    for (const d of progress.dimensions) {
      const row = table.getByRole("row", { name: new RegExp(`^${d.label}`) });
      for (const [i, score] of d.scores.entries()) await expect(row.locator("td").nth(i)).toHaveText(shown(score));
      await expect(row).toContainText(d.trend[0]!.toUpperCase() + d.trend.slice(1));
    }

    const chart = page.getByTestId("progress-chart");
    if (!javaScriptEnabled) {
      // Without JavaScript the table is the chart: nothing is drawn, nothing is missing.
      await expect(chart).toHaveCount(0);
      await expect(page.locator("canvas")).toHaveCount(0);
    } else {
      await page.getByRole("region", { name: "Scores across attempts" }).scrollIntoViewIfNeeded(); // drawn as it nears the screen
      await expectDrawn(chart);
      await expect(chart.locator("canvas")).toHaveAttribute("role", "img");
      const config = JSON.parse((await chart.getAttribute("data-chart"))!) as {
        labels: string[];
        tooltips: string[];
        datasets: { label: string; data: number[] }[];
      };
      expect(config.labels).toEqual(["Attempt #1", "Attempt #2"]);
      expect(config.tooltips).toHaveLength(2);
      expect(config.tooltips[0]).toContain(`${POSTING.title} · Attempt #1 ·`);
      expect(config.tooltips[1]).toContain(`${POSTING.title} · Attempt #2 ·`);
      expect(config.datasets[0]).toEqual({ label: "Overall", data: [a1!.overall_score, a2!.overall_score] });
      for (const d of progress.dimensions) expect(config.datasets).toContainEqual({ label: d.label, data: d.scores });
      await expectNoAxeViolations(page);
    }

    // The feedback of the first attempt, and the dashboard's comparison of both.
    await page.goto(`/interviews/${firstId}/feedback`);
    await expect(page.getByTestId("overall-score")).toContainText(shown(a1!.overall_score));
    await expect(page.getByRole("heading", { level: 2, name: "Knowledge gaps" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "What to study next" })).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(page);

    await page.goto("/dashboard");
    await expect(page.getByTestId("stat-completed")).toHaveText("2");
    await expect(page.getByTestId("stat-answered")).toHaveText("6");
    const comparison = page.getByTestId("comparison-row");
    await expect(comparison).toHaveCount(2);
    await expect(comparison.nth(1)).toContainText(word);
    const trend = page.getByTestId("trend-chart");
    if (javaScriptEnabled) {
      await expectDrawn(trend);
      const config = JSON.parse((await trend.getAttribute("data-chart"))!) as {
        labels: string[];
        tooltips: string[];
        datasets: { data: number[] }[];
      };
      expect(config.tooltips[1]).toContain(`${POSTING.title} — ${POSTING.company} · Attempt #2 ·`);
      // Both attempts were made minutes apart: each point has its own label, and the table names each row as the chart does.
      expect(new Set(config.labels).size, `distinct labels: ${config.labels.join(" / ")}`).toBe(2);
      expect(config.labels).toEqual(await comparison.locator("td:first-child").allInnerTexts());
      expect(config.tooltips[1]).toContain(config.labels[1]);
      expect(config.datasets[0]!.data).toEqual([a1!.overall_score, a2!.overall_score]);
      await expectNoAxeViolations(page);
      await page.goto(`/interviews?job=${postingId}`);
      await expect(page.getByTestId("history-row")).toHaveCount(2);
      await expectNoAxeViolations(page);
    } else {
      await expect(trend).toHaveCount(0);
    }
  });

  test("a retake starts from the completed interview page, with the same-questions option @no-js", async ({ signedInPage: page }) => {
    const request = page.context().request;
    const key = newApiKey();
    recordSecret("api-key", key);
    await apiCall(request, "post", "/api/v1/users/me/api-key", { api_key: key });
    await apiCall(request, "post", "/api/v1/resumes", { content: RESUME });
    const posting = (await apiCall(request, "post", "/api/v1/job-postings", POSTING)) as { id: string };
    const first = (await apiCall(request, "post", "/api/v1/sessions", { job_posting_id: posting.id, target_questions: 3 })) as {
      id: string;
    };
    await completeThroughApi(request, first.id, 3);

    await page.goto(`/interviews/${first.id}`);
    await page.getByLabel(/Repeat the same questions/).check();
    await page.getByRole("button", { name: "Retake this interview" }).click();
    await expect(page).not.toHaveURL(new RegExp(`/interviews/${first.id}$`));
    await expect(page.getByText("Attempt #2 · retake")).toBeVisible();
    await page.getByRole("link", { name: "View job posting" }).click();
    await page.getByRole("link", { name: "See your progress" }).click();
    await expect(page.getByTestId("attempt-row")).toHaveCount(2);
    await expect(page.getByTestId("retake-encouragement")).toContainText("You have one scored attempt at this job");
  });
});
