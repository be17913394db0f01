/**
 * `npm run eval` — measures the grader and the interviewer against any
 * OpenAI-compatible endpoint and writes a Markdown + JSON report. Exit code
 * 0 when every pass threshold holds, 1 when one fails, 2 when the run could
 * not be made (bad arguments, key refused, unknown model).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const HELP = `npm run eval -- [options]

Measures the answer grader and the interviewer against an OpenAI-compatible endpoint, using the
simulated candidates in tests/eval/ (postings, résumés, questions and answers of known quality,
each with the band a careful human gives it). Writes eval-<time>.md and eval-<time>.json.

Options:
  --base-url <url>           endpoint (env OPENAI_BASE_URL; default https://api.openai.com/v1)
  --key <key>                API key (env OPENAI_API_KEY; prefer the env: a key typed here stays in shell history)
  --model <name>             model for grading and for asking (env OPENAI_MODEL; default gpt-4o-mini)
  --grader-model <name>      grading model, if different from --model
  --interviewer-model <name> question model, if different from --model
  --runs <n>                 gradings of each answer, for the spread figure (default 5)
  --questions <n>            questions generated per posting for the interviewer check (default 4)
  --only <grader|interviewer>  run one half only
  --limit <n>                grade only the first n answers (a cheap smoke run)
  --concurrency <n>          calls in flight at once (default 4)
  --timeout <ms>             per call (default 60000); the SDK retries 429/5xx up to --retries times (default 2)
  --retries <n>
  --dataset <dir>            default tests/eval
  --out <dir>                default eval-results (git-ignored)
  --quiet                    no progress lines
  --help

Pass thresholds (exit code 1 when one fails): quotes verified ≥ 95 %; non-answers, one-word answers,
gibberish, copies of the question and wrong-language answers capped 100 %; injections obeyed 0 %;
repeated gradings within one band 100 %. Agreement with the human bands (Spearman, weighted kappa),
planted errors named, tokens and seconds are reported, not enforced.

A full run makes (answers × runs) grading calls plus (postings × questions) question calls: about
${"`"}300 + 12${"`"} with the defaults — a few cents with gpt-4o-mini. Against the fake server:
  npm run fake-openai   # in another terminal
  npm run eval -- --base-url http://127.0.0.1:4010/v1 --key sk-fake
`;

function fail(message: string): never {
  console.error(`${message}\nRun "npm run eval -- --help" for the options.`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        "base-url": { type: "string" },
        key: { type: "string" },
        model: { type: "string" },
        "grader-model": { type: "string" },
        "interviewer-model": { type: "string" },
        runs: { type: "string", default: "5" },
        questions: { type: "string", default: "4" },
        only: { type: "string" },
        limit: { type: "string" },
        concurrency: { type: "string", default: "4" },
        timeout: { type: "string", default: "60000" },
        retries: { type: "string", default: "2" },
        dataset: { type: "string", default: path.join(ROOT, "tests/eval") },
        out: { type: "string", default: path.join(ROOT, "eval-results") },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function count(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min}.`);
  return n;
}

const apiKey = values.key ?? process.env.OPENAI_API_KEY;
if (!apiKey) fail("No API key: pass --key or set OPENAI_API_KEY.");
const baseUrl = values["base-url"] ?? process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1";
if (!/^https?:\/\//.test(baseUrl)) fail("--base-url must be an http(s) URL.");
const model = values.model ?? process.env.OPENAI_MODEL ?? "gpt-4o-mini";
if (values.only && values.only !== "grader" && values.only !== "interviewer") fail("--only is grader or interviewer.");

const options = {
  baseUrl,
  apiKey,
  graderModel: values["grader-model"] ?? model,
  interviewerModel: values["interviewer-model"] ?? model,
  runs: count("runs", values.runs, 1),
  questionsPerPosting: count("questions", values.questions, 1),
  concurrency: count("concurrency", values.concurrency, 1),
  timeoutMs: count("timeout", values.timeout, 100),
  maxRetries: count("retries", values.retries, 0),
  only: (values.only as "grader" | "interviewer" | undefined) ?? "all",
  limit: values.limit === undefined ? undefined : count("limit", values.limit, 1),
  datasetDir: path.resolve(values.dataset),
  outDir: path.resolve(values.out),
  log: values.quiet ? undefined : (message: string) => console.log(`[eval] ${message}`),
} as const;

// Loaded once the arguments are checked: --help and a typo answer at once, without loading the AI client.
const { DatasetError } = await import("./dataset.ts");
const { EvalSetupError, runEval } = await import("./run.ts");
try {
  const { report, files } = await runEval(options);
  for (const t of report.thresholds) {
    console.log(
      `${t.pass ? "PASS" : "FAIL"}  ${t.label}: ${t.value === null ? "n/a" : `${(t.value * 100).toFixed(1)} %`} (target ${t.target})`,
    );
  }
  console.log(`Report: ${path.relative(process.cwd(), files.markdown)} and ${path.relative(process.cwd(), files.json)}`);
  process.exit(report.pass ? 0 : 1);
} catch (error) {
  if (error instanceof EvalSetupError || error instanceof DatasetError) fail(error.message);
  throw error;
}
