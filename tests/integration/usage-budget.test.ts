/**
 * Issue 20 — the user's money: every AI call is metered (one ai_usage row per
 * provider call, for every kind of operation, failures included, kept after
 * the interview is deleted); interviews, the dashboard and the API show the
 * estimated cost; Settings holds the monthly budget and the user's own prices;
 * at 100 % of the budget new AI work is refused (402 budget_exhausted), while an
 * interview already under way can always be finished — its questions, evaluations
 * and debrief, not the optional extras (a strong answer, read-aloud, a second opinion).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OperationKind } from "../../app/generated/prisma/client.ts";
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

/** Work an interview can do without: it passes the budget like new work, even inside an interview under way. */
const OPTIONAL_KINDS: OperationKind[] = ["write_model_answer", "speak_question", "answer_regrade", "check_star"];

/** A ready user's 3-question interview: its first answer scored, the next question open. */
async function interviewWithScoredAnswer() {
  const user = await readyUser(app);
  const api = await apiLogin(app, user.email);
  const sessionId = await startThroughUi(user.client, user.postingId, { targetQuestions: 3 });
  const first = await openQuestion(app, sessionId);
  await answer(user.client, sessionId, first.id);
  await waitForIdle(app, sessionId);
  const scored = await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: first.id } });
  return { ...user, api, sessionId, scored, next: await openQuestion(app, sessionId) };
}

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

  it("at 100 % an interview under way gets only what finishing it needs: a strong answer, read-aloud and a second opinion are refused (402), a STAR check is skipped", async () => {
    // A balanced interview asks a technical question, then a behavioural one.
    const { client, userId, api, sessionId, scored, next: behavioural } = await interviewWithScoredAnswer();
    expect(behavioural.questionType).toBe("behavioral");

    await app.db.user.update({ where: { id: userId }, data: { monthlyBudgetCents: 100, readAloud: "provider" } });
    await spend(app, userId, 1.5);

    // Its evaluation and next question still run; the STAR check that would ride along is new work and waits.
    await answer(client, sessionId, behavioural.id);
    await waitForIdle(app, sessionId);
    const second = await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: behavioural.id }, include: { evaluation: true } });
    expect(second.evaluation).not.toBeNull();
    const third = await openQuestion(app, sessionId);
    expect(third.questionNumber).toBe(3);

    // Paused (or left for good): the optional extras are refused, through the API and on the page, and nothing starts.
    expect((await client.post(`/interviews/${sessionId}`, { intent: "pause", questionId: third.id, answer: "" })).status).toBe(302);
    const optional = { sessionId, kind: { in: OPTIONAL_KINDS } };
    const before = await app.db.operation.count({ where: { sessionId } });
    for (let i = 0; i < 2; i++) {
      const strong = await api.json("POST", `/api/v1/answers/${scored.id}/model-answer`, {});
      expect(strong.status).toBe(402);
      expect(await strong.json()).toMatchObject({ error: { code: "budget_exhausted", link: { href: "/settings#budget" } } });
    }
    const secondOpinion = await api.json("POST", `/api/v1/sessions/${sessionId}/answers/${scored.id}/second-opinion`, {});
    expect(secondOpinion.status).toBe(402);
    expect(await secondOpinion.json()).toMatchObject({ error: { code: "budget_exhausted" } });
    const forms: Array<Record<string, string>> = [
      { intent: "model-answer", answerId: scored.id },
      { intent: "speak-question", questionId: third.id },
      { intent: "second-opinion", answerId: scored.id },
    ];
    for (const form of forms) {
      const refused = await client.post(`/interviews/${sessionId}`, form);
      expect(refused.status, form.intent).toBe(402);
      expect(visibleText(await refused.text()), form.intent).toContain("You have reached your monthly AI budget");
    }
    expect(await app.db.operation.count({ where: optional })).toBe(0);
    expect(await app.db.operation.count({ where: { sessionId } })).toBe(before);

    // Finishing it still gets its debrief.
    expect((await client.post(`/interviews/${sessionId}`, { intent: "resume" })).status).toBe(302);
    await answer(client, sessionId, third.id);
    await waitFor(() => app.db.interviewFeedback.findUnique({ where: { sessionId } }), "the feedback");
    await waitForIdle(app, sessionId);
    expect(await app.db.operation.count({ where: optional })).toBe(0);
  });

  it("from 80 % an optional extra inside an interview under way counts as the one task running; the interview's own work neither waits nor counts", async () => {
    const { client, userId, api, sessionId, scored, next } = await interviewWithScoredAnswer();
    await app.db.user.update({ where: { id: userId }, data: { monthlyBudgetCents: 100 } });
    await spend(app, userId, 0.85);

    // A strong answer is being written (held back by the provider): a second opinion must wait for it.
    let release = app.fake.hold();
    const strong = await api.json("POST", `/api/v1/answers/${scored.id}/model-answer`, {});
    expect(strong.status).toBe(202);
    const { operation_id: strongId } = (await strong.json()) as { operation_id: string };
    const refused = await api.json("POST", `/api/v1/sessions/${sessionId}/answers/${scored.id}/second-opinion`, {});
    expect(refused.status).toBe(402);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "Near the limit, new AI work runs one task at a time",
    );
    expect(await app.db.operation.count({ where: { sessionId, kind: "answer_regrade" } })).toBe(0);
    // The interview goes on meanwhile: its evaluation and next question start.
    await answer(client, sessionId, next.id);
    release();
    expect((await waitForOperation(app, strongId)).status).toBe("completed");
    await waitForIdle(app, sessionId);

    // Its own work in flight is not a task that makes a strong answer wait.
    const third = await openQuestion(app, sessionId);
    release = app.fake.hold();
    await answer(client, sessionId, third.id);
    expect(await app.db.operation.count({ where: { sessionId, status: { in: ["pending", "processing"] } } })).toBeGreaterThan(0);
    const meanwhile = await api.json("POST", `/api/v1/answers/${scored.id}/model-answer`, {});
    expect(meanwhile.status).toBe(202);
    release();
    await waitForIdle(app, sessionId);
  });
});
