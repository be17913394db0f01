/**
 * Issue 20 — the user's money: every AI call is metered (one ai_usage row per
 * provider call, for every kind of operation, failures included, kept after
 * the interview is deleted); interviews, the dashboard and the API show the
 * estimated cost; Settings holds the monthly budget and the user's own prices;
 * at 100 % of the budget new AI work is refused (402 budget_exhausted), while an
 * interview already under way can always be finished.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { spend } from "../support/usage.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { AI_MAX_RETRIES: "0" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

type Client = Awaited<ReturnType<typeof readyUser>>["client"];

async function answer(client: Client, sessionId: string, questionId: string) {
  const res = await client.post(`/interviews/${sessionId}`, {
    intent: "answer",
    questionId,
    answer: "I would shard the ledger by account and keep an idempotency key per payment, then replay from the outbox.",
  });
  expect(res.status).toBe(302);
}

/** Run a whole interview of `questions` questions through the pages, up to its feedback. */
async function finishedInterview(client: Client, postingId: string, questions: number) {
  const sessionId = await startThroughUi(client, postingId, { targetQuestions: questions });
  for (let i = 0; i < questions; i++) {
    const question = await openQuestion(app, sessionId);
    await answer(client, sessionId, question.id);
  }
  await waitFor(() => app.db.interviewFeedback.findUnique({ where: { sessionId } }), "the feedback");
  await waitForIdle(app, sessionId);
  return sessionId;
}

describe("the meter", () => {
  it("stores one usage row per AI call for questions, evaluations and the debrief, and keeps them when the interview is deleted", async () => {
    const { client, postingId, userId } = await readyUser(app);
    const sessionId = await finishedInterview(client, postingId, 3);

    // Every provider call of this user's interview is one row: as many as the fake answered.
    const rows = await waitFor(async () => {
      const found = await app.db.aiUsage.findMany({ where: { userId } });
      return found.length === app.fake.chatRequests().length ? found : null;
    }, "a usage row for every call");
    // Behavioural answers also get their STAR check (issue 19), metered like the rest.
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of ["question_generation", "answer_evaluation", "session_feedback"]) expect(kinds).toContain(kind);
    expect([...kinds].every((k) => ["question_generation", "answer_evaluation", "session_feedback", "check_star"].includes(k))).toBe(true);
    for (const row of rows) {
      expect(row).toMatchObject({ sessionId, model: "gpt-4o-mini", failed: false });
      expect(row.inputTokens).toBeGreaterThan(0);
      expect(row.outputTokens).toBeGreaterThan(0);
      expect(row.cachedInputTokens).not.toBeNull();
    }

    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toMatch(
      /Estimated AI cost: (≈ \$0\.\d{4}|< \$0\.0001) · \d+ AI calls, [\d,]+ input tokens \(\d+ % from cache\), [\d,]+ output tokens/,
    );
    const feedback = visibleText(await (await client.get(`/interviews/${sessionId}/feedback`)).text());
    expect(feedback).toContain("Estimated AI cost");
    const dashboard = visibleText(await (await client.get("/dashboard")).text());
    expect(dashboard).toMatch(/AI spend in \w+ \d{4}/);
    expect(dashboard).toContain(`estimated · ${rows.length} AI calls`);

    const deleted = await client.post(`/interviews/${sessionId}/delete`, {});
    expect(deleted.status).toBe(302);
    expect(await app.db.interviewSession.count({ where: { id: sessionId } })).toBe(0);
    const kept = await app.db.aiUsage.findMany({ where: { userId } });
    expect(kept).toHaveLength(rows.length);
    expect(kept.every((r) => r.sessionId === null && r.operationId === null)).toBe(true);
  });

  it("counts the calls of a failed operation too (a reply that could not be used still cost tokens)", async () => {
    const { client, postingId, userId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const question = await openQuestion(app, sessionId);
    await waitForIdle(app, sessionId);
    // Every grading reply breaks its schema: the evaluation fails after its correction attempt.
    app.fake.respond("answer_grade", () => ({ relevance: "very" }));
    await answer(client, sessionId, question.id);
    const evaluation = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "answer_evaluation" } });
    expect((await waitForOperation(app, evaluation.id)).status).toBe("failed");
    const calls = app.fake.chatRequests("answer_grade").length;
    const rows = await waitFor(async () => {
      const found = await app.db.aiUsage.findMany({ where: { userId, kind: "answer_evaluation" } });
      return found.length === calls ? found : null;
    }, "a usage row for each evaluation call");
    expect(calls).toBeGreaterThan(0);
    expect(rows.every((r) => r.failed && r.operationId === evaluation.id && r.inputTokens! > 0 && r.outputTokens! > 0)).toBe(true);
  });

  it("prices a model with the user's own price, and a local model ticked free at 0; the API shows the interview's and the month's usage", async () => {
    const { client, postingId, userId, email } = await readyUser(app);
    app.fake.answeredModel = () => "llama3.1:8b";
    const sessionId = await finishedInterview(client, postingId, 3);
    let page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toMatch(/\d+ calls have an unknown cost \(not included\)/);

    const saved = await client.post("/settings", { intent: "save-price", model: "llama3.1:8b", free: "on" });
    expect(saved.status).toBe(200);
    expect(visibleText(await saved.text())).toContain("free (costs nothing)");
    page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Estimated AI cost: $0.00");
    expect(page).not.toContain("unknown cost");

    const api = await apiLogin(app, email);
    const session = (await (await api.get(`/api/v1/sessions/${sessionId}`)).json()) as { usage: Record<string, unknown> };
    const calls = await app.db.aiUsage.count({ where: { userId, sessionId } });
    expect(session.usage).toMatchObject({ calls, estimated_cost_usd: 0, unknown_cost_calls: 0, estimate: true });
    const month = (await (await api.get("/api/v1/users/me/usage")).json()) as { usage: { calls: number }; budget: { state: string } };
    expect(month.usage.calls).toBe(calls);
    expect(month.budget.state).toBe("none");
    expect((await api.get("/api/v1/users/me/usage?month=May")).status).toBe(422);
  });
});

describe("usage and completion in one transaction", () => {
  const call = {
    model: "gpt-4o-mini",
    inputTokens: 1_200,
    cachedInputTokens: 0,
    outputTokens: 80,
    audioSeconds: null,
    speechCharacters: null,
    calls: 1,
  };

  it("an operation is never seen finished without its usage: the rows are written by the transaction that completes or fails it", async () => {
    const { UsageMeter, recordAiUsage } = await import("../../app/ai/usage-meter.server.ts");
    const { completeOperation, failOperation } = await import("../../app/models/operation.server.ts");
    const { unstoredCalls } = await import("../../app/models/usage.server.ts");
    const { db } = await import("../../app/utils/db.server.ts");
    const { userId } = await readyUser(app);
    const running = () => app.db.operation.create({ data: { userId, kind: "extract_requirements", status: "processing" } });

    // Completed: the usage is there in the same transaction, before it commits.
    const done = await running();
    const meter = new UsageMeter();
    const seenInside = await meter.run(async () => {
      recordAiUsage(call);
      return db.$transaction(async (tx) => {
        await completeOperation(tx, done.id, { ok: true });
        return tx.aiUsage.count({ where: { operationId: done.id } });
      });
    });
    expect(seenInside).toBe(1);
    expect(await app.db.aiUsage.count({ where: { operationId: done.id } })).toBe(1);
    expect(await unstoredCalls(meter)).toEqual([]);

    // A completing transaction that rolls back takes its usage rows with it; the frame then stores them itself.
    const rolledBack = await running();
    const second = new UsageMeter();
    await expect(
      second.run(async () => {
        recordAiUsage(call);
        await db.$transaction(async (tx) => {
          await completeOperation(tx, rolledBack.id, { ok: true });
          throw new Error("a later write failed");
        });
      }),
    ).rejects.toThrow("a later write failed");
    expect(await app.db.aiUsage.count({ where: { operationId: rolledBack.id } })).toBe(0);
    expect(await unstoredCalls(second)).toHaveLength(1);

    // Failed: the same.
    const failed = await running();
    const third = new UsageMeter();
    await third.run(async () => {
      recordAiUsage(call);
      await failOperation(failed.id, "timeout", "The AI provider did not answer in time.");
    });
    expect(await app.db.aiUsage.findMany({ where: { operationId: failed.id }, select: { failed: true } })).toEqual([{ failed: true }]);
  });
});

describe("the budget", () => {
  it("is set in Settings without JavaScript, refuses bad amounts, and warns from 80 %", async () => {
    const { client, userId } = await readyUser(app);
    const bad = await client.post("/settings", { intent: "save-budget", monthlyBudget: "five dollars" });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Enter an amount in dollars");
    expect((await app.db.user.findUniqueOrThrow({ where: { id: userId } })).monthlyBudgetCents).toBeNull();

    const ok = await client.post("/settings", { intent: "save-budget", monthlyBudget: "2.50" });
    expect(ok.status).toBe(200);
    expect((await app.db.user.findUniqueOrThrow({ where: { id: userId } })).monthlyBudgetCents).toBe(250);

    await spend(app, userId, 2.1);
    const dashboard = visibleText(await (await client.get("/dashboard")).text());
    expect(dashboard).toContain("You have used 84 % of your monthly AI budget");
    expect(dashboard).toContain("of your $2.50 monthly budget");
  });

  it("at 100 % refuses a new interview (page and API: 402 budget_exhausted with a link) and a retake, but lets the interview under way finish", async () => {
    const { client, postingId, userId, email } = await readyUser(app);
    const api = await apiLogin(app, email);
    // An interview under way before the budget runs out.
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const first = await openQuestion(app, sessionId);
    await waitForIdle(app, sessionId);

    await app.db.user.update({ where: { id: userId }, data: { monthlyBudgetCents: 100 } });
    await spend(app, userId, 1.5);

    const sessionsBefore = await app.db.interviewSession.count({ where: { userId } });
    const refused = await client.post("/interviews/new", { jobPostingId: postingId, targetQuestions: "3", focus: "balanced" });
    expect(refused.status).toBe(402);
    const refusedHtml = await refused.text();
    expect(visibleText(refusedHtml)).toContain("You have reached your monthly AI budget");
    expect(refusedHtml).toContain('href="/settings#budget"');
    const viaApi = await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId });
    expect(viaApi.status).toBe(402);
    expect(await viaApi.json()).toMatchObject({
      error: { code: "budget_exhausted", link: { href: "/settings#budget", label: "Raise your monthly budget in Settings" } },
    });
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(sessionsBefore);

    // The interview already under way: its next question, the evaluations and the debrief all still run.
    await answer(client, sessionId, first.id);
    for (const number of [2, 3]) {
      const next = await openQuestion(app, sessionId);
      expect(next.questionNumber).toBe(number);
      await answer(client, sessionId, next.id);
    }
    await waitFor(() => app.db.interviewFeedback.findUnique({ where: { sessionId } }), "the feedback");
    await waitForIdle(app, sessionId);
    expect(await app.db.answerEvaluation.count({ where: { sessionId } })).toBe(3);

    // Its retake is new work: refused.
    const retake = await api.json("POST", `/api/v1/sessions/${sessionId}/retake`, {});
    expect(retake.status).toBe(402);
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(sessionsBefore);

    // Raising the budget lets new work start again.
    const raised = await api.json("PATCH", "/api/v1/users/me/budget", { monthly_budget_usd: 50 });
    expect(raised.status).toBe(200);
    expect(await raised.json()).toMatchObject({ monthly_budget_usd: 50 });
    expect((await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId })).status).toBe(201);
  });
});
