import { resumeSupport, type ResumeSupport } from "./resume-support.ts";
import { secondTry, type SecondTry } from "./review-schedule.ts";
import { skillState, type SkillState } from "./skill-state.ts";
import type { PostingRequirement } from "./requirements.ts";

/**
 * One row of the skill map: a requirement with its evidence — where the
 * résumé supports it, the questions that probed it and the scores of their
 * answers across attempts, its state with the answer behind each change, and
 * whether the second try at a missed question was better. Pure: phase 2's
 * query loads the rows (question ↔ requirement links, answers, evaluations,
 * review items) and this assembles them.
 */

export type ProbeFacts = {
  questionId: string;
  sessionId: string;
  question: string;
  askedAt: Date;
  /** Null while the question is unanswered. */
  answer: {
    id: string;
    at: Date;
    /** Null while the evaluation is pending or failed: such an answer does not move the state. */
    score: number | null;
  } | null;
  /** Set when this question was a fresh wording of a missed one: the missed answer's id. */
  reviewOfAnswerId: string | null;
};

export type SkillMapEntry = {
  requirement: PostingRequirement;
  resume: ResumeSupport;
  probes: ProbeFacts[];
  /** Scores of the answered and scored questions, oldest first (for the chart). */
  scores: Array<{ answerId: string; at: Date; score: number; sessionId: string }>;
  skill: SkillState;
  /** For each missed answer that was tried again: the first try against the second. */
  secondTries: SecondTry[];
};

export function skillMapEntry(requirement: PostingRequirement, facts: { resume: string; probes: readonly ProbeFacts[] }): SkillMapEntry {
  const probes = [...facts.probes].sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || a.questionId.localeCompare(b.questionId));
  const scores = probes.flatMap((p) =>
    p.answer && p.answer.score !== null ? [{ answerId: p.answer.id, at: p.answer.at, score: p.answer.score, sessionId: p.sessionId }] : [],
  );
  const skill = skillState(
    probes.flatMap((p) =>
      p.answer && p.answer.score !== null
        ? [{ answerId: p.answer.id, questionId: p.questionId, at: p.answer.at, score: p.answer.score }]
        : [],
    ),
  );
  const scoreOf = new Map(scores.map((s) => [s.answerId, s]));
  const retriesOf = new Map<string, Array<{ answerId: string; at: Date; score: number }>>();
  for (const p of probes) {
    const retry = p.answer && scoreOf.get(p.answer.id);
    if (!p.reviewOfAnswerId || !retry) continue;
    retriesOf.set(p.reviewOfAnswerId, [...(retriesOf.get(p.reviewOfAnswerId) ?? []), retry]);
  }
  const secondTries = [...retriesOf].flatMap(([missedId, retries]) => {
    const missed = scoreOf.get(missedId);
    const result = missed ? secondTry([missed, ...retries]) : null;
    return result ? [result] : [];
  });
  return { requirement, resume: resumeSupport(requirement.name, facts.resume), probes, scores, skill, secondTries };
}

/** The whole map: active requirements, in the user's order of importance (weight, then the gaps first, then name). */
export function skillMap(
  requirements: readonly PostingRequirement[],
  facts: { resume: string; probesByRequirement: ReadonlyMap<string, readonly ProbeFacts[]> },
): SkillMapEntry[] {
  const rank = { weak: 0, not_probed: 1, developing: 2, strong: 3 } as const;
  return requirements
    .filter((r) => !r.removed)
    .map((r) => skillMapEntry(r, { resume: facts.resume, probes: facts.probesByRequirement.get(r.id) ?? [] }))
    .sort(
      (a, b) =>
        b.requirement.weight - a.requirement.weight ||
        rank[a.skill.state] - rank[b.skill.state] ||
        a.requirement.name.localeCompare(b.requirement.name),
    );
}
