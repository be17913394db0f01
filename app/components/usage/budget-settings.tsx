import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { Field, FormErrors } from "#app/components/forms.tsx";
import { BudgetFormSchema, PriceFormSchema } from "#app/forms/budget-forms.ts";
import { formatUsd, type Micros } from "#app/costs/money.ts";
import { PRICES_AS_OF, type ModelPrice, type PriceOverrides } from "#app/costs/prices.ts";
import { MonthSpend, type MonthSpendView } from "./month-spend.tsx";

export type BudgetSettingsView = {
  budgetCents: number | null;
  serverDefaultMicros: Micros | null;
  priceOverrides: PriceOverrides;
  month: MonthSpendView;
};

export type BudgetActionData = { intent?: string; result?: SubmissionResult<string[]>; message?: string; ok?: boolean } | undefined;

const forIntent = (action: BudgetActionData, intent: string) => (action?.intent === intent ? action.result : undefined);

const rate = (value: number | undefined, unit: string) => (value === undefined ? null : `$${value} ${unit}`);

function describePrice(price: ModelPrice) {
  if (Object.values(price).every((r) => r === 0)) return "free (costs nothing)";
  return (
    [
      rate(price.input, "/ 1M input"),
      rate(price.cachedInput, "/ 1M cached input"),
      rate(price.output, "/ 1M output"),
      rate(price.audioMinute, "/ audio minute"),
    ]
      .filter(Boolean)
      .join(", ") || "—"
  );
}

/**
 * Settings › Budget and prices: the monthly budget (empty = the server's
 * default, if any), the month's spend so far, and the user's own price per
 * model — a local model ticked "free" costs nothing. Plain POST forms with an
 * `intent`, so all of it works without JavaScript.
 */
export function BudgetSettings({ view, actionData }: { view: BudgetSettingsView; actionData: BudgetActionData }) {
  const [budgetForm, budgetFields] = useForm({
    id: "save-budget",
    lastResult: forIntent(actionData, "save-budget"),
    constraint: getZodConstraint(BudgetFormSchema),
    defaultValue: { monthlyBudget: view.budgetCents === null ? "" : (view.budgetCents / 100).toFixed(2) },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BudgetFormSchema }),
  });
  const [priceForm, priceFields] = useForm({
    id: "save-price",
    lastResult: forIntent(actionData, "save-price"),
    constraint: getZodConstraint(PriceFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PriceFormSchema }),
  });
  const notice = (intents: string[]) =>
    actionData?.message && actionData.intent && intents.includes(actionData.intent) ? (
      <p role={actionData.ok ? "status" : "alert"} className={actionData.ok ? "alert-success" : "alert-error"}>
        {actionData.message}
      </p>
    ) : null;
  const models = Object.entries(view.priceOverrides);

  return (
    <>
      <section id="budget" aria-labelledby="budget-heading" className="card space-y-4">
        <div className="space-y-1">
          <h2 id="budget-heading">Monthly AI budget</h2>
          <p className="text-sm text-slate-700">
            Your key pays for every question, evaluation and debrief. With a budget you are warned at 80 % of it, and at 100 % new
            interviews and other new AI work wait for the next month (UTC) — an interview in progress can always be finished. Amounts are
            estimates from the prices below.
          </p>
        </div>
        <MonthSpend view={view.month} />
        {notice(["save-budget"])}
        <Form method="post" className="space-y-3" {...getFormProps(budgetForm)}>
          <input type="hidden" name="intent" value="save-budget" />
          <Field
            label="Monthly budget in US dollars"
            hint={
              view.serverDefaultMicros !== null
                ? `Leave empty to use this server's default of ${formatUsd(view.serverDefaultMicros)}.`
                : "Leave empty for no budget."
            }
            errors={budgetFields.monthlyBudget.errors}
            inputProps={{ ...getInputProps(budgetFields.monthlyBudget, { type: "text" }), inputMode: "decimal", placeholder: "e.g. 5.00" }}
          />
          <FormErrors id={budgetForm.errorId} errors={budgetForm.errors} />
          <button type="submit" className="btn-primary">
            Save budget
          </button>
        </Form>
      </section>

      <section id="prices" aria-labelledby="prices-heading" className="card space-y-4">
        <div className="space-y-1">
          <h2 id="prices-heading">Model prices</h2>
          <p className="text-sm text-slate-700">
            Costs are estimated from OpenAI’s public prices as of {PRICES_AS_OF}. Enter your own price for a model the table does not know,
            or whose price differs for you (a local model costs nothing: tick “free”). Prices in US dollars per 1 million tokens.
          </p>
        </div>
        {notice(["save-price", "remove-price"])}
        {models.length ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your prices</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Your price</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map(([model, price]) => (
                <tr key={model}>
                  <td className="font-mono">{model}</td>
                  <td>{describePrice(price)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-price" />
                      <input type="hidden" name="model" value={model} />
                      <button type="submit" className="btn-link" aria-label={`Remove the price of ${model}`}>
                        Remove
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">No prices of your own: the table’s prices apply.</p>
        )}
        <Form method="post" className="space-y-3" {...getFormProps(priceForm)}>
          <input type="hidden" name="intent" value="save-price" />
          <Field
            label="Model name"
            errors={priceFields.model.errors}
            inputProps={{ ...getInputProps(priceFields.model, { type: "text" }), placeholder: "e.g. llama3.1:8b" }}
          />
          <label className="flex items-center gap-2 text-sm">
            <input {...getInputProps(priceFields.free, { type: "checkbox" })} />
            Free — a local model, costs nothing
          </label>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              label="Input, per 1M tokens"
              errors={priceFields.input.errors}
              inputProps={{ ...getInputProps(priceFields.input, { type: "text" }), inputMode: "decimal" }}
            />
            <Field
              label="Cached input, per 1M tokens"
              hint="Empty: same as input."
              errors={priceFields.cachedInput.errors}
              inputProps={{ ...getInputProps(priceFields.cachedInput, { type: "text" }), inputMode: "decimal" }}
            />
            <Field
              label="Output, per 1M tokens"
              errors={priceFields.output.errors}
              inputProps={{ ...getInputProps(priceFields.output, { type: "text" }), inputMode: "decimal" }}
            />
            <Field
              label="Audio, per minute"
              errors={priceFields.audioMinute.errors}
              inputProps={{ ...getInputProps(priceFields.audioMinute, { type: "text" }), inputMode: "decimal" }}
            />
          </div>
          <FormErrors id={priceForm.errorId} errors={priceForm.errors} />
          <button type="submit" className="btn-secondary">
            Save price
          </button>
        </Form>
      </section>
    </>
  );
}
