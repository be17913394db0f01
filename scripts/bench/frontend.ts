/**
 * Front-end weight and page-load quality in Debian's Chromium: JavaScript
 * bytes on first load, LCP, CLS, and long-task blocking time (the lab proxy for
 * INP). The scripts the browser loaded are fetched again with each encoding
 * alone, so the gzip and brotli figures are each what a client gets, whatever
 * the browser itself negotiated.
 */
import { chromium } from "@playwright/test";
import { rawRequest } from "../../tests/support/raw-http.ts";
import { round } from "./stats.ts";

export type PageWeight = {
  /** The route, with what distinguishes it ("/interviews/:id (in progress)"). */
  page: string;
  signedIn: boolean;
  /** The scripts' bodies for a client that accepts gzip only. */
  jsKbGzip: number;
  /** … and for one that accepts brotli (every current browser). */
  jsKbBrotli: number;
  /** What Chromium received: bodies plus response headers. */
  jsKbWire: number;
  /** The Content-Encoding(s) Chromium got its scripts in. */
  encodings: string;
  jsFiles: number;
  lcpMs: number;
  cls: number;
  blockingMs: number;
  chartJs: boolean;
};

/** Pages a visitor sees before signing in (`/login` redirects a signed-in user) load without the cookie. */
const PUBLIC_PATHS = new Set(["/", "/login", "/register", "/forgot-password"]);

export async function measurePages(
  baseUrl: string,
  cookie: { name: string; value: string },
  pages: Array<{ page: string; path: string; /** A selector the page must show, or the figures are not of it. */ shows?: string }>,
): Promise<PageWeight[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const results: PageWeight[] = [];
  try {
    for (const { page: label, path, shows } of pages) {
      const context = await browser.newContext();
      if (!PUBLIC_PATHS.has(path)) await context.addCookies([{ ...cookie, url: baseUrl }]);
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __vitals: { lcp: number; cls: number; blocking: number } };
        w.__vitals = { lcp: 0, cls: 0, blocking: 0 };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__vitals.lcp = e.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>)
            if (!e.hadRecentInput) w.__vitals.cls += e.value;
        }).observe({ type: "layout-shift", buffered: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__vitals.blocking += Math.max(0, e.duration - 50);
        }).observe({ type: "longtask", buffered: true });
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      const scripts: Promise<{ url: string; wireBytes: number; encoding: string }>[] = [];
      page.on("requestfinished", (request) => {
        if (request.resourceType() !== "script") return;
        scripts.push(
          Promise.all([request.sizes(), request.response()]).then(([sizes, response]) => ({
            url: request.url(),
            wireBytes: sizes.responseBodySize + sizes.responseHeadersSize,
            encoding: response?.headers()["content-encoding"] ?? "identity",
          })),
        );
      });
      await page.goto(new URL(path, baseUrl).toString(), { waitUntil: "networkidle" });
      if (shows) await page.locator(shows).first().waitFor({ timeout: 5_000 });
      await page.waitForTimeout(500);
      const vitals = await page.evaluate(
        () => (window as unknown as { __vitals: { lcp: number; cls: number; blocking: number } }).__vitals,
      );
      const loaded = await Promise.all(scripts);
      const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);
      results.push({
        page: label,
        signedIn: !PUBLIC_PATHS.has(path),
        jsKbGzip: round(sum(await Promise.all(loaded.map((s) => encodedSize(s.url, "gzip")))) / 1024),
        jsKbBrotli: round(sum(await Promise.all(loaded.map((s) => encodedSize(s.url, "br")))) / 1024),
        jsKbWire: round(sum(loaded.map((s) => s.wireBytes)) / 1024),
        encodings: [...new Set(loaded.map((s) => s.encoding))].join(", "),
        jsFiles: loaded.length,
        lcpMs: round(vitals.lcp, 0),
        cls: round(vitals.cls, 3),
        blockingMs: round(vitals.blocking, 0),
        chartJs: await page.evaluate(() => performance.getEntriesByType("resource").some((r) => /chart/i.test(r.name))),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** The body's length as sent to a client accepting only `encoding`. */
async function encodedSize(url: string, encoding: "gzip" | "br"): Promise<number> {
  const res = await rawRequest(url, { headers: { "accept-encoding": encoding } });
  // Files under 1 KB are sent as they are, to every client.
  const received = res.headers["content-encoding"] ?? "identity";
  if (received !== encoding && received !== "identity") throw new Error(`${url}: asked for ${encoding}, got ${received}`);
  return res.body.length;
}
