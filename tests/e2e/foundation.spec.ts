/**
 * Issue 2 — the foundation: the app shell and landing page, health endpoints,
 * accessibility of the public pages, layouts at 768 and 1280 px, and the
 * landing and 404 pages without JavaScript.
 */
import { expect, expectNoAxeViolations, expectNoHorizontalScroll, test } from "./fixtures.ts";

test.describe("landing page", () => {
  test("says what the product does and offers sign-up and log-in @no-js", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/ai-interviewer/);
    await expect(page.getByRole("heading", { level: 1, name: "Rehearse the interview before it counts." })).toBeVisible();
    await expect(page.getByText("ai-interviewer is a self-hosted practice interviewer")).toBeVisible();
    await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
    await expect(page.getByRole("link", { name: "Create a free account" })).toHaveAttribute("href", "/register");
    await expect(page.getByRole("main").getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
  });

  test("the skip link is the first stop for the keyboard and moves focus to the main content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible(); // visible when focused, hidden otherwise
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    expect(new URL(page.url()).hash).toBe("#main-content");
  });

  test("links from the landing page lead to registration and log-in @no-js", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Create a free account" }).click();
    await expect(page).toHaveURL(/\/register$/);
    await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
    await page.getByRole("link", { name: "Log in" }).last().click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1, name: "Log in" })).toBeVisible();
  });
});

test.describe("not found", () => {
  test("an unknown URL answers 404 with a page that offers a way on @no-js", async ({ page }) => {
    const response = await page.goto("/no-such-page-here");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
    await expect(page).toHaveTitle(/not found/i);
  });
});

test.describe("health endpoints", () => {
  test("/healthz and /readyz answer 200 while the app and its database are up", async ({ request }) => {
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await request.get("/readyz");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });
});

test.describe("accessibility of the public pages", () => {
  for (const path of ["/", "/login", "/register", "/forgot-password", "/no-such-page-here"]) {
    test(`${path} has no axe violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});

test.describe("layout", () => {
  for (const width of [768, 1280]) {
    test(`public pages have no horizontal scrollbar at ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/", "/login", "/register", "/forgot-password", "/no-such-page-here"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoHorizontalScroll(page);
      }
    });

    test(`signed-in pages have no horizontal scrollbar at ${width} px`, async ({ signedInPage: page }) => {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/dashboard", "/settings"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoHorizontalScroll(page);
      }
    });
  }
});

test.describe("moving between pages", () => {
  // The whole route manifest comes with the first page (routeDiscovery "initial", react-router.config.ts),
  // so a click asks the server for the next page's data and nothing else: no /__manifest round trip
  // before it, none for the links the new page shows.
  test("each click in the main navigation costs one request, the page's data", async ({ signedInPage: page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const requests: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith("/assets/") && pathname !== "/favicon.svg") requests.push(`${request.method()} ${pathname}`);
    });
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const [name, path, heading] of [
      ["Interviews", "/interviews", "Interviews"],
      ["Job postings", "/jobs", "Job postings"],
      ["Dashboard", "/dashboard", "Dashboard"],
    ] as const) {
      await nav.getByRole("link", { name }).click();
      await expect(page).toHaveURL(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
    await page.waitForLoadState("networkidle");
    expect(requests).toEqual(["GET /interviews.data", "GET /jobs.data", "GET /dashboard.data"]);
  });
});
