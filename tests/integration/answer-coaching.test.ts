/**
 * Issue 19 §4–5: "Show a strong answer" (grounded in the résumé, placeholders
 * for missing facts, invented names flagged by the server) and the STAR
 * checklist of behavioural answers — on the interview page without
 * JavaScript and through the JSON API. Real worker, the fake OpenAI.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelAnswerResponder } from "../fakes/practice-responders.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
});
afterAll(() => app.close());

const BEHAVIOURAL_ANSWER =
  "When our payment ledger kept drifting last year, my task was to find out why before the audit. " +
  "I wrote a reconciliation job and I added idempotency keys to every write. " +
  "As a result, drift dropped by 90% within two weeks.";

/** A ready user with a balanced interview whose first two questions (technical, then behavioural) are answered and scored. */
async function twoScoredAnswers() {
  const user = await readyUser(app);
  const sessionId = await startThroughUi(user.client, user.postingId, { targetQuestions: 3 });
  const answers: Array<{ id: string; type: string }> = [];
  for (const text of ["I would shard by account and keep the ledger append-only.", BEHAVIOURAL_ANSWER]) {
    const question = await openQuestion(app, sessionId);
    const res = await user.client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: question.id, answer: text });
    expect(res.status).toBe(302);
    await waitForIdle(app, sessionId);
    const answer = await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: question.id } });
    answers.push({ id: answer.id, type: question.questionType! });
  }
  expect(answers.map((a) => a.type)).toEqual(["technical", "behavioral"]);
  return { ...user, sessionId, technical: answers[0]!.id, behavioural: answers[1]!.id };
}

describe("STAR check", () => {
  it("a scored behavioural answer gets its checklist by itself, quoting its own sentences; a technical one does not", async () => {
    const { client, email, sessionId, technical, behavioural } = await twoScoredAnswers();
    const check = await waitFor(() => app.db.starCheck.findUnique({ where: { answerId: behavioural } }), "the STAR check");
    expect(check).toMatchObject({ complete: true, resultQuantified: true, saysI: true });
    expect(await app.db.starCheck.count({ where: { answerId: technical } })).toBe(0);

    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("STAR check");
    expect(page).toContain("Result: present As a result, drift dropped by 90% within two weeks.");
    expect(page).toContain("Result quantified");
    expect(page).toContain("You say “I” for your actions (I ×2, we ×0)");

    const api = await apiLogin(app, email);
    const json = (await (await api.get(`/api/v1/answers/${behavioural}/star-check`)).json()) as {
      applies: boolean;
      check: { parts: Array<{ part: string; present: boolean; sentences: Array<{ text: string }> }>; says_i: boolean };
    };
    expect(json.applies).toBe(true);
    expect(json.check.parts.map((p) => [p.part, p.present])).toEqual([
      ["situation", true],
      ["task", true],
      ["action", true],
      ["result", true],
    ]);
    expect(BEHAVIOURAL_ANSWER).toContain(json.check.parts[3]!.sentences[0]!.text);
    const none = (await (await api.get(`/api/v1/answers/${technical}/star-check`)).json()) as { applies: boolean; check: unknown };
    expect(none).toMatchObject({ applies: false, check: null });
  });
});

describe("Show a strong answer", () => {
  it("is written on request from the page without JavaScript: résumé facts, a placeholder with its question, nothing invented", async () => {
    const { client, sessionId, technical } = await twoScoredAnswers();
    const res = await client.post(`/interviews/${sessionId}`, { intent: "model-answer", answerId: technical });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/interviews/${sessionId}?coach=${technical}`);
    const row = await waitFor(() => app.db.modelAnswer.findFirst({ where: { answerId: technical } }), "the strong answer");
    expect(row.flags).toEqual([]);
    await waitForIdle(app, sessionId);

    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("A strong answer, from your résumé");
    expect(page).toContain("Fill in what only you know");
    expect(page).toContain("What measurable result did this work have");
    expect(page).toMatch(/Every name and number in it \(\d+ checked\) comes from your résumé or your answer/);
  });

  it("flags an employer the résumé does not name, even when the model insists on it", async () => {
    const { email, technical } = await twoScoredAnswers();
    const api = await apiLogin(app, email);
    app.fake.respond("model_answer", modelAnswerResponder({ inventEmployer: "Initech Corporation" }));
    try {
      const started = await api.request(`/api/v1/answers/${technical}/model-answer`, { method: "POST" });
      expect(started.status).toBe(202);
      const { operation_id } = (await started.json()) as { operation_id: string };
      await waitFor(
        async () => (await app.db.operation.findUnique({ where: { id: operation_id } }))?.status === "completed",
        "the strong answer",
      );
    } finally {
      app.fake.respond("model_answer", modelAnswerResponder());
    }
    const json = (await (await api.get(`/api/v1/answers/${technical}/model-answer`)).json()) as {
      model_answer: { text: string; flags: Array<{ kind: string; text: string }>; placeholders: Array<{ question: string }> };
    };
    expect(json.model_answer.text).toContain("Initech Corporation");
    expect(json.model_answer.flags).toContainEqual(expect.objectContaining({ kind: "name", text: expect.stringContaining("Initech") }));
    expect(json.model_answer.placeholders.length).toBeGreaterThan(0);
    // It was sent back once, naming the invented employer, before being kept with its flag.
    const prompts = app.fake.chatRequests("model_answer").map((r) => JSON.stringify(r.body));
    expect(prompts.some((p) => p.includes("Initech"))).toBe(true);
  });

  it("asked for many times at once, writes one strong answer: every request follows the same operation", async () => {
    const { email, technical } = await twoScoredAnswers();
    const api = await apiLogin(app, email);
    const release = app.fake.hold(); // the first stays in flight while the others arrive
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => api.request(`/api/v1/answers/${technical}/model-answer`, { method: "POST" })),
      );
      const ids = await Promise.all(answers.map(async (res) => ((await res.json()) as { operation_id: string }).operation_id));
      expect(new Set(ids).size, `operations: ${ids.join(", ")}`).toBe(1);
      expect(await app.db.operation.count({ where: { kind: "write_model_answer", subjectId: technical } })).toBe(1);
    } finally {
      release();
    }
  });

  it("is refused (409) before the answer is scored, and another user's answer is a 404", async () => {
    const owner = await twoScoredAnswers();
    const other = await readyUser(app);
    const otherApi = await apiLogin(app, other.email);
    // An answer still waiting for its score (stored without an evaluation).
    const question = await app.db.sessionMessage.create({
      data: { sessionId: owner.sessionId, kind: "question", content: "Extra question?", questionNumber: 9, questionType: "technical" },
    });
    const unscored = await app.db.sessionMessage.create({
      data: { sessionId: owner.sessionId, kind: "answer", content: "Unscored.", questionId: question.id },
    });
    const ownerApi = await apiLogin(app, owner.email);
    const refused = await ownerApi.request(`/api/v1/answers/${unscored.id}/model-answer`, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("not_scored");
    const page = await owner.client.post(`/interviews/${owner.sessionId}`, { intent: "model-answer", answerId: unscored.id });
    expect(page.status).toBe(409);
    expect(visibleText(await page.text())).toContain("A strong answer is written once your answer is scored.");

    expect((await otherApi.request(`/api/v1/answers/${owner.technical}/model-answer`, { method: "POST" })).status).toBe(404);
    expect((await otherApi.get(`/api/v1/answers/${owner.technical}/model-answer`)).status).toBe(404);
    expect((await otherApi.get(`/api/v1/answers/${owner.behavioural}/star-check`)).status).toBe(404);
    expect((await other.client.post(`/interviews/${owner.sessionId}`, { intent: "model-answer", answerId: owner.technical })).status).toBe(
      404,
    );
    expect(await app.db.operation.count({ where: { kind: "write_model_answer", subjectId: owner.technical } })).toBe(0);
  });
});
