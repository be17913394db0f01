/**
 * Issue 15 point 15 — the draft of an answer, with JavaScript: "Save draft"
 * says when it saved, in a status that screen readers announce; leaving the
 * page while the box holds words the server has not confirmed asks first (in
 * the app: a dialog; closing or reloading the tab: the browser's own
 * question), and never once they are saved, nor closed by news of the interview
 * arriving meanwhile. (Without JavaScript, Save draft
 * posts the page and the saved time is on the page that comes back:
 * interview.spec.ts.)
 *
 * The page's clock stands still (page.clock) so the save made by itself a
 * moment after typing stops never runs unless a test lets time pass: "typed,
 * not yet saved" is then a state, not a race.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";
import {
  answerApi,
  answerFormRuns,
  apiCall,
  apiOf,
  currentQuestion,
  interviewWaitingForAnswerApi,
  messagesApi,
  openQuestionApi,
  until,
} from "./support/journeys.ts";

const SAVED = /^Draft saved \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/;

/** A signed-in user's interview waiting for the answer to question 1, open in `page` with the page's clock stopped. */
async function waitingForAnswer(page: Page) {
  const api = apiOf(page);
  const sessionId = await interviewWaitingForAnswerApi(api);
  await page.clock.install();
  await page.goto(`/interviews/${sessionId}`);
  await expect(currentQuestion(page, 1, 3)).toBeVisible();
  await answerFormRuns(page);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  return sessionId;
}

/** Record every text the draft's status shows from now on, in the page itself. */
async function recordDraftStatus(page: Page) {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="draft-status"]');
    if (!region) throw new Error("No draft status on the page");
    const seen: string[] = [];
    (window as Window & { __draftStatus?: string[] }).__draftStatus = seen;
    new MutationObserver(() => seen.push((region.textContent ?? "").trim())).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => (window as Window & { __draftStatus?: string[] }).__draftStatus ?? []);
}

const leaveDialog = (page: Page) => page.getByRole("dialog", { name: "Your latest words aren't saved yet" });
const dashboardLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" });

test.describe("the answer's draft, with JavaScript", () => {
  test.setTimeout(120_000);

  test("Save draft shows when it saved, in a status that is announced each time, and stays on the page", async ({ signedInPage: page }) => {
    const sessionId = await waitingForAnswer(page);
    const status = page.getByRole("status").filter({ hasText: /^Draft saved/ });
    const box = page.getByLabel("Your answer");
    await page.evaluate(() => ((window as Window & { __samePage?: boolean }).__samePage = true));

    await box.fill("First I would measure where the time goes.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(status, "a status (polite live region) says when the draft was saved").toHaveText(SAVED);
    const announced = await recordDraftStatus(page);

    // A second save in the same minute shows the same words: it is announced again all the same.
    await box.fill("First I would measure where the time goes, then fix the slowest query.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(announced, { message: "the live region's texts since the first save" }).toContainEqual(expect.stringMatching(SAVED));
    await expect(status).toHaveText(SAVED);
    expect(await page.evaluate(() => (window as Window & { __samePage?: boolean }).__samePage), "no page load").toBe(true);
    await page.clock.resume(); // axe waits on timers; nothing is scheduled now
    await expectNoAxeViolations(page);

    // It is the server's draft: a fresh load shows it.
    await page.goto(`/interviews/${sessionId}`);
    await expect(box).toHaveValue("First I would measure where the time goes, then fix the slowest query.");
    await expect(status).toHaveText(SAVED);
  });

  test("reached by a client-side navigation, the waiting question has an answer box that works", async ({ signedInPage: page }) => {
    const api = apiOf(page);
    const sessionId = await interviewWaitingForAnswerApi(api);
    await page.goto("/interviews", { waitUntil: "networkidle" });
    await page.evaluate(() => ((window as Window & { __samePage?: boolean }).__samePage = true));

    await page.locator(`a[href="/interviews/${sessionId}"]`).first().click();
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await expect(page.getByTestId("current-question")).not.toHaveText("");
    await page.getByLabel("Your answer").fill("Typed after a client-side navigation to the question.");
    await expect(page.getByText(/^Draft saved/)).toBeVisible();
    expect(await page.evaluate(() => (window as Window & { __samePage?: boolean }).__samePage), "a client-side navigation").toBe(true);
  });

  test("a link away with unsaved words asks first: stay, leave without them, or save and leave; once saved it does not ask", async ({
    signedInPage: page,
  }) => {
    const sessionId = await waitingForAnswer(page);
    const box = page.getByLabel("Your answer");
    const interviewPath = new RegExp(`/interviews/${sessionId}$`);

    // Typed, not saved: the link asks first.
    await box.fill("Words that are not saved yet.");
    await dashboardLink(page).click();
    const dialog = leaveDialog(page);
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(interviewPath);
    // axe waits on timers: let time run for the scan (the save scheduled by typing may run: the dialog stays),
    // then stop it again.
    await page.clock.resume();
    await expectNoAxeViolations(page);
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

    // Stay: back in the box, the words still there.
    await dialog.getByRole("button", { name: "Stay on this page" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(box).toBeFocused();
    await expect(box).toHaveValue("Words that are not saved yet.");

    // Saved, then the same link: no question.
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByTestId("draft-status")).toHaveText(SAVED);
    await dashboardLink(page).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(dialog).toHaveCount(0);

    // More words, then leave without them: the draft is what was saved before.
    await page.goBack();
    await expect(box).toHaveValue("Words that are not saved yet.");
    await box.fill("Words that are not saved yet, and more I throw away.");
    await dashboardLink(page).click();
    await leaveDialog(page).getByRole("button", { name: "Leave without saving" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.clock.runFor(5_000); // any save still scheduled would run now
    await page.goto(`/interviews/${sessionId}`);
    await expect(box).toHaveValue("Words that are not saved yet.");
    await answerFormRuns(page);

    // More words, then save and leave: the draft has them.
    await box.fill("Words that are saved on the way out.");
    await page.getByRole("link", { name: "All interviews" }).click();
    await leaveDialog(page).getByRole("button", { name: "Save draft and leave" }).click();
    await expect(page).toHaveURL(/\/interviews$/);
    await page.goto(`/interviews/${sessionId}`);
    await expect(box).toHaveValue("Words that are saved on the way out.");
    await answerFormRuns(page);

    // Submitting the answer is not leaving: no question.
    await box.fill("My whole answer: measure, then fix the slowest query first.");
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(page.getByRole("region", { name: "Previous questions" })).toContainText("My whole answer");
    await expect(dialog).toHaveCount(0);
  });

  test("closing or reloading the tab with unsaved words asks the browser's question; not once they are saved", async ({
    signedInPage: page,
  }) => {
    const sessionId = await waitingForAnswer(page);
    const tab = await page.context().newPage();
    await tab.clock.install();
    await tab.goto(`/interviews/${sessionId}`);
    await expect(currentQuestion(tab, 1, 3)).toBeVisible();
    await answerFormRuns(tab);
    await tab.clock.pauseAt((await tab.evaluate(() => Date.now())) + 1_000);
    const box = tab.getByLabel("Your answer");

    await box.click(); // a user's own gesture: browsers ask before unload only on pages the user touched
    await box.fill("Typed and not saved.");
    const asked = tab.waitForEvent("dialog");
    await tab.close({ runBeforeUnload: true });
    const question = await asked;
    expect(question.type()).toBe("beforeunload");
    await question.dismiss(); // stay
    expect(tab.isClosed()).toBe(false);

    await tab.getByRole("button", { name: "Save draft" }).click();
    await expect(tab.getByTestId("draft-status")).toHaveText(SAVED);
    let askedAgain = false;
    tab.on("dialog", (d) => {
      askedAgain = true;
      void d.accept();
    });
    const closed = tab.waitForEvent("close");
    await tab.close({ runBeforeUnload: true });
    await closed;
    expect(askedAgain, "no question once the draft is saved").toBe(false);
  });

  test("the question to leave stays open while news of the interview arrives; staying reads the news, leaving leaves", async ({
    signedInPage: page,
  }) => {
    // Question 1 answered and scored, question 2 waiting: work on answer 1 can finish while the user is on question 2.
    const api = apiOf(page);
    const sessionId = await interviewWaitingForAnswerApi(api);
    await answerApi(api, sessionId, 1);
    await openQuestionApi(api, sessionId, "question 2");
    const answer = await until(
      async () => (await messagesApi(api, sessionId)).find((m) => m.message_type === "answer" && m.evaluation_status === "completed"),
      "answer 1 scored",
    );
    // Count, in the page, the interview's pushed events and the page's data reads (GET …/x.data).
    await page.addInitScript(() => {
      const seen = { events: 0, dataRequests: 0 };
      (window as Window & { __seen?: typeof seen }).__seen = seen;
      const NativeEventSource = window.EventSource;
      window.EventSource = class extends NativeEventSource {
        constructor(...args: ConstructorParameters<typeof EventSource>) {
          super(...args);
          for (const name of ["ready", "operation"]) this.addEventListener(name, () => seen.events++);
        }
      };
      const nativeFetch = window.fetch;
      window.fetch = (input, init) => {
        const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
        if (method === "GET" && String(input instanceof Request ? input.url : input).includes(".data")) seen.dataRequests++;
        return nativeFetch(input, init);
      };
    });
    const seen = () => page.evaluate(() => (window as Window & { __seen?: { events: number; dataRequests: number } }).__seen!);
    await page.clock.install();
    await page.goto(`/interviews/${sessionId}`);
    await expect(currentQuestion(page, 2, 3)).toBeVisible();
    await answerFormRuns(page);
    // The page's clock stands still, so the save made by itself after typing does not run (see the top).
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    await expect.poll(async () => (await seen()).events, "the event stream is connected").toBeGreaterThan(0);

    await page.getByLabel("Your answer").fill("Words for question 2, not saved.");
    await dashboardLink(page).click();
    const dialog = leaveDialog(page);
    await expect(dialog).toBeVisible();
    const before = await seen();

    // A strong answer for answer 1 is written meanwhile (asked for elsewhere): its event reaches the page.
    await apiCall(api, "post", `/api/v1/answers/${answer.id}/model-answer`);
    await expect.poll(async () => (await seen()).events, "the finished work's event").toBeGreaterThan(before.events);
    // The page did not re-read its data under the open question (React Router would have dropped it), and it is still asked.
    expect((await seen()).dataRequests).toBe(before.dataRequests);
    await expect(dialog).toBeVisible();

    // Staying reads the news that was held back; the question is asked again on the next link, and leaving leaves.
    await dialog.getByRole("button", { name: "Stay on this page" }).click();
    await expect(dialog).toHaveCount(0);
    await expect.poll(async () => (await seen()).dataRequests, "the page's data read on staying").toBeGreaterThan(before.dataRequests);
    await dashboardLink(page).click();
    await dialog.getByRole("button", { name: "Leave without saving" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});
