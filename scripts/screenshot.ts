/**
 * `node scripts/screenshot.ts` — regenerate docs/screenshot.png, the picture
 * README opens with: the interview page mid-session, with a follow-up
 * question, a half-written answer and the feedback on the previous answer.
 * Runs the production build against a throwaway Postgres and the fake OpenAI
 * (the same environment the benchmarks use), driven through the real UI in
 * Debian's Chromium. Needs `npm run build` first.
 */
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { ROOT } from "./lib/local-database.ts";
import { startEnvironment } from "./bench/environment.ts";

const RESUME = [
  "Grace Example — Senior backend engineer.",
  "Eight years building payment systems in TypeScript, Go and PostgreSQL.",
  "Led the migration of a ledger to event sourcing; mentored four engineers;",
  "cut p95 latency of the checkout API from 900 ms to 180 ms.",
].join("\n");

const FIRST_ANSWER =
  "At Acme Pay I led the move of our ledger to event sourcing. We ran both models side by side for six weeks, " +
  "compared balances nightly, and switched reads over service by service. The hardest part was replaying " +
  "three years of history without locking the live tables.";

const env = await startEnvironment({ fakeLatencyMs: 300 });
env.fake.respond("interview_question", (_request, { count }) =>
  count === 1
    ? {
        question:
          "Your résumé mentions migrating a ledger to event sourcing. Walk me through how you kept balances correct while both models were live.",
        type: "project",
        is_follow_up: false,
        probes: "Ownership of a risky migration",
      }
    : {
        question:
          "You said you compared balances nightly. What did you do when the two models disagreed, and how quickly could you tell which one was wrong?",
        type: "technical",
        is_follow_up: true,
        probes: "Depth behind the reconciliation claim",
      },
);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const context = await browser.newContext({ baseURL: env.urls[0], viewport: { width: 1280, height: 1500 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password", { exact: true }).fill("a screenshot passphrase 2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard$/);

  await page.goto("/settings");
  await page.getByLabel("Your API key").fill(`sk-demo-${"0123456789abcdef".repeat(3)}`);
  await page.getByRole("button", { name: "Save key" }).click();
  await page.getByRole("status").waitFor();

  await page.goto("/resume");
  await page.getByLabel("Résumé text").fill(RESUME);
  await page.getByRole("button", { name: "Save résumé" }).click();
  await page.getByRole("status").waitFor();

  await page.goto("/jobs/new");
  await page.getByLabel("Job title").fill("Senior Platform Engineer");
  await page.getByLabel("Company (optional)").fill("Northwind Payments");
  await page.getByLabel("Experience level (optional)").selectOption({ label: "Senior" });
  await page
    .getByLabel("Job description")
    .fill("Own the reliability of our payment platform: design APIs, lead incident reviews, scale PostgreSQL and mentor engineers.");
  await page.getByLabel("Tech stack (optional)").fill("TypeScript, PostgreSQL, Kubernetes");
  await page.getByRole("button", { name: "Save job posting" }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}/);

  await page.getByRole("button", { name: "Start interview" }).click();
  await page.waitForURL(/\/interviews\/new/);
  await page.getByLabel("Number of questions").fill("6");
  await page.getByRole("button", { name: "Start interview" }).click();
  await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);

  await answer(page, FIRST_ANSWER);
  await page.getByText("Question 2 of 6").first().waitFor();
  await page.getByText("Follow-up", { exact: true }).first().waitFor();
  await page.getByLabel("Your answer").fill("When the nightly comparison found a difference, we froze");
  // The evaluation of answer 1 arrives on its own; wait until it is on the page.
  await page.locator("#q1-feedback").waitFor({ state: "attached", timeout: 30_000 });
  // Earlier questions are collapsed; open the first so the picture shows its feedback.
  await page
    .locator("details")
    .first()
    .evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.screenshot({ path: path.join(ROOT, "docs/screenshot.png"), fullPage: false });
  console.log("Wrote docs/screenshot.png");
} finally {
  await browser.close();
  await env.stop();
}

async function answer(page: Page, text: string) {
  await page.getByLabel("Your answer").fill(text);
  await page.getByRole("button", { name: "Submit answer" }).click();
}
