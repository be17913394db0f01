import type { AiSettings } from "../client.server.ts";
import type { RecommendationItem } from "../schemas.ts";
import { generateStructured } from "../structured.server.ts";
import { checkCitations, citationProblem, type CheckedClaim } from "./citations.ts";
import { GRADER_SAMPLING, type GradeOptions } from "./grade-answer.server.ts";
import { debriefMessages, type DebriefPromptInput } from "./prompts.ts";
import { RUBRIC_VERSION } from "./rubric.ts";
import { SessionDebriefOutput } from "./schemas.ts";

/**
 * The debrief of a whole interview, with evidence: every feedback item and
 * knowledge gap cites the questions it rests on, and code checks that those
 * questions exist. A reply citing questions that don't exist is sent back
 * once; if the second is no better, the bad numbers are dropped and the
 * claims left without a real question are marked unverified.
 */

export type SessionDebrief = {
  scores: { technicalAccuracy: number; communicationClarity: number; problemSolving: number; relevance: number };
  technicalFeedback: CheckedClaim[];
  communicationFeedback: CheckedClaim[];
  problemSolvingFeedback: CheckedClaim[];
  relevanceFeedback: CheckedClaim[];
  overallComments: string;
  knowledgeGaps: CheckedClaim[];
  learningRecommendations: RecommendationItem[];
  rubricVersion: string;
  graderModel: string;
};

export type DebriefInput = Omit<DebriefPromptInput, "correction"> & { graderModel?: string };

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

function allClaims(o: SessionDebriefOutput) {
  return [
    ...o.technical_feedback,
    ...o.communication_feedback,
    ...o.problem_solving_feedback,
    ...o.relevance_feedback,
    ...o.knowledge_gaps,
  ];
}

export async function writeSessionDebrief(settings: AiSettings, input: DebriefInput, options: GradeOptions = {}): Promise<SessionDebrief> {
  const graderModel = input.graderModel ?? settings.model;
  const numbers = input.exchanges.map((e) => e.number);
  const replies: SessionDebriefOutput[] = [];
  const output = await generateStructured({
    settings: { ...settings, model: graderModel },
    schema: SessionDebriefOutput,
    name: "session_debrief",
    sampling: GRADER_SAMPLING,
    client: options.client,
    messages: (correction) => debriefMessages({ posting: input.posting, resume: input.resume, exchanges: input.exchanges, correction }),
    accept: (reply) => {
      replies.push(reply);
      return citationProblem(allClaims(reply), numbers);
    },
    lastResort: () => replies.at(-1) ?? null,
  });
  const check = (claims: SessionDebriefOutput["technical_feedback"], max: number) => checkCitations(claims, numbers).slice(0, max);
  return {
    scores: {
      technicalAccuracy: clamp(output.technical_accuracy),
      communicationClarity: clamp(output.communication_clarity),
      problemSolving: clamp(output.problem_solving),
      relevance: clamp(output.relevance),
    },
    technicalFeedback: check(output.technical_feedback, 6),
    communicationFeedback: check(output.communication_feedback, 6),
    problemSolvingFeedback: check(output.problem_solving_feedback, 6),
    relevanceFeedback: check(output.relevance_feedback, 6),
    overallComments: output.overall_comments.trim(),
    knowledgeGaps: check(output.knowledge_gaps, 12),
    learningRecommendations: output.learning_recommendations.slice(0, 10),
    rubricVersion: RUBRIC_VERSION,
    graderModel,
  };
}
