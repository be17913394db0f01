import type { AiSettings } from "../client.server.ts";
import type { PostingContext } from "../prompts.ts";
import type { QuestionTypeName, RecommendationItem } from "../schemas.ts";
import { generateStructured } from "../structured.server.ts";
import { gradingMessages } from "./prompts.ts";
import { verifyJudgements, verifyQuote, type Judgement, type TextRange } from "./quotes.ts";
import { RUBRIC_VERSION, type Scores } from "./rubric.ts";
import { AnswerGradeOutput } from "./schemas.ts";
import { applyCaps, screenAnswer, type AnswerClass, type Screening } from "./screening.ts";

/**
 * Grading one answer: screening in code, the grader model on what is left,
 * then code again — quotes checked against the answer, scores held under the
 * screening's caps. The grader runs at temperature 0 with a fixed seed so the
 * same answer gets the same band when graded again (providers that refuse
 * `seed` or temperature 0 are asked again without it: see generateStructured).
 */

/** Sampling for every grading call: as repeatable as the provider allows. */
export const GRADER_SAMPLING = { temperature: 0, seed: 17 } as const;

export type GradeAnswerInput = {
  posting: PostingContext;
  resume: string;
  question: { text: string; type: QuestionTypeName; isFollowUp: boolean; probes: string | null };
  answer: string;
  /** The grading model; defaults to `settings.model` (the user may pick a stronger model for grading than for asking). */
  graderModel?: string;
};

export type FactualError = { quote: string; correction: string; verified: boolean; ranges: TextRange[] };

export type GradedAnswer = {
  class: AnswerClass;
  /** What the candidate is told about a screened answer (null for an ordinary answer). */
  message: string | null;
  /** Final scores: the model's, under the screening's caps. */
  scores: Scores;
  /** The model's own scores before the caps (null when the model was not asked). */
  modelScores: Scores | null;
  summary: string;
  /** Only verified strengths may be shown as facts; a non-answer has none. */
  strengths: Judgement[];
  improvements: Judgement[];
  factualErrors: FactualError[];
  knowledgeGaps: string[];
  recommendations: RecommendationItem[];
  /** What a complete answer to this question covers. */
  completeAnswer: string[];
  /** Passages of the answer addressed to the grader, which were not graded. */
  injection: TextRange[];
  language: Screening["language"];
  rubricVersion: string;
  graderModel: string;
  /** The sampling settings the provider accepted (seed or temperature dropped when it refused them). */
  sampling: Record<string, number>;
  /**
   * Replies received (2 when the first was sent back), how many of them were not valid structured
   * output, and their tokens: for the evaluation harness and cost.
   */
  usage: { replies: number; invalidReplies: number; promptTokens: number; completionTokens: number };
};

export type GradeOptions = {
  /** Client settings instead of the environment's (stand-alone scripts). */
  client?: { timeoutMs: number; maxRetries: number };
};

/** Too many quotes not found in the answer: the reply is sent back once with the ones that failed. */
const UNVERIFIED_SHARE_FOR_RETRY = 0.5;

export async function gradeAnswer(settings: AiSettings, input: GradeAnswerInput, options: GradeOptions = {}): Promise<GradedAnswer> {
  const graderModel = input.graderModel ?? settings.model;
  const screening = screenAnswer({ question: input.question.text, answer: input.answer });
  const base = {
    class: screening.class,
    message: screening.message,
    injection: screening.injection,
    language: screening.language,
    rubricVersion: RUBRIC_VERSION,
    graderModel,
  };

  if (screening.skipModel) {
    return {
      ...base,
      scores: applyCaps({ relevance: 0, completeness: 0, technicalCorrectness: 0, clarity: 0 }, screening.caps),
      modelScores: null,
      summary: screening.message ?? "",
      strengths: [],
      improvements: [],
      factualErrors: [],
      knowledgeGaps: [],
      recommendations: [],
      // Without a model call, the question's own aim is what a complete answer shows.
      completeAnswer: input.question.probes ? [input.question.probes] : [],
      sampling: {},
      usage: { replies: 0, invalidReplies: 0, promptTokens: 0, completionTokens: 0 },
    };
  }

  const usage = { replies: 0, invalidReplies: 0, promptTokens: 0, completionTokens: 0 };
  let sampling: Record<string, number> = {};
  const replies: AnswerGradeOutput[] = [];
  const output = await generateStructured({
    settings: { ...settings, model: graderModel },
    schema: AnswerGradeOutput,
    name: "answer_grade",
    sampling: GRADER_SAMPLING,
    client: options.client,
    onReply: (reply) => {
      usage.replies++;
      usage.promptTokens += reply.usage?.promptTokens ?? 0;
      usage.completionTokens += reply.usage?.completionTokens ?? 0;
      sampling = reply.sampling;
    },
    messages: (correction) =>
      gradingMessages({
        posting: input.posting,
        resume: input.resume,
        question: input.question,
        answer: screening.gradedText,
        correction,
      }),
    accept: (reply) => {
      replies.push(reply);
      const failed = unverifiedQuotes(input.answer, reply);
      const quoted = quotesOf(reply).length;
      if (quoted >= 2 && failed.length / quoted > UNVERIFIED_SHARE_FOR_RETRY) {
        return `these quotes are not in the candidate's answer: ${failed
          .slice(0, 5)
          .map((q) => JSON.stringify(q.slice(0, 120)))
          .join(", ")}. Quote only words the candidate actually wrote, copied exactly.`;
      }
      return null;
    },
    // Both replies misquoted the answer: keep the one with more verified quotes; its misquotes are marked unverified.
    lastResort: () =>
      replies.toSorted((a, b) => unverifiedQuotes(input.answer, a).length - unverifiedQuotes(input.answer, b).length)[0] ?? null,
  });

  // `accept` sees every reply that parsed; the others were not valid structured output.
  usage.invalidReplies = usage.replies - replies.length;
  const modelScores: Scores = {
    relevance: output.relevance,
    completeness: output.completeness,
    technicalCorrectness: output.technical_correctness,
    clarity: output.clarity,
  };
  const nonAnswer = screening.dropStrengths;
  return {
    ...base,
    scores: applyCaps(modelScores, screening.caps),
    modelScores,
    // A non-answer gets our message, not the model's prose (which may praise what isn't there).
    summary: nonAnswer ? (screening.message ?? "") : [screening.message, output.summary.trim()].filter(Boolean).join(" "),
    strengths: nonAnswer ? [] : verifyJudgements(input.answer, tidy(output.strengths, 6)),
    improvements: verifyJudgements(input.answer, tidy(output.improvements, 8)),
    factualErrors: output.factual_errors
      .filter((e) => e.quote.trim() && e.correction.trim())
      .slice(0, 8)
      .map((e) => ({ quote: e.quote.trim(), correction: e.correction.trim(), ...verifyQuote(input.answer, e.quote) })),
    knowledgeGaps: tidyStrings(output.knowledge_gaps, 10),
    recommendations: output.recommendations.slice(0, 8),
    completeAnswer: tidyStrings(output.complete_answer, 8),
    sampling,
    usage,
  };
}

function tidy(items: Array<{ point: string; quote: string }>, max: number) {
  return items.filter((i) => i.point.trim()).slice(0, max);
}

function tidyStrings(items: string[], max: number) {
  return items
    .map((i) => i.trim())
    .filter(Boolean)
    .slice(0, max);
}

function quotesOf(reply: AnswerGradeOutput): string[] {
  return [...reply.strengths, ...reply.improvements, ...reply.factual_errors].map((j) => j.quote).filter((q) => q.trim());
}

function unverifiedQuotes(answer: string, reply: AnswerGradeOutput): string[] {
  return quotesOf(reply).filter((q) => !verifyQuote(answer, q).verified);
}
