/**
 * Issue 19 §2: "Weakest skills first". Each question of such an interview is
 * aimed at the skill map's most urgent requirement (weak or not yet probed),
 * records which requirement(s) it probes, and the map moves after each scored
 * answer, every change naming the answer that caused it. Real worker, real
 * HTTP, the fake OpenAI.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targetingShare, TARGETING_SHARE_GOAL } from "../../app/domain/practice/targeting.ts";
import type { SkillStateName } from "../../app/domain/practice/skill-state.ts";
import { targetedQuestionResponder } from "../fakes/practice-responders.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, userWithMap, waitForIdle } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
});
afterAll(() => app.close());

type Requirement = {
  id: string;
  name: string;
  state: string;
  probes: Array<{ question_id: string; answer_id: string | null; score: number | null }>;
  changes: Array<{
    at: string;
    to: string;
    answer_id: string;
    question_id: string;
    score: number;
    average: number;
    answers_counted: number;
    from: string;
  }>;
};

async function mapOf(client: ReturnType<TestApp["client"]>, postingId: string) {
  const res = await client.get(`/api/v1/job-postings/${postingId}/skills`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { requirements: Requirement[] }).requirements;
}

describe("Weakest skills first", () => {
  it("is refused with a clear message while the posting has no requirements, on the page and in the API", async () => {
    const { client, email, postingId, userId } = await readyUser(app);
    const res = await client.post("/interviews/new", { jobPostingId: postingId, targetQuestions: "3", focus: "weakest_first" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("this posting has none yet");
    const api = await apiLogin(app, email);
    const apiRes = await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId, focus: "weakest_first" });
    expect(apiRes.status).toBe(400);
    expect(((await apiRes.json()) as { error: { code: string } }).error.code).toBe("no_skill_map");
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(0);
  });

  it("aims every question at a weak or unprobed requirement, records it, and the map moves after each scored answer", async () => {
    const { client, userId, postingId } = await userWithMap(app);
    const requirementsBefore = await mapOf(client, postingId);
    expect(requirementsBefore.length).toBeGreaterThanOrEqual(4);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 4, focus: "weakest_first" });

    const answered: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const question = await openQuestion(app, sessionId);
      const links = await app.db.questionRequirement.findMany({ where: { questionId: question.id } });
      expect(links.length, `question ${n} records the requirement(s) it probes`).toBeGreaterThan(0);
      // Aimed at the map as it stood when the question was asked: a gap.
      const stateNow = new Map((await mapOf(client, postingId)).map((r) => [r.id, r.state]));
      expect(["weak", "not_probed"], `question ${n} targets a gap`).toContain(stateNow.get(links[0]!.requirementId));

      const res = await client.post(`/interviews/${sessionId}`, {
        intent: "answer",
        questionId: question.id,
        answer: `My answer number ${n}.`,
      });
      expect(res.status).toBe(302);
      await waitForIdle(app, sessionId);
      const answer = await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: question.id } });
      answered.push(answer.id);

      // The map moved: the probed requirement now has this answer's score and a change caused by it.
      const after = (await mapOf(client, postingId)).find((r) => r.id === links[0]!.requirementId)!;
      expect(after.probes.find((p) => p.answer_id === answer.id)?.score, `answer ${n} is scored on the map`).not.toBeNull();
      expect(after.changes.at(-1)?.answer_id, `the change after answer ${n} names it`).toBe(answer.id);
      expect(after.state).not.toBe("not_probed");
    }

    // The page and the API say what each question practises.
    expect(visibleText(await (await client.get(`/interviews/${sessionId}`)).text())).toContain("Practises:");
    const messages = (await (await client.get(`/api/v1/sessions/${sessionId}/messages`)).json()) as Array<{
      message_type: string;
      requirement_ids?: string[];
    }>;
    for (const m of messages.filter((x) => x.message_type === "question")) expect(m.requirement_ids?.length).toBeGreaterThan(0);

    // The measure the issue asks for (≥ 80 % of the questions aimed at a gap), from the stored links.
    const questions = await app.db.sessionMessage.findMany({
      where: { sessionId, kind: "question" },
      select: { createdAt: true, requirementLinks: { select: { requirementId: true } } },
    });
    const map = await mapOf(client, postingId);
    const share = targetingShare(
      questions.map((q) => ({ askedAt: q.createdAt, requirementIds: q.requirementLinks.map((l) => l.requirementId) })),
      map.map((r) => ({
        id: r.id,
        changes: r.changes.map((c) => ({
          at: new Date(c.at),
          from: c.from as SkillStateName,
          to: c.to as SkillStateName,
          answerId: c.answer_id,
          questionId: c.question_id,
          score: c.score,
          average: c.average,
          answersCounted: c.answers_counted,
        })),
      })),
    );
    expect(share.total).toBe(4);
    expect(share.share).toBeGreaterThanOrEqual(TARGETING_SHARE_GOAL);
    // The prompt named the requirement to aim at (the targeted schema, with the requirements block).
    const prompts = app.fake.chatRequests("targeted_interview_question");
    expect(prompts.length).toBeGreaterThanOrEqual(4);
    expect(answered).toHaveLength(4);
    expect(await app.db.operation.count({ where: { userId, status: "failed" } })).toBe(0);
  });
});

describe("Every focus moves the map", () => {
  it("a balanced interview records the requirement(s) each question probes, from the posting's list only, and the map shows the answers", async () => {
    const { client, userId, postingId } = await userWithMap(app);
    // The reply names an id that is not in the list next to one that is: only the listed one is kept.
    let calls = 0;
    const normal = targetedQuestionResponder();
    app.fake.respond("targeted_interview_question", async (request, context) => {
      const reply = (await normal(request, context)) as { requirement_ids: string[] };
      return ++calls === 1 ? { ...reply, requirement_ids: ["R99", "not-an-id", ...reply.requirement_ids] } : reply;
    });
    try {
      const before = app.fake.chatRequests("targeted_interview_question").length;
      const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3, focus: "balanced" });
      for (let n = 1; n <= 3; n++) {
        const question = await openQuestion(app, sessionId);
        await client.post(`/interviews/${sessionId}`, {
          intent: "answer",
          questionId: question.id,
          answer: `Answer ${n}, with an example.`,
        });
        await waitForIdle(app, sessionId);
      }
      const requirements = await app.db.requirement.findMany({ where: { jobPostingId: postingId }, select: { id: true } });
      const listed = new Set(requirements.map((r) => r.id));
      const questions = await app.db.sessionMessage.findMany({
        where: { sessionId, kind: "question" },
        select: { id: true, requirementLinks: { select: { requirementId: true } } },
      });
      expect(questions).toHaveLength(3);
      for (const q of questions) {
        expect(q.requirementLinks.length, "each question records what it probes").toBeGreaterThan(0);
        for (const link of q.requirementLinks) expect(listed.has(link.requirementId)).toBe(true);
      }
      // The prompts listed the requirements to record, without aiming the question at one.
      const prompts = app.fake.chatRequests("targeted_interview_question").slice(before);
      expect(prompts.length).toBe(3);
      for (const p of prompts) {
        const body = JSON.stringify(p.body);
        expect(body).toContain("## The requirements of this job (to record what the question probes)");
        expect(body).not.toContain("Aim this question at");
      }
      // The map moved: the probed requirements show the scored answers.
      const probed = new Set(questions.flatMap((q) => q.requirementLinks.map((l) => l.requirementId)));
      const map = await mapOf(client, postingId);
      for (const id of probed) {
        const entry = map.find((r) => r.id === id)!;
        expect(entry.probes.some((p) => p.score !== null)).toBe(true);
        expect(entry.state).not.toBe("not_probed");
      }
      expect(await app.db.operation.count({ where: { userId, status: "failed" } })).toBe(0);
    } finally {
      app.fake.respond("targeted_interview_question", targetedQuestionResponder());
    }
  });
});
