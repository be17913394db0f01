import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PostingContext } from "#app/ai/prompts.ts";
import { messageText } from "#tests/fakes/openai-server.ts";
import { modelAnswerResponder } from "#tests/fakes/practice-responders.ts";
import { startFakeAi } from "#tests/support/fake-ai.ts";
import { assembleModelAnswer, modelAnswerMessages, MODEL_ANSWER_SCHEMA_NAME, type ModelAnswerInput } from "./model-answer.ts";
import { writeModelAnswer } from "./model-answer.server.ts";

const posting: PostingContext = {
  title: "Senior Backend Engineer",
  company: "Initech",
  experienceLevel: "senior",
  techStack: ["Go", "PostgreSQL"],
  description: "Own our billing platform.",
};
const resume = [
  "Backend Engineer, Acme Corporation (2019–2024)",
  "- Led the Atlas migration from MySQL to PostgreSQL, cutting p95 latency by 40 %.",
  "- Mentored five engineers.",
].join("\n");
const input: ModelAnswerInput = {
  posting,
  resume,
  question: { text: "Tell me about a migration you led.", type: "behavioral" },
  answer: "We moved billing to Postgres. It was hard but it worked.",
};

describe("the model answer prompt", () => {
  it("allows only the résumé's and the answer's facts, asks for placeholders, and fences the candidate's text", () => {
    const [system, user] = modelAnswerMessages(input);
    expect(system!.content).toContain("Use only facts found in the candidate's résumé or in their own answer");
    expect(system!.content).toContain("[your metric: how much faster the page loaded]");
    expect(system!.content).toContain("Follow Situation, Task, Action, Result");
    expect(user!.content).toContain("<resume>\nBackend Engineer, Acme Corporation");
    expect(user!.content).toContain("<answer>\nWe moved billing to Postgres.");
  });
});

describe("assembleModelAnswer", () => {
  it("reads placeholders from the text, with the model's question or a plain one", () => {
    const answer = assembleModelAnswer(
      {
        answer: "At Acme I led the Atlas migration, cutting latency by [your metric: the p95 drop] for [your outcome: who benefited].",
        placeholders: [
          { marker: "[Your metric:  the p95 drop]", question: "How much did p95 latency drop?" },
          { marker: "[your team: size]", question: "Not in the text" },
        ],
      },
      input,
    );
    expect(answer.placeholders.map((p) => [p.marker, p.question])).toEqual([
      ["[your metric: the p95 drop]", "How much did p95 latency drop?"],
      ["[your outcome: who benefited]", "Can you fill this in: outcome: who benefited?"],
    ]);
    expect(answer.facts.flags).toEqual([]);
  });

  it("checks names against the résumé, the answer, the question and the posting", () => {
    const answer = assembleModelAnswer(
      { answer: "I'd bring to Initech what I did at Acme and at Globex, cutting latency by 40% in 2021.", placeholders: [] },
      input,
    );
    expect(answer.facts.flags.map((f) => [f.kind, f.text])).toEqual([
      ["name", "Globex"],
      ["number", "2021"],
    ]);
  });
});

describe("writeModelAnswer through the openai SDK, against the fake", () => {
  let ai: Awaited<ReturnType<typeof startFakeAi>>;
  beforeAll(async () => {
    ai = await startFakeAi();
  });
  afterAll(() => ai.stop());
  beforeEach(() => ai.fake.reset());

  it("writes an answer from the résumé's facts with a placeholder and a question for the missing metric", async () => {
    const answer = await writeModelAnswer(ai.settings, input);
    expect(answer.text).toContain("Acme Corporation");
    expect(answer.facts).toMatchObject({ flags: [] });
    expect(answer.facts.checked).toBeGreaterThan(0);
    expect(answer.placeholders).toEqual([
      expect.objectContaining({
        marker: "[your metric: the measurable result of this work]",
        question: "What measurable result did this work have — a number, a percentage, or time saved?",
      }),
    ]);
    const placeholder = answer.placeholders[0]!;
    expect(answer.text.slice(placeholder.start, placeholder.end)).toBe(placeholder.marker);
    expect(ai.fake.chatRequests(MODEL_ANSWER_SCHEMA_NAME)).toHaveLength(1);
  });

  it("a model answer with an invented employer is sent back once, and flagged when the model insists", async () => {
    ai.fake.respond(MODEL_ANSWER_SCHEMA_NAME, modelAnswerResponder({ inventEmployer: "Globex Corporation" }));
    const answer = await writeModelAnswer(ai.settings, input);
    expect(answer.text).toContain("Globex Corporation");
    expect(answer.facts.flags).toEqual([
      expect.objectContaining({ kind: "name", text: "Globex Corporation", start: answer.text.indexOf("Globex Corporation") }),
    ]);
    const requests = ai.fake.chatRequests(MODEL_ANSWER_SCHEMA_NAME);
    expect(requests).toHaveLength(2);
    expect(messageText(requests[1]!.body!)).toContain(
      'it names things that are not in the résumé or the candidate\'s answer: "Globex Corporation"',
    );
  });

  it("an invented employer the model drops on the second try leaves no flag", async () => {
    ai.fake.respond(MODEL_ANSWER_SCHEMA_NAME, (request, context) =>
      modelAnswerResponder(context.count === 1 ? { inventEmployer: "Globex Corporation" } : {})(request, context),
    );
    const answer = await writeModelAnswer(ai.settings, input);
    expect(answer.text).not.toContain("Globex");
    expect(answer.facts.flags).toEqual([]);
  });
});
