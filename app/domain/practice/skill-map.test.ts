import { describe, expect, it } from "vitest";
import { skillMap, skillMapEntry, type ProbeFacts } from "./skill-map.ts";
import type { PostingRequirement } from "./requirements.ts";

const day = (n: number) => new Date(Date.UTC(2026, 2, n, 12));

function requirement(id: string, name: string, weight: 1 | 2 | 3 = 2, removed = false): PostingRequirement {
  return {
    id,
    name,
    kind: "technology",
    weight,
    source: "extracted",
    extractedKey: null,
    nameEdited: false,
    weightEdited: false,
    removed,
    evidence: [],
  };
}

function probe(n: number, score: number | null, options: { answered?: boolean; reviewOf?: string; session?: string } = {}): ProbeFacts {
  return {
    questionId: `q${n}`,
    sessionId: options.session ?? "s1",
    question: `Question ${n}`,
    askedAt: day(n),
    answer: options.answered === false ? null : { id: `a${n}`, at: day(n), score },
    reviewOfAnswerId: options.reviewOf ?? null,
  };
}

const resume = "Built the billing service on Postgres at Acme.";

describe("skillMapEntry", () => {
  it("brings together résumé support, the questions that probed it, their scores and the state", () => {
    const entry = skillMapEntry(requirement("r1", "PostgreSQL"), {
      resume,
      probes: [probe(2, 70, { session: "s2" }), probe(1, 40), probe(3, null), probe(4, null, { answered: false })],
    });
    expect(entry.resume.supported).toBe(true);
    expect(entry.probes.map((p) => p.questionId)).toEqual(["q1", "q2", "q3", "q4"]);
    // Unscored and unanswered questions are listed but do not move the state.
    expect(entry.scores).toEqual([
      { answerId: "a1", at: day(1), score: 40, sessionId: "s1" },
      { answerId: "a2", at: day(2), score: 70, sessionId: "s2" },
    ]);
    // 40 made it weak; 70 lifts the average to 55, still weak: the cause stays the first answer.
    expect(entry.skill).toMatchObject({ state: "weak", causedBy: "a1", since: day(1), average: 55, scoredAnswers: 2 });
  });

  it("says whether the second try at a missed question was better", () => {
    const entry = skillMapEntry(requirement("r1", "Kafka"), {
      resume,
      probes: [
        probe(1, 40),
        probe(3, 72, { reviewOf: "a1" }),
        probe(5, 90, { reviewOf: "a1" }),
        probe(2, 50),
        probe(4, 48, { reviewOf: "a2" }),
      ],
    });
    expect(entry.resume.supported).toBe(false);
    expect(entry.secondTries).toEqual([
      { firstAnswerId: "a1", firstScore: 40, secondAnswerId: "a3", secondScore: 72, change: 32, better: true },
      { firstAnswerId: "a2", firstScore: 50, secondAnswerId: "a4", secondScore: 48, change: -2, better: false },
    ]);
  });
});

describe("skillMap", () => {
  it("lists active requirements, heaviest first, gaps before strengths", () => {
    const map = skillMap(
      [requirement("r1", "Redis", 2), requirement("r2", "Kafka", 3), requirement("r3", "Go", 2), requirement("r4", "Java", 3, true)],
      { resume, probesByRequirement: new Map([["r3", [probe(1, 30)]]]) },
    );
    expect(map.map((e) => [e.requirement.name, e.skill.state])).toEqual([
      ["Kafka", "not_probed"],
      ["Go", "weak"],
      ["Redis", "not_probed"],
    ]);
  });
});
