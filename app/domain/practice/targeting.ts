import { isGap, stateAt, type SkillChange, type SkillStateName } from "./skill-state.ts";
import type { RequirementKind } from "./requirements.ts";

/**
 * "Weakest skills first": which requirement the next question should probe.
 * Pure and client-safe.
 *
 * The order, most urgent first:
 *   1. gaps (weak or not yet probed) before developing before strong;
 *   2. within that, asked least often in this interview so far (so one
 *      interview covers several gaps instead of drilling one requirement five
 *      times — that is what a drill is for);
 *   3. heavier weight first (3 = essential);
 *   4. weak before not yet probed (a known weakness is the surer gap), then
 *      the lower average;
 *   5. the map's own order (stable for ties).
 */

export type TargetCandidate = {
  id: string;
  name: string;
  kind: RequirementKind;
  weight: number;
  state: SkillStateName;
  average: number | null;
};

export type RankedTarget = TargetCandidate & { askedInThisInterview: number };

const BAND: Record<SkillStateName, number> = { weak: 0, not_probed: 0, developing: 1, strong: 2 };

export function pickTargets(
  requirements: readonly TargetCandidate[],
  asked: ReadonlyArray<{ requirementIds: readonly string[] }>,
  options: { count?: number } = {},
): { targets: RankedTarget[]; ranked: RankedTarget[] } {
  const count = new Map<string, number>();
  for (const question of asked) for (const id of new Set(question.requirementIds)) count.set(id, (count.get(id) ?? 0) + 1);
  const ranked = requirements
    .map((r, order) => ({ ...r, askedInThisInterview: count.get(r.id) ?? 0, order }))
    .sort(
      (a, b) =>
        BAND[a.state] - BAND[b.state] ||
        a.askedInThisInterview - b.askedInThisInterview ||
        b.weight - a.weight ||
        Number(b.state === "weak") - Number(a.state === "weak") ||
        (a.average ?? 101) - (b.average ?? 101) ||
        a.order - b.order,
    )
    .map(({ order: _order, ...r }) => r);
  return { targets: ranked.slice(0, Math.max(1, options.count ?? 1)), ranked };
}

/** The bench's measure: at least this share of a weakest-first interview's questions must target a gap. */
export const TARGETING_SHARE_GOAL = 0.8;

/**
 * The share of questions that targeted a weak or not-yet-probed requirement,
 * judged by the state each requirement had when the question was asked (the
 * map moves after every scored answer). A question that records no
 * requirement counts as not targeted.
 */
export function targetingShare(
  questions: ReadonlyArray<{ askedAt: Date; requirementIds: readonly string[] }>,
  map: ReadonlyArray<{ id: string; changes: readonly SkillChange[] }>,
) {
  const changesOf = new Map(map.map((r) => [r.id, r.changes]));
  const perQuestion = questions.map((q) =>
    q.requirementIds.some((id) => {
      const changes = changesOf.get(id);
      return changes !== undefined && isGap(stateAt(changes, q.askedAt));
    }),
  );
  const targeted = perQuestion.filter(Boolean).length;
  return {
    total: questions.length,
    targeted,
    share: questions.length ? targeted / questions.length : null,
    meetsGoal: questions.length > 0 && targeted / questions.length >= TARGETING_SHARE_GOAL,
    perQuestion,
  };
}
