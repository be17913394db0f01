/**
 * Issue 4 — the two contexts every interview is built from, through the
 * browser with JavaScript on and (all tests here are tagged @no-js) off:
 * pasting a résumé (with its word count), uploading a PDF that is reviewed
 * before it is saved, refusing a disguised or text-less file, deleting with
 * a confirmation page; creating, editing and deleting a job posting; and the
 * Start interview button saying exactly what is missing until it can work.
 */
import { asFile, pdfWithoutText, pdfWithText, pngBytes, RESUME_MARKERS } from "../fixtures/resume-files.ts";
import { expect, test } from "./fixtures.ts";
import { addPostingApi, addResumeApi, apiCall, apiOf, fillPostingForm, RESUME_TEXT, setKeyApi, apiKey } from "./support/journeys.ts";
import type { Page } from "@playwright/test";

const words = (text: string) => text.trim().match(/\S+/g)?.length ?? 0;
const count = (n: number) => new Intl.NumberFormat("en").format(n);

async function uploadResumeFile(page: Page, file: File) {
  await page.getByLabel("Résumé file").setInputFiles({
    name: file.name,
    mimeType: file.type,
    buffer: Buffer.from(await file.arrayBuffer()),
  });
  await page.getByRole("button", { name: "Upload and review" }).click();
}

test.describe("the résumé", () => {
  test("paste it, see its word count, edit it, and delete it through a confirmation page @no-js", async ({
    signedInPage: page,
    javaScriptEnabled,
  }) => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Résumé" }).click();
    await expect(page).toHaveURL(/\/resume$/);
    await expect(page.getByText("You have no résumé yet.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Paste your résumé" })).toBeVisible();
    await expect(page.getByTestId("resume-counts")).toHaveText("0 words · 0 / 50,000 characters");

    const text = RESUME_TEXT;
    await page.getByLabel("Résumé text").fill(text);
    if (javaScriptEnabled) {
      // The counts follow the typing.
      await expect(page.getByTestId("resume-counts")).toHaveText(`${words(text)} words · ${count(text.length)} / 50,000 characters`);
    }
    await page.getByRole("button", { name: "Save résumé" }).click();
    await expect(page.getByRole("status")).toHaveText("Résumé saved. Your next interviews will be built from it.");
    const summary = page.getByTestId("resume-summary");
    await expect(summary).toContainText(`${words(text)} words · ${count(text.length)} characters`);
    await expect(summary).toContainText(/Last updated \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    await expect(page.getByTestId("resume-counts")).toHaveText(`${words(text)} words · ${count(text.length)} / 50,000 characters`);
    await expect(page.getByLabel("Résumé text")).toHaveValue(text);

    // Too short is refused next to the field, and nothing changes.
    await page.getByLabel("Résumé text").fill("Too short.");
    await page.getByRole("button", { name: "Save résumé" }).click();
    await expect(page.getByLabel("Résumé text")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Résumé text")).toHaveAccessibleDescription(/A résumé needs at least 50/);
    await page.goto("/resume"); // not reload(): without JavaScript that would post the form again
    await expect(page.getByLabel("Résumé text")).toHaveValue(text);

    // Edit.
    const edited = `${text}\nSpeaks at conferences about incident reviews.`;
    await page.getByLabel("Résumé text").fill(edited);
    await page.getByRole("button", { name: "Save résumé" }).click();
    await expect(page.getByRole("status")).toHaveText("Résumé updated. Your next interviews will use the new version.");
    await expect(summary).toContainText(`${words(edited)} words`);

    // Delete: a confirmation page first ("Keep it" changes nothing), then gone.
    await page.getByRole("link", { name: "Delete résumé" }).click();
    await expect(page).toHaveURL(/\/resume\/delete$/);
    await expect(page.getByRole("heading", { level: 1, name: "Delete your résumé?" })).toBeVisible();
    await expect(page.getByText(`Your résumé (${words(edited)} words, last updated`)).toBeVisible();
    await page.getByRole("link", { name: "Keep it" }).click();
    await expect(page).toHaveURL(/\/resume$/);
    await expect(summary).toBeVisible();
    await page.getByRole("link", { name: "Delete résumé" }).click();
    await page.getByRole("button", { name: "Delete résumé" }).click();
    await expect(page).toHaveURL(/\/resume\?notice=deleted$/);
    await expect(page.getByRole("status")).toHaveText("Résumé deleted. Add one again before your next interview.");
    await expect(summary).toHaveCount(0);
    await expect(page.getByLabel("Résumé text")).toHaveValue("");
    // The confirmation page of a résumé that no longer exists leads back to the résumé page.
    await page.goto("/resume/delete");
    await expect(page).toHaveURL(/\/resume$/);
  });

  test("upload a PDF, review the extracted text, then save it; a disguised or text-less file is refused @no-js", async ({
    signedInPage: page,
  }) => {
    const api = apiOf(page);
    await page.goto("/resume");

    await uploadResumeFile(page, asFile(pdfWithText(), "ada-resume.pdf", "application/pdf"));
    const review = page.getByRole("status").filter({ hasText: "Review and save." });
    await expect(review).toContainText(/We pulled \d+ words out of “ada-resume\.pdf”\. Nothing is saved yet/);
    const editor = page.getByLabel("Résumé text");
    for (const marker of RESUME_MARKERS) await expect(editor).toHaveValue(new RegExp(marker));
    await expect(page.getByTestId("resume-summary"), "nothing is saved before the review").toHaveCount(0);
    expect((await api.get("/api/v1/resumes/me")).status(), "nothing is saved before the review").toBe(404);

    // A correction during the review is kept.
    const reviewed = `${await editor.inputValue()}\nReviewed by hand before saving.`;
    await editor.fill(reviewed);
    await page.getByRole("button", { name: "Save résumé" }).click();
    await expect(page.getByRole("status")).toHaveText("Résumé saved. Your next interviews will be built from it.");
    await expect(page.getByTestId("resume-summary")).toContainText(`${words(reviewed)} words`);
    const saved = await apiCall<{ content: string }>(api, "get", "/api/v1/resumes/me");
    for (const marker of RESUME_MARKERS) expect(saved.content).toContain(marker);
    expect(saved.content).toContain("Reviewed by hand before saving.");

    // A picture renamed to .pdf is refused by its content, with a clear message next to the field.
    await uploadResumeFile(page, asFile(pngBytes(), "photo-resume.pdf", "application/pdf"));
    const fileField = page.getByLabel("Résumé file");
    await expect(fileField).toHaveAttribute("aria-invalid", "true");
    await expect(fileField).toHaveAccessibleDescription(/“photo-resume\.pdf” isn't a real PDF file: it is actually an image/);
    await expect(page.getByText("“photo-resume.pdf” isn't a real PDF file: it is actually an image")).toBeVisible();

    // A scanned PDF (only an image, no text layer).
    await uploadResumeFile(page, asFile(pdfWithoutText(), "scanned.pdf", "application/pdf"));
    await expect(page.getByText("We couldn't find any text in this PDF — paste your résumé instead.")).toBeVisible();

    // Neither touched the saved résumé.
    expect((await apiCall<{ content: string }>(api, "get", "/api/v1/resumes/me")).content).toBe(saved.content);

    // Uploading when a résumé exists replaces it only after review; discarding keeps the old one.
    await uploadResumeFile(
      page,
      asFile(
        pdfWithText(["Someone Else", "A different resume altogether, uploaded to replace the first one."]),
        "again.pdf",
        "application/pdf",
      ),
    );
    await expect(page.getByRole("status").filter({ hasText: "Review and save." })).toContainText("Saving replaces your current résumé.");
    await page.getByRole("link", { name: "Discard extracted text" }).click();
    await expect(page).toHaveURL(/\/resume$/);
    await expect(page.getByLabel("Résumé text")).toHaveValue(saved.content);
  });
});

test.describe("job postings", () => {
  test("create (with validation), edit, and delete through a confirmation page @no-js", async ({ signedInPage: page }) => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Job postings" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "No job postings yet" })).toBeVisible();
    await page.getByRole("link", { name: "Add your first job posting" }).click();
    await expect(page).toHaveURL(/\/jobs\/new$/);

    // Nothing filled in: the required fields say what they need.
    await page.getByRole("button", { name: "Save job posting" }).click();
    await expect(page.getByLabel("Job title")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Job description")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/jobs\/new$/);

    await fillPostingForm(page, {
      title: "Backend Engineer, Payments",
      company: "Contoso Bank",
      level: "Senior",
      description: "Build and run the services that move money: APIs, queues and PostgreSQL at scale, with on-call and incident reviews.",
      techStack: "TypeScript, React, TypeScript, PostgreSQL",
      url: "https://jobs.example.test/backend-payments",
    });
    await page.getByRole("button", { name: "Save job posting" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}\?notice=created$/);
    const id = /\/jobs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect(page.getByRole("status")).toHaveText("Job posting saved. Start an interview whenever you are ready.");
    await expect(page.getByRole("heading", { level: 1, name: "Backend Engineer, Payments" })).toBeVisible();
    await expect(page.getByText("Contoso Bank", { exact: true })).toBeVisible();
    await expect(page.getByText("Senior", { exact: true })).toBeVisible();
    await expect(page.getByRole("list", { name: "Tech stack" }).getByRole("listitem")).toHaveText(["TypeScript", "React", "PostgreSQL"]);
    await expect(page.getByRole("link", { name: "View the original posting (opens in a new tab)" })).toHaveAttribute(
      "href",
      "https://jobs.example.test/backend-payments",
    );
    await expect(page.getByTestId("interview-stats")).toHaveText("No interviews yet");

    // Edit with the same form, filled in.
    await page.getByRole("link", { name: "Edit Backend Engineer, Payments" }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${id}/edit$`));
    await expect(page.getByLabel("Job title")).toHaveValue("Backend Engineer, Payments");
    await expect(page.getByLabel("Tech stack (optional)")).toHaveValue("TypeScript, React, PostgreSQL");
    await fillPostingForm(page, { title: "Staff Backend Engineer, Payments", level: "Staff" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${id}\\?notice=updated$`));
    await expect(page.getByRole("status")).toHaveText("Changes saved.");
    await expect(page.getByRole("heading", { level: 1, name: "Staff Backend Engineer, Payments" })).toBeVisible();
    await expect(page.getByText("Staff", { exact: true })).toBeVisible();

    // The list shows it.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Job postings" }).click();
    const list = page.getByRole("list", { name: "Your job postings" });
    await expect(list.getByRole("link", { name: "Staff Backend Engineer, Payments" })).toBeVisible();
    await expect(list).toContainText("Contoso Bank");
    await list.getByRole("link", { name: "Staff Backend Engineer, Payments" }).click();

    // Delete: a confirmation page first; "Keep it" changes nothing.
    await page.getByRole("link", { name: "Delete Staff Backend Engineer, Payments" }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${id}/delete$`));
    await expect(page.getByRole("heading", { level: 1, name: "Delete this job posting?" })).toBeVisible();
    await expect(page.getByText("Staff Backend Engineer, Payments at Contoso Bank will be deleted for good.")).toBeVisible();
    await expect(page.getByText("You have not done any interviews for it yet.")).toBeVisible();
    await page.getByRole("link", { name: "Keep it" }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));
    await page.getByRole("link", { name: "Delete Staff Backend Engineer, Payments" }).click();
    await page.getByRole("button", { name: "Delete job posting" }).click();
    await expect(page).toHaveURL(/\/jobs\?notice=deleted$/);
    await expect(page.getByRole("status")).toHaveText("Job posting deleted. Interviews you already did for it stay in your history.");
    await expect(page.getByRole("heading", { level: 2, name: "No job postings yet" })).toBeVisible();
    const gone = await page.goto(`/jobs/${id}`);
    expect(gone?.status()).toBe(404);
  });

  test("the first click on Save is not lost when the field just left turns invalid", async ({ signedInPage: page }) => {
    // With JavaScript a field is validated when it loses focus. Pressing the mouse on Save blurs the description;
    // its error then appears above the button and pushes it down before the button is released, so the click
    // must still submit (validate the whole form), not land on the text that moved under the pointer.
    await page.goto("/jobs/new");
    await page.getByLabel("Job description").fill("Too short");
    await page.getByRole("button", { name: "Save job posting" }).click();
    await expect(page.getByLabel("Job description")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Job title"), "the click on Save validated the whole form").toHaveAttribute("aria-invalid", "true");
  });

  test("the Start interview button explains what is missing, with links, until it can work @no-js", async ({ signedInPage: page }) => {
    const api = apiOf(page);
    const id = await addPostingApi(api, { title: "Data Engineer" });
    const missing = page.getByTestId("start-interview-missing");
    const start = page.getByRole("button", { name: "Start interview" });

    // Neither résumé nor key.
    await page.goto(`/jobs/${id}`);
    await expect(missing).toContainText("To start an interview, first add your résumé and an OpenAI API key.");
    await expect(missing.getByRole("link", { name: "Add your résumé" })).toHaveAttribute("href", "/resume");
    await expect(missing.getByRole("link", { name: "Add your API key in Settings" })).toHaveAttribute("href", "/settings");
    await expect(start).toHaveCount(0);
    await missing.getByRole("link", { name: "Add your résumé" }).click();
    await expect(page).toHaveURL(/\/resume$/);

    // Only the key missing.
    await addResumeApi(api);
    await page.goto(`/jobs/${id}`);
    await expect(missing).toContainText("To start an interview, first add an OpenAI API key.");
    await expect(missing.getByRole("link", { name: "Add your résumé" })).toHaveCount(0);
    await missing.getByRole("link", { name: "Add your API key in Settings" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    // The start form itself refuses too, and says why.
    await page.goto(`/interviews/new?jobId=${id}`);
    await expect(missing).toContainText("first add an OpenAI API key");
    await expect(start).toBeDisabled();

    // Only the résumé missing.
    await setKeyApi(api, apiKey());
    await apiCall(api, "delete", "/api/v1/resumes/me");
    await page.goto(`/jobs/${id}`);
    await expect(missing).toContainText("To start an interview, first add your résumé.");
    await expect(missing.getByRole("link", { name: "Add your API key in Settings" })).toHaveCount(0);
    await expect(start).toHaveCount(0);

    // Ready: the button, leading to the start form for this posting.
    await addResumeApi(api);
    await page.reload();
    await expect(missing).toHaveCount(0);
    await start.click();
    await expect(page).toHaveURL(new RegExp(`/interviews/new\\?jobId=${id}$`));
    await expect(page.getByLabel("Job posting")).toHaveValue(id);
    await expect(page.getByLabel("Number of questions")).toHaveValue("6");
    await expect(start).toBeEnabled();
  });
});
