/**
 * End-to-end tests: Playwright on Debian's Chromium (/usr/bin/chromium; no
 * browser downloads) against the production build, started for real by
 * tests/e2e/global-setup.ts (PostgreSQL, migrations, fake OpenAI, SMTP sink,
 * web and worker processes). Global teardown then scans everything captured
 * for leaked secrets.
 *
 * Two projects: `chromium` (JavaScript on) runs every test except those
 * tagged @no-js-only; `chromium-no-js` (JavaScript off) runs only tests
 * tagged @no-js (journeys that must also work without JavaScript) or
 * @no-js-only.
 *
 *   AII_BUILD_DIR=build-e2e npx react-router build
 *   AII_BUILD_DIR=build-e2e npx playwright test [--project chromium-no-js] [tests/e2e/accounts.spec.ts]
 */
import { defineConfig, devices } from "@playwright/test";

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= "1";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox", // we run as root
      "--disable-gpu",
      // Without these Chromium keeps trying to reach Google's services from a closed network.
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  globalSetup: "./tests/e2e/global-setup.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: true,
  workers: 2,
  // Flaky tests get fixed, not retried.
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Ceilings, not expectations: generous so a slow shared CI machine does not fail a correct page.
  timeout: 60_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    // Set by global setup before the test workers start (the port is free-picked per run).
    baseURL: process.env.AII_E2E_BASE_URL,
    // A failed test keeps its trace (actions, DOM snapshots, network, console) without the screencast:
    // recording a film of every test for the few that fail cost the run about 90 s of CPU on two cores
    // (Chromium's compositor encoding frames), and the failure screenshot below still shows the end state.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    locale: "en-GB",
    timezoneId: "UTC",
  },
  projects: [
    {
      name: "chromium",
      grepInvert: /@no-js-only/,
      use: { ...chromium, javaScriptEnabled: true },
    },
    {
      name: "chromium-no-js",
      grep: /@no-js/,
      use: { ...chromium, javaScriptEnabled: false },
    },
  ],
});
