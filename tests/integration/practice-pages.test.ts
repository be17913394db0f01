/**
 * Issue 19, where practice shows outside the interview page: drills are listed
 * apart from interviews (history and dashboard, labelled "Drill") and left out
 * of the interview counts and averages, which also stop counting an interview
 * ended before any answer as completed; the feedback page offers "Drill this"
 * on its knowledge gaps and on each answer's, "Show a strong answer" and the
 * STAR checklist — all with plain forms (no JavaScript). Real worker, fake OpenAI.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
});
afterAll(() => app.close());

const BEHAVIOURAL_ANSWER =
  "When our payment ledger kept drifting last year, my task was to find out why before the audit. " +
  "I wrote a reconciliation job and I added idempotency keys to every write. " +
  "As a result, drift dropped by 90% within two weeks.";

/** A finished 3-question interview (technical, behavioural, …) with its feedback written. */
async function finishedInterview() {
  const user = await readyUser(app);
  const sessionId = await startThroughUi(user.client, user.postingId, { targetQuestions: 3 });
  const answers: string[] = [];
  for (const text of ["I would shard by account and keep the ledger append-only.", BEHAVIOURAL_ANSWER, "We would add more servers."]) {
    const question = await openQuestion(app, sessionId);
    expect((await user.client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: question.id, answer: text })).status).toBe(
      302,
    );
    await waitForIdle(app, sessionId);
    answers.push((await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: question.id } })).id);
  }
  await waitFor(() => app.db.interviewFeedback.findUnique({ where: { sessionId } }), "the feedback");
  return { ...user, sessionId, answers };
}

const drillIdOf = (res: Response) => res.headers.get("location")!.split("/").pop()!;

describe("the feedback page's coaching", () => {
  it("shows each answer's STAR checklist and strong-answer form, and 'Drill this' on the interview's and each answer's gaps", async () => {
    const { client, sessionId, answers } = await finishedInterview();
    const star = await waitFor(() => app.db.starCheck.findUnique({ where: { answerId: answers[1] } }), "the STAR check");
    expect(star.complete).toBe(true);

    let html = await (await client.get(`/interviews/${sessionId}/feedback`)).text();
    let page = visibleText(html);
    expect(page).toContain("STAR check");
    expect(page).toContain("Result: present As a result, drift dropped by 90% within two weeks.");
    expect(page.match(/Show a strong answer/g)).toHaveLength(3);

    // "Show a strong answer" from the feedback page: written by the worker, then shown there.
    const asked = await client.post(`/interviews/${sessionId}/feedback`, { intent: "model-answer", answerId: answers[0]! });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe(`/interviews/${sessionId}/feedback?coach=${answers[0]}`);
    await waitFor(() => app.db.modelAnswer.findFirst({ where: { answerId: answers[0] } }), "the strong answer");
    await waitForIdle(app, sessionId);
    page = visibleText(await (await client.get(`/interviews/${sessionId}/feedback`)).text());
    expect(page).toContain("A strong answer, from your résumé");
    expect(page).toContain("Write another strong answer");

    // "Drill this" on a knowledge gap of the interview's feedback…
    const feedback = await app.db.interviewFeedback.findUniqueOrThrow({ where: { sessionId } });
    const gap = feedback.knowledgeGaps[0]!;
    expect(gap).toBeTruthy();
    html = await (await client.get(`/interviews/${sessionId}/feedback`)).text();
    expect(html).toContain('data-testid="drill-feedback-gaps"');
    expect(visibleText(html)).toContain(`Drill this: ${gap}`);
    const fromFeedback = await client.post(`/interviews/${sessionId}/feedback`, { intent: "drill-gap", gap });
    expect(fromFeedback.status).toBe(302);
    expect(await app.db.interviewSession.findUniqueOrThrow({ where: { id: drillIdOf(fromFeedback) } })).toMatchObject({
      kind: "drill",
      drillTopic: gap,
      targetQuestions: 3,
    });
    const refused = await client.post(`/interviews/${sessionId}/feedback`, { intent: "drill-gap", gap: "Quantum computing" });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("That topic is not one of this interview's knowledge gaps.");

    // …and on one answer's gap.
    const evaluation = await app.db.answerEvaluation.findUniqueOrThrow({ where: { answerId: answers[2] } });
    const answerGap = evaluation.knowledgeGaps[0]!;
    const fromAnswer = await client.post(`/interviews/${sessionId}/feedback`, { intent: "drill", answerId: answers[2]!, gap: answerGap });
    expect(fromAnswer.status).toBe(302);
    expect(await app.db.interviewSession.findUniqueOrThrow({ where: { id: drillIdOf(fromAnswer) } })).toMatchObject({
      kind: "drill",
      drillTopic: answerGap,
    });
  });

  it("another user's interview or answer is a 404 and starts nothing", async () => {
    const owner = await finishedInterview();
    const other = await readyUser(app);
    const before = await app.db.interviewSession.count();
    const gap = (await app.db.interviewFeedback.findUniqueOrThrow({ where: { sessionId: owner.sessionId } })).knowledgeGaps[0]!;
    expect((await other.client.post(`/interviews/${owner.sessionId}/feedback`, { intent: "drill-gap", gap })).status).toBe(404);
    expect(
      (await other.client.post(`/interviews/${owner.sessionId}/feedback`, { intent: "model-answer", answerId: owner.answers[0]! })).status,
    ).toBe(404);
    // Their own interview id, the owner's answer: still a 404.
    const theirs = await startThroughUi(other.client, other.postingId, { targetQuestions: 3 });
    await waitForIdle(app, theirs);
    const afterStart = await app.db.interviewSession.count();
    expect(
      (await other.client.post(`/interviews/${theirs}/feedback`, { intent: "model-answer", answerId: owner.answers[0]! })).status,
    ).toBe(404);
    expect(await app.db.interviewSession.count()).toBe(afterStart);
    expect(afterStart).toBe(before + 1);
    expect(await app.db.modelAnswer.count({ where: { answerId: owner.answers[0] } })).toBe(0);
  });
});

describe("drills apart from interviews", () => {
  it("history and dashboard label drills and leave them, and interviews ended unanswered, out of the interview counts", async () => {
    const user = await readyUser(app);
    const base = {
      userId: user.userId,
      jobPostingId: user.postingId,
      postingTitle: "Staff Backend Engineer",
      postingDescription: "A posting.",
      resumeText: "A résumé.",
    };
    // One interview finished with answers and feedback, one ended before any answer, one drill with an answer.
    const finished = await app.db.interviewSession.create({
      data: { ...base, status: "completed", completedAt: new Date(), answeredCount: 2, currentQuestionNumber: 2 },
    });
    await app.db.interviewFeedback.create({
      data: {
        sessionId: finished.id,
        technicalAccuracyScore: 70,
        communicationClarityScore: 70,
        problemSolvingScore: 70,
        relevanceScore: 70,
        overallScore: 70,
        technicalFeedback: "-",
        communicationFeedback: "-",
        problemSolvingFeedback: "-",
        relevanceFeedback: "-",
        overallComments: "-",
      },
    });
    await app.db.interviewSession.create({ data: { ...base, status: "completed", completedAt: new Date(), answeredCount: 0 } });
    const drill = await app.db.interviewSession.create({
      data: {
        ...base,
        jobPostingId: null,
        kind: "drill",
        drillTopic: "Kafka",
        targetQuestions: 3,
        answeredCount: 1,
        currentQuestionNumber: 1,
      },
    });

    const dashboard = await (await user.client.get("/dashboard")).text();
    expect(dashboard).toMatch(/data-testid="stat-completed"[^>]*>1</);
    const text = visibleText(dashboard);
    expect(text).toContain("none in progress");
    expect(text).toContain("over 1 interview with feedback");
    expect(text).toContain("Your drills");
    expect(text).toContain("1 drill so far. Drills are not counted in your interview totals and averages.");
    expect(dashboard).toContain(`href="/interviews/${drill.id}"`);

    const api = await apiLogin(app, user.email);
    const stats = (await (await api.get("/api/v1/stats")).json()) as { total_interviews: number; completed_interviews: number };
    expect(stats).toMatchObject({ total_interviews: 2, completed_interviews: 1 });

    const history = await (await user.client.get("/interviews")).text();
    const rows = history.split('data-testid="history-row"').slice(1);
    expect(rows).toHaveLength(3);
    const drillRow = rows.find((r) => r.includes(`/interviews/${drill.id}"`))!;
    expect(visibleText(drillRow)).toContain("Kafka · Staff Backend Engineer");
    expect(drillRow).toContain('data-testid="drill-label"');
    expect(rows.filter((r) => r.includes('data-testid="drill-label"'))).toHaveLength(1);
    const sessions = (await (await api.get("/api/v1/sessions")).json()) as Array<{ id: string; kind: string; drill_topic: string | null }>;
    expect(sessions.find((s) => s.id === drill.id)).toMatchObject({ kind: "drill", drill_topic: "Kafka" });
    expect(sessions.filter((s) => s.kind === "interview")).toHaveLength(2);
  });
});
