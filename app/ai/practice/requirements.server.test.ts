import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PostingContext } from "#app/ai/prompts.ts";
import { applyMergePlan, EXTRACTED_CAP, mergeRequirements } from "#app/domain/practice/requirements.ts";
import { messageText } from "#tests/fakes/openai-server.ts";
import { startFakeAi } from "#tests/support/fake-ai.ts";
import { extractRequirements } from "./extract-requirements.server.ts";
import { checkRequirements, postingLines, requirementMessages, requirementsProblem, REQUIREMENTS_SCHEMA_NAME } from "./requirements.ts";

const posting: PostingContext = {
  title: "Senior Backend Engineer",
  company: "Initech",
  experienceLevel: "senior",
  techStack: ["Go", "PostgreSQL", "Kafka"],
  description: [
    "You will design scalable APIs for our payments platform.",
    "Requirements:",
    "- 5+ years of backend experience",
    "- Deep knowledge of Postgres and query tuning",
    "- You will mentor junior engineers and join the on-call rotation.",
    "- Kubernetes is a plus.",
  ].join("\n"),
};

describe("postingLines", () => {
  it("numbers the title, level, tech stack and each sentence of the description, with their places", () => {
    const lines = postingLines(posting);
    expect(lines.slice(0, 4).map((l) => [l.number, l.field, l.text])).toEqual([
      [1, "title", "Senior Backend Engineer"],
      [2, "experience_level", "senior"],
      [3, "tech_stack", "Go, PostgreSQL, Kafka"],
      [4, "description", "You will design scalable APIs for our payments platform."],
    ]);
    for (const l of lines.filter((l) => l.field === "description")) expect(posting.description.slice(l.start, l.end)).toBe(l.text);
    const prompt = requirementMessages(posting, lines)[1]!.content;
    expect(prompt).toContain("[1] Job title: Senior Backend Engineer");
    expect(prompt).toContain("[6] 5+ years of backend experience");
  });

  it("leaves out fields that are empty", () => {
    const lines = postingLines({ ...posting, experienceLevel: null, techStack: [] });
    expect(lines.map((l) => l.field).slice(0, 2)).toEqual(["title", "description"]);
  });
});

describe("checkRequirements", () => {
  const lines = postingLines(posting);

  it("keeps items that cite real lines, with the posting's own words as evidence", () => {
    const { requirements, dropped } = checkRequirements(
      {
        requirements: [
          { name: "  PostgreSQL ", kind: "technology", weight: 3, lines: [3, 7, 99] },
          { name: "Rust", kind: "technology", weight: 2, lines: [42] },
          { name: "   ", kind: "skill", weight: 2, lines: [1] },
        ],
      },
      lines,
    );
    expect(requirements).toHaveLength(1);
    expect(requirements[0]).toMatchObject({ name: "PostgreSQL", key: "postgresql", weight: 3 });
    expect(requirements[0]!.evidence.map((e) => [e.field, e.text])).toEqual([
      ["tech_stack", "Go, PostgreSQL, Kafka"],
      ["description", "Deep knowledge of Postgres and query tuning"],
    ]);
    expect(dropped).toEqual([
      { name: "Rust", reason: "cites no line of the posting" },
      { name: "   ", reason: "no name" },
    ]);
  });

  it("merges duplicates by identity, keeping the higher weight and every cited line", () => {
    const { requirements } = checkRequirements(
      {
        requirements: [
          { name: "Postgres", kind: "technology", weight: 2, lines: [7] },
          { name: "PostgreSQL", kind: "technology", weight: 3, lines: [3] },
        ],
      },
      lines,
    );
    expect(requirements).toHaveLength(1);
    expect(requirements[0]).toMatchObject({ name: "Postgres", weight: 3 });
    expect(requirements[0]!.evidence.map((e) => e.field)).toEqual(["description", "tech_stack"]);
  });

  it("keeps at most the cap, heaviest first, then in the posting's order", () => {
    const many = Array.from({ length: EXTRACTED_CAP + 2 }, (_, i) => ({
      name: `Skill ${String.fromCharCode(65 + i)}`,
      kind: "skill" as const,
      weight: i === EXTRACTED_CAP + 1 ? 3 : 1,
      lines: [1 + (i % lines.length)],
    }));
    const { requirements, dropped } = checkRequirements({ requirements: many }, lines);
    expect(requirements).toHaveLength(EXTRACTED_CAP);
    expect(requirements[0]!.name).toBe(`Skill ${String.fromCharCode(65 + EXTRACTED_CAP + 1)}`);
    expect(dropped.map((d) => d.reason)).toEqual(["over the cap", "over the cap"]);
  });

  it("asks again when most items cite no real line", () => {
    const output = {
      requirements: [
        { name: "Go", kind: "technology" as const, weight: 3, lines: [0] },
        { name: "Kafka", kind: "technology" as const, weight: 3, lines: [] },
        { name: "Postgres", kind: "technology" as const, weight: 3, lines: [3] },
      ],
    };
    expect(requirementsProblem(output, checkRequirements(output, lines), lines.length)).toContain('"Go", "Kafka"');
    expect(requirementsProblem({ requirements: [] }, checkRequirements({ requirements: [] }, lines), lines.length)).toBeNull();
  });
});

describe("extractRequirements (through the openai SDK, against the fake)", () => {
  let ai: Awaited<ReturnType<typeof startFakeAi>>;
  beforeAll(async () => {
    ai = await startFakeAi();
  });
  afterAll(() => ai.stop());
  beforeEach(() => ai.fake.reset());

  it("returns checked requirements drawn from the posting, each pointing at the posting's words", async () => {
    const { requirements } = await extractRequirements(ai.settings, posting);
    const names = requirements.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(["PostgreSQL", "Go", "Kafka", "Mentoring engineers", "5+ years of experience", "Kubernetes"]),
    );
    const kubernetes = requirements.find((r) => r.name === "Kubernetes")!;
    expect(kubernetes).toMatchObject({ weight: 1, evidence: [{ field: "description", text: "Kubernetes is a plus." }] });
    for (const r of requirements) {
      for (const e of r.evidence.filter((e) => e.field === "description")) expect(posting.description.slice(e.start, e.end)).toBe(e.text);
    }
    const sent = messageText(ai.fake.chatRequests(REQUIREMENTS_SCHEMA_NAME)[0]!.body!);
    expect(sent).toContain("<posting_lines>");
  });

  it("re-extraction through the merge keeps a renamed requirement as the user left it", async () => {
    const first = await extractRequirements(ai.settings, posting);
    let list = applyMergePlan([], mergeRequirements([], first.requirements), (i) => `r${i}`);
    const kafka = list.find((r) => r.name === "Kafka")!;
    list = list.map((r) =>
      r.id === kafka.id ? { ...r, name: "Kafka consumer groups", nameEdited: true, weight: 1, weightEdited: true } : r,
    );
    const again = await extractRequirements(ai.settings, { ...posting, description: `${posting.description}\n- Terraform experience.` });
    const plan = mergeRequirements(list, again.requirements);
    const after = applyMergePlan(list, plan, (i) => `n${i}`);
    expect(after.find((r) => r.id === kafka.id)).toMatchObject({ name: "Kafka consumer groups", weight: 1 });
    expect(plan.add.map((r) => r.name)).toEqual(["Terraform"]);
  });

  it("sends a reply whose items cite no real line back once, then keeps what it can check", async () => {
    let calls = 0;
    ai.fake.respond(REQUIREMENTS_SCHEMA_NAME, () => {
      calls++;
      return {
        requirements: [
          { name: "Go", kind: "technology", weight: 3, lines: [500] },
          { name: "Kafka", kind: "technology", weight: 3, lines: [501] },
          { name: "PostgreSQL", kind: "technology", weight: 3, lines: [3] },
        ],
      };
    });
    const { requirements, dropped } = await extractRequirements(ai.settings, posting);
    expect(calls).toBe(2);
    expect(messageText(ai.fake.chatRequests(REQUIREMENTS_SCHEMA_NAME)[1]!.body!)).toContain("cited no line number from the numbered list");
    expect(requirements.map((r) => r.name)).toEqual(["PostgreSQL"]);
    expect(dropped.map((d) => d.name)).toEqual(["Go", "Kafka"]);
  });

  it("does not call the model for a posting with no text", async () => {
    expect(
      await extractRequirements(ai.settings, { ...posting, title: " ", experienceLevel: null, techStack: [], description: "" }),
    ).toEqual({
      requirements: [],
      dropped: [],
    });
    expect(ai.fake.chatRequests()).toHaveLength(0);
  });
});
