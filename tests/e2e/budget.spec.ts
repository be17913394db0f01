/**
 * Issue 20 in the browser: the monthly budget and the user's own model prices
 * in Settings, and the month's spend on the dashboard — with JavaScript on and
 * off (@no-js), keyboard- and screen-reader-friendly (axe).
 */
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

test.describe("budget and prices", () => {
  test("a monthly budget is set in Settings and the dashboard measures the month's spend against it @no-js", async ({
    signedInPage: page,
  }) => {
    await page.goto("/settings");
    const budget = page.getByLabel("Monthly budget in US dollars");
    await budget.fill("twelve");
    await page.getByRole("button", { name: "Save budget" }).click();
    await expect(page.getByText("Enter an amount in dollars, like 5 or 12.50")).toBeVisible();

    await page.getByLabel("Monthly budget in US dollars").fill("12.50");
    await page.getByRole("button", { name: "Save budget" }).click();
    await expect(page.getByText("Budget saved.")).toBeVisible();
    await expect(page.getByLabel("Monthly budget in US dollars")).toHaveValue("12.50");

    await page.goto("/dashboard");
    const spend = page.getByTestId("month-spend");
    await expect(spend.getByRole("heading", { name: /AI spend in/ })).toBeVisible();
    await expect(spend).toContainText("$0.00 estimated of your $12.50 monthly budget");
    await expect(spend.getByRole("meter")).toBeVisible();
  });

  test("a local model is priced free, listed, and removed again @no-js", async ({ signedInPage: page }) => {
    await page.goto("/settings#prices");
    await page.getByLabel("Model name").fill("llama3.1:8b");
    await page.getByLabel("Free — a local model, costs nothing").check();
    await page.getByRole("button", { name: "Save price" }).click();
    await expect(page.getByText("Price of llama3.1:8b saved.")).toBeVisible();
    const row = page.getByRole("row", { name: /llama3\.1:8b/ });
    await expect(row).toContainText("free (costs nothing)");

    await row.getByRole("button", { name: "Remove the price of llama3.1:8b" }).click();
    await expect(page.getByText("Price of llama3.1:8b removed.")).toBeVisible();
    await expect(page.getByText("No prices of your own: the table’s prices apply.")).toBeVisible();
  });

  test("the budget and price sections have no axe violations", async ({ signedInPage: page }) => {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Save price" }).click();
    await expect(page.getByText("Enter the model's name")).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
