import { describe, expect, test } from "vitest";
import { cacheableTokens, prefixReport, promptText, sharedPrefixLength } from "./prompt-prefix.ts";
import { debriefMessages, gradingMessages } from "./grading/prompts.ts";
import { questionMessages, type Exchange, type QuestionPromptInput } from "./prompts.ts";

const STABLE = "Instructions that never change. ".repeat(200); // ≈ 1,600 tokens

describe("shared prompt prefixes", () => {
  test("counts the common start of two prompts, the schema first", () => {
    expect(sharedPrefixLength("abcdef", "abcxyz")).toBe(3);
    const a = { schema: { name: "x" }, messages: [{ role: "system", content: "same" }] };
    const b = { schema: { name: "y" }, messages: [{ role: "system", content: "same" }] };
    // A different schema ends the shared part at once, however alike the messages are.
    expect(sharedPrefixLength(promptText(a), promptText(b))).toBeLessThan('{"name":"'.length + 1);
  });

  test("stable part first: later calls repeat it and a cache could serve it", () => {
    const calls = [1, 2, 3].map((n) => ({
      messages: [
        { role: "system", content: STABLE },
        { role: "user", content: `Question ${n}` },
      ],
    }));
    const report = prefixReport(calls);
    expect(report.calls[0]).toMatchObject({ sharedChars: 0, sharedWith: null, cacheableTokens: 0, divergence: null });
    expect(report.calls[2]).toMatchObject({ sharedWith: 0, divergence: { part: "message 2 (user)", line: "Question 3" } });
    expect(report.calls[2]!.cacheableTokens).toBeGreaterThanOrEqual(1024);
    expect(report.sharedShare).toBeGreaterThan(0.6);
  });

  test("changing part first: nothing is shared, and the report says where it changed", () => {
    const calls = [1, 2].map((n) => ({ messages: [{ role: "system", content: `Question ${n} of 6\n${STABLE}` }] }));
    const report = prefixReport(calls);
    expect(report.cacheableTokens).toBe(0);
    expect(report.calls[1]!.divergence).toEqual({ part: "message 1 (system)", line: "Question 2 of 6" });
  });

  test("caching follows OpenAI's rules: at least 1,024 tokens, in blocks of 128", () => {
    expect(cacheableTokens(4 * 1023, 4 * 5000)).toBe(0);
    expect(cacheableTokens(4 * 2000, 4 * 1000)).toBe(0);
    expect(cacheableTokens(4 * 1200, 4 * 5000)).toBe(1152);
  });
});

describe("the interview's prompts keep their stable part first", () => {
  const posting = {
    title: "Backend Engineer",
    company: "Acme",
    experienceLevel: "senior",
    techStack: ["TypeScript", "PostgreSQL"],
    description: "Own the payments ledger. ".repeat(200),
  };
  const resume = "Ten years of backend work at Initech and Globex. ".repeat(100);
  const input = (history: Exchange[]): QuestionPromptInput => ({
    posting,
    resume,
    focus: "balanced",
    targetQuestions: 6,
    history,
    previousAttemptQuestions: [],
    plannedType: "technical",
    followUpAllowed: history.length > 0,
  });
  const exchange = (number: number): Exchange => ({
    number,
    type: "technical",
    isFollowUp: false,
    question: `Q${number}?`,
    answer: `A${number}.`,
  });

  test("consecutive question prompts repeat the instructions, the posting and the résumé", () => {
    const calls = [0, 1, 2].map((n) => ({ messages: questionMessages(input(Array.from({ length: n }, (_, i) => exchange(i + 1)))) }));
    const report = prefixReport(calls);
    const resumeEnd = promptText(calls[1]!).indexOf("</resume>") + "</resume>".length;
    expect(report.calls[1]!.sharedChars).toBeGreaterThanOrEqual(resumeEnd);
    expect(report.calls[2]!.sharedChars).toBeGreaterThanOrEqual(resumeEnd);
  });

  test("evaluation prompts of one interview repeat the instructions, the posting and the résumé", () => {
    const calls = [1, 2].map((n) => ({
      messages: gradingMessages({
        posting,
        resume,
        question: { text: `Q${n}?`, type: "technical", isFollowUp: false, probes: null },
        answer: `A${n}.`,
      }),
    }));
    const report = prefixReport(calls);
    const resumeEnd = promptText(calls[1]!).indexOf("</resume>") + "</resume>".length;
    expect(report.calls[1]!.sharedChars).toBeGreaterThanOrEqual(resumeEnd);
  });

  test("debrief prompts keep the instructions, the posting and the résumé first: a retake's debrief and a corrected reply repeat them", () => {
    const exchanges = (answerText: string) =>
      [1, 2].map((n) => ({
        ...exchange(n),
        answer: `${answerText} ${n}.`,
        evaluation: { relevance: 70, completeness: 60, technicalCorrectness: 65, clarity: 72, summary: "Fair." },
      }));
    const first = { messages: debriefMessages({ posting, resume, exchanges: exchanges("First attempt") }) };
    const retake = { messages: debriefMessages({ posting, resume, exchanges: exchanges("Second attempt") }) };
    const corrected = {
      messages: debriefMessages({ posting, resume, exchanges: exchanges("First attempt"), correction: "cite Q1 or Q2" }),
    };
    const report = prefixReport([first, retake, corrected]);
    const resumeEnd = promptText(first).indexOf("</resume>") + "</resume>".length;
    expect(report.calls[1]!.sharedChars, "a retake's debrief repeats everything up to the transcript").toBeGreaterThanOrEqual(resumeEnd);
    expect(report.calls[2]!.sharedChars, "a corrected reply repeats the whole first prompt").toBeGreaterThanOrEqual(
      promptText(first).length - 10,
    );
    expect(report.calls[1]!.cacheableTokens).toBeGreaterThanOrEqual(1024);
  });
});
