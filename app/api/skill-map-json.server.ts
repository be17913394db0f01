import { z } from "zod";
import { REQUIREMENT_KINDS, type PostingRequirement } from "#app/domain/practice/requirements.ts";
import { RESUME_SUPPORT_RULE } from "#app/domain/practice/resume-support.ts";
import { describeSkillChange, SKILL_STATE_RULE, SKILL_STATES } from "#app/domain/practice/skill-state.ts";
import type { SkillMapView } from "#app/models/skill-map.server.ts";
import { Id, OperationStatus, Timestamp } from "./json.ts";

/** JSON shapes of a posting's skill map (snake_case, ISO dates): each serializer returns the `z.infer` of the schema beside it. */

const SkillState = z.enum(SKILL_STATES);
const Offsets = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

export const RequirementJson = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(REQUIREMENT_KINDS),
    weight: z.number().int().min(1).max(3).describe("3 essential, 2 important, 1 nice to have."),
    source: z.enum(["extracted", "user"]).describe("extracted from the posting, or added by the user."),
    name_edited: z.boolean().describe("Renamed by the user: a re-extraction keeps the user's name."),
    weight_edited: z.boolean().describe("Re-weighted by the user: a re-extraction keeps the user's weight."),
    posting_evidence: z
      .array(Offsets.extend({ field: z.enum(["title", "experience_level", "tech_stack", "description"]), text: z.string() }))
      .describe("The posting lines that state it, with their offsets in that field."),
  })
  .describe("A requirement of a job posting.");
export type RequirementJson = z.infer<typeof RequirementJson>;

export function requirementJson(r: PostingRequirement): RequirementJson {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    weight: r.weight,
    source: r.source,
    name_edited: r.nameEdited,
    weight_edited: r.weightEdited,
    posting_evidence: r.evidence.map((e) => ({ field: e.field, start: e.start, end: e.end, text: e.text })),
  };
}

export const SkillMapJson = z
  .object({
    job_posting_id: Id,
    title: z.string(),
    company: z.string().nullable(),
    state_rule: z.string().describe("How a requirement's state is decided."),
    resume_rule: z.string().describe("When a résumé line supports a requirement."),
    extracted_at: Timestamp.nullable().describe("When the posting's requirements were last read; null: not yet."),
    extraction: z
      .object({ operation_id: Id, status: OperationStatus, error_message: z.string().nullable() })
      .nullable()
      .describe("The latest extraction of the requirements (poll the operation while it runs)."),
    requirements: z.array(
      RequirementJson.extend({
        state: SkillState,
        state_since: Timestamp.nullable().describe("When the state last changed; null while not yet probed."),
        average: z.number().nullable().describe("The average of the last 3 scored answers."),
        scored_answers: z.number().int().nonnegative(),
        resume: z.object({
          supported: z.boolean(),
          mentions: z.array(z.object({ text: z.string(), start: z.number().int(), end: z.number().int(), matches: z.array(Offsets) })),
        }),
        probes: z
          .array(
            z.object({
              question_id: Id,
              session_id: Id,
              question: z.string(),
              asked_at: Timestamp,
              answer_id: Id.nullable(),
              answered_at: Timestamp.nullable(),
              score: z.number().nullable().describe("The answer's score (mean of its four evaluation scores); null until scored."),
            }),
          )
          .describe("The questions that probed it, oldest first, across attempts."),
        changes: z
          .array(
            z.object({
              at: Timestamp,
              from: SkillState,
              to: SkillState,
              answer_id: Id.describe("The answer that caused the change."),
              question_id: Id,
              session_id: Id.nullable(),
              score: z.number(),
              average: z.number(),
              answers_counted: z.number().int(),
              explanation: z.string(),
            }),
          )
          .describe("Every change of state, oldest first, each with the answer that caused it."),
        // ── issue 19: spaced review ──
        second_tries: z
          .array(
            z.object({
              first_answer_id: Id.describe("The missed answer."),
              first_session_id: Id.nullable(),
              first_score: z.number(),
              second_answer_id: Id.describe("The answer to the first review (a fresh wording of the question)."),
              second_session_id: Id.nullable(),
              second_score: z.number(),
              change: z.number(),
              better: z.boolean().describe("The second try scored at least 5 points more."),
            }),
          )
          .describe("For each missed question tried again in a review drill: the first try against the second."),
      }),
    ),
    removed: z
      .array(z.object({ id: Id, name: z.string() }))
      .describe("Requirements you removed (a re-extraction does not bring them back)."),
  })
  .describe("The skill map of a job posting.");
export type SkillMapJson = z.infer<typeof SkillMapJson>;

export function skillMapJson(map: SkillMapView): SkillMapJson {
  const op = map.extraction.operation;
  return {
    job_posting_id: map.posting.id,
    title: map.posting.title,
    company: map.posting.company,
    state_rule: SKILL_STATE_RULE,
    resume_rule: RESUME_SUPPORT_RULE,
    extracted_at: map.extraction.extractedAt?.toISOString() ?? null,
    extraction: op ? { operation_id: op.id, status: op.status, error_message: op.errorMessage } : null,
    requirements: map.entries.map((e) => {
      const sessionOf = new Map(e.probes.map((p) => [p.questionId, p.sessionId]));
      return {
        ...requirementJson(e.requirement),
        state: e.skill.state,
        state_since: e.skill.since?.toISOString() ?? null,
        average: e.skill.average,
        scored_answers: e.skill.scoredAnswers,
        resume: {
          supported: e.resume.supported,
          mentions: e.resume.mentions.map((m) => ({
            text: m.sentence.text,
            start: m.sentence.start,
            end: m.sentence.end,
            matches: m.matches,
          })),
        },
        probes: e.probes.map((p) => ({
          question_id: p.questionId,
          session_id: p.sessionId,
          question: p.question,
          asked_at: p.askedAt.toISOString(),
          answer_id: p.answer?.id ?? null,
          answered_at: p.answer?.at.toISOString() ?? null,
          score: p.answer?.score ?? null,
        })),
        changes: e.skill.changes.map((c) => ({
          at: c.at.toISOString(),
          from: c.from,
          to: c.to,
          answer_id: c.answerId,
          question_id: c.questionId,
          session_id: sessionOf.get(c.questionId) ?? null,
          score: c.score,
          average: c.average,
          answers_counted: c.answersCounted,
          explanation: describeSkillChange(c),
        })),
        second_tries: e.secondTries.map((t) => {
          const sessionOfAnswer = new Map(e.scores.map((sc) => [sc.answerId, sc.sessionId]));
          return {
            first_answer_id: t.firstAnswerId,
            first_session_id: sessionOfAnswer.get(t.firstAnswerId) ?? null,
            first_score: t.firstScore,
            second_answer_id: t.secondAnswerId,
            second_session_id: sessionOfAnswer.get(t.secondAnswerId) ?? null,
            second_score: t.secondScore,
            change: t.change,
            better: t.better,
          };
        }),
      };
    }),
    removed: map.removed,
  };
}
