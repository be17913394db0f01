import fs from "node:fs";
import path from "node:path";
import { AiError, type AiSettings } from "#app/ai/client.server.ts";
import { gradeAnswer } from "#app/ai/grading/grade-answer.server.ts";
import { RUBRIC_VERSION } from "#app/ai/grading/rubric.ts";
import { plannedType, questionMessages, type Exchange } from "#app/ai/prompts.ts";
import { QuestionOutput } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { loadDataset, type EvalPosting } from "./dataset.ts";
import {
  graderFigures,
  interviewerFigures,
  thresholds,
  type CallFailure,
  type GradingRecord,
  type QuestionRecord,
  type Threshold,
} from "./figures.ts";
import { renderMarkdown } from "./report.ts";

/**
 * One evaluation run: every simulated answer graded `runs` times by the real
 * grading code (screening, grader call, quote checks, caps), a few questions
 * generated per posting by the real question prompt, then the figures, the
 * thresholds and the report files. The API key is used for the calls only and
 * never written anywhere.
 */

export type EvalOptions = {
  baseUrl: string;
  apiKey: string;
  graderModel: string;
  interviewerModel: string;
  runs: number;
  questionsPerPosting: number;
  concurrency: number;
  only: "all" | "grader" | "interviewer";
  datasetDir: string;
  outDir: string;
  timeoutMs: number;
  maxRetries: number;
  /** Grade only the first n answers of the data set (a cheap smoke run). */
  limit?: number;
  log?: (message: string) => void;
};

export type EvalReport = {
  generatedAt: string;
  durationSeconds: number;
  settings: {
    baseUrl: string;
    graderModel: string;
    interviewerModel: string;
    runs: number;
    questionsPerPosting: number;
    rubricVersion: string;
    dataset: { postings: number; answers: number };
  };
  pass: boolean;
  thresholds: Threshold[];
  grader: ReturnType<typeof graderFigures> | null;
  interviewer: ReturnType<typeof interviewerFigures> | null;
};

/** The provider refused the whole run (bad key, unknown model, no quota): no point making more calls. */
export class EvalSetupError extends Error {
  override name = "EvalSetupError";
}
const FATAL = new Set(["api_key_rejected", "model_not_found", "quota_exhausted", "base_url_blocked", "base_url_redirect"]);

/** The base URL as the report may show it: no credentials, no query string. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, "");
  } catch {
    return "(invalid URL)";
  }
}

export async function runEval(options: EvalOptions): Promise<{ report: EvalReport; files: { json: string; markdown: string } }> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const dataset = loadDataset(options.datasetDir);
  const cases = options.limit ? dataset.cases.slice(0, options.limit) : dataset.cases;
  const settings = (model: string): AiSettings => ({ apiKey: options.apiKey, baseUrl: options.baseUrl, model, userChosenBaseUrl: false });
  const client = { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries };
  let fatal: CallFailure | null = null;
  const failure = (error: unknown): CallFailure => {
    const f: CallFailure =
      error instanceof AiError
        ? { ok: false, code: error.code, message: error.message }
        : { ok: false, code: "error", message: String(error) };
    if (FATAL.has(f.code)) fatal ??= f;
    return f;
  };

  let grading: GradingRecord[] | null = null;
  if (options.only !== "interviewer") {
    const tasks = Array.from({ length: options.runs }, (_, run) => cases.map((c) => ({ c, run: run + 1 }))).flat();
    log(`grading ${cases.length} answers × ${options.runs} runs with ${options.graderModel}`);
    grading = [];
    let done = 0;
    await pool(tasks, options.concurrency, async ({ c, run }) => {
      if (fatal) return;
      const t0 = performance.now();
      let result: GradingRecord["result"];
      try {
        const graded = await gradeAnswer(
          settings(options.graderModel),
          { posting: c.posting.posting, resume: c.posting.resume, question: c.question, answer: c.answer },
          { client },
        );
        result = { ok: true, graded };
      } catch (error) {
        result = failure(error);
      }
      grading!.push({ caseId: c.id, run, seconds: (performance.now() - t0) / 1000, result });
      if (++done % 25 === 0) log(`  ${done}/${tasks.length} gradings`);
    });
  }

  let questions: QuestionRecord[] | null = null;
  if (options.only !== "grader" && !fatal) {
    log(`asking ${options.questionsPerPosting} questions for each of ${dataset.postings.length} postings with ${options.interviewerModel}`);
    questions = [];
    await pool(dataset.postings, options.concurrency, async (posting) => {
      for (const record of await askQuestions(
        posting,
        options.questionsPerPosting,
        settings(options.interviewerModel),
        client,
        failure,
        () => fatal,
      )) {
        questions!.push(record);
      }
    });
  }
  if (fatal) throw new EvalSetupError((fatal as CallFailure).message);

  const grader = grading ? graderFigures(cases, grading) : null;
  const interviewer = questions ? interviewerFigures(dataset.postings, questions) : null;
  const checks = grader ? thresholds(grader) : [];
  const report: EvalReport = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    settings: {
      baseUrl: displayUrl(options.baseUrl),
      graderModel: options.graderModel,
      interviewerModel: options.interviewerModel,
      runs: options.runs,
      questionsPerPosting: options.questionsPerPosting,
      rubricVersion: RUBRIC_VERSION,
      dataset: { postings: dataset.postings.length, answers: cases.length },
    },
    pass: checks.every((t) => t.pass),
    thresholds: checks,
    grader,
    interviewer,
  };
  fs.mkdirSync(options.outDir, { recursive: true });
  const stamp = report.generatedAt.replace(/[:.]/g, "-");
  const files = { json: path.join(options.outDir, `eval-${stamp}.json`), markdown: path.join(options.outDir, `eval-${stamp}.md`) };
  fs.writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(files.markdown, renderMarkdown(report));
  return { report, files };
}

/** A short interview's questions, one after another as the app asks them (no follow-ups: new questions only). */
async function askQuestions(
  posting: EvalPosting,
  count: number,
  settings: AiSettings,
  client: { timeoutMs: number; maxRetries: number },
  failure: (error: unknown) => CallFailure,
  stopped: () => unknown,
): Promise<QuestionRecord[]> {
  const records: QuestionRecord[] = [];
  const history: Exchange[] = [];
  for (let number = 1; number <= count && !stopped(); number++) {
    const t0 = performance.now();
    const usage = { promptTokens: 0, completionTokens: 0, replies: 0, parsed: 0 };
    const type = plannedType("balanced", number - 1);
    try {
      const output = await generateStructured({
        settings,
        schema: QuestionOutput,
        name: "interview_question",
        client,
        onReply: (reply) => {
          usage.replies++;
          usage.promptTokens += reply.usage?.promptTokens ?? 0;
          usage.completionTokens += reply.usage?.completionTokens ?? 0;
        },
        // Counts the replies that parsed; the raw model is measured, so nothing is refused here.
        accept: () => {
          usage.parsed++;
          return null;
        },
        messages: (correction) =>
          questionMessages({
            posting: posting.posting,
            resume: posting.resume,
            focus: "balanced",
            targetQuestions: count,
            history,
            previousAttemptQuestions: [],
            plannedType: type,
            followUpAllowed: false,
            correction,
          }),
      });
      records.push({
        postingId: posting.id,
        number,
        seconds: (performance.now() - t0) / 1000,
        result: {
          ok: true,
          question: output.question,
          type: output.type,
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          invalidReplies: usage.replies - usage.parsed,
        },
      });
      history.push({ number, type, isFollowUp: false, question: output.question, answer: SIMULATED_ANSWER });
    } catch (error) {
      records.push({ postingId: posting.id, number, seconds: (performance.now() - t0) / 1000, result: failure(error) });
    }
  }
  return records;
}

/** The history's answers only give the interviewer something to move on from; their content is not measured. */
const SIMULATED_ANSWER = "I would start from the requirements, choose the simplest design that meets them, and measure the result.";

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
