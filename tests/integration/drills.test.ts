/**
 * Issue 19 §3 (drills, without the spaced review): "Drill this" on a
 * requirement of the skill map or on a knowledge gap of a scored answer
 * starts a 3-question session on that one topic, each answer scored as it
 * comes. Real worker, real HTTP, the fake OpenAI.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRepeatQuestion } from "../../app/ai/prompts.ts";
import { mentionsTopic } from "../../app/domain/practice/text-match.ts";
import { drillQuestionResponder } from "../fakes/practice-responders.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, startThroughUi, userWithMap, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
});
afterAll(() => app.close());

/** Answer every question of a drill through the page's form, waiting for each answer's score. */
async function answerDrill(client: ReturnType<TestApp["client"]>, sessionId: string) {
  const questions: Array<{ id: string; content: string }> = [];
  for (let n = 1; n <= 3; n++) {
    const question = await openQuestion(app, sessionId);
    questions.push(question);
    const res = await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: question.id, answer: `Drill answer ${n}.` });
    expect(res.status).toBe(302);
    await waitForIdle(app, sessionId);
    // Immediate feedback: the answer is scored before the drill goes on.
    const answer = await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: question.id }, include: { evaluation: true } });
    expect(answer.evaluation, `answer ${n} is scored`).not.toBeNull();
  }
  return questions;
}

describe("Drill this", () => {
  it("on a requirement: 3 questions on that topic only, each linked to it alone; the map shows their scores", async () => {
    const { client, userId, postingId } = await userWithMap(app);
    const kafka = await app.db.requirement.findFirstOrThrow({ where: { jobPostingId: postingId, name: "Kafka" } });
    const res = await client.post(`/jobs/${postingId}/skills`, { intent: "drill", requirementId: kafka.id });
    expect(res.status).toBe(302);
    const sessionId = res.headers.get("location")!.split("/").pop()!;
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({
      kind: "drill",
      drillTopic: "Kafka",
      drillRequirementId: kafka.id,
      targetQuestions: 3,
      jobPostingId: null,
    });
    expect(visibleText(await (await client.get(`/interviews/${sessionId}`)).text())).toContain(
      "Drill: Kafka — 3 questions on this one topic",
    );

    const questions = await answerDrill(client, sessionId);
    for (const q of questions) {
      expect(mentionsTopic(q.content, "Kafka"), q.content).toBe(true);
      const links = await app.db.questionRequirement.findMany({ where: { questionId: q.id } });
      expect(links.map((l) => l.requirementId)).toEqual([kafka.id]);
    }
    // Only drill prompts were used, each naming the topic and none listing the other requirements.
    const prompts = app.fake.chatRequests("drill_question").filter((r) => r.apiKey && JSON.stringify(r.body).includes("Kafka"));
    expect(prompts.length).toBeGreaterThanOrEqual(3);
    for (const p of prompts) {
      const user = (p.body as { messages: Array<{ role: string; content: string }> }).messages.find((m) => m.role === "user")!;
      expect(user.content).toContain("<topic>\nKafka\n</topic>");
      expect(user.content).not.toContain("<requirements>");
    }

    const map = (await (await client.get(`/api/v1/job-postings/${postingId}/skills`)).json()) as {
      requirements: Array<{ id: string; probes: Array<{ score: number | null }>; state: string }>;
    };
    const entry = map.requirements.find((r) => r.id === kafka.id)!;
    expect(entry.probes).toHaveLength(3);
    expect(entry.probes.every((p) => p.score !== null)).toBe(true);
    expect(entry.state).not.toBe("not_probed");
    // A drill is not an attempt at the posting.
    const progress = (await (await client.get(`/api/v1/job-postings/${postingId}/progress`)).json()) as { attempts: unknown[] };
    expect(progress.attempts).toHaveLength(0);
    expect(await app.db.operation.count({ where: { userId, status: "failed" } })).toBe(0);
  });

  it("on a knowledge gap of a scored answer, from the interview page; a gap the answer does not have is refused", async () => {
    const { client, postingId } = await userWithMap(app);
    const interviewId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const question = await openQuestion(app, interviewId);
    await client.post(`/interviews/${interviewId}`, { intent: "answer", questionId: question.id, answer: "We would add more servers." });
    await waitForIdle(app, interviewId);
    const answer = await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: question.id }, include: { evaluation: true } });
    // The grader names the gaps (the fake: the question's key words the answer leaves out).
    const gap = answer.evaluation!.knowledgeGaps[0]!;
    expect(gap).toBeTruthy();
    const page = visibleText(await (await client.get(`/interviews/${interviewId}`)).text());
    expect(page).toContain(`Drill this: ${gap}`);

    const refused = await client.post(`/interviews/${interviewId}`, { intent: "drill", answerId: answer.id, gap: "Quantum computing" });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("That topic is not one of this answer's knowledge gaps.");

    const res = await client.post(`/interviews/${interviewId}`, { intent: "drill", answerId: answer.id, gap });
    expect(res.status).toBe(302);
    const drillId = res.headers.get("location")!.split("/").pop()!;
    expect(await app.db.interviewSession.findUniqueOrThrow({ where: { id: drillId } })).toMatchObject({
      kind: "drill",
      drillTopic: gap,
      drillRequirementId: null,
    });
    const questions = await answerDrill(client, drillId);
    for (const q of questions) expect(mentionsTopic(q.content, gap), q.content).toBe(true);
  });

  it("a new drill on the same requirement never asks an earlier drill's questions: the model is told them, and a repeat is sent back", async () => {
    const { client, postingId } = await userWithMap(app);
    const kafka = await app.db.requirement.findFirstOrThrow({ where: { jobPostingId: postingId, name: "Kafka" } });
    const drill = async () => {
      const res = await client.post(`/jobs/${postingId}/skills`, { intent: "drill", requirementId: kafka.id });
      expect(res.status).toBe(302);
      return res.headers.get("location")!.split("/").pop()!;
    };
    const earlier = (await answerDrill(client, await drill())).map((q) => q.content);

    // The next drill's first reply repeats the earlier drill's first question word for word.
    let calls = 0;
    const normal = drillQuestionResponder();
    app.fake.respond("drill_question", (request, context) =>
      ++calls === 1 ? { question: earlier[0]!, type: "technical", probes: "The same again" } : normal(request, context),
    );
    try {
      const before = app.fake.chatRequests("drill_question").length;
      const question = await openQuestion(app, await drill());
      expect(isRepeatQuestion(question.content, earlier), question.content).toBe(false);
      const [first, second] = app.fake.chatRequests("drill_question").slice(before);
      const prompt = (r: typeof first) =>
        (r!.body as { messages: Array<{ role: string; content: string }> }).messages.find((m) => m.role === "user")!.content;
      expect(prompt(first)).toContain("## Asked before on this topic (do not repeat)");
      for (const q of earlier) expect(prompt(first)).toContain(`- ${q}`);
      expect(prompt(second)).toContain("it repeats a question asked before");
    } finally {
      app.fake.respond("drill_question", drillQuestionResponder());
    }
  });

  it("the JSON twin starts a drill (201); another user's requirement or answer is a 404 and starts nothing", async () => {
    const owner = await userWithMap(app);
    const other = await readyUser(app);
    const ownerApi = await apiLogin(app, owner.email);
    const otherApi = await apiLogin(app, other.email);
    const requirement = await app.db.requirement.findFirstOrThrow({ where: { jobPostingId: owner.postingId } });

    const res = await ownerApi.json("POST", "/api/v1/drills", { requirement_id: requirement.id });
    expect(res.status).toBe(201);
    const drill = (await res.json()) as { id: string; topic: string; target_questions: number; operation_id: string };
    expect(drill).toMatchObject({ topic: requirement.name, target_questions: 3 });
    await waitForOperation(app, drill.operation_id);

    const before = await app.db.interviewSession.count();
    expect((await otherApi.json("POST", "/api/v1/drills", { requirement_id: requirement.id })).status).toBe(404);
    expect((await other.client.post(`/jobs/${other.postingId}/skills`, { intent: "drill", requirementId: requirement.id })).status).toBe(
      404,
    );
    expect((await otherApi.json("POST", "/api/v1/drills", { requirement_id: "nope" })).status).toBe(422);
    expect(await app.db.interviewSession.count()).toBe(before);
  });
});
