import { describe, expect, it } from "vitest";
import { skillState } from "./skill-state.ts";
import { pickTargets, targetingShare, TARGETING_SHARE_GOAL, type TargetCandidate } from "./targeting.ts";

const day = (n: number) => new Date(Date.UTC(2026, 2, n, 12));

function candidate(id: string, state: TargetCandidate["state"], weight = 2, average: number | null = null): TargetCandidate {
  return { id, name: id, kind: "skill", weight, state, average };
}

describe("pickTargets", () => {
  const map = [
    candidate("strong3", "strong", 3, 85),
    candidate("unprobed1", "not_probed", 1),
    candidate("weak2", "weak", 2, 45),
    candidate("developing3", "developing", 3, 65),
    candidate("unprobed3", "not_probed", 3),
    candidate("weak3", "weak", 3, 50),
    candidate("weak3b", "weak", 3, 35),
  ];

  it("aims first at gaps, heaviest first, weak before unprobed, the lowest average first", () => {
    const { targets, ranked } = pickTargets(map, []);
    expect(targets.map((t) => t.id)).toEqual(["weak3b"]);
    expect(ranked.map((t) => t.id)).toEqual(["weak3b", "weak3", "unprobed3", "weak2", "unprobed1", "developing3", "strong3"]);
  });

  it("moves on to the next gap once one was asked in this interview, before asking any gap twice", () => {
    const asked = [{ requirementIds: ["weak3b"] }, { requirementIds: ["weak3", "weak3b"] }];
    const { ranked } = pickTargets(map, asked);
    expect(ranked.slice(0, 3).map((t) => [t.id, t.askedInThisInterview])).toEqual([
      ["unprobed3", 0],
      ["weak2", 0],
      ["unprobed1", 0],
    ]);
    expect(pickTargets(map, asked, { count: 2 }).targets.map((t) => t.id)).toEqual(["unprobed3", "weak2"]);
  });

  it("asks a gap again rather than move to a requirement that is no gap", () => {
    const asked = map.filter((r) => r.state === "weak" || r.state === "not_probed").map((r) => ({ requirementIds: [r.id] }));
    expect(pickTargets(map, asked).targets.map((t) => t.id)).toEqual(["weak3b"]);
  });

  it("returns no target for an empty map", () => {
    expect(pickTargets([], []).targets).toEqual([]);
  });
});

describe("targetingShare", () => {
  // Kafka: weak after day 1, strong from day 3 (two answers of 95 → 76.67 after the 40); Redis never probed; Go strong.
  const kafka = skillState([
    { answerId: "a1", questionId: "q1", at: day(1), score: 40 },
    { answerId: "a2", questionId: "q2", at: day(2), score: 95 },
    { answerId: "a3", questionId: "q3", at: day(3), score: 95 },
  ]);
  const go = skillState([
    { answerId: "g1", questionId: "x1", at: day(0), score: 90 },
    { answerId: "g2", questionId: "x2", at: day(0.5), score: 90 },
  ]);
  const map = [
    { id: "kafka", changes: kafka.changes },
    { id: "redis", changes: [] },
    { id: "go", changes: go.changes },
  ];

  it("counts a question as targeted when a requirement it probes was weak or unprobed when it was asked", () => {
    const result = targetingShare(
      [
        { askedAt: day(1), requirementIds: ["kafka"] }, // not yet probed then
        { askedAt: day(1.5), requirementIds: ["kafka"] }, // weak
        { askedAt: day(4), requirementIds: ["kafka"] }, // strong by then
        { askedAt: day(4), requirementIds: ["go", "redis"] }, // redis unprobed
        { askedAt: day(4), requirementIds: ["go"] }, // strong
        { askedAt: day(4), requirementIds: [] }, // records nothing
        { askedAt: day(4), requirementIds: ["deleted"] }, // not on the map
      ],
      map,
    );
    expect(result.perQuestion).toEqual([true, true, false, true, false, false, false]);
    expect(result).toMatchObject({ total: 7, targeted: 3, meetsGoal: false });
    expect(result.share).toBeCloseTo(3 / 7);
  });

  it("meets the goal at 80 %, and has no share without questions", () => {
    expect(TARGETING_SHARE_GOAL).toBe(0.8);
    const questions = [1, 2, 3, 4, 5].map((n) => ({ askedAt: day(4), requirementIds: [n === 5 ? "go" : "redis"] }));
    expect(targetingShare(questions, map)).toMatchObject({ share: 0.8, meetsGoal: true });
    expect(targetingShare([], map)).toMatchObject({ share: null, meetsGoal: false });
  });
});
