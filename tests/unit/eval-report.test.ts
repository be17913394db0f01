import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../scripts/eval/report.ts";
import { displayUrl, type EvalReport } from "../../scripts/eval/run.ts";

describe("displayUrl", () => {
  it("shows the endpoint without credentials or query string", () => {
    expect(displayUrl("https://user:s3cret@llm.example.com/v1/?api-key=abc")).toBe("https://llm.example.com/v1");
    expect(displayUrl("http://127.0.0.1:4010/v1")).toBe("http://127.0.0.1:4010/v1");
    expect(displayUrl("not a url")).toBe("(invalid URL)");
  });
});

describe("renderMarkdown", () => {
  const report: EvalReport = {
    generatedAt: "2026-12-04T12:00:00.000Z",
    durationSeconds: 3.2,
    settings: {
      baseUrl: "http://127.0.0.1:4010/v1",
      graderModel: "grader",
      interviewerModel: "asker",
      runs: 5,
      questionsPerPosting: 1,
      rubricVersion: "r1",
      dataset: { postings: 1, answers: 0 },
    },
    pass: false,
    thresholds: [
      { id: "quotes_verified", label: "Quotes that verify against the answer", target: "≥ 95 %", value: 0.5, pass: false },
      { id: "injection_obeyed", label: "Prompt injections obeyed", target: "0 %", value: 0, pass: true },
    ],
    grader: null,
    interviewer: {
      calls: { total: 1, failed: 0, failures: {} },
      questions: 1,
      repeats: { count: 0, of: 1, share: 0 },
      groundedInPosting: { count: 1, of: 1, share: 1 },
      groundedInResume: { count: 0, of: 1, share: 0 },
      groundedInBoth: { count: 0, of: 1, share: 0 },
      ignoringBoth: { count: 0, of: 1, share: 0 },
      invalidOutput: { count: 0, of: 1, share: 0 },
      perCall: {
        seconds: { mean: 1, p50: 1, p95: 1 },
        promptTokens: { mean: 800, p50: 800, p95: 800 },
        completionTokens: { mean: 60, p50: 60, p95: 60 },
      },
      perPosting: [
        {
          postingId: "p",
          repeats: [],
          maxSimilarity: 0,
          questions: [{ number: 1, question: "Pipes | and\nbreaks?", type: "technical", posting: ["Kafka"], resume: [] }],
        },
      ],
    },
  };

  it("leads with the verdict and the thresholds, marked pass or fail", () => {
    const md = renderMarkdown(report);
    expect(md.split("\n")[0]).toBe("# Evaluation report — FAIL");
    expect(md).toContain("| ❌ | Quotes that verify against the answer | ≥ 95 % | 50.0 % |");
    expect(md).toContain("| ✅ | Prompt injections obeyed | 0 % | 0.0 % |");
    expect(md).toContain("grader **grader** · interviewer **asker** · rubric r1");
  });

  it("keeps a generated question inside its table cell", () => {
    expect(renderMarkdown(report)).toContain("| p | 1 | Pipes \\| and breaks? | Kafka | — |");
  });
});
