/**
 * Issue 5 — the live interview through the browser, with JavaScript on and,
 * for tests tagged @no-js, off: preparing through the real UI, a full
 * 3-question interview from start to feedback with evaluations, pause and
 * resume with a draft, failures (a rejected key, a provider that never
 * answers) recovered with Retry, and — with JavaScript — the next question
 * arriving without a page reload, announced in the live region, a
 * double-clicked (or resubmitted) Submit storing one answer, the feedback on
 * an answer announced when it is ready, and words typed just before Pause
 * kept in the draft.
 *
 * Without JavaScript the interview page refreshes itself every ~3 s while an
 * AI step runs (<meta http-equiv="refresh"> inside <noscript>), so those runs
 * wait on conditions with generous timeouts, and type only once the page has
 * stopped refreshing (`settled`).
 */
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

/** The first line of the interview page's live region: the session and question status. */
const sessionStatus = (page: Page) => page.getByTestId("live-status").locator("p").first();
import {
  addPostingApi,
  addResumeApi,
  apiCall,
  apiOf,
  createPostingInUi,
  currentQuestion,
  messagesApi,
  openQuestionApi,
  pasteResume,
  POSTING,
  previousItem,
  QUESTION_TYPE,
  saveKeyInSettings,
  setKeyApi,
  startInterviewInUi,
  startSessionApi,
  apiKey,
  interviewWaitingForAnswerApi,
} from "./support/journeys.ts";

/** AI steps (the fake answers at once) plus, without JavaScript, a refresh cycle or two on a busy machine. */
const AI_STEP = { timeout: 45_000 };

const REFRESH_META = 'meta[http-equiv="refresh"]';

/** Without JavaScript: wait until the page no longer refreshes itself (nothing in flight), so typing is not lost to a reload. */
async function settled(page: Page, javaScriptEnabled: boolean) {
  if (!javaScriptEnabled) await expect(page.locator(REFRESH_META)).toHaveCount(0, AI_STEP);
}

type Marked = Window & { __e2eSamePage?: string };

const ANSWERS = [
  "I would put a token bucket per API key in Redis, refilled lazily on each request, and return 429 with Retry-After when it is empty.",
  "We disagreed on event sourcing for the ledger. I wrote a one-page comparison, we ran a spike for a week, and chose it with clear exit criteria.",
  "First I would check the release diff and the dashboards, roll back if customers are hurt, and only then dig into the root cause calmly.",
];

test.describe("the live interview", () => {
  test("prepared through the UI, a 3-question interview runs from start to feedback with evaluations @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
    fakeOpenAI,
  }) => {
    test.setTimeout(300_000);

    // Preparation, through the real pages: key in Settings, résumé, job posting.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    const key = apiKey();
    await saveKeyInSettings(page, key);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Résumé" }).click();
    await pasteResume(page);
    await createPostingInUi(page);

    // Start from the posting: 3 questions.
    const sessionId = await startInterviewInUi(page, 3);
    await expect(page.getByRole("heading", { level: 1, name: POSTING.title })).toBeVisible();
    await expect(page.getByText(`${POSTING.company} · Started`)).toBeVisible();
    // The first question is requested at once: the page says it is being generated (or already shows it).
    await expect(
      page
        .getByText("Generating your question…")
        .or(page.getByTestId("streaming-question"))
        .or(currentQuestion(page, 1, 3))
        .first(),
    ).toBeVisible();

    const questions: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const section = currentQuestion(page, n, 3);
      await expect(section).toBeVisible(AI_STEP);
      await expect(section).toContainText(QUESTION_TYPE);
      await expect(page.getByRole("progressbar", { name: "Interview progress" })).toHaveAttribute("aria-valuenow", String(n - 1));
      await expect(sessionStatus(page)).toHaveText(`Question ${n} of 3 is ready.`);
      const question = (await page.getByTestId("current-question").textContent())!.trim();
      expect(question.length, "the question has words in it").toBeGreaterThan(20);
      expect(questions, "no question repeats").not.toContain(question);
      questions.push(question);

      await settled(page, javaScriptEnabled);
      const box = page.getByLabel("Your answer");
      await box.fill(ANSWERS[n - 1]!);
      if (javaScriptEnabled) {
        await expect(section.getByText(`${ANSWERS[n - 1]!.length} / 10,000 characters`)).toBeVisible();
        // The next question must arrive in this same document (pushed or polled), not by a full reload.
        await page.evaluate((id) => ((window as Marked).__e2eSamePage = id), sessionId);
      }
      await page.getByRole("button", { name: "Submit answer" }).click();

      // The answer joins the previous questions, collapsed; its evaluation appears under it when ready.
      const item = previousItem(page, n);
      await expect(item).toContainText(question, AI_STEP);
      await expect(item).toContainText(ANSWERS[n - 1]!);
      if (n < 3) {
        await expect(item.locator("details").first()).not.toHaveAttribute("open");
        await expect(item).toContainText("Feedback on this answer", AI_STEP);
      }
      if (javaScriptEnabled && n < 3) {
        await expect(currentQuestion(page, n + 1, 3)).toBeVisible(AI_STEP);
        expect(await page.evaluate(() => (window as Marked).__e2eSamePage), "no full page reload").toBe(sessionId);
      }
    }

    // After the third answer the interview is completed and read-only; the feedback is written.
    await expect(page.getByText("Completed", { exact: true })).toBeVisible(AI_STEP);
    await expect(page.getByLabel("Your answer")).toHaveCount(0);
    const completed = page.getByRole("region", { name: "Interview completed" });
    await expect(completed).toContainText("You answered 3 of 3 questions");
    // The page is now the interview's transcript: each answer with its score and a link to its feedback.
    for (let n = 1; n <= 3; n++) {
      const item = previousItem(page, n);
      await expect(item).toContainText(ANSWERS[n - 1]!);
      await expect(item.getByTestId("score-badge")).toHaveText(/^\d+ · (Missing|Partial|Solid|Strong)$/, AI_STEP);
      await expect(item.getByRole("link", { name: `Read the feedback on your answer to question ${n}` })).toHaveAttribute(
        "href",
        `/interviews/${sessionId}/feedback#q${n}-heading`,
      );
    }
    const readFeedback = completed.getByRole("link", { name: "Read your feedback" });
    await expect(readFeedback).toBeVisible(AI_STEP);
    await expect(sessionStatus(page)).toHaveText("Your interview feedback is ready.");
    await expect(completed.getByTestId("score-badge")).toHaveText(/^Overall \d+(\.\d)? · (Missing|Partial|Solid|Strong)$/);
    await readFeedback.click();

    await expect(page).toHaveURL(new RegExp(`/interviews/${sessionId}/feedback$`));
    await expect(page.getByRole("heading", { level: 1, name: `Feedback: ${POSTING.title}` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Overall score" })).toBeVisible();
    await expect(page.getByTestId("overall-score")).toHaveText(/^\d+(\.\d)?\s*\/ 100/);
    await expect(page.getByRole("heading", { level: 2, name: "Knowledge gaps" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Feedback on this answer/ })).toHaveCount(3);
    if (javaScriptEnabled) expect(await page.evaluate(() => (window as Marked).__e2eSamePage)).toBe(sessionId);

    // Everything ran on this user's own key: 3 questions, 3 evaluations, 1 session feedback.
    const calls = await fakeOpenAI.requests({ apiKey: key, path: /chat\/completions$/ });
    const bySchema = (name: string) => calls.filter((c) => c.body?.response_format?.json_schema?.name === name).length;
    // issue 19: the posting has a skill map (read on save), so each question also records the requirements it probes.
    expect(bySchema("interview_question") + bySchema("targeted_interview_question")).toBeGreaterThanOrEqual(3);
    expect(bySchema("answer_grade")).toBeGreaterThanOrEqual(3);
    expect(bySchema("session_debrief")).toBeGreaterThanOrEqual(1);
  });

  test("pause with a draft, leave, come back from the interview list and resume: the draft is in the answer box @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const title = "Site Reliability Engineer (pause test)";
    const postingId = await addPostingApi(api, { title });

    await page.goto(`/jobs/${postingId}`);
    const sessionId = await startInterviewInUi(page, 3);
    await expect(currentQuestion(page, 1, 3)).toBeVisible(AI_STEP);
    await settled(page, javaScriptEnabled);

    const draft = "Half an answer so far: first I would look at the p95 latency of the slowest endpoint, then";
    await page.getByLabel("Your answer").fill(draft);
    if (javaScriptEnabled) {
      // Saved by itself once typing stops.
      await expect(page.getByText(/^Draft saved \d/)).toBeVisible({ timeout: 15_000 });
    } else {
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByText(/^Draft saved \d/)).toBeVisible();
      await expect(page.getByLabel("Your answer")).toHaveValue(draft);
    }

    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByText("This interview is paused. Everything is saved, including your unsent draft")).toBeVisible();
    await expect(page.getByLabel("Your answer")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Current question" })).toContainText("Resume the interview to answer it.");

    // Leave, then come back through the list of interviews.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interviews" }).click();
    await expect(page).toHaveURL(/\/interviews$/);
    const row = page.getByTestId("history-row").filter({ hasText: title });
    await expect(row).toContainText("Paused");
    await row.getByRole("link", { name: new RegExp(`^${title.replace(/[()]/g, "\\$&")}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/interviews/${sessionId}$`));

    await page.getByRole("button", { name: "Resume interview" }).click();
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await expect(page.getByLabel("Your answer")).toHaveValue(draft);
    if (javaScriptEnabled) await expect(page.getByText(`${draft.length} / 10,000 characters`)).toBeVisible();

    // And the interview goes on from there.
    const finished = `${draft} fix the query plan and add an index.`;
    await page.getByLabel("Your answer").fill(finished);
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(previousItem(page, 1)).toContainText(finished, AI_STEP);
    await expect(currentQuestion(page, 2, 3)).toBeVisible(AI_STEP);
    await expect(page.getByLabel("Your answer")).toHaveValue("");
  });

  test("a rejected key: the page says so with Retry; after fixing the key in Settings, Retry brings the question @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
    fakeOpenAI,
  }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await addResumeApi(api);
    const postingId = await addPostingApi(api);

    const badKey = apiKey("test-bad");
    await saveKeyInSettings(page, badKey);
    await page.goto(`/jobs/${postingId}`);
    const sessionId = await startInterviewInUi(page, 3);

    const failure = page.getByTestId("operation-failed-question_generation");
    await expect(failure).toContainText("Your OpenAI key was rejected. Update it in Settings.", AI_STEP);
    await expect(failure.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(sessionStatus(page)).toHaveText(
      "The next question could not be generated: Your OpenAI key was rejected. Update it in Settings.",
    );
    await expect(currentQuestion(page, 1, 3)).toHaveCount(0);
    if (!javaScriptEnabled) await expect(page.locator(REFRESH_META), "nothing pending: no more refreshing").toHaveCount(0);
    expect((await fakeOpenAI.requests({ apiKey: badKey, path: /chat\/completions$/ })).length).toBeGreaterThanOrEqual(1);

    // Fix the key where the message points, come back, Retry.
    await failure.getByRole("link", { name: "Open Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    const goodKey = apiKey();
    await saveKeyInSettings(page, goodKey);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Interviews" }).click();
    await page.getByTestId("history-row").filter({ hasText: POSTING.title }).getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/interviews/${sessionId}$`));
    await expect(failure).toBeVisible();

    await failure.getByRole("button", { name: "Retry" }).click();
    await expect(currentQuestion(page, 1, 3)).toBeVisible(AI_STEP);
    await expect(failure).toHaveCount(0);
    await expect(sessionStatus(page)).toHaveText("Question 1 of 3 is ready.");
    expect((await fakeOpenAI.requests({ apiKey: goodKey, path: /chat\/completions$/ })).length).toBeGreaterThanOrEqual(1);
  });

  test("a provider that never answers: the page says what it waits for, refreshes itself without JavaScript, then offers Retry @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api, apiKey("slow"));
    await addResumeApi(api);
    const sessionId = await startSessionApi(api, await addPostingApi(api));

    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(`/interviews/${sessionId}`);
    const running = page.getByTestId("operation-running-question_generation");
    await expect(running).toContainText(/Generating your question… \(\d+ s\)/);
    await expect(sessionStatus(page)).toHaveText("Generating your question…");
    if (!javaScriptEnabled) {
      await expect(page.locator(`noscript ${REFRESH_META}`)).toHaveAttribute("content", "3");
      await expect.poll(() => loads, { message: "the page reloads itself while the question is pending" }).toBeGreaterThan(1);
    }

    // The app's timeout and retries give up: a message a person can act on, and Retry.
    const failure = page.getByTestId("operation-failed-question_generation");
    await expect(failure).toContainText("The AI service didn't respond. Try again.", { timeout: 90_000 });
    await expect(failure.getByRole("link", { name: "Open Settings" })).toHaveCount(0);
    if (!javaScriptEnabled) await expect(page.locator(REFRESH_META)).toHaveCount(0);

    // Once the service answers again (here: a working key), Retry brings the question.
    await setKeyApi(api, apiKey());
    await failure.getByRole("button", { name: "Retry" }).click();
    await expect(currentQuestion(page, 1, 3)).toBeVisible(AI_STEP);
  });

  test("an interview whose first question failed can still be finished, and any interview deleted after a confirmation @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api, apiKey("test-bad"));
    await addResumeApi(api);
    const postingId = await addPostingApi(api);
    const ended = await startSessionApi(api, postingId);
    const stuck = await startSessionApi(api, postingId);

    // Finish with nothing answered: the interview ends, without feedback.
    await page.goto(`/interviews/${ended}`);
    await expect(page.getByTestId("operation-failed-question_generation")).toBeVisible(AI_STEP);
    await page.getByRole("button", { name: "Finish interview" }).click();
    await expect(page.getByText("You ended this interview before answering a question, so there is nothing to score.")).toBeVisible();

    // Delete asks first, on a page of its own; "Keep it" changes nothing.
    await page.getByRole("link", { name: "Delete interview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Delete this interview?" })).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs inside the page
    await page.getByRole("link", { name: "Keep it" }).click();
    await expect(page).toHaveURL(new RegExp(`/interviews/${ended}$`));
    await page.getByRole("link", { name: "Delete interview" }).click();
    await page.getByRole("button", { name: "Delete interview" }).click();
    await expect(page).toHaveURL(/\/interviews\?notice=deleted$/);
    await expect(page.getByText("Interview deleted.")).toBeVisible();

    // The one still in progress (its question failed too), from the history list.
    const row = page.getByTestId("history-row");
    await expect(row).toHaveCount(1);
    await row.getByRole("link", { name: /^Delete/ }).click();
    await expect(page).toHaveURL(new RegExp(`/interviews/${stuck}/delete$`));
    await page.getByRole("button", { name: "Delete interview" }).click();
    await expect(page.getByTestId("no-interviews")).toBeVisible();
  });
});

test.describe("the live interview with JavaScript", () => {
  test("double-clicking Submit (and resubmitting the form) stores the answer once", async ({ signedInPage: page }) => {
    test.setTimeout(120_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const sessionId = await startSessionApi(api, await addPostingApi(api));
    const first = await openQuestionApi(api, sessionId, "question 1");

    await page.goto(`/interviews/${sessionId}`);
    await expect(currentQuestion(page, 1, 3)).toBeVisible(AI_STEP);
    const answer = "One answer, submitted with an impatient double click: measure first, then change one thing at a time.";
    await page.getByLabel("Your answer").fill(answer);
    const submissions: string[] = [];
    page.on("request", (request) => {
      // The answer form is multipart (it can carry an audio file, issue 18), and Chromium does not hand its body
      // to Playwright: count the page's POSTs other than the draft saves (URL-encoded, intent=save-draft).
      const url = new URL(request.url());
      if (
        request.method() === "POST" &&
        url.pathname.startsWith(`/interviews/${sessionId}`) &&
        !/intent=save-draft/.test(request.postData() ?? "")
      ) {
        submissions.push(request.url());
      }
    });
    await page.getByRole("button", { name: "Submit answer" }).dblclick();

    await expect(currentQuestion(page, 2, 3)).toBeVisible(AI_STEP);
    await expect(previousItem(page, 1)).toContainText(answer);
    expect(submissions.length, "the browser sent the answer").toBeGreaterThanOrEqual(1);
    test.info().annotations.push({ type: "double click", description: `${submissions.length} answer submission(s) sent by the browser` });

    // The same form posted again (a resubmitted form after Back, a retried request) changes nothing.
    const again = await page.request.post(`/interviews/${sessionId}`, {
      form: { intent: "answer", questionId: first.id, answer },
      maxRedirects: 0,
    });
    expect(again.status(), "the resubmission is answered like the first one: back to the interview").toBe(302);
    await page.reload();
    await expect(currentQuestion(page, 2, 3)).toBeVisible();
    await expect(page.getByRole("region", { name: "Previous questions" }).getByText(answer, { exact: true })).toHaveCount(1);
    await expect(page.getByRole("progressbar", { name: "Interview progress" })).toHaveAttribute("aria-valuenow", "1");

    const messages = await messagesApi(api, sessionId);
    const answers = messages.filter((m) => m.message_type === "answer");
    expect(answers.map((m) => [m.question_id, m.content])).toEqual([[first.id, answer]]);
    expect(messages.filter((m) => m.message_type === "question")).toHaveLength(2);
  });

  test("the next question arrives in the same page and is announced in the live region", async ({ signedInPage: page }) => {
    test.setTimeout(120_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const sessionId = await startSessionApi(api, await addPostingApi(api));
    await page.goto(`/interviews/${sessionId}`);

    const live = page.getByTestId("live-status");
    await expect(live).toHaveAttribute("role", "status");
    await expect(live).toHaveAttribute("aria-live", "polite");
    await expect(live.locator("p").first()).toHaveText("Question 1 of 3 is ready.", AI_STEP);

    // Record every text the live region shows, from now on, in the page itself.
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="live-status"]')!;
      const seen: string[] = [];
      (window as Window & { __e2eAnnouncements?: string[] }).__e2eAnnouncements = seen;
      new MutationObserver(() => seen.push(region.textContent ?? "")).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      (window as Marked).__e2eSamePage = "marked";
    });

    await page.getByLabel("Your answer").fill(ANSWERS[0]!);
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(currentQuestion(page, 2, 3)).toBeVisible(AI_STEP);
    await expect(live.locator("p").first()).toHaveText("Question 2 of 3 is ready.");
    const announcements = await page.evaluate(() => (window as Window & { __e2eAnnouncements?: string[] }).__e2eAnnouncements ?? []);
    expect(announcements.at(-1)).toMatch(/^Question 2 of 3 is ready\./);
    expect(await page.evaluate(() => (window as Marked).__e2eSamePage), "no full page reload").toBe("marked");
    await expect(page.getByTestId("current-question")).not.toHaveText("");
  });

  test("when the feedback on an answer is ready, the live region says so", async ({ signedInPage: page }) => {
    test.setTimeout(120_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const sessionId = await startSessionApi(api, await addPostingApi(api));
    await page.goto(`/interviews/${sessionId}`);
    await expect(currentQuestion(page, 1, 3)).toBeVisible(AI_STEP);
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="live-status"]')!;
      const seen: string[] = [];
      (window as Window & { __e2eAnnouncements?: string[] }).__e2eAnnouncements = seen;
      new MutationObserver(() => seen.push(region.textContent ?? "")).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });

    await page.getByLabel("Your answer").fill(ANSWERS[0]!);
    await page.getByRole("button", { name: "Submit answer" }).click();
    // The evaluation is on the page (under the answer, in the collapsed list)…
    await expect(previousItem(page, 1)).toContainText("Feedback on this answer", AI_STEP);
    // …and a screen reader user hears about it, as a sighted user sees the score appear.
    await expect
      .poll(() => page.evaluate(() => (window as Window & { __e2eAnnouncements?: string[] }).__e2eAnnouncements ?? []), {
        message: "an announcement about the answer's feedback (evaluation) in the live region",
      })
      .toContainEqual(expect.stringMatching(/feedback|evaluat|scored|analy/i));
  });

  test("words typed just before pressing Pause are in the draft after resuming", async ({ signedInPage: page }) => {
    test.setTimeout(120_000);
    const api = apiOf(page);
    const sessionId = await interviewWaitingForAnswerApi(api);

    // The page's own timers stand still from here on, so "Pause within a moment of the last keystroke" (before the
    // draft's debounce delay has passed) happens every time instead of only on a fast machine.
    await page.clock.install();
    await page.goto(`/interviews/${sessionId}`);
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);

    const typed = "The last sentence I typed right before pressing Pause.";
    await page.getByLabel("Your answer").fill(typed);
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByRole("button", { name: "Resume interview" })).toBeVisible();
    await page.clock.runFor(5_000); // any save still scheduled gets its chance now
    await page.clock.resume();

    await page.goto(`/interviews/${sessionId}`);
    await page.getByRole("button", { name: "Resume interview" }).click();
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await expect(page.getByLabel("Your answer"), "the unsent answer survives Pause (issue 5 point 6)").toHaveValue(typed);
  });

  test("deleted in another tab while open here: the page says at once that it is gone", async ({ signedInPage: page }) => {
    const api = apiOf(page);
    const sessionId = await interviewWaitingForAnswerApi(api);
    // The page's event stream says "ready" once it listens, and the page then re-reads its data.
    const listening = page.waitForRequest((r) => new URL(r.url()).pathname === `/interviews/${sessionId}.data`);
    await page.goto(`/interviews/${sessionId}`);
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await listening;

    // Nothing is in flight, so the page does not poll: only the stream can tell it.
    await apiCall(api, "delete", `/api/v1/sessions/${sessionId}`);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
    await expect(page.getByText("It may have been deleted")).toBeVisible();
  });
});
