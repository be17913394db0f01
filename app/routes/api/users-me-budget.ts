import type { Route } from "./+types/users-me-budget";
import { BudgetBody, pricesFromJson, pricesJson, type BudgetSettingsJson } from "#app/api/usage-json.server.ts";
import { MICROS_PER_USD } from "#app/costs/money.ts";
import { getBudgetSettings, updateBudgetSettings, type BudgetSettings } from "#app/models/usage.server.ts";
import { methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

function budgetJson(settings: BudgetSettings): BudgetSettingsJson {
  return {
    monthly_budget_usd: settings.budgetCents === null ? null : settings.budgetCents / 100,
    server_default_budget_usd: settings.serverDefaultMicros === null ? null : settings.serverDefaultMicros / MICROS_PER_USD,
    prices: pricesJson(settings.priceOverrides),
  };
}

/** The monthly budget and the user's own model prices (Settings › Budget and prices). */
export async function loader({ context }: Route.LoaderArgs) {
  return Response.json(budgetJson(await getBudgetSettings(await requireApiUserId(context))));
}

/** PATCH: change the budget and/or replace the prices; fields left out stay. */
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireApiUserId(context);
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const body = await readJson(request, BudgetBody);
  await updateBudgetSettings(userId, {
    ...(body.monthly_budget_usd !== undefined
      ? { budgetCents: body.monthly_budget_usd === null ? null : Math.round(body.monthly_budget_usd * 100) }
      : {}),
    ...(body.prices !== undefined ? { priceOverrides: pricesFromJson(body.prices) } : {}),
  });
  return Response.json(budgetJson(await getBudgetSettings(userId)));
}
