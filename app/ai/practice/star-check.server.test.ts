import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { splitSentences } from "#app/domain/practice/sentences.ts";
import { messageText } from "#tests/fakes/openai-server.ts";
import { starCheckResponder } from "#tests/fakes/practice-responders.ts";
import { startFakeAi } from "#tests/support/fake-ai.ts";
import { assembleStarCheck, starMessages, starProblem, STAR_CHECK_SCHEMA_NAME, type StarCheckOutput } from "./star-check.ts";
import { checkStar } from "./star-check.server.ts";

const question = "Tell me about a time you fixed a production problem.";
const answer = [
  "Last year our checkout service at Acme kept timing out during sales.",
  "My task was to find the cause before Black Friday.",
  "I profiled the service and I found an N+1 query, then we rolled out a fix behind a flag.",
  "As a result, checkout errors dropped by 80% and p95 latency fell to 300 ms.",
].join(" ");

const part = (sentences: number[], note = "") => ({ sentences, note });

describe("the STAR prompt", () => {
  it("shows the answer as numbered sentences inside a fence", () => {
    const [, user] = starMessages({ question, sentences: splitSentences(answer) });
    expect(user!.content).toContain(
      "<answer_sentences>\n[1] Last year our checkout service at Acme kept timing out during sales.\n[2] My task",
    );
    expect(user!.content).toContain("sentence by sentence (1–4)");
  });
});

describe("assembleStarCheck", () => {
  const output: StarCheckOutput = {
    situation: part([1], "Checkout timed out."),
    task: part([2]),
    action: part([3]),
    result: part([4]),
    result_quantified: false,
  };

  it("quotes each part with the answer's own sentence, exactly", () => {
    const check = assembleStarCheck(answer, output);
    expect(check.complete).toBe(true);
    for (const p of check.parts) {
      expect(p.present).toBe(true);
      for (const s of p.sentences) expect(answer.slice(s.start, s.end)).toBe(s.text);
    }
    expect(check.parts[0]).toMatchObject({ part: "situation", note: "Checkout timed out." });
  });

  it("decides in code whether the result is quantified, whatever the model says", () => {
    const check = assembleStarCheck(answer, output);
    expect(check).toMatchObject({ resultQuantified: true, modelSaysQuantified: false });
    const vague = "We had an outage. I fixed it. Everyone was happy.";
    expect(assembleStarCheck(vague, { ...output, result: part([3]), result_quantified: true })).toMatchObject({
      resultQuantified: false,
      modelSaysQuantified: true,
    });
  });

  it("counts “I” against “we” in the action sentences", () => {
    expect(assembleStarCheck(answer, output).ownership).toEqual({ whole: { i: 3, we: 2 }, actions: { i: 2, we: 1 }, saysI: true });
    const team = "Our service failed. We found the bug and we fixed it. It worked.";
    expect(assembleStarCheck(team, { ...output, situation: part([1]), action: part([2]), result: part([3]) }).ownership.saysI).toBe(false);
  });

  it("a part without a real sentence is missing; numbers that name no sentence are dropped", () => {
    const check = assembleStarCheck(answer, { ...output, task: part([9]), result: part([]) });
    expect(check.parts.map((p) => [p.part, p.present])).toEqual([
      ["situation", true],
      ["task", false],
      ["action", true],
      ["result", false],
    ]);
    expect(check.complete).toBe(false);
    expect(check.resultQuantified).toBe(false);
    expect(starProblem({ ...output, task: part([9, 0]) }, 4)).toBe(
      "sentence number(s) 9, 0 do not exist: the answer has 4 numbered sentences (1–4)",
    );
  });
});

describe("checkStar through the openai SDK, against the fake", () => {
  let ai: Awaited<ReturnType<typeof startFakeAi>>;
  beforeAll(async () => {
    ai = await startFakeAi();
  });
  afterAll(() => ai.stop());
  beforeEach(() => ai.fake.reset());

  it("returns the checklist with each part's sentence, a quantified result and “I” for the actions", async () => {
    const check = await checkStar(ai.settings, { question, answer });
    expect(check.parts.map((p) => [p.part, p.sentences.map((s) => s.number)])).toEqual([
      ["situation", [1]],
      ["task", [2]],
      ["action", [3]],
      ["result", [4]],
    ]);
    expect(check).toMatchObject({ complete: true, resultQuantified: true, sentenceCount: 4 });
    expect(check.ownership.saysI).toBe(true);
  });

  it("a reply citing sentences that do not exist is sent back once with the real count", async () => {
    ai.fake.respond(STAR_CHECK_SCHEMA_NAME, starCheckResponder({ badNumbersFirst: true }));
    const check = await checkStar(ai.settings, { question, answer });
    expect(check.complete).toBe(true);
    expect(messageText(ai.fake.chatRequests(STAR_CHECK_SCHEMA_NAME)[1]!.body!)).toContain("the answer has 4 numbered sentences (1–4)");
  });

  it("an answer without a sentence gets an all-missing checklist without a model call", async () => {
    const check = await checkStar(ai.settings, { question, answer: "  …  " });
    expect(check).toMatchObject({ complete: false, sentenceCount: 0, resultQuantified: false });
    expect(check.parts.every((p) => !p.present)).toBe(true);
    expect(ai.fake.chatRequests()).toHaveLength(0);
  });
});
