/**
 * Where one e2e run keeps its state, and the connection info global setup
 * hands to the specs (and to global teardown) through `run.json`.
 *
 * Everything lives under test-results/e2e-run/ (git-ignored, kept after the
 * run for debugging): the web/worker/postgres logs, the captured emails, the
 * secrets the specs created and the HTML/JSON bodies the browser received.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The run directory; AII_E2E_RUN_DIR overrides it (e.g. to keep two runs apart). */
export const RUN_DIR = path.resolve(ROOT, process.env.AII_E2E_RUN_DIR ?? "test-results/e2e-run");

export const RUN_PATHS = {
  info: path.join(RUN_DIR, "run.json"),
  logs: path.join(RUN_DIR, "logs"),
  mail: path.join(RUN_DIR, "mail"),
  secrets: path.join(RUN_DIR, "secrets"),
  responses: path.join(RUN_DIR, "responses"),
  report: path.join(RUN_DIR, "secrets-scan.json"),
};

export type RunInfo = {
  /** The web process, e.g. http://127.0.0.1:41234 (also the app's APP_URL). */
  baseURL: string;
  /** The fake OpenAI's API base URL (…/v1), as the app is configured with it. */
  fakeOpenAIUrl: string;
  /** The fake's control endpoints (`${fakeControlUrl}/requests`, …/reset, …/script). */
  fakeControlUrl: string;
  smtpUrl: string;
  /** One JSON file per received email (see smtp-sink.ts `StoredEmail`). */
  mailDir: string;
  secretsDir: string;
  responsesDir: string;
  logs: { web: string; worker: string; postgres: string | null };
  databaseName: string;
  /** The app's database: only for specs that must let time pass (move a review's due date back). */
  databaseUrl: string;
  pids: { web: number; worker: number };
  startedAt: string;
};

export function writeRunInfo(info: RunInfo) {
  fs.writeFileSync(RUN_PATHS.info, `${JSON.stringify(info, null, 2)}\n`);
}

let cached: RunInfo | undefined;

/** The running stack of this e2e run (written by global setup). */
export function runInfo(): RunInfo {
  if (cached) return cached;
  if (!fs.existsSync(RUN_PATHS.info)) {
    throw new Error(
      `No ${path.relative(ROOT, RUN_PATHS.info)}: the e2e global setup did not run (start the suite with \`npx playwright test\`).`,
    );
  }
  cached = JSON.parse(fs.readFileSync(RUN_PATHS.info, "utf8")) as RunInfo;
  return cached;
}
