import { describe, expect, it } from "vitest";
import {
  closestQuestion,
  isRepeatQuestion,
  otherType,
  questionMessages,
  REPEAT_SIMILARITY,
  repeatCorrection,
  ROTATIONS,
  type QuestionPromptInput,
} from "./prompts.ts";

const input: QuestionPromptInput = {
  posting: { title: "Backend Engineer", company: null, experienceLevel: null, techStack: ["Go"], description: "Build APIs." },
  resume: "Built APIs in Go.",
  focus: "balanced",
  targetQuestions: 5,
  history: [],
  previousAttemptQuestions: [],
  plannedType: "technical",
  followUpAllowed: false,
};
const userMessage = (i: QuestionPromptInput) => questionMessages(i)[1]!.content;

describe("closestQuestion", () => {
  it("names the asked question a candidate is closest to, with its similarity", () => {
    const asked = ["How do you design a rate limiter for a public API?", "Tell me about a conflict in your team."];
    const clash = closestQuestion("How would you design a rate limiter for a public API?", asked);
    expect(clash?.question).toBe(asked[0]);
    expect(clash!.similarity).toBeGreaterThanOrEqual(REPEAT_SIMILARITY);
    expect(isRepeatQuestion("How would you design a rate limiter for a public API?", asked)).toBe(true);
  });

  it("is null when nothing was asked, and low for a different question", () => {
    expect(closestQuestion("Anything at all?", [])).toBeNull();
    const clash = closestQuestion("Describe your favourite debugging tool.", ["How do you design a rate limiter?"]);
    expect(clash!.similarity).toBeLessThan(REPEAT_SIMILARITY);
  });
});

describe("otherType", () => {
  it("never returns the type it is given, and cycles through every other type of the rotation", () => {
    for (const [focus, rotation] of Object.entries(ROTATIONS) as Array<[keyof typeof ROTATIONS, (typeof ROTATIONS)["balanced"]]>) {
      for (const type of new Set(rotation)) {
        const others = [1, 2, 3].map((n) => otherType(focus, type, n));
        expect(others).not.toContain(type);
        expect(new Set(others).size).toBe(new Set(rotation).size - 1);
      }
    }
    expect(otherType("balanced", "technical", 1)).toBe("behavioral");
    expect(otherType("balanced", "technical", 4)).toBe("behavioral");
  });
});

describe("questionMessages", () => {
  it("puts the stable part first: each question's prompt repeats the previous one up to its task, for prefix caching", () => {
    const exchange = (number: number) => ({
      number,
      type: "technical" as const,
      isFollowUp: false,
      question: `Question number ${number}: how would you shard the ledger?`,
      answer: `Answer ${number}: by account, with idempotency keys.`,
    });
    const withHistory = (n: number) => ({
      ...input,
      previousAttemptQuestions: ["An earlier question?"],
      history: [1, 2, 3].slice(0, n).map(exchange),
    });
    for (const asked of [1, 2]) {
      const before = userMessage(withHistory(asked));
      const after = userMessage(withHistory(asked + 1));
      const stable = before.slice(0, before.indexOf("\n\n## Your task"));
      expect(after.startsWith(stable), `prompt ${asked + 2} starts with prompt ${asked + 1} up to its task`).toBe(true);
    }
    expect(questionMessages(withHistory(1))[0]).toEqual(questionMessages(withHistory(2))[0]);
  });

  it("a first try asks for the planned type with no retry note", () => {
    const text = userMessage(input);
    expect(text).toContain("Planned: ask a technical question.");
    expect(text).not.toContain("Earlier tries at this question");
  });

  it("a retry says which try it is and asks for a fresh angle", () => {
    const text = userMessage({ ...input, plannedType: "behavioral", retryNumber: 2 });
    expect(text).toContain("Planned: ask a behavioral question.");
    expect(text).toContain("this is try 3");
    expect(text).toContain("Take a fresh angle");
  });

  it("the correction after a repeat names the clashing question and the type wanted instead", () => {
    const correction = repeatCorrection("How do you design a rate limiter?", "situational");
    const text = userMessage({ ...input, plannedType: "situational", correction });
    expect(text).toContain(
      'Your previous reply could not be used: it is nearly the same question as one already asked: "How do you design a rate limiter?"',
    );
    expect(text).toContain("Ask a situational question instead");
  });
});
