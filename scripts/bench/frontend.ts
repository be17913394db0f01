/**
 * Front-end weight and page-load quality, page by page, in Debian's Chromium:
 *
 * - first-load JavaScript: the scripts the server's HTML preloads (the
 *   entry, the route modules and what they import), which the page needs to
 *   hydrate; each fetched again with one encoding alone, so the gzip and
 *   brotli figures are what a client accepting only that encoding gets;
 * - all JavaScript the page loaded by the time the network was idle (adds
 *   what loads after hydration: the chart);
 * - LCP, CLS and long-task blocking time (the lab proxy for INP) as the page
 *   loaded on this machine, unthrottled;
 * - Lighthouse's mobile performance score (its default: a mid-range phone on
 *   a slow 4G connection, simulated) and the metrics it is made of.
 */
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { rawRequest } from "../../tests/support/raw-http.ts";
import { round } from "./stats.ts";

export type BenchPage = {
  /** The route, with what distinguishes it ("/interviews/:id (in progress)"). */
  page: string;
  path: string;
  /** Loaded without the session cookie, as a visitor sees it (`/login` redirects a signed-in user). */
  signedOut?: boolean;
  /** A selector the page must show, or the figures are not of it. */
  shows?: string;
  /** Answered with 404 on purpose: Lighthouse refuses to audit such a page. */
  notFound?: boolean;
};

export type PageWeight = {
  page: string;
  signedIn: boolean;
  /** The scripts the server's HTML preloads, for a client that accepts gzip only. */
  firstLoadKbGzip: number;
  /** … and for one that accepts brotli (every current browser over HTTPS). */
  firstLoadKbBrotli: number;
  firstLoadFiles: number;
  /** Every script loaded until the network was idle, gzip. */
  allJsKbGzip: number;
  allJsFiles: number;
  lcpMs: number;
  cls: number;
  blockingMs: number;
  chartJs: boolean;
};

export type LighthouseResult = {
  page: string;
  /** 0–100, Lighthouse's mobile preset: the median run (Lighthouse's own pick, by FCP and TTI). */
  performance: number;
  /** The lowest and highest score of the runs: this shared machine's noise. */
  performanceRange: [number, number];
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);
const kb = (bytes: number) => round(bytes / 1024);

export async function measurePages(baseUrl: string, cookie: { name: string; value: string }, pages: BenchPage[]): Promise<PageWeight[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
    for (const { page: label, path, signedOut, shows } of pages) {
      const context = await browser.newContext();
      if (!signedOut) await context.addCookies([{ ...cookie, url: baseUrl }]);
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
      const loaded = new Set<string>();
      page.on("requestfinished", (request) => {
        if (request.resourceType() === "script") loaded.add(request.url());
      });
      const response = await page.goto(new URL(path, baseUrl).toString(), { waitUntil: "networkidle" });
      if (!response || new URL(response.url()).pathname !== new URL(path, baseUrl).pathname)
        throw new Error(`${label}: landed on ${response?.url() ?? "nothing"}`);
      if (shows) await page.locator(shows).first().waitFor({ timeout: 5_000 });
      await page.waitForTimeout(500);
      const vitals = await page.evaluate(
        () => (window as unknown as { __vitals: { lcp: number; cls: number; blocking: number } }).__vitals,
      );
      // The first load is what the document preloads: the entry, the matched routes' modules and their imports.
      // (The route manifest inline in the page names more modules, for routes a link may lead to: not loaded.)
      const html = await response.text();
      const firstLoad = [
        ...new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => new URL(m[1]!, baseUrl).toString())),
      ];
      const all = [...new Set([...firstLoad, ...loaded])];
      const gzip = new Map(await Promise.all(all.map(async (url) => [url, await encodedSize(url, "gzip")] as const)));
      results.push({
        page: label,
        signedIn: !signedOut,
        firstLoadKbGzip: kb(sum(firstLoad.map((url) => gzip.get(url)!))),
        firstLoadKbBrotli: kb(sum(await Promise.all(firstLoad.map((url) => encodedSize(url, "br"))))),
        firstLoadFiles: firstLoad.length,
        allJsKbGzip: kb(sum(all.map((url) => gzip.get(url)!))),
        allJsFiles: all.length,
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

/** Lighthouse's performance category for each page, mobile preset, `runs` times, one run after another. */
export async function lighthousePages(
  baseUrl: string,
  cookie: { name: string; value: string },
  pages: BenchPage[],
  runs = 3,
): Promise<LighthouseResult[]> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const results: LighthouseResult[] = [];
  try {
    for (const { page, path, signedOut, notFound } of pages) {
      if (notFound) continue;
      const audit = () =>
        lighthouse(
          new URL(path, baseUrl).toString(),
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance"],
            extraHeaders: signedOut ? undefined : { Cookie: `${cookie.name}=${cookie.value}` },
          },
          // An open event stream (a running interview) keeps the network busy: don't wait for quiet forever.
          { extends: "lighthouse:default", settings: { maxWaitForLoad: 15_000 } },
        );
      // Lighthouse now and then fails to record a trace (NO_NAVSTART and the like): such a run is tried again.
      const auditOnce = async () => {
        let lhr = (await audit())?.lhr;
        for (let retry = 0; retry < 2 && (!lhr || lhr.runtimeError); retry++) lhr = (await audit())?.lhr;
        if (!lhr || lhr.runtimeError) throw new Error(`${page}: Lighthouse failed: ${lhr?.runtimeError?.message ?? "no result"}`);
        return lhr;
      };
      const all = [];
      for (let run = 0; run < runs; run++) all.push(await auditOnce());
      const scores = all.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100));
      const lhr = computeMedianRun(all);
      const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      results.push({
        page,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        performanceRange: [Math.min(...scores), Math.max(...scores)],
        fcpMs: round(metric("first-contentful-paint"), 0),
        lcpMs: round(metric("largest-contentful-paint"), 0),
        tbtMs: round(metric("total-blocking-time"), 0),
        cls: round(metric("cumulative-layout-shift"), 3),
        speedIndexMs: round(metric("speed-index"), 0),
      });
    }
  } finally {
    chrome.kill();
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
