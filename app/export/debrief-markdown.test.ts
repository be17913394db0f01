import { describe, expect, test } from "vitest";
import { bandFor } from "#app/domain/score-bands.ts";
import { escapeMarkdown, renderDebriefMarkdown, scoreMeaning, type InterviewDebrief } from "./debrief-markdown.ts";
import { redactText } from "./redact.ts";

const evaluation = {
  relevance: 82,
  completeness: 64,
  technicalCorrectness: 75,
  clarity: 58,
  summary: "Right idea, thin on failure modes.",
  strengths: [{ text: "Names the unique key", quote: "a unique key per payout", quoteVerified: true }],
  improvements: [{ text: "Say what happens on a retry" }, { text: "Invented praise", quote: "words never said", quoteVerified: false }],
  knowledgeGaps: ["Exactly-once delivery"],
  recommendations: [{ topic: "Idempotency keys", resource: "Stripe API docs", why: "The standard pattern" }],
  graderModel: "gpt-4o-mini",
  rubricVersion: "2026-11",
};

const debrief: InterviewDebrief = {
  postingTitle: "Senior Backend Engineer",
  company: "Northwind",
  status: "completed",
  focus: "balanced",
  retakeNumber: 2,
  startedAt: new Date("2026-11-02T09:05:00Z"),
  completedAt: new Date("2026-11-02T09:40:00Z"),
  cost: "≈ $0.0042 (estimate)",
  exchanges: [
    {
      number: 1,
      type: "technical",
      isFollowUp: false,
      question: "How would you make a payout job idempotent?",
      answer: "With a unique key per payout and <img src=x onerror=alert(1)> one transaction.\n\n# not a heading\n- not a list",
      evaluation,
    },
    { number: 2, type: "behavioral", isFollowUp: true, question: "And then?", answer: null, evaluation: null },
    { number: 3, type: "project", isFollowUp: false, question: "Your proudest project?", answer: "pg-outbox.", evaluation: null },
  ],
  feedback: {
    technicalAccuracy: 74,
    communicationClarity: 66,
    problemSolving: 70,
    relevance: 77,
    overall: 71.75,
    technicalFeedback: "Sound on idempotency.",
    communicationFeedback: "Clear, if brief.",
    problemSolvingFeedback: "Consider failure modes.",
    relevanceFeedback: "On topic.",
    overallComments: "A solid start, Alex.",
    knowledgeGaps: ["Exactly-once delivery"],
    learningRecommendations: [{ topic: "Outbox pattern", resource: "microservices.io: Transactional outbox", why: "Reliable events" }],
  },
};

describe("the Markdown debrief", () => {
  const md = renderDebriefMarkdown(debrief);

  test("has the interview's facts, the overall scores with their meaning, and the cost as an estimate", () => {
    expect(md).toMatch(/^# Interview debrief: Senior Backend Engineer at Northwind\n/);
    expect(md).toContain("- Started: 2026-11-02 · finished: 2026-11-02");
    expect(md).toContain("- Attempt 2 · focus: balanced · 3 questions, 2 answered");
    expect(md).toContain("- AI cost: ≈ $0.0042 (estimate)");
    expect(md).toContain("| **Overall** | 71.8 | Solid |");
    expect(md).toContain("| Relevance to the role | 77 | Solid |");
    expect(md).toContain("- Outbox pattern: microservices.io: Transactional outbox — Reliable events");
  });

  test("each question with the answer, its scores, judgements and only verified quotes", () => {
    expect(md).toContain("### 1. Technical question\n\n> How would you make a payout job idempotent?");
    expect(md).toContain("| Relevance | 82 | Solid |");
    expect(md).toContain("| Clarity | 58 | Partial |");
    expect(md).toContain("- Names the unique key\n  - You said: “a unique key per payout”");
    expect(md).toContain("- Invented praise\n");
    expect(md).not.toContain("words never said");
    expect(md).toContain("*Scored by gpt-4o-mini, rubric 2026-11.*");
    expect(md).toContain("### 2. Behavioural question (follow-up)\n\n> And then?\n\n*Not answered.*");
    expect(md).toContain("### 3. Project question\n\n> Your proudest project?\n\n**Your answer**\n\n> pg-outbox.\n\n*Not scored.*");
  });

  test("what people and models wrote reads as text: no HTML, headings or lists of theirs", () => {
    expect(md).toContain(
      "> With a unique key per payout and \\<img src=x onerror=alert(1)\\> one transaction.\n>\n> \\# not a heading\n> \\- not a list",
    );
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(escapeMarkdown("a_b *c* [d](e) `f` \\g")).toBe("a\\_b \\*c\\* \\[d\\](e) \\`f\\` \\\\g");
  });

  test("the score meanings are the pages' bands", () => {
    for (let n = 0; n <= 100; n++) expect(scoreMeaning(n)).toBe(bandFor(n).name);
  });

  test("redaction applies to the Markdown as well", () => {
    expect(redactText(md, { names: ["Alex"] })).toContain("A solid start, [name].");
  });
});
