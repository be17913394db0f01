/**
 * Issue 17 in the browser, with JavaScript on and off (@no-js): scores shown
 * with their band names, each linked to the "How scores work" page; the
 * passages the feedback quotes marked in the answer (with JavaScript a focused
 * judgement outlines its passage; without it the passages are also listed
 * under the answer); the grading details; a second opinion asked for and shown
 * next to the first grading; all of it at phone width.
 */
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, tabTo, test } from "./fixtures.ts";
import { addPostingApi, addResumeApi, apiCall, apiOf, completeApi, messagesApi, setKeyApi, startSessionApi } from "./support/journeys.ts";

const AI_STEP = { timeout: 45_000 };

test.describe("scores a candidate can trust", () => {
  test("band names link to How scores work; quoted passages are marked and listed; a second opinion is kept next to the first @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const postingId = await addPostingApi(api);
    const sessionId = await startSessionApi(api, postingId, 3);
    await completeApi(api, sessionId, 3);
    const answer = (await messagesApi(api, sessionId)).find((m) => m.message_type === "answer")!;

    // Each answer's feedback is on the feedback page (the interview page of a finished interview is its transcript).
    await page.goto(`/interviews/${sessionId}/feedback`);
    const first = page.getByRole("region", { name: "Feedback on this answer (question 1)" });
    await expect(first).toBeVisible();
    // Every score with its band name; the band links to that dimension's anchors.
    await expect(first.getByText(/^\d+ out of 100 · (Missing|Partial|Solid|Strong)$/).first()).toBeVisible();
    const band = first.getByRole("link", { name: /: what this band means for relevance$/ });
    await expect(band).toHaveAttribute("href", "/how-scores-work#relevance");
    await expect(first.getByTestId("score-badge").first()).toHaveText(/^Average \d+ · (Missing|Partial|Solid|Strong)$/);

    // The quoted passages: marked in the answer; listed under it only without JavaScript.
    const marks = page.locator(`mark[id^="q1-passage-"]`);
    await expect(marks.first()).toBeVisible();
    const listed = page.getByTestId("quoted-passages").first();
    if (javaScriptEnabled) {
      await expect(listed).toHaveCount(0);
      // Reaching a judgement's quote by keyboard outlines its passage in the answer.
      const quoteLink = first.locator('a[href^="#q1-passage-"]').first();
      await tabTo(page, quoteLink, { max: 80 });
      await expect(page.locator('mark[id^="q1-passage-"][data-active]').first()).toBeVisible();
    } else {
      await expect(listed).toBeVisible();
      await expect(listed.getByRole("listitem").first()).toContainText("“");
    }

    // How this answer was graded.
    await first.getByText("How this answer was graded").click();
    await expect(first.getByTestId("grading-details")).toContainText(/Rubric\s*version 2026-12\.1/);
    await expect(first.getByTestId("grading-details")).toContainText(/Grader model\s*gpt-4o-mini\s*Sampling\s*temperature 0, seed 17/);

    // A second opinion, kept next to the first (the page refreshes itself without JavaScript).
    await first.getByRole("button", { name: "Ask for a second opinion" }).click();
    const second = page.getByRole("region", { name: "Feedback on this answer (question 1)" }).getByTestId("second-opinion");
    await expect(second).toBeVisible(AI_STEP);
    await expect(second).toContainText(/Average \d+ · (Missing|Partial|Solid|Strong)/);
    await expect(
      page.getByRole("region", { name: "Feedback on this answer (question 1)" }).getByRole("button", { name: "Ask for a second opinion" }),
    ).toHaveCount(0);
    const json = (
      await apiCall<Array<{ id: string; evaluation?: { second_opinion: unknown } }>>(api, "get", `/api/v1/sessions/${sessionId}/messages`)
    ).find((m) => m.id === answer.id)!;
    expect(json.evaluation!.second_opinion).not.toBeNull();

    // The rubric page, from the band link.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(page);
    await page
      .getByRole("region", { name: "Feedback on this answer (question 1)" })
      .getByRole("link", { name: "How scores work" })
      .first()
      .click();
    await expect(page).toHaveURL(/\/how-scores-work$/);
    await expect(page.getByRole("heading", { level: 1, name: "How scores work" })).toBeVisible();
    await expect(page.locator("#relevance")).toContainText("Does not address the question");
    await expectNoHorizontalScroll(page);
    if (javaScriptEnabled) await expectNoAxeViolations(page);
  });

  test("whole-interview scores show their band linked to How scores work on every page @no-js", async ({ signedInPage: page }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const postingId = await addPostingApi(api);
    const sessionId = await startSessionApi(api, postingId, 3);
    await completeApi(api, sessionId, 3);

    const BAND = /^(Missing|Partial|Solid|Strong): what this band means$/;
    const WORD = /(Missing|Partial|Solid|Strong)$/;
    // Each page's whole-interview score: the band's name shown, the link named for it, to the table of bands.
    for (const [path, where] of [
      ["/interviews", page.getByTestId("history-list")],
      ["/dashboard", page.getByTestId("stat-average")],
      [`/jobs/${postingId}/progress`, page.getByTestId("latest-overall")],
      [`/interviews/${sessionId}`, page.getByRole("region", { name: "Interview completed" })],
      [`/interviews/${sessionId}/feedback`, page.getByTestId("overall-score")],
    ] as const) {
      await page.goto(path);
      const badge = where.getByTestId("score-badge").first();
      await expect(badge, path).toHaveText(/^(Overall )?\d+(\.\d)?( — read the feedback)? · (Missing|Partial|Solid|Strong)$/);
      const link = badge.getByRole("link", { name: BAND });
      await expect(link, path).toHaveAttribute("href", "/how-scores-work#bands");
      await expect(link, path).toHaveText(WORD);
    }

    // From the feedback page's overall score to what its band means.
    await page.getByTestId("overall-score").getByRole("link", { name: BAND }).click();
    await expect(page).toHaveURL(/\/how-scores-work#bands$/);
    await expect(page.getByRole("heading", { level: 2, name: "The four bands" })).toBeVisible();
  });

  test("the interview page with graded answers passes an accessibility scan", async ({ signedInPage: page }) => {
    test.setTimeout(120_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const sessionId = await startSessionApi(api, await addPostingApi(api), 3);
    await completeApi(api, sessionId, 3);
    await page.goto(`/interviews/${sessionId}`);
    await expect(page.getByRole("link", { name: "Read the feedback on your answer to question 3" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto(`/interviews/${sessionId}/feedback`);
    await expect(page.getByRole("heading", { level: 2, name: "Overall score" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
