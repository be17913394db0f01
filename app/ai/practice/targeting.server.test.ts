import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { questionMessages, type QuestionPromptInput } from "#app/ai/prompts.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { skillState } from "#app/domain/practice/skill-state.ts";
import { pickTargets, targetingShare, type TargetCandidate } from "#app/domain/practice/targeting.ts";
import { messageText } from "#tests/fakes/openai-server.ts";
import { targetedQuestionResponder } from "#tests/fakes/practice-responders.ts";
import { startFakeAi } from "#tests/support/fake-ai.ts";
import { extractRequirements } from "./extract-requirements.server.ts";
import {
  checkProbedRequirements,
  requirementRefs,
  TargetedQuestionOutput,
  TARGETED_QUESTION_SCHEMA_NAME,
  targetingSection,
  withTargeting,
} from "./targeting.ts";

const map: TargetCandidate[] = [
  { id: "uuid-pg", name: "PostgreSQL", kind: "technology", weight: 3, state: "strong", average: 82 },
  { id: "uuid-kafka", name: "Kafka", kind: "technology", weight: 3, state: "weak", average: 41 },
  { id: "uuid-mentor", name: "Mentoring engineers", kind: "responsibility", weight: 2, state: "not_probed", average: null },
  { id: "uuid-go", name: "Go", kind: "technology", weight: 2, state: "developing", average: 66 },
];
const refs = requirementRefs(map);

const promptInput: QuestionPromptInput = {
  posting: { title: "Backend Engineer", company: null, experienceLevel: "senior", techStack: ["Go", "Kafka"], description: "Build APIs." },
  resume: "Built APIs in Go at Acme.",
  focus: "technical",
  targetQuestions: 5,
  history: [],
  previousAttemptQuestions: [],
  plannedType: "technical",
  followUpAllowed: false,
};

describe("the targeting prompt section", () => {
  it("lists every requirement under a short id with its state, and names the one to aim at", () => {
    const section = targetingSection(refs, ["uuid-kafka"]);
    expect(section).toContain("R1: PostgreSQL (technology, weight 3) — strong");
    expect(section).toContain("R3: Mentoring engineers (responsibility, weight 2) — not yet probed");
    expect(section).toContain("Aim this question at R2 (Kafka)");
    expect(section).toContain("R2 first");
    expect(section).not.toContain("uuid-");
  });

  it("is added to the question prompt's user message, leaving the rest as it was", () => {
    const base = questionMessages(promptInput);
    const targeted = withTargeting(base, "## SECTION");
    expect(targeted[0]).toEqual(base[0]);
    expect(targeted[1]!.content).toBe(`${base[1]!.content}\n\n## SECTION`);
  });
});

describe("checkProbedRequirements", () => {
  it("resolves short ids to requirement ids, the targets first, ignoring unknown ones", () => {
    expect(checkProbedRequirements(["R4", " r2 ", "R9", "R2"], refs, ["uuid-kafka"])).toEqual({
      requirementIds: ["uuid-kafka", "uuid-go"],
      problem: null,
    });
  });

  it("refuses a reply that names no requirement from the list, or misses the target", () => {
    expect(checkProbedRequirements(["R9", "uuid-kafka"], refs).problem).toContain("from the list (R1–R4)");
    expect(checkProbedRequirements(["R1"], refs, ["uuid-kafka"]).problem).toContain("the question must probe R2 (Kafka)");
    expect(checkProbedRequirements(["R1"], refs).problem).toBeNull();
  });
});

describe("a weakest-first question through the openai SDK, against the fake", () => {
  let ai: Awaited<ReturnType<typeof startFakeAi>>;
  beforeAll(async () => {
    ai = await startFakeAi();
  });
  afterAll(() => ai.stop());
  beforeEach(() => ai.fake.reset());

  async function targetedQuestion(targetIds: string[], asked: string[] = [], list = refs) {
    let requirementIds: string[] = [];
    const output = await generateStructured({
      settings: ai.settings,
      schema: TargetedQuestionOutput,
      name: TARGETED_QUESTION_SCHEMA_NAME,
      messages: (correction) =>
        withTargeting(questionMessages({ ...promptInput, previousAttemptQuestions: asked, correction }), targetingSection(list, targetIds)),
      accept: (o) => {
        const checked = checkProbedRequirements(o.requirement_ids, list, targetIds);
        requirementIds = checked.requirementIds;
        return checked.problem;
      },
    });
    return { output, requirementIds };
  }

  it("records the requirement the question probes, by its real id", async () => {
    const { targets } = pickTargets(map, []);
    expect(targets.map((t) => t.id)).toEqual(["uuid-kafka"]);
    const { output, requirementIds } = await targetedQuestion(targets.map((t) => t.id));
    expect(requirementIds).toEqual(["uuid-kafka"]);
    expect(output.question).toContain("Kafka");
  });

  it("sends a question that misses the target back once, naming the target", async () => {
    ai.fake.respond(TARGETED_QUESTION_SCHEMA_NAME, (request, context) =>
      context.count === 1
        ? targetedQuestionResponder({ ignoreTarget: true })(request, context)
        : targetedQuestionResponder()(request, context),
    );
    const { requirementIds } = await targetedQuestion(["uuid-kafka"]);
    expect(requirementIds).toEqual(["uuid-kafka"]);
    const retry = messageText(ai.fake.chatRequests(TARGETED_QUESTION_SCHEMA_NAME)[1]!.body!);
    expect(retry).toContain("the question must probe R2 (Kafka)");
  });

  it("a weakest-first interview on a freshly extracted map targets gaps in at least 80 % of its questions", async () => {
    // The map of a posting never practised: every requirement the fake extracts is unprobed, and PostgreSQL
    // was strong before (from another posting's history, say). Each answer scores 70, so every probed gap
    // turns "developing" at once and the next question must find another gap.
    const extracted = await extractRequirements(ai.settings, {
      title: "Senior Backend Engineer",
      company: null,
      experienceLevel: "senior",
      techStack: ["Go", "PostgreSQL", "Kafka", "Redis"],
      description: "You will mentor engineers, run code reviews and join on-call. 5+ years with Docker and Kubernetes. Security matters.",
    });
    const requirements = extracted.requirements.map((r, i) => ({ id: `req-${i}`, name: r.name, kind: r.kind, weight: r.weight }));
    const refsNow = (states: Map<string, ReturnType<typeof skillState>>) =>
      requirements.map((r) => {
        const s = states.get(r.id) ?? skillState(r.name === "PostgreSQL" ? strongObservations() : []);
        return { ...r, state: s.state, average: s.average };
      });
    const observations = new Map<string, Array<{ answerId: string; questionId: string; at: Date; score: number }>>();
    const asked: Array<{ requirementIds: string[]; askedAt: Date; question: string }> = [];
    for (let n = 1; n <= 6; n++) {
      const states = new Map([...observations].map(([id, o]) => [id, skillState(o)]));
      const candidates = refsNow(states);
      const { targets } = pickTargets(candidates, asked);
      const { output, requirementIds } = await targetedQuestion(
        targets.map((t) => t.id),
        asked.map((a) => a.question),
        requirementRefs(candidates),
      );
      const askedAt = new Date(Date.UTC(2026, 3, 1, n));
      asked.push({ requirementIds, askedAt, question: output.question });
      for (const id of requirementIds) {
        observations.set(id, [
          ...(observations.get(id) ?? []),
          { answerId: `a${n}`, questionId: `q${n}`, at: new Date(askedAt.getTime() + 60_000), score: 70 },
        ]);
      }
    }
    const share = targetingShare(
      asked,
      requirements.map((r) => ({
        id: r.id,
        changes: skillState([...(r.name === "PostgreSQL" ? strongObservations() : []), ...(observations.get(r.id) ?? [])]).changes,
      })),
    );
    expect(requirements.length).toBeGreaterThanOrEqual(8);
    expect(share.total).toBe(6);
    expect(share.share).toBeGreaterThanOrEqual(0.8);
    expect(new Set(asked.map((a) => a.requirementIds[0])).size).toBe(6); // six different gaps, none twice
  });
});

/** Answers that made a requirement strong long before the interview. */
function strongObservations() {
  const old = (n: number) => new Date(Date.UTC(2025, 0, n));
  return [
    { answerId: "x1", questionId: "y1", at: old(1), score: 90 },
    { answerId: "x2", questionId: "y2", at: old(2), score: 90 },
  ];
}
