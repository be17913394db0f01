/**
 * Issue 20 in the browser: the monthly budget and the user's own model prices
 * in Settings, and the month's spend on the dashboard — with JavaScript on and
 * off (@no-js), keyboard- and screen-reader-friendly (axe).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { expect, expectNoAxeViolations, newAccount, registerThroughUi, test } from "./fixtures.ts";

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

test.describe("your data", () => {
  test("export the account as a JSON file and import it into a new account: preview, then import @no-js", async ({
    signedInPage: page,
    newContext,
  }, testInfo) => {
    const resume = `Grace Example — staff engineer. ${"Built payment ledgers in TypeScript and PostgreSQL. ".repeat(4).trim()}`;
    await page.goto("/resume");
    await page.getByLabel("Résumé text").fill(resume);
    await page.getByRole("button", { name: "Save résumé" }).click();
    await expect(page).toHaveURL(/\/resume/);

    await page.goto("/settings#your-data");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export my data" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ai-interviewer-export-\d{4}-\d{2}-\d{2}\.json$/);
    const file = testInfo.outputPath("export.json");
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ format: "ai-interviewer/account-export", resume: { content: resume } });

    const other = await (await newContext()).newPage();
    await registerThroughUi(other, newAccount("importer"));
    await other.goto("/settings#your-data");
    await other.getByLabel("Import an export file").setInputFiles(file);
    await other.getByRole("button", { name: "Check the file" }).click();
    const preview = other.getByTestId("import-preview");
    await expect(preview.getByRole("heading", { name: "What this file will create" })).toBeVisible();
    await expect(preview.getByRole("row", { name: /résumé/ })).toContainText("1");
    await other.getByRole("button", { name: "Import" }).click();
    await expect(other.getByTestId("import-done")).toContainText("Imported");
    await other.goto("/resume");
    await expect(other.getByLabel("Résumé text")).toHaveValue(resume);
  });

  test("a file that is not an export is refused where it was chosen, and nothing is imported @no-js", async ({
    signedInPage: page,
  }, testInfo) => {
    const file = testInfo.outputPath("not-an-export.json");
    writeFileSync(file, '{"hello":"world"}');
    await page.goto("/settings#your-data");
    await page.getByLabel("Import an export file").setInputFiles(file);
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByRole("alert")).toContainText("This file is not an ai-interviewer account export");
  });
});
