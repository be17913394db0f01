/**
 * Front-end weight and page-load quality in Debian's Chromium: JavaScript
 * bytes on first load (the gzip bodies, and on the wire with the response
 * headers), LCP, CLS, and long-task blocking time (the lab proxy for INP).
 */
import { chromium } from "@playwright/test";
import { round } from "./stats.ts";

export type PageWeight = {
  path: string;
  signedIn: boolean;
  /** The scripts' gzip bodies. */
  jsKbGzip: number;
  /** The same plus their response headers: what the network carried. */
  jsKbWire: number;
  jsFiles: number;
  lcpMs: number;
  cls: number;
  blockingMs: number;
  chartJs: boolean;
};

/** Pages a visitor sees before signing in (`/login` redirects a signed-in user) load without the cookie. */
const PUBLIC_PATHS = new Set(["/", "/login", "/register", "/forgot-password"]);

export async function measurePages(baseUrl: string, cookie: { name: string; value: string }, paths: string[]): Promise<PageWeight[]> {
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
    for (const path of paths) {
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
      const scripts = new Map<string, string>();
      let wireBytes = 0;
      const urls: string[] = [];
      cdp.on("Network.responseReceived", (e) => {
        if (e.type === "Script") scripts.set(e.requestId, e.response.url);
      });
      cdp.on("Network.loadingFinished", (e) => {
        const url = scripts.get(e.requestId);
        if (url) {
          wireBytes += e.encodedDataLength;
          urls.push(url);
        }
      });
      const bodySizes: Promise<number>[] = [];
      page.on("requestfinished", (request) => {
        if (request.resourceType() === "script") bodySizes.push(request.sizes().then((sizes) => sizes.responseBodySize));
      });
      await page.goto(new URL(path, baseUrl).toString(), { waitUntil: "networkidle" });
      await page.waitForTimeout(500);
      const vitals = await page.evaluate(
        () => (window as unknown as { __vitals: { lcp: number; cls: number; blocking: number } }).__vitals,
      );
      results.push({
        path,
        signedIn: !PUBLIC_PATHS.has(path),
        jsKbGzip: round((await Promise.all(bodySizes)).reduce((sum, n) => sum + n, 0) / 1024),
        jsKbWire: round(wireBytes / 1024),
        jsFiles: urls.length,
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
