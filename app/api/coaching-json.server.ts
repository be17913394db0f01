import { z } from "zod";
import { STAR_PARTS } from "#app/domain/practice/star.ts";
import type { getModelAnswer, getStarCheck } from "#app/models/answer-coaching.server.ts";
import { Id, OperationStatus, Timestamp } from "./json.ts";

/** JSON shapes of the coaching on one answer (issue 19): the strong answer and the STAR checklist. */

const Offsets = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative() };
const LatestOperation = z
  .object({ operation_id: Id, status: OperationStatus, error_message: z.string().nullable() })
  .nullable()
  .describe("The latest operation writing it (poll it while it runs).");

export const ModelAnswerJson = z
  .object({
    answer_id: Id,
    model_answer: z
      .object({
        id: Id,
        text: z.string(),
        placeholders: z
          .array(z.object({ marker: z.string(), label: z.string(), question: z.string(), ...Offsets }))
          .describe("Facts a strong answer needs that your résumé does not give: each [your …] marker with its question to you."),
        flags: z
          .array(z.object({ kind: z.enum(["name", "number"]), text: z.string(), reason: z.string(), ...Offsets }))
          .describe("Names and numbers the server found neither in your résumé nor in your answer."),
        checked: z.number().int().nonnegative().describe("How many names and numbers were checked."),
        created_at: Timestamp,
      })
      .nullable()
      .describe("The newest strong answer; null until one is written."),
    operation: LatestOperation,
  })
  .describe("The strong answer to one of your answers' questions.");
export type ModelAnswerJson = z.infer<typeof ModelAnswerJson>;

export function modelAnswerJson(found: NonNullable<Awaited<ReturnType<typeof getModelAnswer>>>): ModelAnswerJson {
  const m = found.modelAnswer;
  const op = found.operation;
  return {
    answer_id: found.answerId,
    model_answer: m
      ? {
          id: m.id,
          text: m.text,
          placeholders: m.placeholders.map((p) => ({ marker: p.marker, label: p.label, question: p.question, start: p.start, end: p.end })),
          flags: m.flags.map((f) => ({ kind: f.kind, text: f.text, reason: f.reason, start: f.start, end: f.end })),
          checked: m.checked,
          created_at: m.createdAt.toISOString(),
        }
      : null,
    operation: op ? { operation_id: op.id, status: op.status, error_message: op.errorMessage } : null,
  };
}

export const StarCheckJson = z
  .object({
    answer_id: Id,
    applies: z.boolean().describe("True for behavioural questions: their answers are checked by themselves once scored."),
    check: z
      .object({
        parts: z.array(
          z.object({
            part: z.enum(STAR_PARTS),
            present: z.boolean(),
            sentences: z.array(z.object({ text: z.string(), ...Offsets })).describe("The answer's own sentences for this part."),
            note: z.string(),
          }),
        ),
        complete: z.boolean().describe("All four parts are there."),
        result_quantified: z.boolean().describe("A result sentence carries a number."),
        says_i: z.boolean().describe("“I” at least as often as “we” in the action sentences."),
        pronouns: z.object({ i: z.number().int(), we: z.number().int() }),
        created_at: Timestamp,
      })
      .nullable(),
    operation: LatestOperation,
  })
  .describe("The STAR checklist of one answer.");
export type StarCheckJson = z.infer<typeof StarCheckJson>;

export function starCheckJson(found: NonNullable<Awaited<ReturnType<typeof getStarCheck>>>): StarCheckJson {
  const c = found.check;
  const op = found.operation;
  return {
    answer_id: found.answerId,
    applies: found.applies,
    check: c
      ? {
          parts: c.parts.map((p) => ({
            part: p.part,
            present: p.present,
            sentences: p.sentences.map((s) => ({ text: s.text, start: s.start, end: s.end })),
            note: p.note,
          })),
          complete: c.complete,
          result_quantified: c.resultQuantified,
          says_i: c.ownership.saysI,
          pronouns: c.ownership.actions ?? c.ownership.whole,
          created_at: c.createdAt.toISOString(),
        }
      : null,
    operation: op ? { operation_id: op.id, status: op.status, error_message: op.errorMessage } : null,
  };
}

export const StartedDrillJson = z
  .object({
    id: Id.describe("The drill's session: answer it like an interview (/sessions/{id}/answers)."),
    topic: z.string(),
    target_questions: z.number().int(),
    operation_id: Id.describe("Its first question."),
    created_at: Timestamp,
  })
  .describe("A drill: a short session of questions on one topic.");
export type StartedDrillJson = z.infer<typeof StartedDrillJson>;
