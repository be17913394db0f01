/**
 * Playwright global teardown: the secrets scan (issue 7 point 7). It runs
 * after every spec and after global setup's stop function has shut the web
 * and worker processes down (so their logs are complete), also when specs
 * failed or only some ran. Any recorded secret found in a captured log or in
 * an HTML/JSON body the browser received fails the run; the report names the
 * kind of secret and where it appeared, never the secret itself. The full
 * report is written to test-results/e2e-run/secrets-scan.json.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, RUN_PATHS, type RunInfo } from "./support/run-info.ts";
import { describeFindings, readSecrets, scanForSecrets } from "./support/secrets.ts";

export default async function globalTeardown() {
  // Global setup failed before the app was up: nothing ran, nothing to scan.
  if (!fs.existsSync(RUN_PATHS.info)) return;
  const info = JSON.parse(fs.readFileSync(RUN_PATHS.info, "utf8")) as RunInfo;

  const report = scanForSecrets({
    secretsDir: info.secretsDir,
    responsesDir: info.responsesDir,
    logFiles: [info.logs.web, info.logs.worker, ...(info.logs.postgres ? [info.logs.postgres] : [])],
    mailDir: info.mailDir,
    baseDir: ROOT,
  });
  fs.writeFileSync(RUN_PATHS.report, `${JSON.stringify(report, null, 2)}\n`);

  const resetTokens = readSecrets(info.secretsDir).filter((s) => s.kind === "reset-token");
  const distinctResetTokens = new Set(resetTokens.map((s) => s.value)).size;
  const counted = Object.entries(report.secrets)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  console.log(
    `[e2e] secrets scan: ${counted || "no secrets recorded"} checked against ${report.logs.length} log file(s) and ${report.responses} response bodies` +
      (report.unreadable.length ? ` (${report.unreadable.length} more could not be read)` : "") +
      ` → ${report.findings.length} finding(s) (report: ${path.relative(ROOT, RUN_PATHS.report)})`,
  );

  // Positive control: a scanner that cannot find the reset tokens where they are known to be proves nothing.
  if (report.resetTokensFoundInMail !== distinctResetTokens) {
    throw new Error(
      `Secrets scan self-check failed: ${distinctResetTokens} reset token(s) were recorded but only ${report.resetTokensFoundInMail} found in the captured emails.`,
    );
  }
  if (report.findings.length) {
    throw new Error(
      `Secrets scan: ${report.findings.length} secret(s) leaked into logs or responses the browser received:\n${describeFindings(report.findings)}`,
    );
  }
}
