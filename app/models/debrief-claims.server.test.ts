import { describe, expect, it } from "vitest";
import type { SessionDebrief } from "#app/ai/grading/session-debrief.server.ts";
import { debriefColumns, readClaims } from "./debrief-claims.server.ts";

const claim = (text: string, questions: number[], verified = true) => ({ claim: text, questions, unknownQuestions: [], verified });

const DEBRIEF: SessionDebrief = {
  scores: { technicalAccuracy: 60, communicationClarity: 70, problemSolving: 65, relevance: 80 },
  technicalFeedback: [claim("Named the right tools.", [1, 3]), claim("Invented a benchmark.", [], false)],
  communicationFeedback: [claim("Easy to follow.", [2])],
  problemSolvingFeedback: [],
  relevanceFeedback: [claim("Tied to the role.", [1])],
  overallComments: "Fair.",
  knowledgeGaps: [claim("Outbox pattern", [2]), claim("Quantum ledgers", [], false)],
  learningRecommendations: [],
  rubricVersion: "2026-12.1",
  graderModel: "grader",
};

describe("debrief claims", () => {
  it("keep only verified claims, with their question numbers, in the text columns older readers show", () => {
    const columns = debriefColumns(DEBRIEF);
    expect(columns.text.technicalAccuracy).toBe("Named the right tools. (Q1, Q3)");
    expect(columns.text.problemSolving).toBe("");
    expect(columns.knowledgeGaps).toEqual(["Outbox pattern"]);
    expect(columns.claims).toContainEqual({ section: "technicalAccuracy", claim: "Invented a benchmark.", questions: [], verified: false });
    expect(columns).toMatchObject({ rubricVersion: "2026-12.1", graderModel: "grader" });
  });

  it("read back what was stored, dropping malformed entries; null for feedback written before claims", () => {
    expect(readClaims(null)).toBeNull();
    expect(
      readClaims([
        { section: "relevance", claim: "Tied to the role.", questions: [1, "x"], verified: true },
        { section: "nope", claim: "?" },
        7,
      ]),
    ).toEqual([{ section: "relevance", claim: "Tied to the role.", questions: [1], verified: true }]);
  });
});
