/**
 * Issue 7 point 10 — accessibility, proven page by page: an axe-core scan of
 * every page in its main states (empty, filled, pending operation, failed
 * operation, paused, completed, feedback) with zero violations; no
 * horizontal scroll at 768 and 1280 px; a keyboard-only journey from
 * registration to feedback with a visible focus ring at every stop; status
 * changes announced through live regions; and <noscript> content only where a
 * feature genuinely needs JavaScript (the self-refresh of pages with pending
 * AI work — nothing else, since every feature works without it).
 *
 * States are reached through the UI or the JSON API with the browser's own
 * session; AI faults are chosen per user by the API key ("bad" → 401,
 * "slow" → never answers), never by the fake's global script, because other
 * specs share the fake.
 */
import type { Locator, Page } from "@playwright/test";
import { asFile, pdfWithText } from "../fixtures/resume-files.ts";
import {
  expect,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  newAccount,
  recordApiResponse,
  recordSecret,
  tabTo,
  test,
} from "./fixtures.ts";
import {
  addPostingApi,
  addResumeApi,
  answerApi,
  apiCall,
  apiOf,
  completeApi,
  currentQuestion,
  openQuestionApi,
  RESUME_TEXT,
  saveKeyInSettings,
  setKeyApi,
  startSessionApi,
  apiKey,
} from "./support/journeys.ts";

const AI_STEP = { timeout: 45_000 };

/** The only <noscript> content allowed: the self-refresh of a page waiting for AI work. */
const NOSCRIPT_REFRESH = /^\s*<meta http-equiv="refresh" content="\d+"\s*\/?>\s*$/i;

/** The page as served (not as hydrated) has no <noscript> notice: every feature works without JavaScript. */
async function expectNoNoscriptNotice(page: Page) {
  const response = await recordApiResponse(await page.request.get(page.url()), "GET");
  const html = await response.text();
  const blocks = [...html.matchAll(/<noscript>([\s\S]*?)<\/noscript>/gi)].map((m) => m[1]!);
  expect(
    blocks.filter((b) => !NOSCRIPT_REFRESH.test(b)),
    `<noscript> content on ${new URL(page.url()).pathname} other than the pending-work refresh`,
  ).toEqual([]);
}

/** axe (zero violations) and the <noscript> rule, for the page as it is now. */
async function scan(page: Page) {
  await expectNoAxeViolations(page);
  await expectNoNoscriptNotice(page);
}

async function scanPath(page: Page, path: string, heading?: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, ...(heading ? { name: heading } : {}) })).toBeVisible();
  await scan(page);
}

test.describe("axe: public pages", () => {
  test("landing, log in, register, forgot password (before and after sending), reset password (valid and invalid link), 404", async ({
    page,
    newUser,
    mail,
  }) => {
    test.setTimeout(90_000);
    await scanPath(page, "/", "Rehearse the interview before it counts.");
    await scanPath(page, "/login", "Log in");
    await scanPath(page, "/register", "Create your account");
    await scanPath(page, "/forgot-password", "Reset your password");

    const since = Date.now();
    await page.getByLabel("Email").fill(newUser.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account exists for that email");
    await scan(page);

    await page.goto(await mail.resetLinkFor(newUser.email, { since }));
    await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
    await scan(page);
    // A new password that is refused shows its errors accessibly too.
    await page.getByLabel("New password").fill("short");
    await page.getByLabel("Type it again").fill("different");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
    await scan(page);

    await scanPath(page, "/reset-password?token=not-a-real-token-at-all", "This link doesn't work any more");

    const missing = await page.goto("/no-such-page-here");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
    await scan(page);
  });
});

test.describe("axe: signed-in pages", () => {
  test("a new user: dashboard, settings without a key, empty résumé, no postings, no interviews, the start form without postings", async ({
    signedInPage: page,
  }) => {
    test.setTimeout(90_000);
    await expect(page.getByRole("region", { name: "Getting started" })).toBeVisible();
    await scan(page);
    await scanPath(page, "/settings", "Settings");
    await expect(page.getByTestId("api-key-status")).toContainText("No key saved yet");
    await scanPath(page, "/resume", "Your résumé");
    await expect(page.getByText("You have no résumé yet.")).toBeVisible();
    await scanPath(page, "/jobs", "Job postings");
    await expect(page.getByRole("heading", { level: 2, name: "No job postings yet" })).toBeVisible();
    await scanPath(page, "/interviews", "Interviews");
    await expect(page.getByTestId("no-interviews")).toBeVisible();
    await scanPath(page, "/interviews/new", "Start an interview");
    await expect(page.getByRole("link", { name: "Add your first job posting" })).toBeVisible();

    // The posting form, empty and with its validation errors.
    await scanPath(page, "/jobs/new", "Add a job posting");
    await page.getByRole("button", { name: "Save job posting" }).click();
    await expect(page.getByLabel("Job title")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Job description")).toHaveAttribute("aria-invalid", "true");
    await scan(page);
  });

  test("settings with a key and after testing it; résumé filled, after an upload review, with an error, and its delete page", async ({
    signedInPage: page,
  }) => {
    test.setTimeout(90_000);
    await page.goto("/settings");
    await saveKeyInSettings(page, apiKey());
    await scan(page);
    await page.getByRole("button", { name: "Test key" }).click();
    await expect(page.getByRole("status")).toContainText("Your key works");
    await scan(page);
    // A rejected key, tested.
    await saveKeyInSettings(page, apiKey("bad"));
    await page.getByRole("button", { name: "Test key" }).click();
    await expect(page.getByRole("alert")).toHaveText("Your OpenAI key was rejected. Update it in Settings.");
    await scan(page);

    await page.goto("/resume");
    await page.getByLabel("Résumé text").fill(RESUME_TEXT);
    await page.getByRole("button", { name: "Save résumé" }).click();
    await expect(page.getByTestId("resume-summary")).toBeVisible();
    await scan(page);

    const pdf = asFile(pdfWithText(), "resume.pdf", "application/pdf");
    await page
      .getByLabel("Résumé file")
      .setInputFiles({ name: pdf.name, mimeType: pdf.type, buffer: Buffer.from(await pdf.arrayBuffer()) });
    await page.getByRole("button", { name: "Upload and review" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Review and save." })).toBeVisible();
    await scan(page);

    await page.getByLabel("Résumé text").fill("Too short.");
    await page.getByRole("button", { name: "Save résumé" }).click();
    await expect(page.getByLabel("Résumé text")).toHaveAttribute("aria-invalid", "true");
    await scan(page);

    await scanPath(page, "/resume/delete", "Delete your résumé?");
  });

  test("job posting pages: list, detail (missing prerequisites and ready), edit, delete, progress without attempts, start form", async ({
    signedInPage: page,
  }) => {
    test.setTimeout(90_000);
    const api = apiOf(page);
    const id = await addPostingApi(api);
    await addPostingApi(api, { title: "Engineering Manager", company: "Fabrikam" });

    await scanPath(page, "/jobs", "Job postings");
    await expect(page.getByRole("list", { name: "Your job postings" }).getByRole("listitem").first()).toBeVisible();
    await scanPath(page, `/jobs/${id}`);
    await expect(page.getByTestId("start-interview-missing")).toBeVisible();
    await scanPath(page, `/interviews/new?jobId=${id}`, "Start an interview");
    await expect(page.getByTestId("start-interview-missing")).toBeVisible();

    await setKeyApi(api);
    await addResumeApi(api);
    await scanPath(page, `/jobs/${id}`);
    await expect(page.getByRole("button", { name: "Start interview" })).toBeVisible();
    await scanPath(page, `/interviews/new?jobId=${id}`, "Start an interview");
    await expect(page.getByRole("button", { name: "Start interview" })).toBeEnabled();
    // The start form with an error.
    await page.getByLabel("Number of questions").fill("99");
    await page.getByRole("button", { name: "Start interview" }).click();
    await expect(page.getByLabel("Number of questions")).toHaveAttribute("aria-invalid", "true");
    await scan(page);

    await scanPath(page, `/jobs/${id}/edit`, "Edit job posting");
    await scanPath(page, `/jobs/${id}/delete`, "Delete this job posting?");
    await scanPath(page, `/jobs/${id}/progress`);
    await expect(page.getByRole("heading", { level: 2, name: "No attempts yet" })).toBeVisible();
  });

  test("interview and feedback pages in every state: pending, failed, open question, draft, paused, completed; feedback pending, failed, ready", async ({
    signedInPage: page,
  }) => {
    test.setTimeout(300_000);
    const api = apiOf(page);
    await addResumeApi(api);
    const postingId = await addPostingApi(api);
    await setKeyApi(api);

    // With a working key: one interview completed and scored, two at their last question, one at its first.
    const completed = await startSessionApi(api, postingId);
    const lastA = await startSessionApi(api, postingId);
    const lastB = await startSessionApi(api, postingId);
    const open = await startSessionApi(api, postingId);
    await completeApi(api, completed);
    for (const id of [lastA, lastB]) {
      await answerApi(api, id, 1);
      await answerApi(api, id, 2);
      await openQuestionApi(api, id, "question 3");
    }
    await openQuestionApi(api, open, "question 1");
    // From here on the key is never a working one again, so every AI step started below ends failed;
    // the pages of `completed` and `open` need no more AI.

    // A provider that never answers: an AI step stays pending for ~10 s (the app's timeout and retries), then fails.
    // Each pending page is scanned right after its own step starts.
    await setKeyApi(api, apiKey("slow"));
    await answerApi(api, lastA, 3);
    await page.goto(`/interviews/${lastA}/feedback`);
    await expect(page.getByTestId("operation-running-session_feedback")).toContainText("Writing your interview feedback…");
    await expect(page.getByTestId("live-status")).toHaveText("Writing your interview feedback…");
    await scan(page);

    await answerApi(api, lastB, 3);
    await page.goto(`/interviews/${lastB}`);
    await expect(page.getByTestId("operation-running-session_feedback")).toBeVisible();
    await scan(page);

    const pending = await startSessionApi(api, postingId);
    await page.goto(`/interviews/${pending}`);
    await expect(page.getByTestId("operation-running-question_generation")).toContainText("Generating your question…");
    await scan(page);
    // Its feedback page before the interview is finished.
    await scanPath(page, `/interviews/${pending}/feedback`);
    await expect(page.getByRole("heading", { level: 2, name: "This interview isn't finished yet" })).toBeVisible();

    // A rejected key: the failed question with its Settings link and Retry.
    await setKeyApi(api, apiKey("bad"));
    const failed = await startSessionApi(api, postingId);
    await page.goto(`/interviews/${failed}`);
    await expect(page.getByTestId("operation-failed-question_generation")).toContainText("Your OpenAI key was rejected.", AI_STEP);
    await scan(page);

    // An open question (with an error), then a draft saved, then paused.
    await page.goto(`/interviews/${open}`);
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await scan(page);
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(page.getByLabel("Your answer")).toHaveAttribute("aria-invalid", "true");
    await scan(page);
    await page.getByLabel("Your answer").fill("A first thought I will finish later.");
    await expect(page.getByText(/^Draft saved \d/)).toBeVisible({ timeout: 15_000 });
    await scan(page);
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByRole("button", { name: "Resume interview" })).toBeVisible();
    await scan(page);

    // Completed and scored: the interview and its feedback.
    await page.goto(`/interviews/${completed}`);
    await expect(page.getByRole("link", { name: "Read your feedback" })).toBeVisible();
    await scan(page);
    await page.getByRole("link", { name: "Read your feedback" }).click();
    await expect(page.getByTestId("overall-score")).toBeVisible();
    await scan(page);

    // The feedback that could not be written (the slow provider gave up, or the bad key was used).
    await page.goto(`/interviews/${lastA}/feedback`);
    await expect(page.getByTestId("operation-failed-session_feedback")).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId("live-status")).toHaveText("Not scored yet: the feedback could not be written.");
    await scan(page);
    await page.goto(`/interviews/${lastB}`);
    await expect(page.getByTestId("operation-failed-session_feedback")).toBeVisible({ timeout: 120_000 });
    await scan(page);
  });

  test("history, progress (one and two attempts) and the dashboard with scored interviews", async ({ signedInPage: page }) => {
    test.setTimeout(240_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const postingId = await addPostingApi(api);
    const first = await startSessionApi(api, postingId);
    await completeApi(api, first);

    await scanPath(page, `/jobs/${postingId}/progress`);
    await expect(page.getByTestId("attempt-row")).toHaveCount(1);
    await expect(page.getByTestId("retake-encouragement")).toBeVisible();

    const retake = await apiCall<{ id: string }>(api, "post", `/api/v1/sessions/${first}/retake`, {});
    await completeApi(api, retake.id);
    await page.goto(`/jobs/${postingId}/progress`);
    await expect(page.getByTestId("attempt-row")).toHaveCount(2);
    await page.getByRole("region", { name: "Scores across attempts" }).scrollIntoViewIfNeeded(); // drawn as it nears the screen
    await expect(page.getByTestId("progress-chart").locator("canvas")).toBeVisible();
    await scan(page);

    await scanPath(page, "/interviews", "Interviews");
    await expect(page.getByTestId("history-row")).toHaveCount(2);
    await scanPath(page, "/interviews?status=paused", "Interviews");
    await expect(page.getByTestId("no-results")).toContainText("No interviews match these filters");
    await scanPath(page, "/interviews?status=sideways&range=forever", "Interviews");
    await expect(page.getByTestId("filter-issues")).toBeVisible();

    await page.goto("/dashboard");
    await expect(page.getByTestId("stat-completed")).toHaveText("2");
    await expect(page.getByTestId("trend-chart").locator("canvas")).toBeVisible();
    await scan(page);
    await scanPath(page, `/jobs/${postingId}`);
    await expect(page.getByTestId("interview-stats")).toContainText("2 interviews");
  });
});

test.describe("layout", () => {
  test("the main pages have no horizontal scrollbar at 768 px and 1280 px", async ({ signedInPage: page }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const postingId = await addPostingApi(api, {
      title: "Principal Distributed Systems Engineer, Observability and Developer Productivity Platform",
    });
    const done = await startSessionApi(api, postingId);
    await completeApi(api, done);
    const open = await startSessionApi(api, postingId);
    await openQuestionApi(api, open, "question 1");

    const paths = [
      "/",
      "/dashboard",
      "/settings",
      "/resume",
      "/jobs",
      "/jobs/new",
      `/jobs/${postingId}`,
      `/jobs/${postingId}/edit`,
      `/jobs/${postingId}/progress`,
      "/interviews",
      `/interviews/new?jobId=${postingId}`,
      `/interviews/${open}`,
      `/interviews/${done}`,
      `/interviews/${done}/feedback`,
    ];
    for (const width of [768, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        await test.step(`${path} at ${width} px`, async () => {
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectNoHorizontalScroll(page);
        });
      }
    }
  });
});

test.describe("keyboard only", () => {
  /** The focused element shows a focus indicator (an outline that is not `none` and has a width). */
  async function expectVisibleFocus(page: Page) {
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        what: `${el.tagName.toLowerCase()} “${(el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "").trim().slice(0, 40)}”`,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
      };
    });
    expect(focus, "something has focus").not.toBeNull();
    expect(
      focus!.outlineStyle !== "none" && focus!.outlineWidth > 0,
      `visible focus on ${focus!.what} (outline: ${focus!.outlineStyle} ${focus!.outlineWidth}px)`,
    ).toBe(true);
  }

  /** Tab to `target` (keyboard only), check its focus ring, then press Enter. */
  async function go(page: Page, target: Locator) {
    await tabTo(page, target, { max: 60 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
  }

  async function typeInto(page: Page, field: Locator, text: string, options: { replace?: boolean } = {}) {
    await tabTo(page, field, { max: 60 });
    await expectVisibleFocus(page);
    if (options.replace) await page.keyboard.press("ControlOrMeta+A");
    // insertText is the keyboard's input of a whole string at once (as an IME or paste would).
    await page.keyboard.insertText(text);
  }

  test("every stop of the Tab key on the main pages shows a focus ring", async ({ signedInPage: page }) => {
    test.setTimeout(180_000);
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const postingId = await addPostingApi(api);
    const done = await startSessionApi(api, postingId);
    await completeApi(api, done);
    const open = await startSessionApi(api, postingId);
    await answerApi(api, open, 1);
    await openQuestionApi(api, open, "question 2");

    const paths = [
      "/dashboard",
      "/settings",
      "/resume",
      "/jobs",
      "/jobs/new",
      `/jobs/${postingId}`,
      `/jobs/${postingId}/progress`,
      "/interviews",
      `/interviews/new?jobId=${postingId}`,
      `/interviews/${open}`,
      `/interviews/${done}`,
      `/interviews/${done}/feedback`,
    ];
    for (const path of paths) {
      await test.step(`Tab through ${path}`, async () => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const stops: string[] = [];
        const invisible: string[] = [];
        for (let i = 0; i < 120; i++) {
          await page.keyboard.press("Tab");
          const stop = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            const name = (el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "").trim().replace(/\s+/g, " ");
            return {
              what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} “${name.slice(0, 50)}”`,
              visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
              // The calendar button inside a date field belongs to the browser (user-agent shadow DOM): the field itself
              // is not :focus then, and the browser draws that button's own focus ring.
              browserPart: el.matches('input[type="date"]') && !el.matches(":focus"),
            };
          });
          if (!stop || stop.what === stops[0]) break; // left the page, or wrapped around to the first stop
          stops.push(stop.what);
          if (!stop.visible && !stop.browserPart) invisible.push(stop.what);
        }
        expect(stops.length, `${path} has keyboard stops`).toBeGreaterThan(3);
        expect(invisible, `elements on ${path} focused without a visible focus indicator`).toEqual([]);
      });
    }
  });

  test("register → key → résumé → posting → start → three answers → feedback, without the mouse, focus always visible, status announced", async ({
    page,
    context,
  }) => {
    test.setTimeout(300_000);
    // Proof that no pointer was used: count pointer events in every document of this browser context.
    await context.addInitScript(() => {
      window.addEventListener(
        "pointerdown",
        () => sessionStorage.setItem("e2e-pointer", String(Number(sessionStorage.getItem("e2e-pointer") ?? "0") + 1)),
        true,
      );
    });
    const account = newAccount("keyboard-journey");
    recordSecret("password", account.password);
    const key = apiKey();
    recordSecret("api-key", key);
    const main = page.getByRole("navigation", { name: "Main" });

    await page.goto("/");
    await go(page, page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Create account" }));
    await expect(page).toHaveURL(/\/register$/);
    await typeInto(page, page.getByRole("textbox", { name: "Email" }), account.email);
    await typeInto(page, page.getByLabel("Password", { exact: true }), account.password);
    await go(page, page.getByRole("button", { name: "Create account" }));
    await expect(page).toHaveURL(/\/dashboard$/);

    // Settings: the key. The confirmation is a status message (announced).
    await go(page, main.getByRole("link", { name: "Settings" }));
    await expect(page).toHaveURL(/\/settings$/);
    await typeInto(page, page.getByRole("textbox", { name: "Your API key" }), key);
    await go(page, page.getByRole("button", { name: "Save key" }));
    await expect(page.getByRole("status")).toHaveText(`Key saved. It ends in …${key.slice(-4)}.`);

    // Résumé.
    await go(page, main.getByRole("link", { name: "Résumé" }));
    await expect(page).toHaveURL(/\/resume$/);
    await typeInto(page, page.getByRole("textbox", { name: "Résumé text" }), RESUME_TEXT);
    await go(page, page.getByRole("button", { name: "Save résumé" }));
    await expect(page.getByRole("status")).toHaveText("Résumé saved. Your next interviews will be built from it.");

    // Job posting.
    await go(page, main.getByRole("link", { name: "Job postings" }));
    await go(page, page.getByRole("link", { name: "Add your first job posting" }));
    await expect(page).toHaveURL(/\/jobs\/new$/);
    await typeInto(page, page.getByRole("textbox", { name: "Job title" }), "Keyboard-Friendly Frontend Engineer");
    await typeInto(
      page,
      page.getByRole("textbox", { name: "Job description" }),
      "Build accessible interfaces in React and TypeScript; own the design system and its keyboard support.",
    );
    await go(page, page.getByRole("button", { name: "Save job posting" }));
    await expect(page.getByRole("status")).toHaveText("Job posting saved. Start an interview whenever you are ready.");

    // Start: 3 questions.
    await go(page, page.getByRole("button", { name: "Start interview" }));
    await expect(page).toHaveURL(/\/interviews\/new\?jobId=/);
    await typeInto(page, page.getByRole("spinbutton", { name: "Number of questions" }), "3", { replace: true });
    await go(page, page.getByRole("button", { name: "Start interview" }));
    await expect(page).toHaveURL(/\/interviews\/[0-9a-f-]{36}$/);

    const live = page.getByTestId("live-status");
    for (let n = 1; n <= 3; n++) {
      await expect(currentQuestion(page, n, 3)).toBeVisible(AI_STEP);
      await expect(live.locator("p").first()).toHaveText(`Question ${n} of 3 is ready.`);
      await typeInto(page, page.getByRole("textbox", { name: "Your answer" }), `Keyboard answer ${n}: I measure first, then decide.`);
      await go(page, page.getByRole("button", { name: "Submit answer" }));
      if (n < 3) await expect(live.locator("p").first()).not.toHaveText(`Question ${n} of 3 is ready.`);
    }
    await expect(live.locator("p").first()).toHaveText("Your interview feedback is ready.", AI_STEP);
    await go(page, page.getByRole("link", { name: "Read your feedback" }));
    await expect(page).toHaveURL(/\/feedback$/);
    await expect(page.getByTestId("overall-score")).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveText("Your interview feedback is ready.");

    // Back and forth through the report with the keyboard, the focus stays visible.
    await go(page, page.getByRole("link", { name: "All interviews" }));
    await expect(page).toHaveURL(/\/interviews$/);
    expect(await page.evaluate(() => sessionStorage.getItem("e2e-pointer")), "no pointer events").toBeNull();
  });
});
