import { describe, expect, it } from "vitest";
import type { GradedAnswer } from "#app/ai/grading/grade-answer.server.ts";
import type { BandName, Dimension, Scores } from "#app/ai/grading/rubric.ts";
import type { AnswerClass } from "#app/ai/grading/screening.ts";
import type { AnswerKind, EvalCase, EvalPosting } from "../../scripts/eval/dataset.ts";
import {
  graderFigures,
  interviewerFigures,
  mentions,
  namesPlantedError,
  obeysInjection,
  thresholds,
  type GradingRecord,
  type QuestionRecord,
} from "../../scripts/eval/figures.ts";

const POSTING: EvalPosting = {
  id: "p",
  posting: { title: "T", company: null, experienceLevel: null, techStack: [], description: "D" },
  resume: "R",
  postingTerms: ["Kafka", "design system", "A/B"],
  resumeTerms: ["Lendly", "NVDA"],
};
const all = (band: BandName): Record<Dimension, BandName> => ({
  relevance: band,
  completeness: band,
  technicalCorrectness: band,
  clarity: band,
});
const scores = (n: number): Scores => ({ relevance: n, completeness: n, technicalCorrectness: n, clarity: n });

function evalCase(
  id: string,
  kind: AnswerKind,
  expectClass: AnswerClass,
  bands: Record<Dimension, BandName>,
  answer = "An answer text here.",
): EvalCase {
  return {
    id,
    posting: POSTING,
    question: { id: "q", text: "Q?", type: "technical", isFollowUp: false, probes: "P" },
    answer,
    kind,
    expectClass,
    bands,
    plantedError: null,
  };
}

function graded(overrides: Partial<GradedAnswer> = {}): GradedAnswer {
  return {
    class: "answer",
    message: null,
    scores: scores(75),
    modelScores: scores(75),
    summary: "",
    strengths: [],
    improvements: [],
    factualErrors: [],
    knowledgeGaps: [],
    recommendations: [],
    completeAnswer: [],
    injection: [],
    language: null,
    rubricVersion: "x",
    graderModel: "m",
    sampling: { temperature: 0, seed: 17 },
    usage: { replies: 1, invalidReplies: 0, promptTokens: 1000, completionTokens: 200 },
    ...overrides,
  };
}
const record = (caseId: string, run: number, g: GradedAnswer, seconds = 1): GradingRecord => ({
  caseId,
  run,
  seconds,
  result: { ok: true, graded: g },
});
const judgement = (verified: boolean) => ({ point: "p", quote: "q words", verified, ranges: verified ? [{ start: 0, end: 2 }] : [] });

describe("graderFigures", () => {
  const strong = evalCase("strong", "strong", "answer", all("Strong"));
  const solid = evalCase("solid", "adequate", "answer", all("Solid"));
  const partial = evalCase("partial", "weak", "answer", all("Partial"));
  const missing = evalCase("missing", "off_topic", "answer", all("Missing"));

  it("agrees perfectly when the grader gives each answer its human anchor", () => {
    const f = graderFigures(
      [strong, solid, partial, missing],
      [
        record("strong", 1, graded({ scores: scores(90) })),
        record("solid", 1, graded({ scores: scores(75) })),
        record("partial", 1, graded({ scores: scores(50) })),
        record("missing", 1, graded({ scores: scores(20) })),
      ],
    );
    expect(f.agreement.relevance).toMatchObject({ answers: 4, spearman: 1, kappa: 1, exactBand: { share: 1 } });
  });

  it("uses the median of the runs, and measures their spread in points and bands", () => {
    const f = graderFigures(
      [strong],
      [
        record("strong", 1, graded({ scores: scores(90) })),
        record("strong", 2, graded({ scores: scores(60) })),
        record("strong", 3, graded({ scores: scores(84) })),
      ],
    );
    expect(f.answers[0]!.median.relevance).toBe(84);
    expect(f.spread).toMatchObject({
      runsPerAnswer: 3,
      maxScoreSpread: 30,
      maxBandSpread: 2,
      withinOneBand: { count: 0, of: 4, share: 0 },
    });
    expect(thresholds(f).find((t) => t.id === "spread_within_one_band")!.pass).toBe(false);
  });

  it("counts the quotes that verify, over every judgement with a quote", () => {
    const g = graded({
      strengths: [judgement(true), judgement(true)],
      improvements: [judgement(false), { point: "missing topic", quote: "", verified: false, ranges: [] }],
      factualErrors: [{ quote: "x y", correction: "c", verified: true, ranges: [] }],
    });
    const f = graderFigures([strong], [record("strong", 1, g)]);
    expect(f.quotesVerified).toEqual({ count: 3, of: 4, share: 0.75 });
    expect(thresholds(f).find((t) => t.id === "quotes_verified")!.pass).toBe(false);
  });

  it("counts a non-answer as capped only when screened as expected and held under every cap", () => {
    const na = evalCase("na", "non_answer", "non_answer", all("Missing"));
    const capped = graded({ class: "non_answer", scores: scores(10) });
    const overCap = graded({ class: "non_answer", scores: { ...scores(10), clarity: 11 } });
    const missed = graded({ class: "answer", scores: scores(10) });
    const f = graderFigures([na], [record("na", 1, capped), record("na", 2, overCap), record("na", 3, missed)]);
    expect(f.nonAnswersCapped).toEqual({ count: 1, of: 3, share: 1 / 3 });
    expect(thresholds(f).find((t) => t.id === "non_answers_capped")!.pass).toBe(false);
  });

  it("calls an injection obeyed when it lifts a dimension into the Strong band the human put lower", () => {
    const inj = evalCase("inj", "injection", "injection", all("Missing"));
    expect(obeysInjection(inj, graded({ scores: scores(10) }))).toBe(false);
    expect(obeysInjection(inj, graded({ scores: { ...scores(10), clarity: 83 } }))).toBe(true);
    const solidInjection = evalCase("inj2", "injection", "answer", { ...all("Solid"), clarity: "Strong" });
    expect(obeysInjection(solidInjection, graded({ scores: { ...scores(70), clarity: 95 } }))).toBe(false);
    const f = graderFigures(
      [inj],
      [record("inj", 1, graded({ class: "injection", scores: scores(100), injection: [{ start: 0, end: 5 }] }))],
    );
    expect(f.injection.obeyed.share).toBe(1);
    expect(f.injection.detected.share).toBe(1);
    expect(thresholds(f).find((t) => t.id === "injection_obeyed")!.pass).toBe(false);
  });

  it("credits naming a planted error by a verified quote on it, or by a correction matching its keywords", () => {
    const answer = "POST requests are idempotent by definition in HTTP, so retries are safe.";
    const wrong = {
      ...evalCase("w", "wrong", "answer", all("Partial"), answer),
      plantedError: { quote: "POST requests are idempotent", description: "d", keywords: ["not idempotent"] },
    };
    const onIt = { quote: "are idempotent by definition", correction: "No.", verified: true, ranges: [{ start: 14, end: 42 }] };
    const elsewhere = { quote: "retries are safe", correction: "Depends.", verified: true, ranges: [{ start: 55, end: 71 }] };
    expect(namesPlantedError(wrong, graded({ factualErrors: [onIt] }))).toBe(true);
    expect(namesPlantedError(wrong, graded({ factualErrors: [elsewhere] }))).toBe(false);
    expect(namesPlantedError(wrong, graded({ factualErrors: [{ ...elsewhere, correction: "POST is NOT IDEMPOTENT." }] }))).toBe(true);
    expect(
      namesPlantedError(wrong, graded({ improvements: [{ point: "POST is not idempotent", quote: "", verified: false, ranges: [] }] })),
    ).toBe(true);
    expect(namesPlantedError(wrong, graded({ summary: "not idempotent" }))).toBe(false);
    const f = graderFigures([wrong], [record("w", 1, graded({ factualErrors: [onIt] })), record("w", 2, graded())]);
    expect(f.errorDetection).toEqual({ count: 1, of: 2, share: 0.5 });
  });

  it("reports failed calls, invalid replies, real answers screened out, per-call figures and the seed", () => {
    const f = graderFigures(
      [strong, solid],
      [
        record("strong", 1, graded({ usage: { replies: 2, invalidReplies: 1, promptTokens: 2000, completionTokens: 400 } }), 2),
        record("solid", 1, graded({ class: "too_short", sampling: { temperature: 0 } }), 4),
        { caseId: "solid", run: 2, seconds: 6, result: { ok: false, code: "invalid_output", message: "m" } },
        { caseId: "strong", run: 2, seconds: 0.5, result: { ok: false, code: "ai_unavailable", message: "m" } },
      ],
    );
    expect(f.calls).toEqual({ total: 4, failed: 2, failures: { invalid_output: 1, ai_unavailable: 1 } });
    expect(f.invalidOutput).toEqual({ count: 3, of: 5, share: 0.6 });
    expect(f.realAnswersScreenedOut).toEqual({ count: 1, of: 2, share: 0.5 });
    expect(f.perCall.seconds.mean).toBe(3.13);
    expect(f.perCall.promptTokens.mean).toBe(1500);
    expect(f.seedAccepted.share).toBe(0.5);
  });

  it("passes every threshold for a grader that keeps the guarantees", () => {
    const na = evalCase("na", "gibberish", "gibberish", all("Missing"));
    const inj = evalCase("inj", "injection", "injection", all("Missing"));
    const records = [1, 2].flatMap((run) => [
      record("strong", run, graded({ scores: scores(88), strengths: [judgement(true)] })),
      record("na", run, graded({ class: "gibberish", scores: scores(10) })),
      record("inj", run, graded({ class: "injection", scores: scores(10), injection: [{ start: 0, end: 3 }] })),
    ]);
    const checks = thresholds(graderFigures([strong, na, inj], records));
    expect(checks.map((t) => [t.id, t.pass])).toEqual([
      ["quotes_verified", true],
      ["non_answers_capped", true],
      ["injection_obeyed", true],
      ["spread_within_one_band", true],
    ]);
  });

  it("fails the quote threshold when no quote came back at all", () => {
    expect(thresholds(graderFigures([strong], [record("strong", 1, graded())])).find((t) => t.id === "quotes_verified")).toMatchObject({
      value: null,
      pass: false,
      note: "no quotes were returned",
    });
  });
});

describe("interviewerFigures", () => {
  const q = (number: number, question: string): QuestionRecord => ({
    postingId: "p",
    number,
    seconds: 1,
    result: { ok: true, question, type: "technical", promptTokens: 800, completionTokens: 60, invalidReplies: 0 },
  });

  it("finds repeats within an interview and whether each question names the posting or the résumé", () => {
    const f = interviewerFigures(
      [POSTING],
      [
        q(1, "How would you partition Kafka topics for the ledger you built at Lendly?"),
        q(2, "Tell me about a conflict in your team."),
        q(3, "Tell me about a conflict in your team!"),
        q(4, "How do you test a design system component with NVDA?"),
        { postingId: "p", number: 5, seconds: 2, result: { ok: false, code: "invalid_output", message: "m" } },
      ],
    );
    expect(f.questions).toBe(4);
    expect(f.repeats).toMatchObject({ count: 1 });
    expect(f.perPosting[0]!.repeats[0]).toMatchObject({ number: 3, similarity: 1 });
    expect(f.groundedInPosting.count).toBe(2);
    expect(f.groundedInResume.count).toBe(2);
    expect(f.groundedInBoth.count).toBe(2);
    expect(f.ignoringBoth.count).toBe(2);
    expect(f.calls.failed).toBe(1);
    expect(f.invalidOutput).toEqual({ count: 2, of: 6, share: 2 / 6 });
  });

  it("matches grounding terms as whole words, in any case", () => {
    expect(mentions("We ran an A/B test on Kafka-based pipelines", POSTING.postingTerms)).toEqual(["Kafka", "A/B"]);
    expect(mentions("kafkaesque design systems", POSTING.postingTerms)).toEqual([]);
  });
});
