import { checkCitations, type CheckedClaim } from "#app/ai/grading/citations.ts";
import type { SessionDebrief } from "#app/ai/grading/session-debrief.server.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import type { NewFeedback } from "./ai-results.server.ts";

/**
 * The debrief's claims (issue 17): each names the question numbers it rests
 * on, checked against the interview. Stored as JSON next to the feedback's
 * text columns, which keep only the verified claims (with their "(Q2, Q3)"),
 * so older readers never show an unverified claim as a finding.
 */

export const CLAIM_SECTIONS = ["technicalAccuracy", "communicationClarity", "problemSolving", "relevance", "knowledgeGaps"] as const;
export type ClaimSection = (typeof CLAIM_SECTIONS)[number];
export type FeedbackClaim = { section: ClaimSection; claim: string; questions: number[]; verified: boolean };

const cite = (c: CheckedClaim) => (c.questions.length ? `${c.claim} (${c.questions.map((n) => `Q${n}`).join(", ")})` : c.claim);
const sectionText = (claims: CheckedClaim[]) =>
  claims
    .filter((c) => c.verified)
    .map(cite)
    .join(" ");

export function debriefColumns(debrief: SessionDebrief): NewFeedback {
  const bySection: Record<ClaimSection, CheckedClaim[]> = {
    technicalAccuracy: debrief.technicalFeedback,
    communicationClarity: debrief.communicationFeedback,
    problemSolving: debrief.problemSolvingFeedback,
    relevance: debrief.relevanceFeedback,
    knowledgeGaps: debrief.knowledgeGaps,
  };
  const claims: FeedbackClaim[] = CLAIM_SECTIONS.flatMap((section) =>
    bySection[section].map((c) => ({ section, claim: c.claim, questions: c.questions, verified: c.verified })),
  );
  return {
    scores: debrief.scores,
    text: {
      technicalAccuracy: sectionText(debrief.technicalFeedback),
      communicationClarity: sectionText(debrief.communicationFeedback),
      problemSolving: sectionText(debrief.problemSolvingFeedback),
      relevance: sectionText(debrief.relevanceFeedback),
    },
    overallComments: debrief.overallComments,
    knowledgeGaps: debrief.knowledgeGaps.filter((c) => c.verified).map((c) => c.claim),
    learningRecommendations: debrief.learningRecommendations,
    claims,
    rubricVersion: debrief.rubricVersion,
    graderModel: debrief.graderModel,
  };
}

/** Stored claims, dropping anything malformed rather than failing the page; null for feedback written before claims. */
export function readClaims(value: Prisma.JsonValue | null): FeedbackClaim[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((item) => {
    const c = item as Partial<FeedbackClaim> | null;
    if (!c || typeof c.claim !== "string" || !CLAIM_SECTIONS.includes(c.section as ClaimSection)) return [];
    return [
      {
        section: c.section!,
        claim: c.claim,
        questions: Array.isArray(c.questions) ? c.questions.filter(Number.isInteger) : [],
        verified: c.verified === true,
      },
    ];
  });
}

/**
 * Stored claims checked again against the interview's questions when shown, by the rule that checked
 * them when written: claims can also arrive another way (an imported account), and a number the
 * interview doesn't have must never become a link to nothing or a finding. Such a number is dropped
 * and its claim marked unverified.
 */
export function recheckClaims(claims: FeedbackClaim[] | null, questionNumbers: readonly number[]): FeedbackClaim[] | null {
  if (!claims) return null;
  return claims.flatMap((c) =>
    checkCitations([c], questionNumbers).map((checked) => ({
      ...c,
      questions: checked.questions,
      verified: c.verified && checked.verified,
    })),
  );
}
