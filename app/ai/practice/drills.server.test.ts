import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PostingContext } from "#app/ai/prompts.ts";
import { messageText } from "#tests/fakes/openai-server.ts";
import { drillQuestionResponder, reviewQuestionResponder } from "#tests/fakes/practice-responders.ts";
import { startFakeAi } from "#tests/support/fake-ai.ts";
import {
  drillQuestionMessages,
  drillQuestionProblem,
  DRILL_LENGTH,
  DRILL_QUESTION_SCHEMA_NAME,
  reviewQuestionProblem,
  REVIEW_QUESTION_SCHEMA_NAME,
  type DrillTopic,
} from "./drills.ts";
import { rewordMissedQuestion, writeDrillQuestion } from "./drills.server.ts";

const posting: PostingContext = {
  title: "Backend Engineer",
  company: "Initech",
  experienceLevel: "mid",
  techStack: ["Go", "PostgreSQL", "Kafka"],
  description: "Build payment APIs on PostgreSQL and Kafka.",
};
const resume = "Built billing services in Go at Acme; ran PostgreSQL in production.";
const topic: DrillTopic = { kind: "requirement", name: "PostgreSQL query tuning" };

describe("drill questions stay on their topic", () => {
  it("a drill is three questions by default", () => {
    expect(DRILL_LENGTH).toBe(3);
  });

  it("the prompt names the one topic and lists what was asked before, and no other requirement", () => {
    const [system, user] = drillQuestionMessages({
      posting,
      resume,
      topic,
      number: 2,
      total: 3,
      drill: [{ question: "What is an index in PostgreSQL?", answer: "A lookup structure.", feedback: "Name the index types." }],
      askedBefore: ["How does VACUUM work in Postgres?"],
    });
    expect(system!.content).toContain("ONE topic");
    expect(user!.content).toContain("<topic>\nPostgreSQL query tuning\n</topic>");
    expect(user!.content).toContain("Write question 2 of 3 on the topic above.");
    expect(user!.content).toContain("- How does VACUUM work in Postgres?");
    expect(user!.content).toContain("Feedback: Name the index types.");
    expect(user!.content).not.toContain("<requirements>");
  });

  it("refuses a question that does not name the topic, repeats an earlier one, or is empty", () => {
    const asked = ["How would you tune a slow PostgreSQL query?"];
    expect(drillQuestionProblem("Tell me about a conflict in your team.", { topic, asked })).toContain(
      'drill\'s topic "PostgreSQL query tuning"',
    );
    expect(drillQuestionProblem("How would you tune a slow PostgreSQL query?", { topic, asked })).toContain("repeats a question");
    expect(drillQuestionProblem("Why?", { topic, asked })).toContain("too short");
    expect(
      drillQuestionProblem("Which Postgres index would you add for a range filter on created_at, and why?", { topic, asked }),
    ).toBeNull();
  });

  it("a fresh wording must differ from every earlier wording and stay on the topic", () => {
    const earlierWordings = ["How would you find the slowest queries in a PostgreSQL database?"];
    expect(reviewQuestionProblem("How would you find the slowest queries in a PostgreSQL database?", { topic, earlierWordings })).toContain(
      "nearly the same words",
    );
    expect(reviewQuestionProblem("What would you check first when a dashboard became slow?", { topic, earlierWordings })).toContain(
      'stay on the topic "PostgreSQL query tuning"',
    );
    expect(
      reviewQuestionProblem("A report query on Postgres takes a minute. Walk me through making it fast.", { topic, earlierWordings }),
    ).toBeNull();
  });
});

describe("drill and review questions through the openai SDK, against the fake", () => {
  let ai: Awaited<ReturnType<typeof startFakeAi>>;
  beforeAll(async () => {
    ai = await startFakeAi();
  });
  afterAll(() => ai.stop());
  beforeEach(() => ai.fake.reset());

  it("three drill questions on one topic, all naming it, none repeated", async () => {
    const drill: Array<{ question: string; answer: string | null; feedback: string | null }> = [];
    for (let n = 1; n <= DRILL_LENGTH; n++) {
      const q = await writeDrillQuestion(ai.settings, { posting, resume, topic, number: n, total: DRILL_LENGTH, drill, askedBefore: [] });
      expect(q.question).toContain("PostgreSQL query tuning");
      drill.push({ question: q.question, answer: "An answer.", feedback: null });
    }
    expect(new Set(drill.map((d) => d.question)).size).toBe(3);
  });

  it("an off-topic drill question is sent back once, and the drill stays on its topic", async () => {
    ai.fake.respond(DRILL_QUESTION_SCHEMA_NAME, drillQuestionResponder({ offTopicFirst: true }));
    const q = await writeDrillQuestion(ai.settings, { posting, resume, topic, number: 1, total: 3, drill: [], askedBefore: [] });
    expect(q.question).toContain("PostgreSQL query tuning");
    const retry = messageText(ai.fake.chatRequests(DRILL_QUESTION_SCHEMA_NAME)[1]!.body!);
    expect(retry).toContain('must be about the drill\'s topic "PostgreSQL query tuning"');
  });

  it("an off-topic drill question twice fails the call instead of drifting", async () => {
    ai.fake.respond(DRILL_QUESTION_SCHEMA_NAME, () => ({
      question: "Tell me about your favourite holiday.",
      type: "behavioral",
      probes: "x",
    }));
    await expect(
      writeDrillQuestion(ai.settings, { posting, resume, topic, number: 1, total: 3, drill: [], askedBefore: [] }),
    ).rejects.toMatchObject({
      code: "invalid_output",
    });
  });

  it("a missed question comes back in a fresh wording, never the original", async () => {
    ai.fake.respond(REVIEW_QUESTION_SCHEMA_NAME, reviewQuestionResponder({ repeatOriginal: true }));
    const missed = {
      question: "How would you find the slowest queries in a PostgreSQL database?",
      type: "technical" as const,
      answer: "I would look at the logs.",
      improvements: ["Name pg_stat_statements", "Explain EXPLAIN ANALYZE"],
    };
    const fresh = await rewordMissedQuestion(ai.settings, { posting, resume, topic, missed, earlierWordings: [] });
    expect(fresh.question).not.toBe(missed.question);
    expect(fresh.question).toContain("PostgreSQL query tuning");
    const [first, second] = ai.fake.chatRequests(REVIEW_QUESTION_SCHEMA_NAME).map((r) => messageText(r.body!));
    expect(first).toContain("- Name pg_stat_statements");
    expect(second).toContain("nearly the same words");
  });
});
