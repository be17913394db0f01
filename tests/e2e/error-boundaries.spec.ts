/**
 * Issue 7 point 9 — a component crash in one panel does not blank the page.
 * The realistic crash: the chart's code (a lazily loaded chunk) fails to
 * download. The chart panel says it could not be shown and offers "Try
 * again"; the rest of the page — headings, numbers, the table with the same
 * scores, navigation — stays. Once the network is back, "Try again" draws the
 * chart (by reloading the page: the browser remembers a failed module for the
 * life of the page). Route-level failures are covered by the route error
 * boundaries (GeneralErrorBoundary) elsewhere.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, newApiKey, recordSecret, test } from "./fixtures.ts";
import { apiCall, until } from "./support/journeys.ts";

const RESUME =
  "Grace Example — Platform engineer. 7 years running PostgreSQL and Kubernetes for a payments company; on-call lead; wrote the incident runbooks.";
const POSTING = {
  title: "Site Reliability Engineer",
  company: "Acme Payments",
  description: "Keep our payment platform up: SLOs, incident response, capacity planning and PostgreSQL operations at scale.",
};
const CHART_CHUNK = /\/assets\/score-line-chart-[^/]+\.js$/;

/** One interview through the API (the browser's own session), answered to the end, with its feedback written. */
async function scoredInterview(request: APIRequestContext, postingId: string) {
  const session = (await apiCall(request, "post", "/api/v1/sessions", { job_posting_id: postingId, target_questions: 3 })) as {
    id: string;
  };
  for (let n = 1; n <= 3; n++) {
    const question = await until(async () => {
      const detail = (await apiCall(request, "get", `/api/v1/sessions/${session.id}`)) as {
        messages: { id: string; message_type: string; question_id?: string }[];
      };
      const answered = new Set(detail.messages.filter((m) => m.message_type === "answer").map((m) => m.question_id));
      return detail.messages.find((m) => m.message_type === "question" && !answered.has(m.id));
    }, `question ${n}`);
    await apiCall(request, "post", `/api/v1/sessions/${session.id}/answers`, {
      question_id: question.id,
      answer_text: `Answer ${n}: error budgets, blameless reviews and load tests before every peak.`,
    });
  }
  await until(async () => (await request.get(`/api/v1/sessions/${session.id}/feedback`)).ok(), `feedback of ${session.id}`);
}

/** Two scored interviews at one posting: enough for the dashboard's trend chart and the posting's progress chart. */
async function twoScoredInterviews(page: Page) {
  const request = page.context().request;
  const key = newApiKey();
  recordSecret("api-key", key);
  await apiCall(request, "post", "/api/v1/users/me/api-key", { api_key: key });
  await apiCall(request, "post", "/api/v1/resumes", { content: RESUME });
  const posting = (await apiCall(request, "post", "/api/v1/job-postings", POSTING)) as { id: string };
  await scoredInterview(request, posting.id);
  await scoredInterview(request, posting.id);
  return posting.id;
}

test.describe("a panel that fails does not take the page with it", () => {
  test.setTimeout(120_000);

  test("the chart's code fails to load: the chart panel says so and offers Try again; the rest of the page stays", async ({
    signedInPage: page,
    consoleErrors,
  }) => {
    const postingId = await twoScoredInterviews(page);
    // The blocked download and the error React reports for the panel it caught are expected here.
    consoleErrors.allow(/net::ERR_FAILED|score-line-chart|dynamically imported module/i);

    await page.route(CHART_CHUNK, (route) => route.abort("failed"));
    await page.goto("/dashboard");
    const failed = page.getByTestId("panel-error");
    await expect(failed).toContainText("We couldn't show the score chart.");
    await expect(failed.getByRole("alert")).toBeVisible();
    await expect(page.getByTestId("trend-chart")).toHaveCount(0);
    // Everything else is still there and usable.
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Your scores over time" })).toBeVisible();
    await expect(page.getByTestId("score-comparison").locator("tbody tr")).toHaveCount(2);
    await expect(page.getByRole("navigation").first()).toBeVisible();

    // The network is back: Try again draws the chart, on the same page.
    await page.unroute(CHART_CHUNK);
    await failed.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("trend-chart").locator("canvas")).toBeVisible();
    await expect(page.getByTestId("panel-error")).toHaveCount(0);
    await expect(page).toHaveURL(/\/dashboard$/);

    // The same on the posting's progress page (a fresh page load, the chunk blocked again).
    await page.route(CHART_CHUNK, (route) => route.abort("failed"));
    await page.goto(`/jobs/${postingId}/progress`);
    await page.getByRole("region", { name: "Scores across attempts" }).scrollIntoViewIfNeeded(); // drawn as it nears the screen
    await expect(page.getByTestId("panel-error")).toContainText("We couldn't show the chart of your scores.");
    await expect(page.getByTestId("progress-chart")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1, name: `Your progress: ${POSTING.title}` })).toBeVisible();
    await expect(page.getByTestId("attempt-row")).toHaveCount(2);
  });
});
