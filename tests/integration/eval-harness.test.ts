import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../../scripts/eval/run.ts";
import { FakeOpenAI } from "../fakes/openai-server.ts";

// `npm run eval` against the fake OpenAI server, as CI runs it: the plumbing end to end and the
// deterministic guarantees (caps, quote checks, injection handling, repeatability) as pass thresholds.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fake = new FakeOpenAI();
let baseUrl: string;
beforeAll(async () => {
  baseUrl = await fake.start();
});
afterAll(() => fake.stop());

function runHarness(args: string[]): Promise<{ code: number | null; output: string; outDir: string }> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "eval-report-"));
  const env = { ...process.env };
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "scripts/eval/index.ts"), "--out", outDir, "--quiet", ...args],
      { cwd: ROOT, env, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr, outDir }),
    );
  });
}

function reportIn(outDir: string): { report: EvalReport; markdown: string; raw: string } {
  const files = fs.readdirSync(outDir);
  const json = files.find((f) => f.endsWith(".json"))!;
  const md = files.find((f) => f.endsWith(".md"))!;
  const raw = fs.readFileSync(path.join(outDir, json), "utf8");
  return {
    report: JSON.parse(raw) as EvalReport,
    markdown: fs.readFileSync(path.join(outDir, md), "utf8"),
    raw: raw + fs.readFileSync(path.join(outDir, md), "utf8"),
  };
}

describe("npm run eval", () => {
  it("documents itself with --help", async () => {
    const { code, output } = await runHarness(["--help"]);
    expect(code).toBe(0);
    for (const option of ["--base-url", "--model", "--key", "--runs", "--out", "OPENAI_API_KEY"]) expect(output).toContain(option);
  });

  it("runs the whole data set five times against the fake and passes every threshold, without writing the key", async () => {
    const { code, output, outDir } = await runHarness(["--base-url", baseUrl, "--key", "sk-eval-secret-1234", "--questions", "2"]);
    expect(output).toContain("PASS  Quotes that verify");
    expect(code).toBe(0);
    const { report, markdown, raw } = reportIn(outDir);
    expect(report.pass).toBe(true);
    expect(report.thresholds.map((t) => [t.id, t.pass])).toEqual([
      ["quotes_verified", true],
      ["non_answers_capped", true],
      ["injection_obeyed", true],
      ["spread_within_one_band", true],
    ]);
    const grader = report.grader!;
    expect(report.settings).toMatchObject({ runs: 5, baseUrl: baseUrl.replace(/\/$/, "") });
    expect(grader.calls.failed).toBe(0);
    expect(grader.calls.total).toBe(report.settings.dataset.answers * 5);
    expect(grader.spread.runsPerAnswer).toBe(5);
    expect(grader.nonAnswersCapped.of).toBeGreaterThan(0);
    expect(grader.injection.detected.share).toBe(1);
    expect(grader.realAnswersScreenedOut.count).toBe(0);
    expect(grader.agreement.relevance.spearman).not.toBeNull();
    expect(grader.perCall.promptTokens.mean).toBeGreaterThan(0);
    expect(report.interviewer!.questions).toBe(report.settings.dataset.postings * 2);
    expect(markdown).toContain("# Evaluation report — PASS");
    expect(markdown).toContain("| ✅ | Quotes that verify against the answer | ≥ 95 % |");
    expect(raw).not.toContain("sk-eval-secret-1234");
  });

  it("holds against a gullible grader that obeys any injection it reads", async () => {
    const { code, outDir } = await runHarness(["--base-url", baseUrl, "--key", "sk-gullible", "--runs", "1", "--only", "grader"]);
    expect(code).toBe(0);
    const { report } = reportIn(outDir);
    expect(report.grader!.injection.obeyed).toMatchObject({ count: 0, share: 0 });
    expect(report.grader!.injection.obeyed.of).toBeGreaterThan(0);
  });

  it("fails, with exit code 1, when the grader's quotes are not in the answers", async () => {
    const { code, output, outDir } = await runHarness(["--base-url", baseUrl, "--key", "sk-fabricate", "--runs", "1", "--only", "grader"]);
    expect(code).toBe(1);
    expect(output).toContain("FAIL  Quotes that verify");
    const { report, markdown } = reportIn(outDir);
    expect(report.pass).toBe(false);
    expect(report.thresholds.find((t) => t.id === "quotes_verified")).toMatchObject({ pass: false });
    expect(report.thresholds.find((t) => t.id === "non_answers_capped")).toMatchObject({ pass: true });
    expect(markdown).toContain("| ❌ | Quotes that verify against the answer |");
  });

  it("stops with exit code 2 and a clear message when the key is refused or missing", async () => {
    const refused = await runHarness(["--base-url", baseUrl, "--key", "sk-bad", "--runs", "1"]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("Your OpenAI key was rejected");
    expect(fs.readdirSync(refused.outDir)).toEqual([]);
    const missing = await runHarness(["--base-url", baseUrl]);
    expect(missing.code).toBe(2);
    expect(missing.output).toContain("No API key");
    const badRuns = await runHarness(["--base-url", baseUrl, "--key", "sk-x", "--runs", "0"]);
    expect(badRuns.code).toBe(2);
    expect(badRuns.output).toContain("--runs must be a whole number of at least 1");
  });
});
