/**
 * Issue 18: a microphone the browser refuses. Chromium here has a fake
 * microphone (--use-fake-device-for-media-stream) but no fake permission
 * prompt, so headless it answers the page's request for the microphone with
 * NotAllowedError, as a browser does when the person blocked it. A file of its
 * own: the other voice specs launch Chromium with the prompt accepted.
 */
import { expect, test } from "./fixtures.ts";
import { apiOf, currentQuestion, interviewWaitingForAnswerApi } from "./support/journeys.ts";

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--use-fake-device-for-media-stream",
    ],
  },
});

test("a blocked microphone is explained beside the Record button, and the audio file upload is still there", async ({
  signedInPage: page,
}) => {
  const api = apiOf(page);
  const sessionId = await interviewWaitingForAnswerApi(api);
  await page.goto(`/interviews/${sessionId}`);
  await expect(currentQuestion(page, 1, 3)).toBeVisible();

  const group = page.getByRole("group", { name: "Voice recording" });
  await group.getByRole("button", { name: /^.?Record$/ }).click();
  await expect(group.getByRole("alert")).toHaveText(
    "Microphone access is blocked. Allow the microphone for this site in your browser's settings, then press Record again — or upload a recording instead.",
  );
  await expect(page.getByRole("meter", { name: "Microphone level" })).toHaveCount(0);
  await expect(page.getByLabel(/Audio file/)).toBeVisible();
});
