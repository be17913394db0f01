import { z } from "zod";
import { QuestionOutput } from "#app/ai/schemas.ts";
import { SKILL_STATE_LABELS } from "#app/domain/practice/skill-state.ts";
import { pickTargets, type TargetCandidate } from "#app/domain/practice/targeting.ts";
import { fenced, type Messages } from "./prompt-parts.ts";

/**
 * "Weakest skills first" for the question generator: the extra prompt
 * section that lists the posting's requirements and names the one to aim at,
 * and the output schema extension through which each question records which
 * requirement(s) it probes. Requirements are shown as short references (R1,
 * R2…) rather than database ids — short tokens a model copies reliably — and
 * the references in the reply are checked against the list sent.
 *
 * Phase 2 wires this into worker/jobs/generate-question.ts: the section is
 * appended with `withTargeting` and `checkProbedRequirements` runs inside
 * `accept`, next to the repeat check.
 */

export const TARGETED_QUESTION_SCHEMA_NAME = "targeted_interview_question";

export const TargetedQuestionOutput = QuestionOutput.extend({
  requirement_ids: z
    .array(z.string())
    .describe("The ids (R1, R2…) of the requirements from the list that this question probes, the targeted one first"),
});
export type TargetedQuestionOutput = z.infer<typeof TargetedQuestionOutput>;

export type RequirementRef = TargetCandidate & { ref: string };

/** R1, R2… in the order given (the map's order). */
export function requirementRefs(requirements: readonly TargetCandidate[]): RequirementRef[] {
  return requirements.map((r, i) => ({ ...r, ref: `R${i + 1}` }));
}

/** The section appended to the question prompt: the requirements with their states, and the one to aim at. */
export function targetingSection(refs: readonly RequirementRef[], targetIds: readonly string[]) {
  const targets = refs.filter((r) => targetIds.includes(r.id));
  const list = refs
    .map((r) => `${r.ref}: ${r.name.replace(/\s+/g, " ")} (${r.kind}, weight ${r.weight}) — ${SKILL_STATE_LABELS[r.state].toLowerCase()}`)
    .join("\n");
  const aim = targets.length
    ? `Aim this question at ${targets.map((t) => `${t.ref} (${t.name})`).join(" and ")}: ${
        targets.length === 1 ? "it is" : "they are"
      } where the candidate is weakest or has not been tested yet. Ask about it directly and concretely, within the planned question type.`
    : "Aim this question at the requirement above where the candidate is weakest or has not been tested yet.";
  return [
    "## The requirements of this job (this interview practises the weakest first)",
    "Each line: id, requirement (kind, weight: 3 = essential), how the candidate has done on it so far.",
    fenced("requirements", list),
    aim,
    `In \`requirement_ids\`, list the ids of every requirement above that the question probes${
      targets.length ? `, ${targets[0]!.ref} first` : ""
    }. Use only ids from this list.`,
  ].join("\n");
}

/** The question prompt with the targeting section added to the user message. */
export function withTargeting(prompt: Messages, section: string): Messages {
  return prompt.map((m, i) => (i === prompt.length - 1 && m.role === "user" ? { ...m, content: `${m.content}\n\n${section}` } : m));
}

/**
 * The requirement ids a reply's references resolve to (the targets first),
 * and a note for the model when the reply is not usable: it must name at
 * least one requirement from the list, and, when the interview aims at
 * targets, at least one of them. Unknown references are ignored.
 */
export function checkProbedRequirements(
  references: readonly string[],
  refs: readonly RequirementRef[],
  targetIds: readonly string[] = [],
): { requirementIds: string[]; problem: string | null } {
  const byRef = new Map(refs.map((r) => [r.ref.toUpperCase(), r]));
  const resolved = [...new Set(references.map((x) => byRef.get(x.trim().toUpperCase())?.id).filter((id): id is string => !!id))];
  const requirementIds = [...resolved.filter((id) => targetIds.includes(id)), ...resolved.filter((id) => !targetIds.includes(id))];
  if (!requirementIds.length) {
    return {
      requirementIds,
      problem: `requirement_ids must list the ids of the requirements the question probes, from the list (R1–R${refs.length})`,
    };
  }
  const targets = refs.filter((r) => targetIds.includes(r.id));
  if (targets.length && !requirementIds.some((id) => targetIds.includes(id))) {
    return {
      requirementIds,
      problem: `the question must probe ${targets.map((t) => `${t.ref} (${t.name})`).join(" or ")}, the requirement to practise now; ask about it and list its id first`,
    };
  }
  return { requirementIds, problem: null };
}

/**
 * For the other focuses (balanced, technical, behavioural): the same list of requirements, not to
 * aim at but to record which of them the question probes, so every interview moves the skill map.
 * The question is written as the focus plans it; the list only names what it turns out to test.
 */
export function taggingSection(refs: readonly RequirementRef[]) {
  const list = refs.map((r) => `${r.ref}: ${r.name.replace(/\s+/g, " ")} (${r.kind}, weight ${r.weight})`).join("\n");
  return [
    "## The requirements of this job (to record what the question probes)",
    "Each line: id, requirement (kind, weight: 3 = essential). Write the question as planned above; do not bend it towards this list.",
    fenced("requirements", list),
    "In `requirement_ids`, list the ids of the requirements above that the question probes (usually one or two). Use only ids from this list.",
  ].join("\n");
}

/**
 * The plan for a balanced, technical or behavioural question: the tagging section, and the reply's
 * references resolved against the list sent (unknown ones dropped, never invented). A reply that
 * names none is still used — recording is no reason to hold up the interview.
 */
export function planTagging(candidates: readonly TargetCandidate[]) {
  const refs = requirementRefs(candidates);
  return {
    section: taggingSection(refs),
    check(output: TargetedQuestionOutput, _isFollowUp: boolean) {
      return { requirementIds: checkProbedRequirements(output.requirement_ids, refs).requirementIds, problem: null };
    },
  };
}

/**
 * The plan for one "Weakest skills first" question: the prompt section aiming at the most
 * urgent requirement (pickTargets) and the check of the reply. A follow-up on the last answer
 * may stay on the last question's requirements instead.
 */
export function planTargeting(input: {
  candidates: readonly TargetCandidate[];
  asked: ReadonlyArray<{ requirementIds: readonly string[] }>;
  lastRequirementIds: readonly string[];
}) {
  const refs = requirementRefs(input.candidates);
  const targetIds = pickTargets(input.candidates, input.asked).targets.map((t) => t.id);
  return {
    targetIds,
    section: targetingSection(refs, targetIds),
    check(output: TargetedQuestionOutput, isFollowUp: boolean) {
      return checkProbedRequirements(output.requirement_ids, refs, isFollowUp ? [...targetIds, ...input.lastRequirementIds] : targetIds);
    },
  };
}
