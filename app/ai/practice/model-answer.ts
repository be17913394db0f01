import { z } from "zod";
import type { PostingContext } from "#app/ai/prompts.ts";
import type { QuestionTypeName } from "#app/ai/schemas.ts";
import { checkModelAnswerFacts, findPlaceholders, type FactCheck } from "#app/domain/practice/model-answer-facts.ts";
import { foldWord } from "#app/domain/practice/text-match.ts";
import { clip, fenced, messages, postingHeader, PRACTICE_DATA_RULE, PROMPT_LIMITS } from "./prompt-parts.ts";

/**
 * "Show a strong answer": the prompt, its schema, and the assembly of the
 * reply with the server's checks. The model may use only facts from the
 * résumé and the candidate's answer; where a strong answer needs a fact they
 * do not give, it writes a placeholder — "[your metric: …]" — and a question
 * to the candidate for it. The fact check (app/domain/practice/
 * model-answer-facts.ts) then flags any name or number that is in neither.
 */

export const MODEL_ANSWER_SCHEMA_NAME = "model_answer";

export const ModelAnswerOutput = z.object({
  answer: z
    .string()
    .describe("The strong answer in the candidate's voice, with [your …: …] placeholders for facts the résumé and answer do not give"),
  placeholders: z
    .array(
      z.object({
        marker: z.string().describe("The placeholder exactly as written in the answer, brackets included"),
        question: z.string().describe("The question to ask the candidate to fill it in"),
      }),
    )
    .describe("One entry per placeholder in the answer"),
});
export type ModelAnswerOutput = z.infer<typeof ModelAnswerOutput>;

export type ModelAnswerInput = {
  posting: PostingContext;
  resume: string;
  question: { text: string; type: QuestionTypeName };
  answer: string;
};

export function modelAnswerMessages(input: ModelAnswerInput, correction?: string) {
  const behavioural = input.question.type === "behavioral" || input.question.type === "project";
  return messages(
    [
      "You write a model answer to one interview question for this candidate: what a strong candidate with exactly this résumé would say.",
      "Use only facts found in the candidate's résumé or in their own answer: employers, projects, products, technologies, numbers, dates. Never invent a fact, a name or a number.",
      "Where a strong answer needs a fact they do not give (a metric, an outcome, a team size, a date), write a placeholder in square brackets that starts with 'your', e.g. [your metric: how much faster the page loaded], and add a question that asks the candidate for that fact. Prefer a placeholder to a vague claim.",
      behavioural
        ? "Follow Situation, Task, Action, Result. Speak in the first person: 'I' for what the candidate did, 'we' only for the team's work. End with the result and what was learned."
        : "Answer the question directly first, then support it with the candidate's own experience where the résumé or answer gives some.",
      "Keep it to about two minutes of speaking (120–250 words). Write numbers as digits. Write in the language of the question.",
      PRACTICE_DATA_RULE,
    ],
    [
      `## The job\n${postingHeader(input.posting)}`,
      `## The candidate's résumé\n${fenced("resume", clip(input.resume, PROMPT_LIMITS.resume))}`,
      `## The question (${input.question.type})\n${fenced("question", clip(input.question.text, PROMPT_LIMITS.question))}`,
      `## The candidate's answer\n${fenced("answer", clip(input.answer, PROMPT_LIMITS.answer))}`,
      correction ? `Your previous reply could not be used: ${correction}` : "",
    ],
  );
}

export type ModelAnswer = {
  text: string;
  /** Every placeholder in the text, in order, with the question for the candidate. */
  placeholders: Array<{ marker: string; label: string; question: string; start: number; end: number }>;
  facts: FactCheck;
};

const sameMarker = (a: string, b: string) => a.split(/\s+/).map(foldWord).join(" ") === b.split(/\s+/).map(foldWord).join(" ");

/**
 * The reply with the server's checks: placeholders are read from the text
 * itself (the list the model returns only supplies their questions; a
 * placeholder it forgot to list gets a plain question, a listed one that is
 * not in the text is ignored), and names and numbers are checked against the
 * résumé, the answer, the question and the posting's title and company.
 */
export function assembleModelAnswer(output: ModelAnswerOutput, input: ModelAnswerInput): ModelAnswer {
  const text = output.answer.trim();
  const placeholders = findPlaceholders(text).map((p) => {
    const listed = output.placeholders.find((l) => sameMarker(l.marker.trim(), p.marker))?.question.trim();
    const what = p.label.replace(/^your\s+/i, "");
    return { ...p, question: listed || `Can you fill this in: ${what}?` };
  });
  const facts = checkModelAnswerFacts(text, {
    resume: input.resume,
    answer: input.answer,
    question: input.question.text,
    posting: { title: input.posting.title, company: input.posting.company },
  });
  return { text, placeholders, facts };
}

/** Why a model answer's text cannot be used at all (empty, too short or too long), or null. */
export function modelAnswerShapeProblem(modelAnswer: ModelAnswer) {
  if (modelAnswer.text.length < 40) return "the answer was empty or too short; write the full model answer";
  if (modelAnswer.text.length > 6_000) return "the answer was too long; keep it to about 250 words";
  return null;
}

/** The note for a model answer that names facts from nowhere, or null when every name and number checks out. */
export function inventedFactsProblem(modelAnswer: ModelAnswer) {
  const invented = [...new Set(modelAnswer.facts.flags.map((f) => `"${f.text}"`))];
  if (!invented.length) return null;
  return `it names things that are not in the résumé or the candidate's answer: ${invented.slice(0, 8).join(", ")}. Use only their facts; where a strong answer needs a fact they do not give, write a placeholder such as [your metric: …] and ask for it.`;
}
