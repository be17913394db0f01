import { z } from "zod";
import { MICROS_PER_USD } from "#app/costs/money.ts";
import type { PriceOverrides } from "#app/costs/prices.ts";
import type { UsageSummary } from "#app/costs/usage-summary.ts";
import type { MonthUsage } from "#app/models/usage.server.ts";
import { SessionDetailJson } from "./interview-json.server.ts";

/**
 * JSON shapes of the usage meter and the budget (issue 20). Money is sent in
 * US dollars as a number (micro-dollar precision) and always flagged as an
 * estimate: prices come from a table and the user's own entries, not the bill.
 */

const usd = (micros: number) => micros / MICROS_PER_USD;

export const UsageJson = z
  .object({
    calls: z.number().int().describe("Provider calls made (a corrected reply is a second call)."),
    input_tokens: z.number().int().describe("Prompt tokens, cached ones included (of the calls that reported usage)."),
    cached_input_tokens: z.number().int().describe("The part of input_tokens served from the provider's prompt cache."),
    cached_share: z.number().nullable().describe("cached_input_tokens / input_tokens; null without input tokens."),
    output_tokens: z.number().int(),
    audio_seconds: z.number(),
    estimated_cost_usd: z.number().describe("Estimated cost of the calls whose cost is known, in US dollars."),
    unknown_cost_calls: z.number().int().describe("Calls of unknown cost (a model without a price, or no usage reported): not included."),
    estimate: z.literal(true).describe("Always true: costs are estimates from a price table, not the provider's bill."),
  })
  .describe("What some AI calls consumed and their estimated cost.");
export type UsageJson = z.infer<typeof UsageJson>;

export function usageJson(usage: UsageSummary): UsageJson {
  return {
    calls: usage.calls,
    input_tokens: usage.inputTokens,
    cached_input_tokens: usage.cachedInputTokens,
    cached_share: usage.cachedShare,
    output_tokens: usage.outputTokens,
    audio_seconds: usage.audioSeconds,
    estimated_cost_usd: usd(usage.costMicros),
    unknown_cost_calls: usage.unknownCostCalls,
    estimate: true,
  };
}

export const MonthUsageJson = z
  .object({
    month: z.string().describe("YYYY-MM, a calendar month in UTC."),
    usage: UsageJson,
    budget: z.object({
      monthly_budget_usd: z
        .number()
        .nullable()
        .describe("The budget that applies (the user's own, else the server's default); null: none."),
      source: z.enum(["yours", "server"]).nullable(),
      state: z
        .enum(["none", "ok", "notice", "exhausted"])
        .describe("notice from 80 % of the budget; exhausted from 100 % (new AI work answers 402)."),
      share: z.number().nullable().describe("Spent / budget (1 = all of it)."),
      resets_at: z.string().describe("When the month's count starts again (ISO 8601, UTC)."),
    }),
  })
  .describe("One month's AI usage and estimated spend against the budget.");
export type MonthUsageJson = z.infer<typeof MonthUsageJson>;

export function monthUsageJson(month: MonthUsage): MonthUsageJson {
  return {
    month: month.month,
    usage: usageJson(month.usage),
    budget: {
      monthly_budget_usd: month.budget.budgetMicros === null ? null : usd(month.budget.budgetMicros),
      source: month.budgetSource,
      state: month.budget.state,
      share: month.budget.share,
      resets_at: month.budget.resetsAt.toISOString(),
    },
  };
}

const Rate = z.number().min(0).max(10_000);
export const ModelPriceJson = z
  .object({
    input: Rate.optional().describe("USD per 1M input tokens."),
    cached_input: Rate.optional().describe("USD per 1M cached input tokens (left out: the input rate)."),
    output: Rate.optional().describe("USD per 1M output tokens."),
    audio_minute: Rate.optional().describe("USD per minute of audio."),
  })
  .strict();

export const BudgetSettingsJson = z
  .object({
    monthly_budget_usd: z.number().nullable().describe("The user's own monthly budget; null: the server's default (if any)."),
    server_default_budget_usd: z.number().nullable(),
    prices: z
      .record(z.string(), ModelPriceJson)
      .describe("The user's own prices by model name; every other model is priced from the table."),
  })
  .describe("The monthly budget and the user's own model prices.");
export type BudgetSettingsJson = z.infer<typeof BudgetSettingsJson>;

export function pricesJson(overrides: PriceOverrides): BudgetSettingsJson["prices"] {
  return Object.fromEntries(
    Object.entries(overrides).map(([model, p]) => [
      model,
      Object.fromEntries(
        Object.entries({ input: p.input, cached_input: p.cachedInput, output: p.output, audio_minute: p.audioMinute }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
    ]),
  );
}

export function pricesFromJson(prices: Record<string, z.infer<typeof ModelPriceJson>>): PriceOverrides {
  return Object.fromEntries(
    Object.entries(prices).map(([model, p]) => [
      model.trim(),
      Object.fromEntries(
        Object.entries({ input: p.input, cachedInput: p.cached_input, output: p.output, audioMinute: p.audio_minute }).filter(
          ([, v]) => v !== undefined,
        ),
      ),
    ]),
  );
}

export const BudgetBody = z
  .object({
    monthly_budget_usd: z
      .number()
      .min(0)
      .max(1_000_000)
      .refine((v) => Number.isInteger(Math.round(v * 100 * 1e6) / 1e6), "Whole cents only")
      .nullable()
      .optional()
      .describe("Your monthly budget in US dollars (whole cents); null: use the server's default (if any)."),
    prices: z
      .record(z.string().trim().min(1).max(200), ModelPriceJson)
      .refine((p) => Object.keys(p).length <= 50, "At most 50 models")
      .optional()
      .describe("Replaces all of your own prices; {} removes them. A model priced 0 everywhere (a local one) costs nothing."),
  })
  .describe("Change the monthly budget and/or your own model prices; fields left out stay as they are.");

export const SessionDetailWithUsageJson = SessionDetailJson.extend({ usage: UsageJson }).describe(
  "A session with its snapshots, messages and last AI failure, and what its AI calls cost so far (an estimate).",
);

export const DebriefMarkdownJson = z
  .object({
    file_name: z.string().describe("A file name for it, e.g. interview-debrief-2026-12-04-1a2b3c4d.md"),
    markdown: z.string().describe("The debrief: questions, answers, scores and their meaning, feedback, the AI cost (an estimate)."),
    redacted: z.boolean().describe("Emails, phone numbers and the résumé's names replaced by placeholders."),
  })
  .describe("One interview's debrief as Markdown.");

/** The export file as the API describes it: its envelope; the full schema is docs/export-schema.json (camelCase, as the file). */
export const AccountExportJson = z
  .looseObject({
    format: z.literal("ai-interviewer/account-export"),
    exportVersion: z.literal(2),
    exportId: z.uuid(),
    exportedAt: z.string(),
    appVersion: z.string(),
    redacted: z.boolean(),
    profile: z.looseObject({}),
    resume: z.looseObject({}).nullable(),
    jobPostings: z.array(z.looseObject({})),
    interviews: z.array(z.looseObject({})),
    usage: z.array(z.looseObject({})),
    checksum: z.object({ algorithm: z.literal("sha256"), value: z.string() }),
  })
  .describe(
    "An ai-interviewer account export, version 2 (files of version 1 are still imported) — the same document as the Settings download. Its fields are camelCase, as in the " +
      "file; the complete JSON Schema is docs/export-schema.json and docs/export-format.md explains it.",
  );

const CountsJson = z.object({
  resume: z.number().int(),
  job_postings: z.number().int(),
  requirements: z.number().int().describe("Requirements of the postings' skill maps"),
  interviews: z.number().int(),
  questions: z.number().int(),
  answers: z.number().int(),
  evaluations: z.number().int(),
  feedback: z.number().int(),
  model_answers: z.number().int(),
  star_checks: z.number().int(),
  recordings: z.number().int(),
  usage_records: z.number().int(),
});

export const ImportResultJson = z
  .object({
    dry_run: z.boolean().describe("True: nothing was written (?dry_run=true)."),
    exported_at: z.string(),
    app_version: z.string(),
    redacted: z.boolean(),
    create: CountsJson.describe("What the import creates (or, in a dry run, would create)."),
    already_imported: CountsJson.describe("What an earlier import of the same records already created: skipped."),
    notes: z.array(z.string()),
  })
  .describe("What an account import creates; importing the same file again creates nothing.");

type Counts = {
  [
    K in
      | "resume"
      | "jobPostings"
      | "requirements"
      | "interviews"
      | "questions"
      | "answers"
      | "evaluations"
      | "feedback"
      | "modelAnswers"
      | "starChecks"
      | "recordings"
      | "usageRecords"
  ]: number;
};
const countsJson = (c: Counts) => ({
  resume: c.resume,
  job_postings: c.jobPostings,
  requirements: c.requirements,
  interviews: c.interviews,
  questions: c.questions,
  answers: c.answers,
  evaluations: c.evaluations,
  feedback: c.feedback,
  model_answers: c.modelAnswers,
  star_checks: c.starChecks,
  recordings: c.recordings,
  usage_records: c.usageRecords,
});

export function importPreviewJson(
  preview: { exportedAt: string; appVersion: string; redacted: boolean; create: Counts; alreadyImported: Counts; notes: string[] },
  created: Counts | null,
): z.infer<typeof ImportResultJson> {
  return {
    dry_run: created === null,
    exported_at: preview.exportedAt,
    app_version: preview.appVersion,
    redacted: preview.redacted,
    create: countsJson(created ?? preview.create),
    already_imported: countsJson(preview.alreadyImported),
    notes: preview.notes,
  };
}
