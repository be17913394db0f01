/**
 * Playwright fixtures and helpers for every e2e spec. Import `test` and
 * `expect` from here, not from @playwright/test:
 *
 *   app              the running stack (URLs, log and mail locations) from global setup
 *   newUser          an account registered through the UI in a throw-away browser context; `page` stays signed out
 *   signedInUser     an account registered through the UI in `page`, which is left signed in on /dashboard
 *   signedInPage     that `page`
 *   newContext()     another browser context with the project's settings, watched like `context`
 *   mail             emails the app sent (captured by the SMTP sink)
 *   fakeOpenAI       the requests the app made to the fake OpenAI
 *   consoleErrors    `.allow(/pattern/)` for a console error a test expects
 *
 * Every browser context is watched automatically: an unexpected console.error
 * or uncaught page error fails the test (house rule), and every HTML/JSON body
 * the browser receives is recorded for the secrets scan (global-teardown.ts).
 * Specs register the secrets they create with `recordSecret()`; the UI
 * helpers here (register, log in) do it for passwords and session cookies.
 */
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type TestInfo,
} from "@playwright/test";
import type { RecordedRequest } from "../fakes/openai-server.ts";
import { runInfo, type RunInfo } from "./support/run-info.ts";
import { appendResponse, appendSecret, appendUnreadable, type SecretAllowance, type SecretKind } from "./support/secrets.ts";
import { readEmails, type StoredEmail } from "./support/smtp-sink.ts";

export { expect };

export type Account = { email: string; password: string };

// --- Unique test data ---

const unique = () => `${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;

/** A fresh, valid, never-used email address. */
export const uniqueEmail = (label = "user") => `e2e-${label}-${unique()}@example.test`;

/** A random password that passes the app's rules (length, not in the common list). */
export const newPassword = () => `e2e-Pw-${randomBytes(12).toString("base64url")}`;

/** An API key the fake OpenAI accepts; a `marker` like "bad" selects one of its faults (tests/fakes/openai-server.ts). */
/** A fresh key the fake accepts: its random part never contains a fault marker ("bad" → 401). */
export function newApiKey(marker = "e2e"): string {
  const random = randomBytes(18).toString("hex");
  return random.includes("bad") ? newApiKey(marker) : `sk-${marker}-${random}`;
}

export const newAccount = (label?: string): Account => ({ email: uniqueEmail(label), password: newPassword() });

// --- The secrets registry ---

function currentTestTitle() {
  try {
    const info = test.info();
    return `${info.project.name} › ${info.titlePath.slice(1).join(" › ")}`;
  } catch {
    return "(outside a test)";
  }
}

/** Record a secret this spec created; the scan after the run fails if it shows up in any log or recorded response. */
export function recordSecret(kind: SecretKind, value: string, allow?: SecretAllowance) {
  appendSecret(runInfo().secretsDir, { kind, value, test: currentTestTitle(), ...(allow ? { allow } : {}) });
}

/** Record the session cookie of `context` (as sent, and the session id inside it). Returns the raw cookie value. */
export async function recordSessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => /(^|_)aii_session$/.test(c.name));
  if (!cookie) throw new Error("No session cookie in this browser context: was the login successful?");
  recordSecret("session-cookie", cookie.value);
  // React Router's signed cookie: base64(JSON(value)) + "." + signature, URL-encoded.
  const signed = decodeURIComponent(cookie.value);
  const payload = signed.slice(0, signed.lastIndexOf("."));
  const token = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as unknown;
  if (typeof token !== "string") throw new Error("The session cookie does not carry a string id; update recordSessionCookie().");
  recordSecret("session-token", token);
  return cookie.value;
}

/** Record the body of a response a spec fetched itself (APIRequestContext), so the secrets scan covers it too. */
export async function recordApiResponse(response: APIResponse, method: string) {
  appendResponse(
    runInfo().responsesDir,
    {
      url: response.url(),
      method,
      status: response.status(),
      contentType: (response.headers()["content-type"] ?? "").split(";")[0]!,
      resourceType: "api",
      test: currentTestTitle(),
    },
    await response.body(),
  );
  return response;
}

// --- Watching browser contexts: console errors, page errors, response bodies ---

const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d{3})/;
const STATIC_ASSET = /\/assets\/|\.(js|mjs|css|svg|png|jpe?g|gif|ico|woff2?|webmanifest)(\?|$)/i;
const RECORDED_RESOURCES = new Set(["document", "fetch", "xhr"]);
const RECORDED_TYPES = /html|json|x-script|text\/plain/i;

class BrowserWatch {
  readonly problems: string[] = [];
  readonly allowed: RegExp[] = [];
  private pending = new Set<Promise<void>>();
  private unreadable = 0;
  private readonly testInfo: TestInfo;
  constructor(testInfo: TestInfo) {
    this.testInfo = testInfo;
  }

  attach(context: BrowserContext) {
    context.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      const failed = FAILED_LOAD.exec(text);
      // The app answers invalid form posts and unknown URLs with 4xx on purpose (400 with field errors, 404 page);
      // Chromium logs those as errors. A 4xx for a static asset, or any 5xx, is still a failure.
      if (failed && failed[1]!.startsWith("4") && !STATIC_ASSET.test(message.location().url)) return;
      if (this.allowed.some((pattern) => pattern.test(text))) return;
      this.problems.push(`console.error on ${message.page()?.url() ?? "?"}: ${text} (at ${message.location().url})`);
    });
    context.on("weberror", (webError) => {
      this.problems.push(`uncaught error on ${webError.page()?.url() ?? "?"}: ${webError.error().stack ?? webError.error().message}`);
    });
    context.on("response", (response) => {
      const request = response.request();
      if (!RECORDED_RESOURCES.has(request.resourceType())) return;
      const status = response.status();
      if (status >= 300 && status < 400) return; // redirects carry no body
      const contentType = response.headers()["content-type"] ?? "";
      if (!RECORDED_TYPES.test(contentType)) return;
      const meta = {
        url: response.url(),
        method: request.method(),
        status,
        contentType: contentType.split(";")[0]!,
        resourceType: request.resourceType(),
        test: currentTestTitleFrom(this.testInfo),
      };
      const work = response.body().then(
        (body) => appendResponse(runInfo().responsesDir, meta, body),
        // Chromium keeps no copy of a `Cache-Control: no-store` body it streamed (React Router's .data
        // answers). A loader's data is safe to ask for again (GET changes nothing), so the scan reads it
        // a second time with the same cookies rather than lose it.
        async () => {
          const again = request.method() === "GET" ? await context.request.get(response.url()).catch(() => null) : null;
          if (again) return appendResponse(runInfo().responsesDir, { ...meta, refetched: true }, await again.body());
          this.unreadable++;
          appendUnreadable(runInfo().responsesDir, meta);
        },
      );
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    });
  }

  /** Wait for every response body still being read (before a context closes). */
  async flush() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async finish() {
    await this.flush();
    if (this.unreadable) {
      this.testInfo.annotations.push({ type: "response-recorder", description: `${this.unreadable} response bodies could not be read` });
    }
    if (this.problems.length && this.testInfo.status === this.testInfo.expectedStatus) {
      throw new Error(`Unexpected browser errors (house rule: none allowed):\n${this.problems.map((p) => `  - ${p}`).join("\n")}`);
    }
  }
}

function currentTestTitleFrom(info: TestInfo) {
  return `${info.project.name} › ${info.titlePath.slice(1).join(" › ")}`;
}

// --- UI helpers (they record the secrets they handle) ---

/** Register `account` through /register; ends signed in on /dashboard. */
export async function registerThroughUi(page: Page, account: Account = newAccount()): Promise<Account> {
  recordSecret("password", account.password);
  await page.goto("/register");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await recordSessionCookie(page.context());
  return account;
}

/** Log in through /login; ends on /dashboard (or `expectPath`). */
export async function logInThroughUi(page: Page, account: Account, expectPath: RegExp = /\/dashboard$/) {
  recordSecret("password", account.password);
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page).toHaveURL(expectPath);
  await recordSessionCookie(page.context());
}

/** Log out with the header's button; ends on the landing page. */
export async function logOutThroughUi(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" })).toBeVisible();
}

/** Press Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. Keyboard only. */
export async function tabTo(page: Page, target: Locator, options: { max?: number; backwards?: boolean } = {}) {
  const max = options.max ?? 40;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(options.backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `reachable with ${max} presses of Tab`).toBeFocused({ timeout: 1 });
}

// --- Accessibility ---

/** Run axe-core on the page as it is now and fail with a readable list of violations. Needs JavaScript (chromium project). */
export async function expectNoAxeViolations(page: Page, options: { disableRules?: string[]; exclude?: string[] } = {}) {
  await test.step(`axe scan of ${new URL(page.url()).pathname}`, async () => {
    let builder = new AxeBuilder({ page });
    if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
    for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
    const results = await builder.analyze();
    const readable = results.violations.map(
      (v) =>
        `${v.id} [${v.impact ?? "?"}] ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .map(
            (n) =>
              `      at ${n.target.join(" ")}\n         ${n.html.slice(0, 200)}\n         ${(n.failureSummary ?? "").replace(/\n\s*/g, " ")}`,
          )
          .join("\n"),
    );
    if (readable.length) {
      await test.info().attach(`axe-${new URL(page.url()).pathname.replace(/\W+/g, "_")}.json`, {
        body: JSON.stringify(results.violations, null, 2),
        contentType: "application/json",
      });
    }
    expect(readable, `axe found ${readable.length} violation(s) on ${page.url()}`).toEqual([]);
  });
}

/** No horizontal scrollbar: the page is no wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `page ${new URL(page.url()).pathname} is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(
    clientWidth,
  );
}

// --- Fixtures ---

type Mail = {
  /** Every email sent to `to` so far. */
  sentTo: (to: string) => StoredEmail[];
  /** The first email to `to` (matching `subject`) received after this call's `since` (default: any), waiting up to 10 s. */
  waitFor: (to: string, options?: { subject?: RegExp; since?: number; timeoutMs?: number }) => Promise<StoredEmail>;
  /** The password reset link in the latest reset email to `to`; the token is recorded as a secret. */
  resetLinkFor: (to: string, options?: { since?: number }) => Promise<string>;
};

type FakeOpenAIControl = {
  /** The requests the app made to the fake, optionally only those with this API key. Never reset: specs run in parallel. */
  requests: (filter?: { apiKey?: string; path?: RegExp }) => Promise<RecordedRequest[]>;
};

type ConsoleErrors = { allow: (pattern: RegExp) => void };

type Fixtures = {
  app: RunInfo;
  browserWatch: BrowserWatch;
  consoleErrors: ConsoleErrors;
  newContext: () => Promise<BrowserContext>;
  newUser: Account;
  signedInUser: Account;
  signedInPage: Page;
  mail: Mail;
  fakeOpenAI: FakeOpenAIControl;
};

async function newWatchedContext(browser: Browser, options: Parameters<Browser["newContext"]>[0], watch: BrowserWatch) {
  const context = await browser.newContext(options);
  watch.attach(context);
  return context;
}

// Fixture bodies name their callback `provide` (Playwright calls it `use`; the React hooks lint rule would flag that name).
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, provide) => {
    await provide(runInfo());
  },

  browserWatch: [
    async ({ context }, provide, testInfo) => {
      const watch = new BrowserWatch(testInfo);
      watch.attach(context);
      await provide(watch);
      await watch.finish();
    },
    { auto: true },
  ],

  consoleErrors: async ({ browserWatch }, provide) => {
    await provide({ allow: (pattern) => browserWatch.allowed.push(pattern) });
  },

  newContext: async ({ browser, browserWatch, baseURL, javaScriptEnabled, locale, timezoneId, viewport }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await newWatchedContext(browser, { baseURL, javaScriptEnabled, locale, timezoneId, viewport }, browserWatch);
      contexts.push(context);
      return context;
    });
    await browserWatch.flush();
    for (const context of contexts) await context.close();
  },

  newUser: async ({ newContext }, provide) => {
    const context = await newContext();
    const page = await context.newPage();
    const account = await registerThroughUi(page, newAccount("new"));
    await logOutThroughUi(page);
    await page.close();
    await provide(account);
  },

  signedInUser: async ({ page }, provide) => {
    await provide(await registerThroughUi(page, newAccount("signed-in")));
  },

  signedInPage: async ({ page, signedInUser }, provide) => {
    void signedInUser;
    await provide(page);
  },

  mail: async ({ app }, provide) => {
    const sentTo = (to: string) => readEmails(app.mailDir).filter((m) => m.to.includes(to.toLowerCase()));
    const waitFor: Mail["waitFor"] = async (to, options = {}) => {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000);
      for (;;) {
        const found = sentTo(to).find(
          (m) => (!options.subject || options.subject.test(m.subject)) && Date.parse(m.receivedAt) >= (options.since ?? 0),
        );
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`No email to ${to}${options.subject ? ` with subject ${options.subject}` : ""} arrived.`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await provide({
      sentTo,
      waitFor,
      resetLinkFor: async (to, options = {}) => {
        const email = await waitFor(to, { subject: /reset/i, since: options.since });
        const link = /https?:\/\/\S+\/reset-password\?token=[^\s"<>]+/.exec(email.text)?.[0];
        if (!link) throw new Error(`The reset email to ${to} has no reset link:\n${email.text}`);
        const token = new URL(link).searchParams.get("token") ?? "";
        recordSecret("reset-token", token, { inResponseToUrlWithIt: true });
        return link;
      },
    });
  },

  fakeOpenAI: async ({ app }, provide) => {
    await provide({
      requests: async (filter = {}) => {
        const res = await fetch(`${app.fakeControlUrl}/requests`);
        if (!res.ok) throw new Error(`fake OpenAI control API answered ${res.status}`);
        const all = (await res.json()) as RecordedRequest[];
        return all.filter((r) => (!filter.apiKey || r.apiKey === filter.apiKey) && (!filter.path || filter.path.test(r.path)));
      },
    });
  },
});
