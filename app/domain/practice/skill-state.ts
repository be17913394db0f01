import { roundScore } from "#app/domain/progress.ts";

/**
 * The state of one requirement on the skill map, from the scores of the
 * answers to the questions that probed it. Pure and client-safe: the skill
 * map is a query over question ↔ requirement links and evaluations, and this
 * turns those rows into a state — there is no second store of scores.
 *
 * The rule (SKILL_STATE_RULE, shown on the page):
 *   - not yet probed: no scored answer yet;
 *   - the average of the last 3 scored answers (fewer if there are fewer):
 *     below 60 → weak; 75 or more, over at least 2 answers → strong;
 *     otherwise developing (one good answer is promising, not proof).
 * An answer's score is the mean of its four evaluation scores (0–100).
 * 60 and 75 are the evaluation rubric's own bands ("60–74 adequate with
 * gaps", "75–89 strong"), so the map speaks the rubric's language.
 *
 * Every change of state is recorded with the answer that caused it (the
 * answer whose score moved the average across a threshold) and its date, so
 * the map can say why a requirement is where it is.
 */

export const SKILL_STATES = ["not_probed", "weak", "developing", "strong"] as const;
export type SkillStateName = (typeof SKILL_STATES)[number];

export const SKILL_STATE_LABELS: Record<SkillStateName, string> = {
  not_probed: "Not yet probed",
  weak: "Weak",
  developing: "Developing",
  strong: "Strong",
};

export const SKILL_RULES = {
  /** How many of the latest scored answers the average covers. */
  window: 3,
  /** An average below this is weak; also what counts as a missed answer for spaced review. */
  weakBelow: 60,
  /** An average at or above this is strong… */
  strongFrom: 75,
  /** …over at least this many scored answers. */
  strongMinAnswers: 2,
} as const;

export const SKILL_STATE_RULE = `Based on the average of the last ${SKILL_RULES.window} scored answers to questions about this requirement: below ${SKILL_RULES.weakBelow} is weak, ${SKILL_RULES.strongFrom} or more over at least ${SKILL_RULES.strongMinAnswers} answers is strong, anything else is developing.`;

/** An answer's score on the skill map: the mean of its four evaluation scores. */
export function answerScore(evaluation: { relevance: number; completeness: number; technicalCorrectness: number; clarity: number }) {
  return roundScore((evaluation.relevance + evaluation.completeness + evaluation.technicalCorrectness + evaluation.clarity) / 4);
}

/** One scored answer to a question that probed the requirement. */
export type SkillObservation = {
  answerId: string;
  questionId: string;
  /** When the answer was scored (or answered): the order the map replays them in. */
  at: Date;
  score: number;
};

export type SkillChange = {
  at: Date;
  from: SkillStateName;
  to: SkillStateName;
  /** The answer whose score caused the change. */
  answerId: string;
  questionId: string;
  score: number;
  /** The average after this answer, and over how many answers. */
  average: number;
  answersCounted: number;
};

export type SkillState = {
  state: SkillStateName;
  /** When the state last changed (null while not yet probed). */
  since: Date | null;
  /** The answer that caused the latest change. */
  causedBy: string | null;
  /** The current average (null while not yet probed). */
  average: number | null;
  scoredAnswers: number;
  /** Every change, oldest first: the first is always from "not_probed". */
  changes: SkillChange[];
};

export function stateFor(average: number, answers: number): Exclude<SkillStateName, "not_probed"> {
  if (average < SKILL_RULES.weakBelow) return "weak";
  if (average >= SKILL_RULES.strongFrom && answers >= SKILL_RULES.strongMinAnswers) return "strong";
  return "developing";
}

const byTime = (a: SkillObservation, b: SkillObservation) => a.at.getTime() - b.at.getTime() || a.answerId.localeCompare(b.answerId);

export function skillState(observations: readonly SkillObservation[]): SkillState {
  const ordered = [...observations].sort(byTime);
  const changes: SkillChange[] = [];
  let state: SkillStateName = "not_probed";
  let average: number | null = null;
  ordered.forEach((o, i) => {
    const window = ordered.slice(Math.max(0, i + 1 - SKILL_RULES.window), i + 1);
    average = roundScore(window.reduce((sum, w) => sum + w.score, 0) / window.length);
    const next = stateFor(average, i + 1);
    if (next !== state) {
      changes.push({
        at: o.at,
        from: state,
        to: next,
        answerId: o.answerId,
        questionId: o.questionId,
        score: o.score,
        average,
        answersCounted: window.length,
      });
      state = next;
    }
  });
  const last = changes.at(-1);
  return { state, since: last?.at ?? null, causedBy: last?.answerId ?? null, average, scoredAnswers: ordered.length, changes };
}

/** The state as it was at `at` (replaying the changes): what the interviewer saw when it picked a question. */
export function stateAt(changes: readonly SkillChange[], at: Date): SkillStateName {
  let state: SkillStateName = "not_probed";
  for (const change of changes) {
    if (change.at.getTime() >= at.getTime()) break;
    state = change.to;
  }
  return state;
}

/** A requirement still to practise: weak, or never probed. */
export function isGap(state: SkillStateName) {
  return state === "weak" || state === "not_probed";
}

/** One sentence that explains a change, for the page and the JSON twin. */
export function describeSkillChange(change: SkillChange) {
  const n = change.answersCounted;
  return `${SKILL_STATE_LABELS[change.from]} → ${SKILL_STATE_LABELS[change.to]}: an answer scored ${change.score}, bringing the average of the last ${n === 1 ? "answer" : `${n} answers`} to ${change.average}.`;
}
