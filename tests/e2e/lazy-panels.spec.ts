/**
 * Issue 16 — what loads apart from a page's first load (ADR 0013, docs/performance.md §4).
 *
 * The interview page's panels (components/interview/lazy-panels.tsx): the answer box the server
 * sent stays on screen, the very element, until its code arrives, even when
 * the page re-renders in the meantime (the live events connecting and the
 * page's data reloading), so words typed into it are never lost. Without
 * JavaScript the box is simply there: interview.spec.ts (@no-js) and
 * tests/integration/first-load-weight.test.ts.
 *
 * The progress chart (components/charts/score-chart.tsx): below the fold on a phone, chart.js is
 * not even fetched until its place comes near the screen, and it is drawn then.
 */
import { expect, test } from "./fixtures.ts";
import {
  addPostingApi,
  addResumeApi,
  apiOf,
  completeApi,
  setKeyApi,
  startSessionApi,
  interviewWaitingForAnswerApi,
} from "./support/journeys.ts";

const ANSWER_BOX_CHUNK = /\/assets\/answer-form-[^/]+\.js$/;
const CHART_CHUNK = /\/assets\/score-line-chart-[^/]+\.js$/;

test("the server's answer box is kept while its code is on the way, through a re-render of the page: typed words stay", async ({
  signedInPage: page,
}) => {
  const api = apiOf(page);
  const sessionId = await interviewWaitingForAnswerApi(api);

  // Count answer boxes taken out of the document (React drops the server's HTML and renders its own).
  await page.addInitScript(() => {
    const w = window as Window & { __removedBoxes?: number };
    w.__removedBoxes = 0;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.removedNodes)
          if (node instanceof Element && (node.matches("textarea[name=answer]") || node.querySelector("textarea[name=answer]")))
            w.__removedBoxes!++;
    }).observe(document, { childList: true, subtree: true });
  });
  // Hold the answer box's code until the page has re-rendered without it.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let requested = false;
  await page.route(ANSWER_BOX_CHUNK, async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  // Once the live events are connected the page sets its state and reloads its data (useInterviewEvents).
  const reloaded = page.waitForResponse((res) => new URL(res.url()).pathname === `/interviews/${sessionId}.data`);

  await page.goto(`/interviews/${sessionId}`);
  const box = page.getByLabel("Your answer");
  await box.fill("Typed before the box's code arrived.");
  await reloaded;
  expect(requested, "the box's code was asked for (and is held)").toBe(true);
  await expect(box).toHaveValue("Typed before the box's code arrived.");

  release();
  // Hydrated: the counter counts (the server's HTML says "Up to … characters").
  await expect(page.getByText(/^\d[\d,]* \/ [\d,]+ characters$/)).toBeVisible();
  await expect(box).toHaveValue("Typed before the box's code arrived.");
  expect(await page.evaluate(() => (window as Window & { __removedBoxes?: number }).__removedBoxes)).toBe(0);
  // …and they count as typed: the counter counts them and the draft saves them.
  await expect(page.getByText(new RegExp(`^${"Typed before the box's code arrived.".length} / [\\d,]+ characters$`))).toBeVisible();
  await expect(page.getByTestId("draft-status")).toHaveText(/^Draft saved /);
});

test("on a phone the progress chart's code is fetched only as its place nears the screen, and the chart is drawn then", async ({
  signedInPage: page,
}) => {
  test.setTimeout(120_000);
  const api = apiOf(page);
  await setKeyApi(api);
  await addResumeApi(api);
  const postingId = await addPostingApi(api);
  for (let attempt = 1; attempt <= 2; attempt++) await completeApi(api, await startSessionApi(api, postingId));

  await page.setViewportSize({ width: 412, height: 823 }); // Lighthouse's mobile screen
  const chartRequests: string[] = [];
  page.on("request", (request) => {
    if (CHART_CHUNK.test(request.url())) chartRequests.push(request.url());
  });
  await page.goto(`/jobs/${postingId}/progress`, { waitUntil: "networkidle" });
  await expect(page.getByTestId("attempt-row")).toHaveCount(2);
  expect(chartRequests, "chart.js is not fetched while the chart is off screen").toEqual([]);
  await expect(page.getByTestId("progress-chart")).toHaveCount(0);

  await page.getByRole("region", { name: "Scores across attempts" }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId("progress-chart").locator("canvas")).toBeVisible();
  expect(chartRequests).toHaveLength(1);
});
