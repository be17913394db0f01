import { randomUUID } from "node:crypto";
import type { Usage } from "#app/ai/usage.ts";
import { BUDGET_SETTINGS_LINK, budgetStatus, effectiveBudget, mayStartAiWork, monthWindow, type BudgetStatus } from "#app/costs/budget.ts";
import { usdToMicros, type Micros } from "#app/costs/money.ts";
import { PriceOverrides, type ModelPrice } from "#app/costs/prices.ts";
import { summarizeUsage, type UsageSummary } from "#app/costs/usage-summary.ts";
import { Prisma, type OperationKind } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";

/**
 * The meter and the budget (issue 20). Every provider call an operation made
 * is one AiUsage row, written by the worker's frame (runOperation) whether the
 * operation completed or failed. Rows outlive the operation and its interview,
 * so deleting an interview neither erases what it cost nor hands budget back.
 * Costs are estimated when read, from the price table and the user's prices.
 */

/** Refused because the month's budget is spent: 402, with a link to raise it. */
export class BudgetExhausted extends Refusal<"budget_exhausted"> {
  override name = "BudgetExhausted";
  constructor(message: string) {
    super("budget_exhausted", message, 402, { link: BUDGET_SETTINGS_LINK });
  }
}

type Served = { id: string; userId: string; sessionId: string | null; kind: string };

/**
 * Store one row per provider call of an operation. The operation or its interview may have been
 * deleted meanwhile (the spend stays, unlinked): the links are set only to rows that still exist,
 * and a deletion racing this insert is answered by inserting without them.
 */
export async function recordOperationUsage(operation: Served, calls: Usage[], outcome: { failed: boolean }) {
  if (!calls.length) return;
  await insertUsageRows(operation, calls, outcome);
}

/**
 * In the transaction that finishes an operation (completeOperation, failOperation): store the calls
 * its meter holds that are not stored yet, so the operation is never seen finished without its usage.
 * The operation row was just updated in this transaction, so it and its interview still exist.
 * Returns the new rows' ids; the worker's frame checks them after the transaction.
 */
export async function storeUsageInTransaction(tx: Tx, operation: Served, meter: { calls: Usage[]; storedIds: string[] }, failed: boolean) {
  const fresh = meter.calls.slice(meter.storedIds.length);
  if (!fresh.length) return;
  const ids = fresh.map(() => randomUUID());
  await tx.aiUsage.createMany({
    data: fresh.map((call, i) => ({
      id: ids[i],
      ...usageRow(operation, call, failed),
      operationId: operation.id,
      sessionId: operation.sessionId,
    })),
  });
  meter.storedIds.push(...ids);
}

/** The calls of a meter whose rows are not in the database (after the finishing transaction, committed or not). */
export async function unstoredCalls(meter: { calls: Usage[]; storedIds: string[] }) {
  if (!meter.storedIds.length) return meter.calls;
  const committed = new Set((await db.aiUsage.findMany({ where: { id: { in: meter.storedIds } }, select: { id: true } })).map((r) => r.id));
  return meter.calls.filter((_, i) => !(i < meter.storedIds.length && committed.has(meter.storedIds[i]!)));
}

const usageRow = (operation: Served, call: Usage, failed: boolean) => ({
  userId: operation.userId,
  kind: operation.kind,
  model: call.model,
  inputTokens: call.inputTokens,
  cachedInputTokens: call.cachedInputTokens,
  outputTokens: call.outputTokens,
  audioSeconds: call.audioSeconds,
  speechCharacters: call.speechCharacters,
  failed,
});

async function insertUsageRows(operation: Served, calls: Usage[], outcome: { failed: boolean }) {
  const rows = (links: { operationId: string | null; sessionId: string | null }) =>
    calls.map((call) => ({ ...usageRow(operation, call, outcome.failed), ...links }));
  const [stillOperation, stillSession] = await Promise.all([
    db.operation.count({ where: { id: operation.id } }),
    operation.sessionId ? db.interviewSession.count({ where: { id: operation.sessionId } }) : 0,
  ]);
  const links = { operationId: stillOperation ? operation.id : null, sessionId: stillSession ? operation.sessionId : null };
  try {
    await db.aiUsage.createMany({ data: rows(links) });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003")) throw error;
    await db.aiUsage.createMany({ data: rows({ operationId: null, sessionId: null }) });
  }
  logger.debug({ kind: "ai-usage", operationId: operation.id, calls: calls.length }, "AI usage recorded");
}

const rowSelect = {
  model: true,
  inputTokens: true,
  cachedInputTokens: true,
  outputTokens: true,
  audioSeconds: true,
  speechCharacters: true,
} as const;

/** The user's own prices as stored (anything unreadable counts as none). */
export function readOverrides(value: unknown): PriceOverrides {
  const parsed = PriceOverrides.safeParse(value);
  return parsed.success ? parsed.data : {};
}

const serverDefaultBudget = (): Micros | null => {
  const usd = env().AI_MONTHLY_BUDGET_USD;
  return usd === undefined ? null : usdToMicros(usd);
};

/** A budget as stored (whole cents, or none) in micro-dollars. */
export const centsToMicros = (cents: number | null) => (cents === null ? null : cents * 10_000);

const pricingSelect = { monthlyBudgetCents: true, priceOverrides: true } as const;

async function pricing(executor: Tx | typeof db, userId: string) {
  const user = await executor.user.findUniqueOrThrow({ where: { id: userId }, select: pricingSelect });
  return { budgetCents: user.monthlyBudgetCents, overrides: readOverrides(user.priceOverrides) };
}

/** The month's usage rows, as a relation of the user (so a page's user query can carry them). */
const monthRows = (now: Date) => {
  const { start, end } = monthWindow(now);
  // Usage brought in by an account import was spent elsewhere: it does not count against this month here.
  return { where: { imported: false, createdAt: { gte: start, lt: end } }, select: rowSelect };
};

async function monthSummary(executor: Tx | typeof db, userId: string, overrides: PriceOverrides, now: Date) {
  const { where, select } = monthRows(now);
  const rows = await executor.aiUsage.findMany({ where: { userId, ...where }, select });
  return summarizeUsage(rows, overrides);
}

export type MonthUsage = { month: string; usage: UsageSummary; budget: BudgetStatus; budgetSource: "yours" | "server" | null };

const monthKey = (date: Date) => date.toISOString().slice(0, 7);

/**
 * What a user query must select for `toMonthUsage`: the budget, the user's prices and the month's
 * rows, in one statement (relations are joined) where the page reads the user anyway.
 */
export const monthUsageSelect = (now: Date) => ({ ...pricingSelect, aiUsage: monthRows(now) }) as const;

type MonthUsageUser = Prisma.UserGetPayload<{ select: ReturnType<typeof monthUsageSelect> }>;

/** The month's spend (UTC calendar month holding `now`) against the budget that applies, from a user read with `monthUsageSelect`. */
export function toMonthUsage(user: MonthUsageUser, now: Date): MonthUsage {
  const usage = summarizeUsage(user.aiUsage, readOverrides(user.priceOverrides));
  const budgetMicros = effectiveBudget(centsToMicros(user.monthlyBudgetCents), serverDefaultBudget());
  return {
    month: monthKey(now),
    usage,
    budget: budgetStatus({ spentMicros: usage.costMicros, budgetMicros, now }),
    budgetSource: user.monthlyBudgetCents !== null ? "yours" : budgetMicros !== null ? "server" : null,
  };
}

/** The month's spend (UTC calendar month holding `now`) against the budget that applies. */
export async function getMonthUsage(userId: string, now = new Date()): Promise<MonthUsage> {
  return toMonthUsage(await db.user.findUniqueOrThrow({ where: { id: userId }, select: monthUsageSelect(now) }), now);
}

/** What one interview's AI calls consumed so far (null when the interview is not this user's). */
export async function getInterviewUsage(userId: string, sessionId: string): Promise<UsageSummary | null> {
  // One statement: the ownership check, the user's prices and the interview's rows are relations of the user.
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      priceOverrides: true,
      interviewSessions: { where: { id: sessionId }, select: { id: true } },
      aiUsage: { where: { sessionId }, select: rowSelect },
    },
  });
  if (!user?.interviewSessions.length) return null;
  return summarizeInterviewUsage(user.aiUsage, user);
}

/** An interview's usage rows (the caller has checked the interview is the user's), for `summarizeInterviewUsage`. */
export const interviewUsageRows = (userId: string, sessionId: string) =>
  db.aiUsage.findMany({ where: { userId, sessionId }, select: rowSelect });

/** An interview's usage at the user's own prices (`priceOverrides` as stored). */
export const summarizeInterviewUsage = (
  rows: Awaited<ReturnType<typeof interviewUsageRows>>,
  user: Pick<MonthUsageUser, "priceOverrides">,
) => summarizeUsage(rows, readOverrides(user.priceOverrides));

/**
 * The work that carries an interview on to its end, and for how long: the budget never cuts anyone
 * off in the middle of answering. Its questions and the transcription of a spoken answer while it is
 * still being answered (active or paused); the evaluation of its answers and its debrief until the
 * debrief is there (the last answer finishes the interview in the same transaction that asks for
 * both, and a failed one is retried after). Everything else is optional — a strong answer, reading a
 * question aloud, a second opinion, a STAR check, skill work, any kind added later — and passes the
 * budget like new work, even inside an interview under way: otherwise it could be asked for again
 * and again, for free, on an interview paused or left without its debrief for good.
 */
const WHILE_ANSWERING: OperationKind[] = ["question_generation", "transcribe_answer"];
const UNTIL_DEBRIEF: OperationKind[] = ["answer_evaluation", "session_feedback"];

/**
 * The budget gate every new AI operation passes (startOperation calls it in its transaction). Work
 * that carries an interview under way to its end — it had AI work before and has no debrief yet;
 * see WHILE_ANSWERING and UNTIL_DEBRIEF — always runs; anything else is refused once the month's
 * estimated spend reaches the budget.
 *
 * Spend is known only once a call has finished, so two starts racing at the edge would each see the
 * same spend and both pass. The gate therefore takes a per-user lock (a PostgreSQL advisory lock held
 * until the transaction that inserts the operation commits), so a user's starts pass it one after another, and from the
 * notice level (80 %) on it admits one new piece of work at a time: a start is refused while another
 * budget-checked operation of the user is still running. The spend can then pass the budget by at
 * most the one operation that started below it.
 */
export async function assertBudgetAllows(tx: Tx, work: { userId: string; sessionId?: string | null; kind: OperationKind }) {
  if (work.sessionId && (await carriesInterviewForward(tx, work.sessionId, work.kind))) return;
  const { budgetCents, overrides } = await pricing(tx, work.userId);
  const budgetMicros = effectiveBudget(centsToMicros(budgetCents), serverDefaultBudget());
  if (budgetMicros === null) return;
  // An advisory lock, not the user's row: the transaction may already hold a key-share lock on that row
  // (the foreign key of the interview it just inserted), and two of those upgrading would deadlock.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`budget:${work.userId}`}, 0))`;
  const now = new Date();
  const usage = await monthSummary(tx, work.userId, overrides, now);
  const status = budgetStatus({ spentMicros: usage.costMicros, budgetMicros, now });
  const decision = mayStartAiWork({ forStartedInterview: false, status });
  if (!decision.allowed) throw new BudgetExhausted(decision.message);
  if (status.state === "notice" && (await budgetCheckedWorkRunning(tx, work.userId))) {
    throw new BudgetExhausted(
      `${decision.notice} Near the limit, new AI work runs one task at a time so that the budget is not overrun: wait until the task already running has finished, then try again — or raise your budget in Settings.`,
    );
  }
}

/**
 * Whether an operation of the user that the gate checks is still pending or running: everything but
 * the work that carries an interview under way to its end, judged as the gate judges it (the same
 * kinds and interview states; the interview's first operation, its start, had no AI work before it).
 * Keep the two in step: work the gate lets through unchecked must not count here, and checked work must.
 */
async function budgetCheckedWorkRunning(tx: Tx, userId: string) {
  const [row] = await tx.$queryRaw<Array<{ running: boolean }>>`
    SELECT EXISTS (
      SELECT 1 FROM operations o
      WHERE o.user_id = ${userId}::uuid AND o.status IN ('pending', 'processing')
        AND NOT (
          EXISTS (SELECT 1 FROM operations p WHERE p.session_id = o.session_id AND p.created_at < o.created_at)
          AND NOT EXISTS (SELECT 1 FROM interview_feedback f WHERE f.session_id = o.session_id)
          AND (o.kind::text = ANY(${UNTIL_DEBRIEF}::text[])
            OR (o.kind::text = ANY(${WHILE_ANSWERING}::text[])
              AND EXISTS (SELECT 1 FROM interview_sessions s WHERE s.id = o.session_id AND s.status <> 'completed'))))
    ) AS running`;
  return row?.running ?? false;
}

/** Whether this work carries an interview under way (AI work before, no debrief yet) to its end: see WHILE_ANSWERING. */
async function carriesInterviewForward(tx: Tx, sessionId: string, kind: OperationKind) {
  if (!UNTIL_DEBRIEF.includes(kind) && !WHILE_ANSWERING.includes(kind)) return false;
  const session = await tx.interviewSession.findUnique({
    where: { id: sessionId },
    select: { status: true, feedback: { select: { id: true } }, _count: { select: { operations: true } } },
  });
  if (!session || session.feedback || session._count.operations === 0) return false;
  return UNTIL_DEBRIEF.includes(kind) || session.status !== "completed";
}

// --- Settings ---------------------------------------------------------------------------------

export type BudgetSettings = {
  budgetCents: number | null;
  serverDefaultMicros: Micros | null;
  priceOverrides: PriceOverrides;
  month: MonthUsage;
};

export async function getBudgetSettings(userId: string, now = new Date()): Promise<BudgetSettings> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: monthUsageSelect(now) });
  return {
    budgetCents: user.monthlyBudgetCents,
    serverDefaultMicros: serverDefaultBudget(),
    priceOverrides: readOverrides(user.priceOverrides),
    month: toMonthUsage(user, now),
  };
}

/** Set (or clear, with null) the user's monthly budget, in cents. */
export async function setMonthlyBudget(userId: string, cents: number | null) {
  await db.user.update({ where: { id: userId }, data: { monthlyBudgetCents: cents } });
}

/** Change the budget and/or replace all of the user's prices (the API's PATCH). */
export async function updateBudgetSettings(userId: string, changes: { budgetCents?: number | null; priceOverrides?: PriceOverrides }) {
  const priceOverrides = changes.priceOverrides === undefined ? undefined : PriceOverrides.parse(changes.priceOverrides);
  await db.user.update({
    where: { id: userId },
    data: {
      ...(changes.budgetCents !== undefined ? { monthlyBudgetCents: changes.budgetCents } : {}),
      ...(priceOverrides !== undefined ? { priceOverrides: priceOverrides as Prisma.InputJsonObject } : {}),
    },
  });
}

export const MAX_PRICED_MODELS = 50;

/** Replace the user's own prices (validated by the caller's schema; at most 50 models). */
export async function setPriceOverrides(userId: string, overrides: PriceOverrides) {
  await db.user.update({ where: { id: userId }, data: { priceOverrides: overrides as Prisma.InputJsonObject } });
}

export class TooManyPrices extends Refusal<"too_many_prices"> {
  constructor() {
    super("too_many_prices", `Enter prices for at most ${MAX_PRICED_MODELS} models; remove one first.`, 422);
  }
}

/** Add or replace the user's price for one model. */
export async function setModelPrice(userId: string, model: string, price: ModelPrice) {
  const { overrides } = await pricing(db, userId);
  const next = { ...overrides, [model]: price };
  if (Object.keys(next).length > MAX_PRICED_MODELS) throw new TooManyPrices();
  await setPriceOverrides(userId, PriceOverrides.parse(next));
}

export async function removeModelPrice(userId: string, model: string) {
  const { overrides } = await pricing(db, userId);
  const { [model]: _removed, ...rest } = overrides;
  await setPriceOverrides(userId, rest);
}
