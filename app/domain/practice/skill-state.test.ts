import { describe, expect, it } from "vitest";
import {
  answerScore,
  describeSkillChange,
  isGap,
  skillState,
  SKILL_RULES,
  stateAt,
  stateFor,
  type SkillObservation,
} from "./skill-state.ts";

const day = (n: number) => new Date(Date.UTC(2026, 2, n, 12));
const answer = (n: number, score: number): SkillObservation => ({ answerId: `a${n}`, questionId: `q${n}`, at: day(n), score });

describe("stateFor", () => {
  it("uses the rubric's bands: below 60 weak, 75+ over two answers strong, else developing", () => {
    expect(stateFor(59.75, 3)).toBe("weak");
    expect(stateFor(60, 1)).toBe("developing");
    expect(stateFor(74.75, 3)).toBe("developing");
    expect(stateFor(90, 1)).toBe("developing"); // one good answer is promising, not proof
    expect(stateFor(75, 2)).toBe("strong");
    expect(SKILL_RULES).toMatchObject({ window: 3, weakBelow: 60, strongFrom: 75 });
  });
});

describe("skillState", () => {
  it("is “not yet probed” with no scored answer, with no date and no cause", () => {
    expect(skillState([])).toEqual({ state: "not_probed", since: null, causedBy: null, average: null, scoredAnswers: 0, changes: [] });
  });

  it("records each change with the answer that caused it and its date", () => {
    const state = skillState([answer(1, 40), answer(2, 50), answer(3, 90), answer(4, 85), answer(5, 88)]);
    // Averages of the last three: 40 → weak; 45 → weak; 60 → developing; 75 → strong; 87.67 → strong.
    expect(state.changes.map((c) => [c.from, c.to, c.answerId, c.average])).toEqual([
      ["not_probed", "weak", "a1", 40],
      ["weak", "developing", "a3", 60],
      ["developing", "strong", "a4", 75],
    ]);
    expect(state).toMatchObject({ state: "strong", since: day(4), causedBy: "a4", average: 87.67, scoredAnswers: 5 });
    expect(describeSkillChange(state.changes[1]!)).toBe(
      "Weak → Developing: an answer scored 90, bringing the average of the last 3 answers to 60.",
    );
  });

  it("replays answers in time order whatever order they arrive in", () => {
    const shuffled = skillState([answer(3, 90), answer(1, 40), answer(2, 50)]);
    expect(shuffled.changes.map((c) => c.answerId)).toEqual(["a1", "a3"]);
  });

  it("a strong requirement that is answered badly again falls back", () => {
    const state = skillState([answer(1, 80), answer(2, 80), answer(3, 20), answer(4, 20)]);
    expect(state.changes.map((c) => c.to)).toEqual(["developing", "strong", "developing", "weak"]);
    expect(state.causedBy).toBe("a4");
  });
});

describe("stateAt", () => {
  it("gives the state a requirement had just before a moment (the change at that very moment is not yet seen)", () => {
    const { changes } = skillState([answer(1, 40), answer(3, 95), answer(4, 95)]); // weak, developing (67.5), strong (76.67)
    expect(stateAt(changes, day(1))).toBe("not_probed");
    expect(stateAt(changes, day(2))).toBe("weak");
    expect(stateAt(changes, day(4))).toBe("developing");
    expect(stateAt(changes, day(5))).toBe("strong");
  });
});

describe("answerScore and isGap", () => {
  it("an answer's score is the mean of its four scores; gaps are weak and unprobed", () => {
    expect(answerScore({ relevance: 70, completeness: 61, technicalCorrectness: 80, clarity: 75 })).toBe(71.5);
    expect([isGap("weak"), isGap("not_probed"), isGap("developing"), isGap("strong")]).toEqual([true, true, false, false]);
  });
});
