import { describe, expect, it } from "vitest";
import {
  dashboardStats,
  describeChange,
  formatChange,
  mean,
  mostPractisedRoles,
  orderAttempts,
  postingProgress,
  summarizeSeries,
  trendOf,
  TREND_THRESHOLD,
  withChanges,
  type AttemptFacts,
  type SessionFacts,
} from "./progress.ts";

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));

function session(id: string, overrides: Partial<SessionFacts> = {}): SessionFacts {
  return {
    id,
    status: "completed",
    answeredCount: 0,
    retakeNumber: 1,
    createdAt: day(1),
    title: "Staff Backend Engineer",
    company: "Acme",
    jobPostingId: "posting-a",
    overall: null,
    ...overrides,
  };
}

function attempt(
  id: string,
  retakeNumber: number,
  scores: [number, number, number, number] | null,
  createdAt = day(retakeNumber),
): AttemptFacts {
  return {
    id,
    retakeNumber,
    status: scores ? "completed" : "active",
    answeredCount: 3,
    createdAt,
    completedAt: scores ? createdAt : null,
    scores: scores
      ? { technicalAccuracy: scores[0], communicationClarity: scores[1], problemSolving: scores[2], relevance: scores[3] }
      : null,
    overall: scores ? scores.reduce((a, b) => a + b, 0) / 4 : null,
  };
}

describe("averages", () => {
  it("is the mean rounded to two decimals, and null (not 0) when there is nothing to average", () => {
    expect(mean([65, 72.5, 75, 70])).toBe(70.63); // 70.625
    expect(mean([80])).toBe(80);
    expect(mean([0.1, 0.2])).toBe(0.15);
    expect(mean([])).toBeNull();
  });
});

describe("trend words", () => {
  it(`calls a change of ${TREND_THRESHOLD} points or more improving or declining, anything smaller stable`, () => {
    expect(trendOf(5)).toBe("improving");
    expect(trendOf(4.75)).toBe("stable");
    expect(trendOf(0)).toBe("stable");
    expect(trendOf(-4.99)).toBe("stable");
    expect(trendOf(-5)).toBe("declining");
    expect(trendOf(2, 2)).toBe("improving");
  });

  it("summarises a series by its first and latest score, skipping gaps", () => {
    expect(summarizeSeries([60, null, 64, 67])).toEqual({ first: 60, latest: 67, totalChange: 7, trend: "improving", count: 3 });
    expect(summarizeSeries([80, 77])).toEqual({ first: 80, latest: 77, totalChange: -3, trend: "stable", count: 2 });
    expect(summarizeSeries([null, 72])).toEqual({ first: 72, latest: 72, totalChange: null, trend: null, count: 1 });
    expect(summarizeSeries([])).toEqual({ first: null, latest: null, totalChange: null, trend: null, count: 0 });
  });
});

describe("changes between scored interviews", () => {
  it("compares each score with the previous scored one and never treats a missing score as 0", () => {
    const items = withChanges([
      { id: "a", overall: 65 },
      { id: "b", overall: null },
      { id: "c", overall: 72.5 },
      { id: "d", overall: 70 },
    ]);
    expect(items.map((i) => [i.id, i.change, i.previousIndex])).toEqual([
      ["a", null, null],
      ["b", null, null],
      ["c", 7.5, 0],
      ["d", -2.5, 2],
    ]);
  });

  it("writes changes with a sign and in words", () => {
    expect([formatChange(5), formatChange(-3), formatChange(0), formatChange(7.5), formatChange(-0.25)]).toEqual([
      "+5",
      "\u22123",
      "0",
      "+7.5",
      "\u22120.25",
    ]);
    expect([describeChange(5), describeChange(-1), describeChange(0), describeChange(2.5)]).toEqual([
      "up 5 points",
      "down 1 point",
      "no change",
      "up 2.5 points",
    ]);
  });
});

describe("the dashboard", () => {
  const sessions: SessionFacts[] = [
    session("s1", { createdAt: day(1), answeredCount: 5, overall: 65 }),
    session("s2", { createdAt: day(8), answeredCount: 6, overall: 72.5, retakeNumber: 2 }),
    session("s3", {
      createdAt: day(10),
      answeredCount: 4,
      overall: 75,
      title: "Frontend Lead",
      company: "Globex",
      jobPostingId: "posting-b",
    }),
    session("s4", { createdAt: day(15), answeredCount: 3, overall: 70, retakeNumber: 3 }),
    session("s5", {
      createdAt: day(20),
      answeredCount: 2,
      status: "active",
      title: "Frontend Lead",
      company: "Globex",
      jobPostingId: null,
    }),
    session("s6", { createdAt: day(21), answeredCount: 1, retakeNumber: 4 }),
  ];

  it("totals completed interviews, answered questions and the average over scored sessions only", () => {
    const stats = dashboardStats(sessions);
    expect(stats).toMatchObject({
      totalInterviews: 6,
      completedInterviews: 5,
      scoredInterviews: 4,
      averageOverall: 70.63,
      totalAnswered: 21,
    });
  });

  it("lists scored sessions in date order with the change from the previous one", () => {
    const stats = dashboardStats(sessions);
    expect(stats.trend.map((t) => [t.id, t.overall, t.change])).toEqual([
      ["s1", 65, null],
      ["s2", 72.5, 7.5],
      ["s3", 75, 2.5],
      ["s4", 70, -5],
    ]);
    expect(stats.overallTrend).toMatchObject({ first: 65, latest: 70, totalChange: 5, trend: "improving" });
  });

  it("keeps the change of the first shown session when older ones are cut off", () => {
    const stats = dashboardStats(sessions, { trendLimit: 2 });
    expect(stats.trend.map((t) => [t.id, t.change])).toEqual([
      ["s3", 2.5],
      ["s4", -5],
    ]);
    expect(stats.trendTruncated).toBe(true);
  });

  it("groups roles by title and company, ignoring case and spaces, most practised first", () => {
    const roles = mostPractisedRoles([
      ...sessions,
      session("s7", { title: " frontend lead ", company: "GLOBEX", createdAt: day(2), answeredCount: 2 }),
    ]);
    expect(roles.map((r) => [r.title, r.company, r.interviews, r.completed, r.averageOverall, r.jobPostingId])).toEqual([
      ["Staff Backend Engineer", "Acme", 4, 4, 69.17, "posting-a"],
      ["Frontend Lead", "Globex", 3, 2, 75, "posting-b"],
    ]);
  });

  it("does not count an interview ended before any answer as completed, nor as in progress", () => {
    const stats = dashboardStats([...sessions, session("s8", { createdAt: day(22), answeredCount: 0 })]);
    expect(stats).toMatchObject({ totalInterviews: 7, completedInterviews: 5, unfinishedInterviews: 1 });
    expect(stats.roles.find((r) => r.title === "Staff Backend Engineer")).toMatchObject({ interviews: 5, completed: 4 });
  });

  it("is all zeros and nulls for a new user", () => {
    expect(dashboardStats([])).toMatchObject({
      totalInterviews: 0,
      completedInterviews: 0,
      scoredInterviews: 0,
      averageOverall: null,
      totalAnswered: 0,
      roles: [],
      trend: [],
    });
  });
});

describe("attempts at one posting", () => {
  it("orders attempts by number then date, and gives each dimension its total change and trend", () => {
    const progress = postingProgress([
      attempt("third", 3, [66, 74, 57, 74]),
      attempt("first", 1, [60, 70, 50, 80]),
      attempt("fourth", 4, null),
      attempt("second", 2, [70, 75, 60, 85]),
    ]);
    expect(progress.attempts.map((a) => [a.id, a.overall, a.change])).toEqual([
      ["first", 65, null],
      ["second", 72.5, 7.5],
      ["third", 67.75, -4.75],
      ["fourth", null, null],
    ]);
    expect(progress.overall).toMatchObject({ first: 65, latest: 67.75, totalChange: 2.75, trend: "stable" });
    expect(progress.dimensions.map((d) => [d.key, d.values, d.totalChange, d.trend])).toEqual([
      ["technicalAccuracy", [60, 70, 66], 6, "improving"],
      ["communicationClarity", [70, 75, 74], 4, "stable"],
      ["problemSolving", [50, 60, 57], 7, "improving"],
      ["relevance", [80, 85, 74], -6, "declining"],
    ]);
  });

  it("has no trend with a single scored attempt", () => {
    const progress = postingProgress([attempt("only", 1, [70, 70, 70, 70]), attempt("next", 2, null)]);
    expect(progress.scored).toHaveLength(1);
    expect(progress.overall).toMatchObject({ first: 70, latest: 70, totalChange: null, trend: null });
    expect(progress.dimensions.every((d) => d.trend === null)).toBe(true);
  });

  it("keeps two separate first attempts in start order", () => {
    const ordered = orderAttempts([
      attempt("later", 1, null, day(9)),
      attempt("retake", 2, null, day(3)),
      attempt("earlier", 1, null, day(2)),
    ]);
    expect(ordered.map((a) => a.id)).toEqual(["earlier", "later", "retake"]);
  });
});
