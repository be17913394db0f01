/**
 * The debrief's claims cite question numbers ("Q3 and Q5 show…"). A cited
 * number that is not a question of this interview is a claim about nothing:
 * it is dropped from the claim, and a claim left without any real question is
 * marked unverified (shown, if at all, as the grader's opinion, never as a
 * finding about particular answers).
 */

export type CitedClaim = { claim: string; questions: number[] };
export type CheckedClaim = CitedClaim & {
  /** True when the claim cites at least one question and every number it cites exists. */
  verified: boolean;
  /** Numbers the model cited that are not questions of this interview. */
  unknownQuestions: number[];
};

export function checkCitations(claims: CitedClaim[], questionNumbers: readonly number[]): CheckedClaim[] {
  const known = new Set(questionNumbers);
  return claims
    .filter((c) => c.claim.trim())
    .map((c) => {
      const cited = [...new Set(c.questions)].toSorted((a, b) => a - b);
      const questions = cited.filter((n) => known.has(n));
      const unknownQuestions = cited.filter((n) => !known.has(n));
      return { claim: c.claim.trim(), questions, unknownQuestions, verified: questions.length > 0 && unknownQuestions.length === 0 };
    });
}

/** What to tell the model when its claims cite nothing or questions that don't exist (null: all fine). */
export function citationProblem(claims: CitedClaim[], questionNumbers: readonly number[]): string | null {
  const checked = checkCitations(claims, questionNumbers);
  const unknown = [...new Set(checked.flatMap((c) => c.unknownQuestions))];
  const uncited = checked.filter((c) => c.questions.length === 0 && c.unknownQuestions.length === 0).length;
  const problems = [
    unknown.length ? `some claims cite questions that are not in this interview (${unknown.join(", ")})` : "",
    uncited ? `${uncited} claim${uncited === 1 ? "" : "s"} cite${uncited === 1 ? "s" : ""} no question` : "",
  ].filter(Boolean);
  return problems.length ? `${problems.join("; ")}. Cite only the questions ${questionNumbers.join(", ")}, at least one per claim.` : null;
}
