import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { messageText } from "../fakes/openai-server.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, POSTING, readyUser, RESUME_TEXT, startThroughUi, waitFor, waitForIdle } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeAll(async () => {
  // A long AI timeout: one test holds a model reply back until it has looked at the page.
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "30000", AI_MAX_RETRIES: "2" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

async function answer(client: Awaited<ReturnType<typeof readyUser>>["client"], sessionId: string, questionId: string, text: string) {
  const res = await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId, answer: text });
  expect(res.status).toBe(302);
}

describe("starting and running an interview", () => {
  it("snapshots the posting and résumé and asks the first question at once, built from both", async () => {
    const { client, postingId, userId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 4 });
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ userId, status: "active", targetQuestions: 4, postingTitle: POSTING.title, resumeText: RESUME_TEXT });

    const question = await openQuestion(app, sessionId);
    expect(question.questionNumber).toBe(1);
    const prompt = messageText(app.fake.chatRequests("interview_question")[0]!.body!);
    expect(prompt).toContain(POSTING.description);
    expect(prompt).toContain(POSTING.title);
    expect(prompt).toContain("Acme Payments");
    expect(prompt).toContain("TypeScript, PostgreSQL, Kafka");
    expect(prompt).toContain(RESUME_TEXT);

    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Question 1 of 4");
    expect(page).toContain(question.content);
    expect(page).toContain("Technical");
  });

  it("sends every earlier question and answer with the next request, and evaluates each answer separately", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const q1 = await openQuestion(app, sessionId);
    app.fake.respond("answer_grade", () => ({
      complete_answer: ["Partitioning", "Rebalancing"],
      relevance: 81,
      completeness: 62,
      technical_correctness: 77,
      clarity: 90,
      summary: "Sharding by account is sound; say how you rebalance.",
      strengths: [{ point: "Idempotency keys", quote: "keep an idempotency key per payment" }],
      improvements: [{ point: "Explain rebalancing", quote: "" }],
      factual_errors: [],
      knowledge_gaps: [],
      recommendations: [],
    }));
    await answer(client, sessionId, q1.id, "I would shard the ledger by account and keep an idempotency key per payment.");
    const q2 = await openQuestion(app, sessionId);
    expect(q2.questionNumber).toBe(2);
    await waitForIdle(app, sessionId);

    const second = messageText(app.fake.chatRequests("interview_question")[1]!.body!);
    expect(second).toContain(q1.content);
    expect(second).toContain("I would shard the ledger by account");
    const evaluation = messageText(app.fake.chatRequests("answer_grade")[0]!.body!);
    expect(evaluation).toContain(q1.content);
    expect(evaluation).toContain("idempotency key per payment");

    const stored = await app.db.answerEvaluation.findFirstOrThrow({ where: { sessionId } });
    // Each of the model's scores lands in its own column.
    expect(stored).toMatchObject({
      relevanceScore: 81,
      completenessScore: 62,
      technicalCorrectness: 77,
      clarityScore: 90,
      strengths: ["Idempotency keys"],
      improvements: ["Explain rebalancing"],
    });
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Feedback on this answer");
    expect(page).toContain(stored.summary);
  });

  it("runs the evaluation and the next question concurrently: the question does not wait for the evaluation", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const q1 = await openQuestion(app, sessionId);
    // The model's evaluation is held back until the next question has been stored: were the question
    // to wait for the evaluation, it would never come (openQuestion gives up after 20 s).
    const { promise: questionStored, resolve: releaseEvaluation } = Promise.withResolvers<void>();
    app.fake.respond("answer_grade", async () => {
      await questionStored;
      return {
        complete_answer: [],
        relevance: 70,
        completeness: 70,
        technical_correctness: 70,
        clarity: 70,
        summary: "ok",
        strengths: [],
        improvements: [],
        factual_errors: [],
        knowledge_gaps: [],
        recommendations: [],
      };
    });
    await answer(client, sessionId, q1.id, "An answer.");
    try {
      const q2 = await openQuestion(app, sessionId);
      expect(q2.questionNumber).toBe(2);
      await waitFor(async () => app.fake.chatRequests("answer_grade").length > 0, "the evaluation's model call");
      const evaluation = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "answer_evaluation" } });
      expect(evaluation.status).toBe("processing"); // still analysing while the next question is already there
      expect(await app.db.answerEvaluation.count({ where: { sessionId } })).toBe(0);
    } finally {
      releaseEvaluation();
    }
    await waitForIdle(app, sessionId);
    expect(await app.db.answerEvaluation.count({ where: { sessionId } })).toBe(1);
  });

  it("rotates question types by focus and flags a follow-up when the model asks one", async () => {
    const { client, postingId } = await readyUser(app);
    // Follow up on vague answers (short ones, in this fake); otherwise the fake asks the planned type.
    const topics = ["ledger sharding", "incident reviews", "schema migrations", "consumer lag", "API versioning", "mentoring juniors"];
    app.fake.respond("interview_question", (request, { count }) => {
      const text = messageText(request);
      const planned = text.match(/Planned: ask a (\w+) question/)![1]!;
      const followUpOffered = text.includes("ask ONE follow-up question");
      const lastAnswer = [...text.matchAll(/<answer>\n([\s\S]*?)\n<\/answer>/g)].at(-1)?.[1] ?? "";
      if (followUpOffered && lastAnswer.length < 20) {
        return {
          question: `You said "${lastAnswer}". Can you walk me through a concrete example? (${count})`,
          type: "technical",
          is_follow_up: true,
          probes: "depth",
        };
      }
      return {
        question: `How would you approach ${topics[count % topics.length]} in this role?`,
        type: planned,
        is_follow_up: false,
        probes: planned,
      };
    });
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 5, focus: "technical" });
    const long = "A detailed answer that covers the trade-offs, the numbers and what I learned from the incident.";
    const answers = [long, "It depends.", long, long, long];
    for (let i = 0; i < 5; i++) {
      const q = await openQuestion(app, sessionId);
      await answer(client, sessionId, q.id, answers[i]!);
    }
    await waitForIdle(app, sessionId);
    const questions = await app.db.sessionMessage.findMany({ where: { sessionId, kind: "question" }, orderBy: { questionNumber: "asc" } });
    expect(questions.map((q) => [q.questionType, q.isFollowUp])).toEqual([
      ["technical", false], // rotation 0
      ["project", false], // rotation 1
      ["technical", true], // follow-up on "It depends." — does not advance the rotation
      ["technical", false], // rotation 2
      ["situational", false], // rotation 3
    ]);
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Follow-up");
  });

  it("never repeats a question of this session or of an earlier attempt at the same posting", async () => {
    const { client, postingId } = await readyUser(app);
    app.fake.respond("interview_question", (request) => {
      const text = messageText(request);
      const corrected = text.includes("Your previous reply could not be used");
      return {
        question: corrected ? `A different question after a correction (${Math.random()})` : "Tell me about your favourite database.",
        type: "technical",
        is_follow_up: false,
        probes: "x",
      };
    });
    const first = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const q1 = await openQuestion(app, first);
    expect(q1.content).toBe("Tell me about your favourite database.");
    await client.post(`/interviews/${first}`, { intent: "answer", questionId: q1.id, answer: "Postgres." });
    const q2 = await openQuestion(app, first);
    expect(q2.content).toMatch(/A different question after a correction/);

    // A new attempt at the same posting: the first question of the old attempt is refused too.
    await client.post(`/interviews/${first}`, { intent: "finish" });
    const second = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const fresh = await openQuestion(app, second);
    expect(fresh.content).toMatch(/A different question after a correction/);
    const earlierAttempts = messageText(app.fake.chatRequests("interview_question").at(-1)!.body!);
    expect(earlierAttempts).toContain("Tell me about your favourite database.");
  });
  // A model that keeps repeating itself: interview-faults.test.ts (the interview moves on).
});

describe("answers", () => {
  it("stores the answer with a timestamp and its question link before any AI call, and clears the draft", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    await client.post(`/interviews/${sessionId}`, { intent: "save-draft", questionId: q1.id, answer: "half an answer" });
    expect((await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } })).draftAnswer).toBe("half an answer");
    app.fake.script("500", "500", "500", "500", "500", "500"); // the AI is down: the answer must be safe anyway
    await answer(client, sessionId, q1.id, "  My full answer.  ");
    const stored = await app.db.sessionMessage.findFirstOrThrow({ where: { sessionId, kind: "answer" } });
    expect(stored).toMatchObject({ content: "My full answer.", questionId: q1.id });
    expect(stored.createdAt).toBeInstanceOf(Date);
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ answeredCount: 1, draftAnswer: null });
    await waitForIdle(app, sessionId);
  });

  it("rejects empty and over-long answers with a clear message and stores nothing", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    for (const [text, message] of [
      ["   ", "Write your answer before submitting"],
      ["x".repeat(10_001), "Answers can be at most 10,000 characters"],
    ] as const) {
      const res = await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: q1.id, answer: text });
      expect(res.status).toBe(400);
      expect(visibleText(await res.text())).toContain(message);
    }
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "answer" } })).toBe(0);
  });

  it("stores a double-submitted answer once (two concurrent posts, then a resent form)", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    const form = { intent: "answer", questionId: q1.id, answer: "Clicked twice." };
    const [a, b] = await Promise.all([client.post(`/interviews/${sessionId}`, form), client.post(`/interviews/${sessionId}`, form)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    const resent = await client.post(`/interviews/${sessionId}`, form);
    expect(resent.status).toBe(302);
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "answer" } })).toBe(1);
    expect(await app.db.operation.count({ where: { sessionId, kind: "answer_evaluation" } })).toBe(1);
    await waitForIdle(app, sessionId);
  });
});

describe("pause, resume, finish", () => {
  it("pauses with the draft kept and resumes exactly where the user left off", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId);
    const q1 = await openQuestion(app, sessionId);
    await client.post(`/interviews/${sessionId}`, { intent: "save-draft", questionId: q1.id, answer: "my unsent thoughts" });
    await client.post(`/interviews/${sessionId}`, { intent: "pause" });
    const paused = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(paused).toContain("This interview is paused");
    expect(paused).toContain("including your unsent draft");
    const refused = await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: q1.id, answer: "while paused" });
    expect(refused.status).toBe(400);

    await client.post(`/interviews/${sessionId}`, { intent: "resume" });
    const html = await (await client.get(`/interviews/${sessionId}`)).text();
    expect(html).toContain("my unsent thoughts</textarea>");
    expect(visibleText(html)).toContain(q1.content);
    expect(await app.db.operation.count({ where: { sessionId, kind: "question_generation" } })).toBe(1); // no extra question
  });

  it("finishes early with feedback after an answer; completed sessions are read-only", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 5 });
    const q1 = await openQuestion(app, sessionId);
    await answer(client, sessionId, q1.id, "One answer is enough for today.");
    await client.post(`/interviews/${sessionId}`, { intent: "finish" });
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.status).toBe("completed");
    await waitForIdle(app, sessionId);
    expect(await app.db.interviewFeedback.count({ where: { sessionId } })).toBe(1);
    const after = await client.post(`/interviews/${sessionId}`, { intent: "request-question" });
    expect(after.status).toBe(400);
    const page = visibleText(await (await client.get(`/interviews/${sessionId}`)).text());
    expect(page).toContain("Completed");
    expect(page).toContain("Read your feedback");
    expect(page).not.toContain("Submit answer");
  });

  it("completes automatically after the last question and requests the session feedback", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    for (let i = 0; i < 3; i++) {
      const q = await openQuestion(app, sessionId);
      await answer(client, sessionId, q.id, `Answer number ${i + 1} with some substance.`);
    }
    await waitForIdle(app, sessionId);
    const session = await app.db.interviewSession.findUniqueOrThrow({ where: { id: sessionId }, include: { feedback: true } });
    expect(session).toMatchObject({ status: "completed", answeredCount: 3, currentQuestionNumber: 3 });
    const f = session.feedback!;
    expect(f.overallScore).toBe((f.technicalAccuracyScore + f.communicationClarityScore + f.problemSolvingScore + f.relevanceScore) / 4);
    expect(await app.db.sessionMessage.count({ where: { sessionId, kind: "question" } })).toBe(3);
    const feedbackPrompt = messageText(app.fake.chatRequests("session_debrief")[0]!.body!);
    expect(feedbackPrompt).toContain("Answer number 3 with some substance.");
    expect(feedbackPrompt).toContain("Evaluation: relevance");
  });
});

describe("attempt numbering", () => {
  it("counts a new start for a posting already practised as its next attempt", async () => {
    const { client, postingId } = await readyUser(app);
    const first = await startThroughUi(client, postingId);
    const second = await startThroughUi(client, postingId);
    const third = await startThroughUi(client, postingId);
    const sessions = await app.db.interviewSession.findMany({ where: { id: { in: [first, second, third] } } });
    const byId = new Map(sessions.map((s) => [s.id, s]));
    expect(byId.get(first)).toMatchObject({ retakeNumber: 1, originalSessionId: null });
    expect(byId.get(second)).toMatchObject({ retakeNumber: 2, originalSessionId: first });
    expect(byId.get(third)).toMatchObject({ retakeNumber: 3, originalSessionId: first });
    await waitForIdle(app, third);
  });
});

describe("model output is cleaned like user input", () => {
  it("stores an evaluation whose text carries NUL bytes, control characters and half surrogate pairs, cleaned", async () => {
    const { client, postingId } = await readyUser(app);
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3 });
    const q1 = await openQuestion(app, sessionId);
    app.fake.respond("answer_grade", () => ({
      complete_answer: [],
      relevance: 70,
      completeness: 70,
      technical_correctness: 70,
      clarity: 70,
      summary: "Clear\u0000 answer \uD800here.",
      strengths: [
        { point: "Direct\u0007", quote: "An answer with some" },
        { point: "  ", quote: "" },
        { point: "Structured", quote: "with some substance" },
      ],
      improvements: [{ point: "Add numbers\uDC00", quote: "" }],
      factual_errors: [],
      knowledge_gaps: ["Sharding\u0000"],
      recommendations: [{ topic: "Sharding\u0000", resource: "DDIA ch. 6", why: "To size\u001b partitions" }],
    }));
    await answer(client, sessionId, q1.id, "An answer with some substance.");
    await waitForIdle(app, sessionId);

    const evaluation = await app.db.answerEvaluation.findFirstOrThrow({ where: { sessionId } });
    expect(evaluation.summary).toBe("Clear answer \uFFFDhere.");
    expect(evaluation.strengths).toEqual(["Direct", "Structured"]);
    expect(evaluation.improvements).toEqual(["Add numbers\uFFFD"]);
    expect(evaluation.knowledgeGaps).toEqual(["Sharding"]);
    expect(evaluation.recommendations).toEqual([{ topic: "Sharding", resource: "DDIA ch. 6", why: "To size partitions" }]);
    const operation = await app.db.operation.findFirstOrThrow({ where: { sessionId, kind: "answer_evaluation" } });
    expect(operation.status).toBe("completed");
  });
});
