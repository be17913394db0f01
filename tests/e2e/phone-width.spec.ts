/**
 * Issue 15 point 14 — phone width: at 360 and 390 px no page scrolls
 * sideways, and whatever has to be wider than the screen (a table with a
 * column per attempt) scrolls inside its own labelled region that a keyboard
 * can focus. Every UI route of app/routes.ts is visited, for a signed-in user
 * with rich data (résumé, postings with long titles, interviews completed and
 * scored across several attempts, one in progress with an answered question,
 * one paused with a draft, one whose question failed) and signed out. With
 * JavaScript on and off (@no-js): the same tables are served either way, the
 * chart only with it.
 *
 * Every <details> is opened before measuring, so content that a click would
 * reveal is measured too.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";
import {
  addPostingApi,
  addResumeApi,
  apiCall,
  apiKey,
  apiOf,
  completeApi,
  currentQuestion,
  messagesApi,
  openQuestionApi,
  setKeyApi,
  startSessionApi,
  until,
} from "./support/journeys.ts";
import { ROOT } from "./support/run-info.ts";

const WIDTHS = [390, 360];

const LONG_TITLE = "Principal Distributed Systems Engineer, Observability and Developer Productivity Platform";
/** Text people paste: a link is one long word. */
const LONG_WORD = "https://careers.example.com/jobs/principal-distributed-systems-engineer-observability-platform-2025?ref=newsletter";

type Layout = {
  viewport: number;
  pageWidth: number;
  /** The outermost elements that reach past the right edge of the viewport. */
  overflowing: string[];
  /** Elements that scroll sideways but are not a focusable, labelled region. */
  unlabelledScrollers: string[];
};

async function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    const viewport = window.innerWidth;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}` : "";
      return `${el.tagName.toLowerCase()}${id}${testId}${cls} “${(el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40)}”`;
    };
    const scrollsSideways = (el: Element) =>
      /auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth && el.tagName !== "TEXTAREA";
    const overflowing: string[] = [];
    const unlabelledScrollers: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const parent = el.parentElement;
      const right = el.getBoundingClientRect().right;
      // The outermost elements past the edge, and positioned ones (they escape a scrolling parent that is not positioned).
      const escapes = /absolute|fixed/.test(getComputedStyle(el).position);
      if (right > viewport + 0.5 && parent && (parent.getBoundingClientRect().right <= viewport + 0.5 || escapes)) {
        overflowing.push(`${describe(el)} ends at ${Math.round(right)}px`);
      }
      if (scrollsSideways(el)) {
        const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
        if (el.getAttribute("role") !== "region" || !named || el.getAttribute("tabindex") !== "0") unlabelledScrollers.push(describe(el));
      }
    }
    // A long word overflows its element without moving the element's edge: name the element it overflows.
    if (!overflowing.length && document.documentElement.scrollWidth > viewport) {
      for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.left + el.scrollWidth > viewport + 0.5 && getComputedStyle(el).overflowX === "visible" && el.children.length === 0)
          overflowing.push(`the text of ${describe(el)} reaches ${Math.round(box.left + el.scrollWidth)}px`);
      }
    }
    return { viewport, pageWidth: document.documentElement.scrollWidth, overflowing, unlabelledScrollers };
  });
}

/** The page at `width` does not scroll sideways; anything that scrolls on its own is a labelled, focusable region. */
async function expectFitsPhone(page: Page, width: number) {
  const layout = await measure(page);
  const where = `${new URL(page.url()).pathname}${new URL(page.url()).search} at ${width} px`;
  expect(layout.viewport).toBe(width);
  // Soft: one run lists every page that does not fit.
  expect
    .soft(layout.pageWidth, `${where}: the page is ${layout.pageWidth}px wide; past the right edge:\n  ${layout.overflowing.join("\n  ")}`)
    .toBeLessThanOrEqual(layout.viewport);
  expect.soft(layout.unlabelledScrollers, `${where}: sideways scrolling without role="region", a label and tabindex=0`).toEqual([]);
}

/** The UI routes of app/routes.ts (route modules with a component), as patterns; "*" is the not-found page. */
function uiRoutes(): { pattern: string; test: (pathname: string) => boolean }[] {
  const source = fs.readFileSync(path.join(ROOT, "app/routes.ts"), "utf8");
  const routes = [...source.matchAll(/\b(?:route\("([^"]*)",\s*|index\()"(routes\/[^"]+\.tsx)"\)/g)].map((m) => ({
    pattern: m[1] === undefined ? "" : m[1],
    file: m[2]!,
  }));
  return routes
    .filter((r) => /export default function/.test(fs.readFileSync(path.join(ROOT, "app", r.file), "utf8")))
    .map((r) => {
      const regex = new RegExp(`^/${r.pattern.replace(/:[^/]+/g, "[^/]+")}$`);
      return { pattern: `/${r.pattern}`, test: (pathname: string) => regex.test(pathname) };
    });
}

/**
 * The page at every width: checked as loaded at the first width, then resized to each of the others.
 * Only CSS and Chart.js's resize observer react to the width (no component reads it), and CSS lays out
 * a resized page exactly as a freshly loaded one, so one load serves every width; with JavaScript on,
 * two frames pass after each resize for the charts to redraw.
 */
async function expectFitsEveryWidth(page: Page, javaScriptEnabled: boolean) {
  for (const [i, width] of WIDTHS.entries()) {
    if (i > 0) {
      await page.setViewportSize({ width, height: 800 });
      if (javaScriptEnabled) await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    }
    await expectFitsPhone(page, width);
  }
}

/** Visit each path and check it at each width; `ready` waits for what the state must show. Returns the paths seen. */
async function walk(
  page: Page,
  javaScriptEnabled: boolean,
  visits: { path: string; ready?: (page: Page) => Promise<void>; status?: number }[],
) {
  const seen: { pathname: string; status: number }[] = [];
  for (const visit of visits) {
    await test.step(`${visit.path} at ${WIDTHS.join(" and ")} px`, async () => {
      await page.setViewportSize({ width: WIDTHS[0]!, height: 800 });
      const response = await page.goto(visit.path);
      const status = response?.status() ?? 0;
      expect(status, `${visit.path} answers`).toBe(visit.status ?? 200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (visit.ready) await visit.ready(page);
      await expectFitsEveryWidth(page, javaScriptEnabled);
      seen.push({ pathname: new URL(page.url()).pathname, status });
    });
  }
  return seen;
}

test.describe("phone width (360 and 390 px)", () => {
  test("every page in its states, signed out and signed in with scored attempts, one in progress, one paused, one failed @no-js", async ({
    signedInPage: page,
    newUser,
    newContext,
    mail,
    javaScriptEnabled,
  }) => {
    test.setTimeout(360_000);

    // Signed out: the public pages, the reset form as a user reaches it from the email, a form with its errors.
    const visitor = await (await newContext()).newPage();
    const since = Date.now();
    await visitor.goto("/forgot-password");
    await visitor.getByLabel("Email").fill(newUser.email);
    await visitor.getByRole("button", { name: "Send reset link" }).click();
    await expect(visitor.getByRole("status")).toContainText("If an account exists for that email");
    await visitor.setViewportSize({ width: WIDTHS[0]!, height: 800 });
    await expectFitsEveryWidth(visitor, javaScriptEnabled);
    const resetLink = new URL(await mail.resetLinkFor(newUser.email, { since }));
    const seen = await walk(visitor, javaScriptEnabled, [
      { path: "/" },
      { path: "/login" },
      { path: "/register" },
      { path: "/forgot-password" },
      { path: "/how-scores-work" },
      { path: `${resetLink.pathname}${resetLink.search}` },
      { path: "/reset-password?token=not-a-real-token-at-all" },
      { path: "/no-such-page-here", status: 404 },
    ]);
    await visitor.setViewportSize({ width: WIDTHS[0]!, height: 800 });
    await visitor.goto("/register");
    await visitor.getByLabel("Email").fill("not an email");
    await visitor.getByLabel("Password", { exact: true }).fill("short");
    await visitor.getByRole("button", { name: "Create account" }).click();
    await expect(visitor.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectFitsEveryWidth(visitor, javaScriptEnabled);

    // Signed in, with rich data.
    const api = apiOf(page);
    await setKeyApi(api);
    await addResumeApi(api);
    const postingA = await addPostingApi(api);
    const postingB = await addPostingApi(api, {
      title: LONG_TITLE,
      company: "Contoso Observability & Reliability Engineering Group",
      description: `Own the telemetry pipeline and the developer platform of a large engineering organisation. Apply at ${LONG_WORD}`,
    });

    // Posting A: three scored attempts, a fourth in progress with one answer scored and the next question open.
    const attempts = [await startSessionApi(api, postingA)];
    await completeApi(api, attempts[0]!);
    for (let i = 1; i < 3; i++) {
      const retake = await apiCall<{ id: string }>(api, "post", `/api/v1/sessions/${attempts[i - 1]}/retake`, {});
      await completeApi(api, retake.id);
      attempts.push(retake.id);
    }
    const inProgress = (await apiCall<{ id: string }>(api, "post", `/api/v1/sessions/${attempts[2]}/retake`, {})).id;
    const first = await openQuestionApi(api, inProgress, "question 1");
    await apiCall(api, "post", `/api/v1/sessions/${inProgress}/answers`, {
      question_id: first.id,
      answer_text: `I wrote it up in a runbook, ${LONG_WORD}, and the team has followed it since.`,
    });
    await openQuestionApi(api, inProgress, "question 2");
    await until(
      async () => (await messagesApi(api, inProgress)).some((m) => m.evaluation_status === "completed"),
      "the evaluation of the answer in progress",
    );

    // Posting B: one scored attempt, one paused with a draft.
    const scoredB = await startSessionApi(api, postingB);
    await completeApi(api, scoredB);
    const paused = await startSessionApi(api, postingB);
    await openQuestionApi(api, paused, "question 1");
    await page.goto(`/interviews/${paused}`);
    await expect(currentQuestion(page, 1, 3)).toBeVisible();
    await page.getByLabel("Your answer").fill(`A first thought, kept as a draft while the interview is paused: ${LONG_WORD}`);
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(page.getByRole("button", { name: "Resume interview" })).toBeVisible();

    // A rejected key: an interview whose first question failed (the key stays bad from here on).
    await setKeyApi(api, apiKey("bad"));
    const failed = await startSessionApi(api, postingB);
    await until(
      async () =>
        (await apiCall<{ pending_operation_id: string | null }>(api, "get", `/api/v1/sessions/${failed}`)).pending_operation_id === null,
      "the failed question",
      45_000,
    );

    const chartOrTable = async (p: Page) => {
      if (javaScriptEnabled) {
        // The chart is drawn as its place nears the screen; at phone width the dashboard's lists come first.
        await p.getByRole("region", { name: /^(Your scores over time|Scores across attempts)$/ }).scrollIntoViewIfNeeded();
        await expect(p.locator("canvas")).toBeVisible();
      } else await expect(p.getByRole("table").first()).toBeVisible();
    };
    seen.push(
      ...(await walk(page, javaScriptEnabled, [
        { path: "/dashboard", ready: chartOrTable },
        { path: "/settings" },
        { path: "/resume" },
        { path: "/resume/delete" },
        { path: "/jobs" },
        { path: "/jobs/new" },
        { path: `/jobs/${postingB}` },
        { path: `/jobs/${postingB}/edit` },
        { path: `/jobs/${postingB}/delete` },
        { path: `/jobs/${postingA}/progress`, ready: chartOrTable },
        { path: `/jobs/${postingB}/progress` },
        { path: `/jobs/${postingA}/skills` },
        { path: "/settings/import" },
        // An import's preview exists only for an account without data; this one has data, so the
        // preview route is walked as the 404 an unknown import gets (import.test.ts covers the preview).
        { path: `/settings/import/${crypto.randomUUID()}`, status: 404 },
        { path: "/interviews" },
        { path: `/interviews?status=completed&job=${postingA}` },
        { path: "/interviews?status=sideways&range=forever" },
        { path: `/interviews/new?jobId=${postingB}` },
        { path: `/interviews/${inProgress}`, ready: async (p) => expect(currentQuestion(p, 2, 3)).toBeVisible() },
        { path: `/interviews/${paused}`, ready: async (p) => expect(p.getByRole("button", { name: "Resume interview" })).toBeVisible() },
        {
          path: `/interviews/${failed}`,
          ready: async (p) => expect(p.getByTestId("operation-failed-question_generation")).toBeVisible(),
        },
        { path: `/interviews/${attempts[2]}` },
        { path: `/interviews/${attempts[2]}/feedback`, ready: async (p) => expect(p.getByTestId("overall-score")).toBeVisible() },
        { path: `/interviews/${paused}/feedback` },
        { path: `/interviews/${paused}/delete` },
        { path: "/no-such-page-here", status: 404 },
      ])),
    );

    // Forms with their errors.
    await page.setViewportSize({ width: WIDTHS[0]!, height: 800 });
    await page.goto("/jobs/new");
    await page.getByRole("button", { name: "Save job posting" }).click();
    await expect(page.getByLabel("Job title")).toHaveAttribute("aria-invalid", "true");
    await expectFitsEveryWidth(page, javaScriptEnabled);
    await page.setViewportSize({ width: WIDTHS[0]!, height: 800 });
    await page.goto(`/interviews/${inProgress}`);
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(page.getByLabel("Your answer")).toHaveAttribute("aria-invalid", "true");
    await expectFitsEveryWidth(page, javaScriptEnabled);

    // Every UI route was walked: a route added later must be added here, or this fails.
    const missed = uiRoutes().filter((r) => !seen.some((s) => (r.pattern === "/*" ? s.status === 404 : r.test(s.pathname))));
    expect(missed.map((r) => r.pattern)).toEqual([]);

    if (javaScriptEnabled) {
      // What this change touched passes axe at phone width too (a region that scrolls must be focusable).
      await page.setViewportSize({ width: 390, height: 800 });
      for (const path of ["/dashboard", `/jobs/${postingA}/progress`]) {
        await page.goto(path);
        await chartOrTable(page);
        await expectNoAxeViolations(page);
      }
    }
  });
});
