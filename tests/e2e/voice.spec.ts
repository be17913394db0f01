/**
 * Issue 18 — answering by voice. With JavaScript, Chromium's fake microphone
 * (a generated WAV played as the capture device) records an answer with the
 * Record button, by mouse and by keyboard only; the recording is transcribed by
 * the worker through the fake OpenAI server and lands in the answer box, where
 * it is corrected and submitted. Without JavaScript the same form sends an
 * audio file. The transcripts are scripted on the fake (its control API), so
 * this file runs its tests one after another.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { speechLikeWav } from "../fixtures/make-wav.ts";
import { expect, expectNoAxeViolations, tabTo, test } from "./fixtures.ts";
import { answerFormRuns, apiOf, currentQuestion, messagesApi, interviewWaitingForAnswerApi } from "./support/journeys.ts";

// The fake microphone plays this file (written before the browser starts; Chromium loops it).
const WAV = path.resolve("test-results/e2e-voice-fake-microphone.wav");
fs.mkdirSync(path.dirname(WAV), { recursive: true });
fs.writeFileSync(WAV, speechLikeWav(4));

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
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${WAV}`,
    ],
  },
});
test.describe.configure({ mode: "serial" });

async function scriptTranscripts(controlUrl: string, ...texts: string[]) {
  const res = await fetch(`${controlUrl}/transcripts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ transcripts: texts.map((text) => ({ text })) }),
  });
  expect(res.ok).toBe(true);
}

/** A recording under half a second is refused: let the recorder's clock pass one second first. */
const oneSecondRecorded = (page: Page) => expect(page.getByRole("group", { name: "Voice recording" })).toContainText(/0:0[1-9] \//);

async function waitingForAnswer(page: Page) {
  const api = apiOf(page);
  const sessionId = await interviewWaitingForAnswerApi(api);
  await page.goto(`/interviews/${sessionId}`);
  await expect(currentQuestion(page, 1, 3)).toBeVisible();
  if (test.info().project.use.javaScriptEnabled !== false) await answerFormRuns(page);
  return sessionId;
}

test.describe("answering by voice, with JavaScript", () => {
  test.setTimeout(120_000);

  test("records an answer, sees the transcript in the box, corrects it and submits it", async ({ signedInPage: page, app }) => {
    const sessionId = await waitingForAnswer(page);
    const box = page.getByLabel("Your answer");
    await box.fill("To start with:");
    await scriptTranscripts(app.fakeControlUrl, "Um, I led the billing migration to PostgreSQL.", "We compared totals every hour.");

    const record = page.getByRole("group", { name: "Voice recording" }).getByRole("button", { name: /Record/ });
    await record.click();
    await expect(page.getByRole("meter", { name: "Microphone level" })).toBeVisible();
    await expectNoAxeViolations(page); // while recording
    await oneSecondRecorded(page);
    await page.getByRole("button", { name: "Stop recording" }).click();

    await expect(box).toHaveValue("To start with:\n\nUm, I led the billing migration to PostgreSQL.");
    await expect(page.getByTestId("transcript-added")).toBeVisible();

    // A second recording is appended.
    await page.getByRole("button", { name: /^.?Record$/ }).click();
    await expect(page.getByRole("meter", { name: "Microphone level" })).toBeVisible();
    await oneSecondRecorded(page);
    await page.getByRole("button", { name: "Stop recording" }).click();
    await expect(box).toHaveValue("To start with:\n\nUm, I led the billing migration to PostgreSQL.\n\nWe compared totals every hour.");
    await expectNoAxeViolations(page);

    // Nothing was submitted by voice: the candidate corrects the text and submits it.
    expect((await messagesApi(apiOf(page), sessionId)).filter((m) => m.message_type === "answer")).toHaveLength(0);
    await box.fill("I led the billing migration to PostgreSQL. We compared totals every hour.");
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect(currentQuestion(page, 2, 3)).toBeVisible({ timeout: 30_000 });
    const answers = (await messagesApi(apiOf(page), sessionId)).filter((m) => m.message_type === "answer");
    expect(answers.map((a) => a.content)).toEqual(["I led the billing migration to PostgreSQL. We compared totals every hour."]);
  });

  test("records with the keyboard only (Enter to start and stop)", async ({ signedInPage: page, app }) => {
    await waitingForAnswer(page);
    await scriptTranscripts(app.fakeControlUrl, "Spoken with the keyboard.");
    const record = page.getByRole("group", { name: "Voice recording" }).getByRole("button"); // Record, then Stop recording
    await tabTo(page, record);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("meter", { name: "Microphone level" })).toBeVisible();
    await expect(record).toBeFocused();
    await oneSecondRecorded(page);
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Your answer")).toHaveValue("Spoken with the keyboard.");
  });
});

test.describe("the recorder's controls, with JavaScript", () => {
  test.setTimeout(120_000);

  test("push-to-talk: holding Space, or the mouse button, records until let go; the level meter moves while it hears", async ({
    signedInPage: page,
    app,
  }) => {
    await waitingForAnswer(page);
    await scriptTranscripts(app.fakeControlUrl, "Held to talk.", "Held with the mouse.");
    const group = page.getByRole("group", { name: "Voice recording" });
    const idle = group.getByRole("button", { name: /^.?Record$/ });
    const meter = page.getByRole("meter", { name: "Microphone level" });

    await idle.focus();
    await page.keyboard.down(" ");
    await expect(meter).toBeVisible();
    // The fake microphone plays speech-like sound: the meter shows it.
    await expect.poll(() => meter.evaluate((m: HTMLMeterElement) => m.value)).toBeGreaterThan(0.05);
    await oneSecondRecorded(page);
    await page.keyboard.up(" ");
    await expect(page.getByLabel("Your answer")).toHaveValue("Held to talk.");
    await expect(group.getByRole("status")).toHaveText(/^Recording stopped: 0:0\d recorded\.$/);
    await expect(meter, "letting go of Space started no other recording").toHaveCount(0);

    await idle.hover();
    await page.mouse.down();
    await expect(meter).toBeVisible();
    await oneSecondRecorded(page);
    await page.mouse.up();
    await expect(page.getByLabel("Your answer")).toHaveValue("Held to talk.\n\nHeld with the mouse.");
    await expect(idle).toBeVisible();
  });
});

test.describe("answering with an audio file", () => {
  test.setTimeout(120_000);

  test("@no-js the answer form sends an audio file; the transcript is in the box on the refreshed page", async ({
    signedInPage: page,
    app,
    javaScriptEnabled,
  }) => {
    await waitingForAnswer(page);
    await scriptTranscripts(app.fakeControlUrl, "Uploaded without JavaScript.");
    await page.getByLabel("Your answer").fill("Typed first.");
    await page.getByLabel(/Audio file/).setInputFiles({ name: "answer.wav", mimeType: "audio/wav", buffer: Buffer.from(speechLikeWav(2)) });
    await page.getByRole("button", { name: "Transcribe audio file" }).click();
    await expect(page.getByLabel("Your answer")).toHaveValue("Typed first.\n\nUploaded without JavaScript.", { timeout: 30_000 });
    if (javaScriptEnabled) await expectNoAxeViolations(page); // axe runs inside the page
  });

  test("@no-js a file that isn't audio is refused with a message beside the file field", async ({ signedInPage: page }) => {
    await waitingForAnswer(page);
    await page.getByLabel(/Audio file/).setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just text") });
    await page.getByRole("button", { name: "Transcribe audio file" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "“notes.txt” isn't an audio recording." })).toBeVisible();
  });
});

test.describe("questions read aloud", () => {
  test.setTimeout(120_000);

  test("off by default; turned on in Settings, the question is read with the browser's voice, by button or Alt+Shift+R, and stops", async ({
    signedInPage: page,
  }) => {
    // Headless Chromium has no voices: a stand-in speechSynthesis records what it was asked to say and
    // "speaks" until cancelled, as a real one does for a long question.
    await page.addInitScript(() => {
      const spoken: string[] = [];
      const synth = {
        speaking: false,
        speak(u: SpeechSynthesisUtterance) {
          spoken.push(u.text);
          synth.speaking = true;
          setTimeout(() => u.onstart?.(new Event("start") as SpeechSynthesisEvent), 0);
        },
        cancel() {
          synth.speaking = false;
        },
        getVoices: () => [],
        addEventListener() {},
        removeEventListener() {},
      };
      Object.defineProperty(window, "speechSynthesis", { value: synth });
      (window as Window & { __spoken?: string[] }).__spoken = spoken;
    });
    const spoken = () => page.evaluate(() => (window as Window & { __spoken?: string[] }).__spoken ?? []);

    const sessionId = await waitingForAnswer(page);
    const control = page.getByRole("group", { name: "Read the question aloud" });
    await expect(page.getByRole("group", { name: "Voice recording" })).toBeVisible();
    await expect(control, "off by default").toHaveCount(0);

    await page.goto("/settings");
    await page.getByLabel(/With my browser's voice/).check();
    await page.getByRole("button", { name: "Save voice settings" }).click();
    await expect(page.getByText("Voice settings saved.")).toBeVisible();

    await page.goto(`/interviews/${sessionId}`);
    const question = (await page.getByTestId("current-question").textContent())!.trim();
    await control.getByRole("button", { name: "Read aloud" }).click();
    await expect.poll(spoken).toEqual([question]);
    await control.getByRole("button", { name: "Stop" }).click();
    await expect(control.getByRole("status")).toHaveText("Stopped.");

    await page.getByLabel("Your answer").focus();
    await page.keyboard.press("Alt+Shift+KeyR");
    await expect.poll(spoken).toEqual([question, question]);
    await expect(control.getByRole("button", { name: "Replay" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("questions read aloud by the provider's voice", () => {
  test.setTimeout(120_000);

  const speechRequests = async (controlUrl: string) =>
    ((await (await fetch(`${controlUrl}/requests`)).json()) as Array<{ path: string }>).filter((r) => r.path.endsWith("/audio/speech"))
      .length;

  async function chooseProviderVoice(page: Page) {
    await page.goto("/settings");
    await page.getByLabel(/With my AI provider's voice/).check();
    await page.getByRole("button", { name: "Save voice settings" }).click();
    await expect(page.getByText("Voice settings saved.")).toBeVisible();
  }

  test("@no-js Read aloud asks the provider once; the audio plays (Stop, Replay, Alt+Shift+R), or without JavaScript is an audio player", async ({
    signedInPage: page,
    app,
    javaScriptEnabled,
  }) => {
    const sessionId = await waitingForAnswer(page);
    await chooseProviderVoice(page);
    await page.goto(`/interviews/${sessionId}`);
    const before = await speechRequests(app.fakeControlUrl);
    await page.getByRole("button", { name: "Read aloud" }).click();

    if (!javaScriptEnabled) {
      // The page refreshes itself while the audio is being made, then offers the browser's own player.
      await expect(page.getByTestId("question-audio")).toBeVisible({ timeout: 30_000 });
      expect(await page.getByTestId("question-audio").getAttribute("src")).toMatch(/\/questions\/[0-9a-f-]+\/speech\?v=/);
      expect(await speechRequests(app.fakeControlUrl)).toBe(before + 1);
      return;
    }
    const control = page.getByRole("group", { name: "Read the question aloud with your provider's voice" });
    await expect(control.getByRole("button", { name: "Stop" })).toBeVisible({ timeout: 30_000 });
    await expect(control.getByRole("status")).toHaveText("Reading the question aloud…");
    await control.getByRole("button", { name: "Stop" }).click();
    await expect(control.getByRole("status")).toHaveText("Stopped.");
    await page.getByLabel("Your answer").focus();
    await page.keyboard.press("Alt+Shift+KeyR");
    await expect(control.getByRole("button", { name: "Stop" })).toBeVisible();
    await expect(control.getByRole("button", { name: "Replay" })).toBeVisible();
    // Replays play the kept audio: the provider was asked once.
    expect(await speechRequests(app.fakeControlUrl)).toBe(before + 1);
    await expectNoAxeViolations(page);
  });

  test("a voice the provider doesn't offer: the reason and Retry next to the question", async ({ signedInPage: page }) => {
    const sessionId = await waitingForAnswer(page);
    await page.goto("/settings");
    await page.getByLabel(/With my AI provider's voice/).check();
    await page.getByLabel("Voice (provider's voice)").fill("robot");
    await page.getByRole("button", { name: "Save voice settings" }).click();
    await expect(page.getByText("Voice settings saved.")).toBeVisible();
    await page.goto(`/interviews/${sessionId}`);
    // The recorder is drawn once the page has hydrated, when the shortcut listens too: a key pressed
    // earlier (a busy machine) reaches nothing.
    await expect(page.getByRole("group", { name: "Voice recording" })).toBeVisible();
    await page.getByLabel("Your answer").focus();
    await page.keyboard.press("Alt+Shift+KeyR"); // the shortcut asks too
    const failed = page.getByTestId("operation-failed-speak_question");
    await expect(failed).toContainText("Your AI endpoint doesn't offer the chosen voice. Choose another voice in Settings.");
    await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
  });
});
