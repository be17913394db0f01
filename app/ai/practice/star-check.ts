import { z } from "zod";
import { splitSentences, sentencesByNumber, type Sentence } from "#app/domain/practice/sentences.ts";
import { isQuantified, ownership, STAR_PARTS, type StarPart } from "#app/domain/practice/star.ts";
import { clip, fenced, messages, numberedLines, PRACTICE_DATA_RULE, PROMPT_LIMITS } from "./prompt-parts.ts";

/**
 * The STAR check of a behavioural answer: prompt, schema and the assembly of
 * the result. The answer is shown to the model as numbered sentences and the
 * model answers with sentence numbers for each part, so each part's quote is
 * the candidate's own sentence, exactly — nothing to verify but that the
 * number exists. (A free-text quote would need the quote verifier of the
 * grading work; numbers make it unnecessary here.)
 *
 * Two verdicts are code's, not the model's: whether the result is quantified
 * (a number in a result sentence) and whether the candidate says "I" for
 * their own actions (pronouns counted in the action sentences).
 */

export const STAR_CHECK_SCHEMA_NAME = "star_check";

const Part = z.object({
  sentences: z
    .array(z.number().int())
    .describe("The numbers of the answer's sentences that show this part; empty when the answer lacks it"),
  note: z.string().describe("One short sentence: what the answer says for this part, or what is missing"),
});

export const StarCheckOutput = z.object({
  situation: Part.describe("The context: where, when, what was going on"),
  task: Part.describe("The candidate's own goal or responsibility in it"),
  action: Part.describe("What the candidate personally did"),
  result: Part.describe("The outcome, ideally measured, and what was learned"),
  result_quantified: z.boolean().describe("True when the result is stated with a number"),
});
export type StarCheckOutput = z.infer<typeof StarCheckOutput>;

export function starMessages(input: { question: string; sentences: readonly Sentence[] }, correction?: string) {
  return messages(
    [
      "You check whether a candidate's answer to a behavioural interview question follows STAR: Situation (the context), Task (their own goal or responsibility), Action (what they personally did), Result (the outcome, ideally measured).",
      "The answer is given as numbered sentences. For each part, give the numbers of the sentences that show it, or none when the answer lacks it. A sentence may show more than one part. Judge only what is written; do not give credit for what the candidate might have meant.",
      PRACTICE_DATA_RULE,
    ],
    [
      `## The question\n${fenced("question", clip(input.question, PROMPT_LIMITS.question))}`,
      `## The answer, sentence by sentence (1–${input.sentences.length})`,
      fenced("answer_sentences", numberedLines(input.sentences)),
      correction ? `Your previous reply could not be used: ${correction}` : "",
    ],
  );
}

/** Sentence numbers that name no sentence, as a note for the model; null when every number is real. */
export function starProblem(output: StarCheckOutput, sentenceCount: number) {
  const wrong = STAR_PARTS.flatMap((part) => output[part].sentences.filter((n) => n < 1 || n > sentenceCount));
  if (!wrong.length) return null;
  return `sentence number(s) ${[...new Set(wrong)].join(", ")} do not exist: the answer has ${sentenceCount} numbered sentences (1–${sentenceCount})`;
}

export type StarCheck = {
  parts: Array<{ part: StarPart; present: boolean; sentences: Sentence[]; note: string }>;
  /** All four parts present. */
  complete: boolean;
  /** Code's verdict: a number in a result sentence. */
  resultQuantified: boolean;
  /** The model's view, kept for comparison; the checklist shows `resultQuantified`. */
  modelSaysQuantified: boolean;
  ownership: ReturnType<typeof ownership>;
  sentenceCount: number;
};

/**
 * The checklist from the model's reply: a part is present when it cites at
 * least one real sentence (a part the model calls present without a
 * sentence to show for it is missing — there is nothing to quote). Null
 * `output` gives the checklist of an answer with no sentences at all.
 */
export function assembleStarCheck(answer: string, output: StarCheckOutput | null): StarCheck {
  const sentences = splitSentences(answer.slice(0, PROMPT_LIMITS.answer));
  const parts = STAR_PARTS.map((part) => {
    const cited = output ? sentencesByNumber(sentences, output[part].sentences) : [];
    return { part, present: cited.length > 0, sentences: cited, note: output?.[part].note.trim() ?? "" };
  });
  const result = parts.find((p) => p.part === "result")!;
  const action = parts.find((p) => p.part === "action")!;
  return {
    parts,
    complete: parts.every((p) => p.present),
    resultQuantified: result.sentences.some((s) => isQuantified(s.text)),
    modelSaysQuantified: output?.result_quantified ?? false,
    ownership: ownership(
      answer,
      action.sentences.map((s) => s.text),
    ),
    sentenceCount: sentences.length,
  };
}
