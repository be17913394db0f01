import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeOpenAI, messageText } from "#tests/fakes/openai-server.ts";
import type { AiSettings } from "../client.server.ts";
import { GRADER_SAMPLING } from "./grade-answer.server.ts";
import type { DebriefExchange } from "./prompts.ts";
import { writeSessionDebrief, type DebriefInput } from "./session-debrief.server.ts";

const fake = new FakeOpenAI();
const client = { timeoutMs: 5_000, maxRetries: 0 };
let settings: AiSettings;
beforeAll(async () => {
  settings = { apiKey: "sk-test", model: "interviewer-model", baseUrl: await fake.start(), userChosenBaseUrl: false };
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const exchange = (number: number, answer: string | null): DebriefExchange => ({
  number,
  type: "technical",
  isFollowUp: false,
  question: `Question ${number}?`,
  answer,
  evaluation: answer ? { relevance: 70, completeness: 60, technicalCorrectness: 65, clarity: 80, summary: "Fair." } : null,
});
const input: DebriefInput = {
  posting: { title: "Backend Engineer", company: null, experienceLevel: null, techStack: [], description: "APIs." },
  resume: "APIs.",
  exchanges: [exchange(1, "An answer."), exchange(2, "Another."), exchange(3, null)],
  graderModel: "grader-model",
};
const claims = (d: Awaited<ReturnType<typeof writeSessionDebrief>>) => [
  ...d.technicalFeedback,
  ...d.communicationFeedback,
  ...d.problemSolvingFeedback,
  ...d.relevanceFeedback,
  ...d.knowledgeGaps,
];

describe("writeSessionDebrief", () => {
  it("returns claims that cite questions of the interview, checked, with the grader model and rubric version", async () => {
    const debrief = await writeSessionDebrief(settings, input, { client });
    expect(claims(debrief).length).toBeGreaterThan(0);
    for (const c of claims(debrief)) {
      expect(c.verified).toBe(true);
      for (const n of c.questions) expect([1, 2, 3]).toContain(n);
    }
    expect(debrief.graderModel).toBe("grader-model");
    expect(debrief.scores.technicalAccuracy).toBe(70);
    expect(fake.chatRequests("session_debrief")[0]!.body).toMatchObject({ model: "grader-model", ...GRADER_SAMPLING });
  });

  it("sends back claims citing questions that don't exist, then drops those numbers and marks the claims unverified", async () => {
    const debrief = await writeSessionDebrief({ ...settings, apiKey: "sk-fabricate" }, input, { client });
    const requests = fake.chatRequests("session_debrief");
    expect(requests).toHaveLength(2);
    expect(messageText(requests[1]!.body!)).toContain("cite questions that are not in this interview (99)");
    for (const c of claims(debrief)) expect(c).toMatchObject({ verified: false, questions: [], unknownQuestions: [99] });
  });

  it("uses the corrected reply when the second one cites real questions", async () => {
    let calls = 0;
    fake.respond("session_debrief", () => {
      calls++;
      const q = calls === 1 ? [7] : [2];
      const claim = { claim: "Specific", questions: q };
      return {
        technical_accuracy: 50,
        communication_clarity: 50,
        problem_solving: 50,
        relevance: 50,
        technical_feedback: [claim],
        communication_feedback: [claim],
        problem_solving_feedback: [claim],
        relevance_feedback: [claim],
        overall_comments: "OK.",
        knowledge_gaps: [claim],
        learning_recommendations: [],
      };
    });
    const debrief = await writeSessionDebrief(settings, input, { client });
    expect(calls).toBe(2);
    for (const c of claims(debrief)) expect(c).toMatchObject({ verified: true, questions: [2] });
  });
});
