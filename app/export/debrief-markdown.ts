import type { QuestionTypeName, RecommendationItem } from "#app/ai/schemas.ts";
import { bandFor, type BandName } from "#app/domain/score-bands.ts";

/**
 * One interview as a Markdown document: the debrief a candidate downloads,
 * keeps in their notes or prints. Pure: it renders an `InterviewDebrief`,
 * which the model layer assembles from the database rows. Every text the
 * candidate or the model wrote is escaped so that it reads as text in any
 * Markdown viewer, never as HTML or markup of ours.
 */

export type Judgement = {
  text: string;
  /** The words of the answer the judgement is about (issue 17); shown only when verified against the answer. */
  quote?: string | null;
  quoteVerified?: boolean;
};

export type DebriefEvaluation = {
  relevance: number;
  completeness: number;
  technicalCorrectness: number;
  clarity: number;
  summary: string;
  strengths: Judgement[];
  improvements: Judgement[];
  knowledgeGaps: string[];
  recommendations: RecommendationItem[];
  graderModel?: string | null;
  rubricVersion?: string | null;
};

export type DebriefFeedback = {
  technicalAccuracy: number;
  communicationClarity: number;
  problemSolving: number;
  relevance: number;
  overall: number;
  technicalFeedback: string;
  communicationFeedback: string;
  problemSolvingFeedback: string;
  relevanceFeedback: string;
  overallComments: string;
  knowledgeGaps: string[];
  learningRecommendations: RecommendationItem[];
};

export type InterviewDebrief = {
  postingTitle: string;
  company: string | null;
  status: "active" | "paused" | "completed";
  focus: "balanced" | "technical" | "behavioral" | "weakest_first";
  retakeNumber: number;
  startedAt: Date;
  completedAt: Date | null;
  exchanges: Array<{
    number: number;
    type: QuestionTypeName;
    isFollowUp: boolean;
    question: string;
    answer: string | null;
    evaluation: DebriefEvaluation | null;
  }>;
  feedback: DebriefFeedback | null;
  /** The AI cost of the interview as the meter shows it, e.g. "≈ $0.0042 (estimate)"; left out when not wanted. */
  cost?: string | null;
};

/** The band a score is shown with on the pages (the rubric's: Missing, Partial, Solid, Strong). */
export function scoreMeaning(score: number): BandName {
  return bandFor(score).name;
}

/** Text as text: a backslash before what Markdown or HTML would read as markup at any position. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\\`*_[\]<>|]/g, "\\$&")
    .replace(/^(\s*)([#+=-]|\d+[.)])(?=\s|$)/gm, "$1\\$2");
}

const inline = (text: string) => escapeMarkdown(text.replace(/\s+/g, " ").trim());
const quoteBlock = (text: string) =>
  escapeMarkdown(text.trim())
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
const formatScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, ""));
const score = (label: string, n: number) => `| ${label} | ${formatScore(n)} | ${scoreMeaning(n)} |`;
const date = (d: Date) => d.toISOString().slice(0, 10);
const TYPE_LABEL: Record<QuestionTypeName, string> = {
  technical: "Technical",
  behavioral: "Behavioural",
  project: "Project",
  situational: "Situational",
};

function judgements(title: string, list: Judgement[]): string[] {
  if (!list.length) return [];
  const lines = [`**${title}**`, ""];
  for (const j of list) {
    lines.push(`- ${inline(j.text)}`);
    if (j.quote && j.quoteVerified) lines.push(`  - You said: “${inline(j.quote)}”`);
  }
  return [...lines, ""];
}

function recommendations(title: string, list: RecommendationItem[]): string[] {
  if (!list.length) return [];
  return [`**${title}**`, "", ...list.map((r) => `- ${inline(r.topic)}: ${inline(r.resource)} — ${inline(r.why)}`), ""];
}

export function renderDebriefMarkdown(debrief: InterviewDebrief): string {
  const heading = `${inline(debrief.postingTitle)}${debrief.company ? ` at ${inline(debrief.company)}` : ""}`;
  const out: string[] = [
    `# Interview debrief: ${heading}`,
    "",
    `- Started: ${date(debrief.startedAt)}${debrief.completedAt ? ` · finished: ${date(debrief.completedAt)}` : ` · ${debrief.status === "paused" ? "paused" : "in progress"}`}`,
    `- Attempt ${debrief.retakeNumber} · focus: ${debrief.focus} · ${debrief.exchanges.length} question${debrief.exchanges.length === 1 ? "" : "s"}, ${debrief.exchanges.filter((e) => e.answer !== null).length} answered`,
    ...(debrief.cost ? [`- AI cost: ${debrief.cost}`] : []),
    "",
    "Scores run from 0 to 100: 80 and above is strong, 60–79 developing, below 60 needs work. They are an AI's judgement of a practice answer, meant to show what to work on.",
    "",
  ];

  if (debrief.feedback) {
    const f = debrief.feedback;
    out.push(
      "## Overall",
      "",
      "| Dimension | Score | Meaning |",
      "| --- | --- | --- |",
      score("**Overall**", f.overall),
      score("Technical accuracy", f.technicalAccuracy),
      score("Communication clarity", f.communicationClarity),
      score("Problem solving", f.problemSolving),
      score("Relevance to the role", f.relevance),
      "",
      inline(f.overallComments),
      "",
      `**Technical accuracy.** ${inline(f.technicalFeedback)}`,
      "",
      `**Communication.** ${inline(f.communicationFeedback)}`,
      "",
      `**Problem solving.** ${inline(f.problemSolvingFeedback)}`,
      "",
      `**Relevance.** ${inline(f.relevanceFeedback)}`,
      "",
      ...(f.knowledgeGaps.length ? ["**Knowledge gaps**", "", ...f.knowledgeGaps.map((g) => `- ${inline(g)}`), ""] : []),
      ...recommendations("What to study next", f.learningRecommendations),
    );
  }

  out.push("## Questions and answers", "");
  for (const e of debrief.exchanges) {
    out.push(`### ${e.number}. ${TYPE_LABEL[e.type]} question${e.isFollowUp ? " (follow-up)" : ""}`, "", quoteBlock(e.question), "");
    if (e.answer === null) {
      out.push("*Not answered.*", "");
      continue;
    }
    out.push("**Your answer**", "", quoteBlock(e.answer), "");
    const ev = e.evaluation;
    if (!ev) {
      out.push("*Not scored.*", "");
      continue;
    }
    out.push(
      "| Dimension | Score | Meaning |",
      "| --- | --- | --- |",
      score("Relevance", ev.relevance),
      score("Completeness", ev.completeness),
      score("Technical correctness", ev.technicalCorrectness),
      score("Clarity", ev.clarity),
      "",
      inline(ev.summary),
      "",
      ...judgements("Strengths", ev.strengths),
      ...judgements("To improve", ev.improvements),
      ...(ev.knowledgeGaps.length ? ["**Knowledge gaps**", "", ...ev.knowledgeGaps.map((g) => `- ${inline(g)}`), ""] : []),
      ...recommendations("Recommended", ev.recommendations),
      ...(ev.graderModel || ev.rubricVersion
        ? [`*Scored by ${inline(ev.graderModel ?? "the AI")}${ev.rubricVersion ? `, rubric ${inline(ev.rubricVersion)}` : ""}.*`, ""]
        : []),
    );
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
