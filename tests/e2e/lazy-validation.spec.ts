/**
 * Issue 8 point 4 — form pages load without zod. The browser-side validation
 * (the server's own schemas through conform) is fetched on the first
 * interaction with the page; the first load carries only what renders and
 * hydrates the form. Until the schemas arrive — or if they cannot — the
 * server validates the same form with the same schema and the same words.
 */
import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { scriptsContaining } from "./support/scripts.ts";

/** Every script the page fetches whose code is zod's (its error class keeps its name through minification). */
const zodScripts = (page: Page) => scriptsContaining(page, "ZodError");

function formPosts(page: Page, path: string) {
  const posts: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.startsWith(path)) posts.push(request);
  });
  return posts;
}

test.describe("client-side validation loads on first interaction", () => {
  test("the registration page loads no zod; typing fetches it and then errors show without a request", async ({ page }) => {
    const zod = zodScripts(page);
    const posts = formPosts(page, "/register");
    await page.goto("/register", { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
    expect(zod, "no zod in the first load").toEqual([]);

    await page.getByLabel("Email").fill("not-an-email");
    await expect.poll(() => zod.length, { message: "the first interaction fetched the schemas" }).toBeGreaterThan(0);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.getByText("Enter a valid email address, like name@example.com")).toBeVisible();
    await expect(page.getByText("Use at least 8 characters")).toBeVisible();
    expect(posts, "the browser validated: nothing was sent").toEqual([]);
  });

  test("when the schemas cannot be fetched, the server validates the form with the same messages", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/ERR_CONNECTION_FAILED/);
    await page.route(/\/assets\/account-forms-[^/]+\.js/, (route) => route.abort("connectionfailed"));
    const posts = formPosts(page, "/login");
    await page.goto("/login", { waitUntil: "networkidle" });
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("whatever");
    await page.getByRole("button", { name: "Log in" }).click();

    await expect(page.getByText("Enter a valid email address, like name@example.com")).toBeVisible();
    expect(posts.length, "the form went to the server").toBe(1);
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Email"), "constraints came with the page, not with zod").toHaveAttribute("required", "");
  });
});

test("no signed-in page loads zod before the first interaction", async ({ signedInPage: page }) => {
  const zod = zodScripts(page);
  for (const path of ["/dashboard", "/settings", "/resume", "/jobs/new", "/interviews/new", "/interviews"]) {
    await page.goto(path, { waitUntil: "networkidle" });
    await expect(page.locator("h1")).toBeVisible();
    expect(zod, `no zod in the first load of ${path}`).toEqual([]);
  }
});
