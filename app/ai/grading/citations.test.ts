import { describe, expect, it } from "vitest";
import { checkCitations, citationProblem } from "./citations.ts";

describe("checkCitations", () => {
  it("keeps claims whose questions exist as verified, sorted and without duplicates", () => {
    expect(checkCitations([{ claim: " Clear answers ", questions: [3, 1, 3] }], [1, 2, 3])).toEqual([
      { claim: "Clear answers", questions: [1, 3], unknownQuestions: [], verified: true },
    ]);
  });

  it("drops question numbers that don't exist and marks the claim unverified", () => {
    expect(checkCitations([{ claim: "Strong on SQL", questions: [2, 9] }], [1, 2, 3])).toEqual([
      { claim: "Strong on SQL", questions: [2], unknownQuestions: [9], verified: false },
    ]);
    expect(checkCitations([{ claim: "Invented", questions: [99] }], [1, 2])[0]).toMatchObject({ questions: [], verified: false });
  });

  it("marks a claim that cites nothing unverified, and drops empty claims", () => {
    expect(checkCitations([{ claim: "General impression", questions: [] }], [1])[0]!.verified).toBe(false);
    expect(checkCitations([{ claim: "  ", questions: [1] }], [1])).toEqual([]);
  });
});

describe("citationProblem", () => {
  it("is null when every claim cites real questions", () => {
    expect(
      citationProblem(
        [
          { claim: "a", questions: [1] },
          { claim: "b", questions: [1, 2] },
        ],
        [1, 2],
      ),
    ).toBeNull();
  });

  it("names the unknown numbers and the uncited claims, and lists the real questions", () => {
    const problem = citationProblem(
      [
        { claim: "a", questions: [7] },
        { claim: "b", questions: [] },
        { claim: "c", questions: [8, 1] },
      ],
      [1, 2, 3],
    );
    expect(problem).toBe(
      "some claims cite questions that are not in this interview (7, 8); 1 claim cites no question. Cite only the questions 1, 2, 3, at least one per claim.",
    );
  });
});
