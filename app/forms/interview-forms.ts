import { z } from "./zod.ts";
import { cleanText } from "#app/utils/clean-text.ts";
import { ANSWER_LIMITS, INTERVIEW_FOCUSES, TARGET_QUESTIONS } from "#app/domain/interview-rules.ts";

/**
 * The interview pages' forms: starting one, answering (and saving a draft or
 * pausing with whatever is typed) and retaking. Validated in the actions and
 * in the browser as you type.
 */

export const StartSchema = z.object({
  jobPostingId: z.uuid({ error: "Choose a job posting" }),
  targetQuestions: z
    .number({ error: `Choose between ${TARGET_QUESTIONS.min} and ${TARGET_QUESTIONS.max} questions` })
    .check(
      z.int("Choose a whole number of questions"),
      z.gte(TARGET_QUESTIONS.min, `Choose at least ${TARGET_QUESTIONS.min} questions`),
      z.lte(TARGET_QUESTIONS.max, `Choose at most ${TARGET_QUESTIONS.max} questions`),
    ),
  focus: z.enum(INTERVIEW_FOCUSES, { error: "Choose a focus" }),
});

export const AnswerSchema = z.object({
  intent: z.literal("answer"),
  questionId: z.uuid(),
  answer: z
    .string({ error: "Write your answer before submitting" })
    .check(
      z.overwrite(cleanText),
      z.trim(),
      z.minLength(ANSWER_LIMITS.min, "Write your answer before submitting"),
      z.maxLength(ANSWER_LIMITS.max, `Answers can be at most ${ANSWER_LIMITS.max.toLocaleString("en")} characters — shorten it a little`),
    ),
});
// Saving a draft and pausing submit the answer form too, with whatever is typed (even nothing).
export const DraftSchema = z.object({
  intent: z.enum(["save-draft", "pause"]),
  questionId: z.uuid(),
  answer: z._default(
    z
      .string()
      .check(
        z.overwrite(cleanText),
        z.maxLength(ANSWER_LIMITS.max, `Drafts can be at most ${ANSWER_LIMITS.max.toLocaleString("en")} characters`),
      ),
    "",
  ),
});
/** The retake form's fields (one schema for every page that offers a retake). */
export const RetakeFormSchema = z.object({
  intent: z.literal("retake"),
  // A session of this posting (the progress page, which offers a retake of its latest attempt).
  sessionId: z.optional(z.uuid()),
  // An unticked checkbox sends nothing; a ticked one sends "on".
  repeatQuestions: z.pipe(
    z.optional(z.enum(["on", "true"])),
    z.transform((v) => v !== undefined),
  ),
});
