import { findNumbers } from "./model-answer-facts.ts";
import { wordTokens } from "./text-match.ts";

/**
 * The parts of the STAR check that code decides, not the model: whether the
 * result is quantified, and whether the candidate says "I" for their own
 * actions. Pure and client-safe; the same answer always gets the same verdict.
 */

export const STAR_PARTS = ["situation", "task", "action", "result"] as const;
export type StarPart = (typeof STAR_PARTS)[number];

export const STAR_PART_LABELS: Record<StarPart, string> = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
};

/** Behavioural questions get the STAR check (the only type whose answers are meant to follow it). */
export const STAR_QUESTION_TYPES: readonly string[] = ["behavioral"];

const SINGULAR = new Set(["i", "im", "ive", "id", "ill", "me", "my", "mine", "myself"]);
const PLURAL = new Set(["we", "were", "weve", "wed", "well", "our", "ours", "ourselves", "us"]);
// Folded "we're", "we'd", "we'll" collide with "were", "wed", "well": only count them when the apostrophe was there.
const NEEDS_APOSTROPHE = new Set(["im", "ive", "id", "ill", "were", "weve", "wed", "well"]);

export type PronounCount = { i: number; we: number };

/** "I/me/my…" and "we/us/our…" as written in the text ("US" in capitals is a country, not "us"). */
export function countPronouns(text: string): PronounCount {
  const count = { i: 0, we: 0 };
  for (const t of wordTokens(text)) {
    const original = text.slice(t.start, t.end);
    if (NEEDS_APOSTROPHE.has(t.word) && !/['’]/.test(original)) continue;
    if (t.word === "us" && original === "US") continue;
    if (SINGULAR.has(t.word)) count.i++;
    else if (PLURAL.has(t.word)) count.we++;
  }
  return count;
}

/**
 * Does the candidate own their actions? Judged on the action sentences when
 * the answer has any, else on the whole answer: yes when "I" appears there
 * at least as often as "we". Saying "we" for the team is fine; an answer
 * with only "we" leaves the interviewer guessing what the candidate did.
 */
export function ownership(answer: string, actionSentences: readonly string[]) {
  const whole = countPronouns(answer);
  const actions = actionSentences.length ? countPronouns(actionSentences.join(" ")) : null;
  const judged = actions ?? whole;
  return { whole, actions, saysI: judged.i > 0 && judged.i >= judged.we };
}

const QUANTITY_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|dozen|double|doubled|triple|tripled|half|halved|quarter)\b/i;

/** A result is quantified when it contains a number: digits ("40%", "$2M", "3 weeks") or a number word ("halved", "two days"). */
export function isQuantified(text: string) {
  return findNumbers(text).length > 0 || QUANTITY_WORDS.test(text);
}
