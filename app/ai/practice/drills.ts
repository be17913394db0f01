import { z } from "zod";
import { isRepeatQuestion, type PostingContext } from "#app/ai/prompts.ts";
import { QUESTION_TYPES, type QuestionTypeName } from "#app/ai/schemas.ts";
import { mentionsTopic } from "#app/domain/practice/text-match.ts";
import { clip, fenced, messages, postingHeader, PRACTICE_DATA_RULE, PROMPT_LIMITS } from "./prompt-parts.ts";

/**
 * Drills and spaced review: prompts, output schemas and checks.
 *
 * A drill is a short session (DRILL_LENGTH questions) on ONE topic — a
 * knowledge gap from an evaluation or a weak requirement of the skill map —
 * with feedback after each answer. Its questions are held to the topic in
 * code, not only in the prompt: a question must name the topic (a meaningful
 * word of it or a synonym, `mentionsTopic`) and must not repeat a question
 * asked before (`isRepeatQuestion`, the interview's own repeat rule).
 *
 * A review question is a fresh wording of a question the candidate missed:
 * the same knowledge, asked differently, never the original again.
 */

export const DRILL_LENGTH = 3;

export type DrillTopic = { kind: "knowledge_gap" | "requirement"; name: string };

const QUESTION_MAX = 1_500;

function questionShapeProblem(text: string) {
  const question = text.trim();
  if (question.length < 10) return "the question was empty or too short; ask a complete question";
  if (question.length > QUESTION_MAX) return "the question was too long; keep it to one to three sentences";
  return null;
}

// --- Drill questions ------------------------------------------------------------------

export const DRILL_QUESTION_SCHEMA_NAME = "drill_question";

export const DrillQuestionOutput = z.object({
  question: z.string().describe("One question on the drill's topic only, 1–3 sentences, naming the topic"),
  type: z.enum(QUESTION_TYPES),
  probes: z.string().describe("Which part of the topic this question tests, in a short phrase"),
});
export type DrillQuestionOutput = z.infer<typeof DrillQuestionOutput>;

export type DrillQuestionInput = {
  posting: PostingContext;
  resume: string;
  topic: DrillTopic;
  /** 1-based number of the question to write, of `total`. */
  number: number;
  total: number;
  /** This drill's questions so far, with the answers and the feedback's summary when there is one. */
  drill: ReadonlyArray<{ question: string; answer: string | null; feedback: string | null }>;
  /** Every question asked on this topic before (earlier drills, interviews): none may come back. */
  askedBefore: readonly string[];
  retryNumber?: number;
  correction?: string;
};

export function drillQuestionMessages(input: DrillQuestionInput) {
  const topicName = input.topic.name.replace(/\s+/g, " ").trim();
  const soFar = input.drill.length
    ? input.drill
        .map((d, i) =>
          [
            `Q${i + 1}: ${fenced("question", d.question)}`,
            d.answer === null ? "(not answered)" : `A${i + 1}: ${fenced("answer", clip(d.answer, 2_500))}`,
            d.feedback ? `Feedback: ${d.feedback}` : "",
          ]
            .filter(Boolean)
            .join("\n"),
        )
        .join("\n\n")
    : "No questions yet.";
  return messages(
    [
      "You run a short practice drill for a job candidate: a few questions on ONE topic, each answerable in a few minutes.",
      "Every question must be about the drill's topic and nothing else, and must name the topic in its wording. Do not wander to other skills of the job, even related ones.",
      "Go from the basics of the topic towards harder, more applied questions over the drill; build on the candidate's previous answers where they were weak. Ground the question in the job and, where it fits, the candidate's résumé.",
      "Never repeat or lightly rephrase a question listed as asked before.",
      PRACTICE_DATA_RULE,
    ],
    [
      `## The job\n${postingHeader(input.posting)}`,
      `## The candidate's résumé\n${fenced("resume", clip(input.resume, 6_000))}`,
      `## The drill's topic (${input.topic.kind === "requirement" ? "a requirement of the job" : "a knowledge gap from an earlier answer"})`,
      fenced("topic", topicName),
      `## This drill so far (question ${input.number} of ${input.total} comes next)`,
      soFar,
      input.askedBefore.length
        ? `## Asked before on this topic (do not repeat)\n${fenced(
            "earlier_questions",
            input.askedBefore
              .slice(-40)
              .map((q) => `- ${q}`)
              .join("\n"),
          )}`
        : "",
      `## Your task\nWrite question ${input.number} of ${input.total} on the topic above.`,
      input.retryNumber
        ? `Earlier tries could not be used (this is try ${input.retryNumber + 1}): take a fresh angle on the same topic.`
        : "",
      input.correction ? `Your previous reply could not be used: ${input.correction}` : "",
    ],
  );
}

/** Why a drill question cannot be used (off its topic, a repeat, empty or too long), or null. */
export function drillQuestionProblem(question: string, context: { topic: DrillTopic; asked: readonly string[] }) {
  const shape = questionShapeProblem(question);
  if (shape) return shape;
  if (!mentionsTopic(question, context.topic.name)) {
    return `the question must be about the drill's topic "${context.topic.name}" and name it; ask about that topic only`;
  }
  if (isRepeatQuestion(question, [...context.asked])) return "it repeats a question asked before; ask about another aspect of the topic";
  return null;
}

// --- Fresh wording of a missed question --------------------------------------------------------

export const REVIEW_QUESTION_SCHEMA_NAME = "review_question";

export const ReviewQuestionOutput = z.object({
  question: z.string().describe("The missed question's knowledge asked anew: different wording and angle, same topic"),
  probes: z.string().describe("What the question tests, in a short phrase"),
});
export type ReviewQuestionOutput = z.infer<typeof ReviewQuestionOutput>;

export type ReviewQuestionInput = {
  posting: PostingContext;
  resume: string;
  topic: DrillTopic;
  missed: { question: string; type: QuestionTypeName; answer: string; improvements: readonly string[] };
  /** Every wording of this question already used (the original included). */
  earlierWordings: readonly string[];
  correction?: string;
};

export function reviewQuestionMessages(input: ReviewQuestionInput) {
  return messages(
    [
      "You help a job candidate review a question they answered poorly some days ago. Write a FRESH question that tests the same knowledge: different wording, a different concrete scenario or angle, the same topic and difficulty, and the same type of question.",
      "It must not repeat or lightly rephrase any earlier wording listed below: someone who memorised the old answer should still have to think. Name the topic in the question.",
      PRACTICE_DATA_RULE,
    ],
    [
      `## The job\n${postingHeader(input.posting)}`,
      `## The candidate's résumé\n${fenced("resume", clip(input.resume, 6_000))}`,
      `## The topic\n${fenced("topic", input.topic.name.replace(/\s+/g, " ").trim())}`,
      `## The missed question (${input.missed.type})\n${fenced("question", clip(input.missed.question, PROMPT_LIMITS.question))}`,
      `## The candidate's answer then\n${fenced("answer", clip(input.missed.answer, 3_000))}`,
      input.missed.improvements.length ? `## What the answer lacked\n${input.missed.improvements.map((i) => `- ${i}`).join("\n")}` : "",
      `## Earlier wordings (do not repeat any)\n${fenced("earlier_questions", input.earlierWordings.map((q) => `- ${q}`).join("\n"))}`,
      input.correction ? `Your previous reply could not be used: ${input.correction}` : "",
    ],
  );
}

/** Why a fresh wording cannot be used (the original again, off its topic, empty or too long), or null. */
export function reviewQuestionProblem(question: string, context: { topic: DrillTopic; earlierWordings: readonly string[] }) {
  const shape = questionShapeProblem(question);
  if (shape) return shape;
  if (isRepeatQuestion(question, [...context.earlierWordings])) {
    return "it is the same question as before in nearly the same words; ask about the same knowledge with a different scenario and wording";
  }
  if (!mentionsTopic(question, context.topic.name)) return `the question must stay on the topic "${context.topic.name}" and name it`;
  return null;
}
