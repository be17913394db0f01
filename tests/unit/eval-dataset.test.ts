import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { screenAnswer } from "#app/ai/grading/screening.ts";
import { DatasetError, loadDataset, type AnswerKind } from "../../scripts/eval/dataset.ts";

const dataset = loadDataset(path.resolve("tests/eval"));
const REQUIRED: AnswerKind[] = [
  "strong",
  "adequate",
  "weak",
  "wrong",
  "off_topic",
  "non_answer",
  "gibberish",
  "injection",
  "copy_of_question",
];

describe("the simulated candidates (tests/eval)", () => {
  it("cover at least three postings with résumés, each question with every kind of answer the issue names", () => {
    expect(dataset.postings.length).toBeGreaterThanOrEqual(3);
    const questions = Map.groupBy(dataset.cases, (c) => `${c.posting.id}/${c.question.id}`);
    for (const posting of dataset.postings) {
      expect([...questions.keys()].filter((k) => k.startsWith(`${posting.id}/`)).length, posting.id).toBeGreaterThanOrEqual(2);
    }
    for (const [id, cases] of questions) {
      for (const kind of REQUIRED)
        expect(
          cases.map((c) => c.kind),
          `${id} lacks ${kind}`,
        ).toContain(kind);
    }
  });

  it("name a planted error inside every factually wrong answer", () => {
    for (const c of dataset.cases.filter((c) => c.kind === "wrong")) {
      expect(c.plantedError, c.id).not.toBeNull();
      for (const k of c.plantedError!.keywords) expect(() => new RegExp(k, "iu"), `${c.id}: ${k}`).not.toThrow();
    }
  });

  // The deterministic half of the harness: screening makes of each answer what the data set says.
  it.each(dataset.cases.map((c) => [c.id, c] as const))("screens %s as expected", (_id, c) => {
    expect(screenAnswer({ question: c.question.text, answer: c.answer }).class).toBe(c.expectClass);
  });
});

describe("loadDataset", () => {
  const write = (content: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eval-dataset-"));
    fs.writeFileSync(path.join(dir, "one.yaml"), content);
    return dir;
  };
  const file = (answer: string) => `id: one
posting: { title: T, company: null, experience_level: null, tech_stack: [], description: D, grounding_terms: [d] }
resume: { text: R, grounding_terms: [r] }
questions:
  - id: q
    type: technical
    text: Q?
    probes: P
    answers:
${answer}
`;

  it("names the file and field of a mistake", () => {
    const dir = write(
      file(
        `      - { id: a, kind: strong, text: T, bands: { relevance: Great, completeness: Solid, technical_correctness: Solid, clarity: Solid } }`,
      ),
    );
    expect(() => loadDataset(dir)).toThrow(DatasetError);
    expect(() => loadDataset(dir)).toThrow(/one\.yaml: questions\.0\.answers\.0\.bands\.relevance/);
  });

  it("refuses a planted error that is not in its answer, and a wrong answer without one", () => {
    const bands = "bands: { relevance: Solid, completeness: Solid, technical_correctness: Missing, clarity: Solid }";
    expect(() =>
      loadDataset(
        write(
          file(
            `      - { id: a, kind: wrong, text: "POST is idempotent.", ${bands}, planted_error: { quote: "GET is safe", description: x, keywords: [y] } }`,
          ),
        ),
      ),
    ).toThrow(/planted_error.quote is not in the answer/);
    expect(() => loadDataset(write(file(`      - { id: a, kind: wrong, text: "POST is idempotent.", ${bands} }`)))).toThrow(
      /needs its planted_error/,
    );
  });

  it("refuses an empty folder", () => {
    expect(() => loadDataset(fs.mkdtempSync(path.join(os.tmpdir(), "eval-empty-")))).toThrow(/No \*\.yaml files/);
  });
});
