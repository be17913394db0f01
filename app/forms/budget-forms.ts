import { z } from "./zod.ts";
import { parseUsd } from "#app/costs/money.ts";

/**
 * Settings › Budget and prices (issue 20): one schema per form, shared by the
 * action and the browser, and the JSON API's body for the same settings.
 */

/** Dollars as a person types them ("5", "12.50", "$20"), to whole cents; empty = no budget of your own. */
const BudgetAmount = z.pipe(
  z.optional(z.string().check(z.trim())),
  z.transform((text, ctx) => {
    if (!text) return null;
    const micros = parseUsd(text);
    if (micros === null || micros % 10_000 !== 0 || micros > 1_000_000 * 1_000_000) {
      ctx.issues.push({ code: "custom", message: "Enter an amount in dollars, like 5 or 12.50 (at most $1,000,000)", input: text });
      return z.NEVER;
    }
    return micros / 10_000;
  }),
);

export const BudgetFormSchema = z.object({ intent: z.literal("save-budget"), monthlyBudget: BudgetAmount });

const Rate = z.optional(
  z.number({ error: "Enter a number, like 0.15" }).check(z.gte(0, "A price can't be negative"), z.lte(10_000, "That price is too high")),
);

/** One model's price, per 1M tokens (and per audio minute); "free" prices a local model at 0. */
export const PriceFormSchema = z
  .object({
    intent: z.literal("save-price"),
    model: z
      .string({ error: "Enter the model's name" })
      .check(z.trim(), z.minLength(1, "Enter the model's name"), z.maxLength(200, "That name is too long")),
    free: z.optional(z.boolean()),
    input: Rate,
    cachedInput: Rate,
    output: Rate,
    audioMinute: Rate,
  })
  .check(
    z.refine((v) => v.free || [v.input, v.output, v.audioMinute].some((r) => r !== undefined), {
      path: ["input"],
      message: "Enter at least an input and output price, a price per audio minute, or tick “free”",
    }),
  );

export const RemovePriceFormSchema = z.object({
  intent: z.literal("remove-price"),
  model: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});

/** The price a PriceFormSchema submission sets. */
export function priceFromForm(value: z.infer<typeof PriceFormSchema>) {
  if (value.free) return { input: 0, output: 0 };
  const { input, cachedInput, output, audioMinute } = value;
  return Object.fromEntries(Object.entries({ input, cachedInput, output, audioMinute }).filter(([, rate]) => rate !== undefined));
}
