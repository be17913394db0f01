/**
 * Issue 15 item 12: the OpenAPI description the app serves passes Redocly's
 * linter (its recommended rules, as configured in redocly.yaml) with no error
 * and no warning — whatever operations the document holds today. Redocly CLI
 * runs offline, with its usage reports and update check turned off.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const REDOCLY = path.join(ROOT, "node_modules/@redocly/cli/bin/cli.js");

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startTestApp({ fakeOpenAI: false });
  dir = await mkdtemp(path.join(tmpdir(), "aii-openapi-"));
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

type Problem = { ruleId: string; severity: "error" | "warn"; message: string; location?: Array<{ pointer?: string }> };
type LintReport = { totals: { errors: number; warnings: number; ignored: number }; problems: Problem[] };

async function lint(file: string): Promise<LintReport> {
  // Exit code 1 means "problems found": the JSON report on stdout says which.
  const run = promisify(execFile)(
    process.execPath,
    [REDOCLY, "lint", file, "--config", path.join(ROOT, "redocly.yaml"), "--format", "json"],
    {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    if (!error.stdout) throw new Error(`redocly lint did not run: ${error.stderr ?? String(error)}`);
    return { stdout: error.stdout };
  });
  return JSON.parse((await run).stdout) as LintReport;
}

describe("the served OpenAPI description", () => {
  it("passes redocly lint with 0 errors and 0 warnings", async () => {
    const res = await app.client().get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const file = path.join(dir, "openapi.json");
    await writeFile(file, await res.text());

    const report = await lint(file);
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer ?? "?"}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0, ignored: 0 });
  });
});
