/**
 * `node scripts/voice-recorder-check.ts` — proves, without the app, that the
 * recorder component (app/components/voice/recorder.tsx) records in Debian's
 * Chromium with a fake microphone, the way the voice e2e specs will run it:
 *
 *   --use-fake-ui-for-media-stream --use-fake-device-for-media-stream
 *   --use-file-for-fake-audio-capture=<wav from tests/fixtures/make-wav.ts>
 *
 * It bundles a one-page harness with Vite (Recorder and ReadAloud, nothing
 * else), serves it on 127.0.0.1 (a secure context, as getUserMedia needs),
 * and records by mouse toggle, by Enter, by holding Space, and up to the
 * length limit; checks the level meter moves, the blob is WebM audio our
 * checks accept, that it transcribes through the fake provider, that axe
 * finds nothing while recording, and that a blocked microphone is explained.
 * A check to run by hand (about 30 s); the e2e specs of the voice feature
 * cover the same ground inside the app.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "@playwright/test";
import { build } from "vite";
import { transcribeAudio } from "#app/ai/transcribe.server.ts";
import { checkAudioFile } from "#app/domain/audio-file.ts";
import { FakeOpenAI } from "#tests/fakes/openai-server.ts";
import { writeSpeechLikeWav } from "#tests/fixtures/make-wav.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
// Inside the project (git-ignored), so the harness resolves react and react-dom from node_modules.
await mkdir(path.join(ROOT, "test-results"), { recursive: true });
const work = await mkdtemp(path.join(ROOT, "test-results", "voice-check-"));
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

// 1. The harness page: the two components, and the recordings handed to window for the checks.
await writeFile(
  path.join(work, "index.html"),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recorder check</title><link rel="icon" href="data:,"></head><body><main id="root"></main><script type="module" src="./entry.tsx"></script></body></html>`,
);
await writeFile(
  path.join(work, "entry.tsx"),
  `import { createRoot } from "react-dom/client";
import { Recorder } from "${path.join(ROOT, "app/components/voice/recorder.tsx")}";
import { ReadAloud } from "${path.join(ROOT, "app/components/voice/read-aloud.tsx")}";
const recordings: Array<{ type: string; size: number; durationSeconds: number; base64: string }> = [];
Object.assign(window, { recordings });
async function keep(blob: Blob, durationSeconds: number) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  recordings.push({ type: blob.type, size: blob.size, durationSeconds, base64: btoa(binary) });
}
createRoot(document.getElementById("root")!).render(
  <>
    <h1>Recorder check</h1>
    <ReadAloud text="Tell me about a project you are proud of." />
    <Recorder maxSeconds={60} onRecorded={(blob, seconds) => void keep(blob, seconds)} />
    <Recorder label="Short recorder" maxSeconds={3} onRecorded={(blob, seconds) => void keep(blob, seconds)} />
  </>,
);
`,
);
await build({
  root: work,
  configFile: false,
  logLevel: "warn",
  build: { outDir: path.join(work, "dist"), emptyOutDir: true, minify: false },
});
const html = await readFile(path.join(work, "dist/index.html"));
const server = http.createServer(async (req, res) => {
  const file = req.url === "/" ? null : path.join(work, "dist", path.normalize(req.url ?? "").replace(/^(\.\.[/\\])+/, ""));
  try {
    const body = file ? await readFile(file) : html;
    res.writeHead(200, { "content-type": file?.endsWith(".js") ? "text/javascript" : "text/html" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

// 2. Chromium with a fake microphone playing the WAV.
const wav = await writeSpeechLikeWav(path.join(work, "voice.wav"), 6);
const baseArgs = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];
const launch = (args: string[]) =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...baseArgs, ...args] });

async function recordings(page: Page) {
  return page.evaluate(
    () => (window as unknown as { recordings: Array<{ type: string; size: number; durationSeconds: number; base64: string }> }).recordings,
  );
}
async function waitForRecordings(page: Page, n: number) {
  await page.waitForFunction((count) => (window as unknown as { recordings: unknown[] }).recordings.length >= count, n, {
    timeout: 15_000,
  });
  return (await recordings(page))[n - 1]!;
}

let browser: Browser | undefined;
const fake = new FakeOpenAI();
try {
  browser = await launch([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-audio-capture=${wav}`,
  ]);
  const page = await (await browser.newContext()).newPage();
  const consoleErrors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(url);
  const main = page.getByRole("group", { name: "Record your answer" });
  const record = main.getByRole("button", { name: "Record", exact: true });
  const stopButton = main.getByRole("button", { name: "Stop recording" });

  // a. Mouse: a click starts (toggle), a second click stops.
  const clickedAt = Date.now();
  await record.click();
  await stopButton.waitFor();
  const levels: number[] = [];
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(150);
    levels.push(await main.locator("meter").evaluate((m: HTMLMeterElement) => m.value));
  }
  check(Math.max(...levels) > 0.05, `the level meter moves while recording (max ${Math.max(...levels).toFixed(2)})`);
  const axe = await new AxeBuilder({ page }).analyze();
  check(axe.violations.length === 0, `axe finds no violations while recording (${axe.violations.map((v) => v.id).join(", ") || "none"})`);
  await stopButton.click();
  const between = (Date.now() - clickedAt) / 1000;
  const first = await waitForRecordings(page, 1);
  check(
    first.type.startsWith("audio/webm") && first.size > 1000,
    `a click toggles a recording: ${first.type}, ${first.size} bytes, ${first.durationSeconds} s`,
  );
  check(Math.abs(first.durationSeconds - between) < 1, `its duration is the time between the clicks (${between.toFixed(1)} s)`);
  check(/^Recording stopped: \d+:\d\d recorded\.$/.test(await main.getByRole("status").innerText()), "the stop is announced");

  // b. Keyboard: Enter toggles.
  await record.focus();
  await page.keyboard.press("Enter");
  await stopButton.waitFor();
  await page.waitForTimeout(1200);
  await page.keyboard.press("Enter");
  const second = await waitForRecordings(page, 2);
  check(second.size > 500, `Enter starts and stops a recording (${second.durationSeconds} s)`);

  // c. Keyboard: holding Space is push-to-talk.
  await record.focus();
  await page.keyboard.down(" ");
  await stopButton.waitFor();
  await page.waitForTimeout(1500);
  await page.keyboard.up(" ");
  const third = await waitForRecordings(page, 3);
  check(third.durationSeconds >= 1, `holding Space records until it is released (${third.durationSeconds} s)`);
  await page.waitForTimeout(1000);
  check(
    (await recordings(page)).length === 3 && (await record.isVisible()),
    "releasing Space does not start another recording (no stray click)",
  );

  // c2. Mouse: holding the button is push-to-talk too.
  await record.hover();
  await page.mouse.down();
  await stopButton.waitFor();
  await page.waitForTimeout(1500);
  await page.mouse.up();
  const held = await waitForRecordings(page, 4);
  await page.waitForTimeout(500);
  check(
    held.durationSeconds >= 1 && (await record.isVisible()),
    `holding the mouse button records until it is let go (${held.durationSeconds} s)`,
  );

  // d. The length limit (3 s on the second recorder) stops a recording by itself.
  const short = page.getByRole("group", { name: "Short recorder" });
  await short.getByRole("button", { name: "Record", exact: true }).click();
  const fourth = await waitForRecordings(page, 5);
  check(fourth.durationSeconds <= 3 && fourth.durationSeconds >= 2.5, `the recording stops at the 3 s limit (${fourth.durationSeconds} s)`);
  check((await short.getByRole("status").innerText()).startsWith("Recording stopped at the 0:03 limit"), "the limit is announced");

  // e. The blob passes our content check and transcribes through the fake provider with the real SDK.
  const bytes = new Uint8Array(Buffer.from(first.base64, "base64"));
  const checked = checkAudioFile({ bytes, name: "blob" });
  check(checked.format === "webm", `the recording is WebM by its bytes (${checked.fileName})`);
  const fakeUrl = await fake.start();
  const transcript = await transcribeAudio(
    { apiKey: "sk-check", model: "gpt-4o-mini", baseUrl: fakeUrl, userChosenBaseUrl: false },
    { audio: bytes, fileName: checked.fileName, mimeType: checked.mimeType, model: "gpt-4o-mini-transcribe" },
    { timeoutMs: 5_000, maxRetries: 0 },
  );
  check(
    transcript.text.length > 20 && fake.transcriptionRequests()[0]?.form?.file?.size === bytes.length,
    "it transcribes through the fake provider",
  );
  // g. Read aloud: the control and its shortcut (headless Chromium has no voices: we only report what it says).
  await page.keyboard.press("Alt+Shift+R");
  await page.waitForTimeout(1000);
  const readAloud = page.getByRole("group", { name: "Read the question aloud" });
  check(await readAloud.getByRole("button", { name: "Replay" }).isVisible(), "Alt+Shift+R reads the question (the button becomes Replay)");
  console.log(`     read-aloud status in headless Chromium: “${await readAloud.getByRole("status").innerText()}”`);

  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join(" | ") || "none"})`);
  await browser.close();

  // f. Without the fake permission prompt, headless Chromium refuses the microphone: the recorder says so.
  browser = await launch(["--use-fake-device-for-media-stream"]);
  const denied = await (await browser.newContext()).newPage();
  await denied.goto(url);
  const deniedGroup = denied.getByRole("group", { name: "Record your answer" });
  await deniedGroup.getByRole("button", { name: "Record", exact: true }).click();
  const alert = await deniedGroup.getByRole("alert").innerText({ timeout: 10_000 });
  check(/Microphone access is blocked/.test(alert), `a blocked microphone is explained: “${alert}”`);
} finally {
  await browser?.close();
  await fake.stop();
  server.close();
  await rm(work, { recursive: true, force: true });
}

console.log(failures.length ? `\n${failures.length} check(s) failed` : "\nall checks passed");
process.exit(failures.length ? 1 : 0);
