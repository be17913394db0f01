/**
 * `npm run bench:tokens` — the AI tokens one 6-question interview spends,
 * with the fake model: the worker's calls in the worker's order (question 1;
 * then, per answer, its evaluation and the next question; then the debrief),
 * through the real prompt builders, generateStructured and the openai SDK,
 * counted by the usage meter. The fake estimates tokens as characters / 4 and
 * simulates OpenAI's prefix cache, so the figures compare prompt layouts, not
 * models: a real model's tokeniser and reply lengths differ.
 *
 * Three interviews: a posting without a skill map (balanced focus); one with
 * a skill map of 12 requirements, where every question prompt carries the
 * list to record what it probes (balanced focus); and the same with
 * "Weakest skills first", where the list names the requirement to aim at.
 * The map's extraction, one call per posting, is counted with the second.
 *
 * The prompts put their stable part first (instructions, posting, résumé,
 * earlier questions) and the changing part last, so each question prompt
 * repeats the whole previous one up to its task; the "diverges at" column
 * shows where the second prompt of a kind stops repeating the first. The
 * figures are recorded in docs/performance.md. No database is used.
 *
 *   --json     print the figures as JSON instead of a table
 */
import { parseArgs } from "node:util";
import { questionMessages, plannedType, type Exchange, type Focus } from "../../app/ai/prompts.ts";
import { postingLines, requirementMessages, RequirementsOutput, REQUIREMENTS_SCHEMA_NAME } from "../../app/ai/practice/requirements.ts";
import {
  planTagging,
  planTargeting,
  TARGETED_QUESTION_SCHEMA_NAME,
  TargetedQuestionOutput,
  withTargeting,
} from "../../app/ai/practice/targeting.ts";
import { debriefMessages, gradingMessages } from "../../app/ai/grading/prompts.ts";
import { AnswerGradeOutput, SessionDebriefOutput } from "../../app/ai/grading/schemas.ts";
import { prefixReport, type PromptCall } from "../../app/ai/prompt-prefix.ts";
import { QuestionOutput } from "../../app/ai/schemas.ts";
import { totalUsage, type Usage } from "../../app/ai/usage.ts";
import { estimateCost } from "../../app/costs/prices.ts";
import { formatCost } from "../../app/costs/money.ts";
import { FakeOpenAI, type ChatRequest } from "../../tests/fakes/openai-server.ts";
import { BENCH_ANSWER, BENCH_POSTING, BENCH_REQUIREMENTS, BENCH_RESUME } from "./interview-fixture.ts";

const { values } = parseArgs({ options: { json: { type: "boolean" } } });

// createAiClient reads its timeout and retries from the environment; nothing here connects to a database.
Object.assign(process.env, {
  DATABASE_URL: process.env.DATABASE_URL ?? "postgres://unused@127.0.0.1:1/unused",
  SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-only-session-secret-0123456789abcdef",
  ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? Buffer.alloc(32, 9).toString("base64"),
  LOG_LEVEL: "silent",
});
const { generateStructured } = await import("../../app/ai/structured.server.ts");
const { UsageMeter } = await import("../../app/ai/usage-meter.server.ts");

const QUESTIONS = 6;
const MODEL = "gpt-4o-mini";
type Kind = "skill map" | "question" | "evaluation" | "feedback";
type Variant = { name: string; focus: Focus; skillMap: boolean };
const VARIANTS: Variant[] = [
  { name: "balanced, posting without a skill map", focus: "balanced", skillMap: false },
  {
    name: `balanced, posting with a skill map of ${BENCH_REQUIREMENTS.length} requirements (its extraction included)`,
    focus: "balanced",
    skillMap: true,
  },
  { name: "weakest skills first, the same skill map (extracted before)", focus: "weakest_first", skillMap: true },
];

async function interview(fake: FakeOpenAI, variant: Variant, { extractMap }: { extractMap: boolean }) {
  const settings = { apiKey: "sk-bench", model: MODEL, baseUrl: fake.url, userChosenBaseUrl: false };
  const meter = new UsageMeter();
  const byKind = new Map<Kind, Usage[]>();
  const prompts = new Map<Kind, PromptCall[]>();
  const call = async <T>(kind: Kind, work: () => Promise<T>) => {
    const before = meter.calls.length;
    const from = fake.requests.length;
    const value = await meter.run(work);
    byKind.set(kind, [...(byKind.get(kind) ?? []), ...meter.calls.slice(before)]);
    for (const request of fake.requests.slice(from)) {
      const body = request.body as ChatRequest;
      prompts.set(kind, [
        ...(prompts.get(kind) ?? []),
        { schema: body.response_format?.json_schema, messages: body.messages as PromptCall["messages"] },
      ]);
    }
    return value;
  };

  if (extractMap) {
    await call("skill map", () =>
      generateStructured({
        settings,
        schema: RequirementsOutput,
        name: REQUIREMENTS_SCHEMA_NAME,
        messages: (correction) => requirementMessages(BENCH_POSTING, postingLines(BENCH_POSTING), correction),
      }),
    );
  }

  const history: Exchange[] = [];
  // The requirements each question aimed at, as the worker records them (the model assumed to comply).
  const asked: Array<{ requirementIds: string[] }> = [];
  const ask = async () => {
    const input = {
      posting: BENCH_POSTING,
      resume: BENCH_RESUME,
      focus: variant.focus,
      targetQuestions: QUESTIONS,
      history,
      previousAttemptQuestions: [],
      plannedType: plannedType(variant.focus, history.length),
      followUpAllowed: false,
    };
    // As worker/jobs/generate-question.ts: a posting with a skill map adds the requirements to every question prompt.
    const targeting = !variant.skillMap
      ? null
      : variant.focus === "weakest_first"
        ? planTargeting({ candidates: BENCH_REQUIREMENTS, asked, lastRequirementIds: [] })
        : { ...planTagging(BENCH_REQUIREMENTS), targetIds: [] };
    const output: QuestionOutput & Partial<TargetedQuestionOutput> = await call("question", () =>
      generateStructured({
        settings,
        schema: targeting ? TargetedQuestionOutput : QuestionOutput,
        name: targeting ? TARGETED_QUESTION_SCHEMA_NAME : "interview_question",
        onPartial: () => {},
        messages: (correction) => {
          const prompt = questionMessages({ ...input, correction });
          return targeting ? withTargeting(prompt, targeting.section) : prompt;
        },
      }),
    );
    asked.push({ requirementIds: targeting?.targetIds ?? [] });
    history.push({ number: history.length + 1, type: output.type, isFollowUp: false, question: output.question, answer: null });
  };

  const evaluations: Array<AnswerGradeOutput | null> = [];
  await ask();
  for (let n = 1; n <= QUESTIONS; n++) {
    const exchange = history[n - 1]!;
    exchange.answer = BENCH_ANSWER;
    evaluations.push(
      await call("evaluation", () =>
        generateStructured({
          settings,
          schema: AnswerGradeOutput,
          name: "answer_grade",
          messages: () =>
            gradingMessages({
              posting: BENCH_POSTING,
              resume: BENCH_RESUME,
              question: { text: exchange.question, type: exchange.type, isFollowUp: false, probes: null },
              answer: BENCH_ANSWER,
            }),
        }),
      ),
    );
    if (n < QUESTIONS) await ask();
  }
  await call("feedback", () =>
    generateStructured({
      settings,
      schema: SessionDebriefOutput,
      name: "session_debrief",
      messages: () =>
        debriefMessages({
          posting: BENCH_POSTING,
          resume: BENCH_RESUME,
          exchanges: history.map((e, i) => {
            const ev = evaluations[i];
            return {
              ...e,
              evaluation: ev
                ? {
                    relevance: ev.relevance,
                    completeness: ev.completeness,
                    technicalCorrectness: ev.technical_correctness,
                    clarity: ev.clarity,
                    summary: ev.summary,
                  }
                : null,
            };
          }),
        }),
    }),
  );

  const rows = (["skill map", "question", "evaluation", "feedback"] as Kind[])
    .filter((kind) => byKind.has(kind))
    .map((kind) => {
      const usage = totalUsage(byKind.get(kind) ?? [])!;
      const prefix = prefixReport(prompts.get(kind) ?? []);
      return {
        kind,
        calls: usage.calls,
        inputTokens: usage.inputTokens!,
        cachedInputTokens: usage.cachedInputTokens!,
        outputTokens: usage.outputTokens!,
        // Where the second prompt of the kind stops repeating the first: the place to look when reordering.
        divergesAt: prefix.calls[1]?.divergence?.line ?? null,
      };
    });
  const total = meter.total()!;
  return {
    rows,
    total: {
      calls: total.calls,
      inputTokens: total.inputTokens!,
      cachedInputTokens: total.cachedInputTokens!,
      outputTokens: total.outputTokens!,
      cost: formatCost(estimateCost(total, MODEL).micros),
    },
  };
}

const fake = new FakeOpenAI();
await fake.start();
try {
  fake.chunkDelayMs = 0;
  const results = [];
  for (const variant of VARIANTS) {
    // A fresh prefix cache for each: every interview is measured as if it were the first.
    fake.reset();
    fake.chunkDelayMs = 0;
    results.push({
      variant: variant.name,
      ...(await interview(fake, variant, { extractMap: variant.skillMap && variant.focus !== "weakest_first" })),
    });
  }
  if (values.json) {
    console.log(JSON.stringify({ model: MODEL, questions: QUESTIONS, interviews: results }, null, 2));
  } else {
    const lines = [
      `Tokens of one ${QUESTIONS}-question interview (fake model: tokens ≈ characters / 4; OpenAI-style prefix cache; cost at ${MODEL} prices)`,
    ];
    for (const r of results) {
      lines.push(
        "",
        `**${r.variant}**`,
        "",
        "| calls | kind | input tokens | of which cached | output tokens | second prompt of the kind diverges at |",
        "|---|---|---|---|---|---|",
      );
      for (const row of r.rows) {
        lines.push(
          `| ${row.calls} | ${row.kind} | ${row.inputTokens} | ${row.cachedInputTokens} | ${row.outputTokens} | ${row.divergesAt ?? "–"} |`,
        );
      }
      lines.push(
        `| ${r.total.calls} | **total** | ${r.total.inputTokens} | ${r.total.cachedInputTokens} (${Math.round((100 * r.total.cachedInputTokens) / r.total.inputTokens)} %) | ${r.total.outputTokens} | ${r.total.cost} |`,
      );
    }
    console.log(lines.join("\n"));
  }
} finally {
  await fake.stop();
}
