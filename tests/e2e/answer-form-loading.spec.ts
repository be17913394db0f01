/**
 * Issue 8 point 4 — the interview page loads the answer box's code (conform's
 * runtime) only when it shows the box. A finished interview never fetches it;
 * an interview waiting for an answer gets it with the page and the box works
 * as before, also after a client-side navigation; and a failed download is
 * contained in the box's panel — the question stays readable — with "Try
 * again" bringing the box once the network is back.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import {
  addPostingApi,
  addResumeApi,
  apiOf,
  completeApi,
  currentQuestion,
  openQuestionApi,
  setKeyApi,
  startSessionApi,
} from "./support/journeys.ts";
import { scriptsContaining } from "./support/scripts.ts";

/** conform's intent field: a name its minified runtime keeps, and no other code we ship has. */
const CONFORM = "__intent__";
const ANSWER_FORM_CHUNK = /\/assets\/answer-form-[^/]+\.js(\?.*)?$/; // with or without a query: the retry asks with one
const PLACEHOLDER = "Loading the answer box…";
const ANSWER_FORM_ID = (questionId: string) => `answer-${questionId}`;

/** A key, a résumé and a posting through the browser's own session, and an interview waiting for the answer to question 1. */
async function waitingInterview(page: Page) {
  const api = apiOf(page);
  await setKeyApi(api);
  await addResumeApi(api);
  const postingId = await addPostingApi(api);
  const sessionId = await startSessionApi(api, postingId, 3);
  const question = await openQuestionApi(api, sessionId, "question 1");
  return { api, postingId, sessionId, question };
}

test.describe("the answer box's code loads only with the answer box", () => {
  test.setTimeout(120_000);

  test("a finished interview loads no conform; one waiting for an answer loads it with the page and its form works", async ({
    signedInPage: page,
  }) => {
    const { api, postingId, sessionId: waiting, question } = await waitingInterview(page);
    const finished = await startSessionApi(api, postingId, 3);
    await completeApi(api, finished, 3, false);
    const conform = scriptsContaining(page, CONFORM);
    const router = scriptsContaining(page, "__reactRouterContext"); // a control: the script bodies were read

    await page.goto(`/interviews/${finished}`, { waitUntil: "networkidle" });
    await expect(page.getByRole("region", { name: "Interview completed" })).toBeVisible();
    expect(router.length, "the page's scripts were read").toBeGreaterThan(0);
    expect(conform, "no conform runtime on a finished interview").toEqual([]);

    // The server sends the box in place (it works without JavaScript), not a placeholder to be replaced.
    const html = await (await page.request.get(`/interviews/${waiting}`)).text();
    expect(html).toContain(`id="${ANSWER_FORM_ID(question.id)}"`);
    expect(html).not.toContain(PLACEHOLDER);

    await page.goto(`/interviews/${waiting}`, { waitUntil: "networkidle" });
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    expect(conform.length, "the page itself fetched the answer box's code, before any interaction").toBeGreaterThan(0);
    // Hydrated and working: the draft is saved as you type.
    await page.getByLabel("Your answer").fill("A draft typed into the lazily loaded answer box.");
    await expect(page.getByText(/^Draft saved/)).toBeVisible();
    await expect(page.getByText(PLACEHOLDER)).toHaveCount(0);
  });

  test("navigating to an interview waiting for an answer shows the question and an answer box that works", async ({
    signedInPage: page,
  }) => {
    const { sessionId: waiting } = await waitingInterview(page);
    await page.goto("/interviews", { waitUntil: "networkidle" });
    await page.evaluate(() => ((window as Window & { __samePage?: boolean }).__samePage = true));

    await page.locator(`a[href="/interviews/${waiting}"]`).first().click();
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await expect(page.getByTestId("current-question")).not.toHaveText("");
    await page.getByLabel("Your answer").fill("Typed after a client-side navigation to the question.");
    await expect(page.getByText(/^Draft saved/)).toBeVisible();
    await expect(page.getByText(PLACEHOLDER)).toHaveCount(0);
    expect(await page.evaluate(() => (window as Window & { __samePage?: boolean }).__samePage), "a client-side navigation").toBe(true);
  });

  test("the answer box's code fails to download: its panel says so, the question stays, and Try again brings the box", async ({
    signedInPage: page,
    consoleErrors,
  }) => {
    const { sessionId: waiting } = await waitingInterview(page);
    // The blocked downloads and the error React reports for the panel it caught are expected here.
    consoleErrors.allow(/net::ERR_FAILED|dynamically imported module[^\n]*answer-form/i);
    await page.route(ANSWER_FORM_CHUNK, (route) => route.abort("failed"));

    await page.goto(`/interviews/${waiting}`);
    const failed = page.getByTestId("panel-error");
    await expect(failed).toContainText("We couldn't show the answer box.");
    await expect(page.getByTestId("current-question"), "the question is still there to read").not.toHaveText("");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Interview controls" })).toBeVisible();

    // Pause still works with no answer form on the page to submit.
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByRole("button", { name: "Resume interview" }).click();
    await expect(failed, "resumed, the box's code still cannot be fetched").toContainText("We couldn't show the answer box.");

    await page.unroute(ANSWER_FORM_CHUNK);
    await failed.getByRole("button", { name: "Try again" }).click();
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await page.getByLabel("Your answer").fill("Typed after the answer box's code arrived on the second try.");
    await expect(page.getByText(/^Draft saved/)).toBeVisible();
    await expect(failed).toHaveCount(0);
  });
});
