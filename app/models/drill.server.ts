import { DRILL_LENGTH } from "#app/ai/practice/drills.ts";
import { answerScore } from "#app/domain/practice/skill-state.ts";
import { mean } from "#app/domain/progress.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/utils/db.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { postingSnapshot, postingSnapshotSelect, type PostingSnapshot } from "./interview.server.ts";
import { startOperation } from "./operation.server.ts";
import { consume, waitTime } from "./rate-limit.server.ts";
import { reviewToStart } from "./review.server.ts";

/**
 * Drills (issue 19): "Drill this" on a requirement of the skill map or on a
 * knowledge gap of a scored answer starts a short session (DRILL_LENGTH
 * questions) on that one topic, with each answer's feedback as it comes. A
 * drill is an interview session of kind `drill`: the same page, answer form,
 * evaluations, push and Retry; its questions are held to the topic by the
 * worker (app/ai/practice/drills.ts) and linked to the requirement it drills.
 */

export type DrillRefusalCode = "missing_prerequisites" | "unknown_gap" | "too_many_interviews" | "review_done";

const STATUS: Record<DrillRefusalCode, number> = {
  missing_prerequisites: 400,
  unknown_gap: 400,
  too_many_interviews: 429,
  review_done: 409,
};

export class DrillRefused extends Refusal<DrillRefusalCode> {
  override name = "DrillRefused";
  constructor(code: DrillRefusalCode, message: string, details: { retryAfterSeconds?: number } = {}) {
    super(code, message, STATUS[code], details);
  }
}

/**
 * A requirement of the skill map, a knowledge gap of a scored answer (of this interview, when
 * `sessionId` is given), or a review item: a review drill is one fresh wording of its missed question.
 */
export type DrillSource =
  | { requirementId: string }
  | { answerId: string; knowledgeGap: string; sessionId?: string }
  | { feedbackOf: string; knowledgeGap: string }
  | { reviewItemId: string };

/** Start a drill on one topic; null when the requirement or answer is not this user's. */
export async function startDrill(userId: string, source: DrillSource) {
  let topic: string;
  let requirementId: string | null = null;
  let reviewItemId: string | null = null;
  let snapshot: PostingSnapshot;
  if ("reviewItemId" in source) {
    const item = await reviewToStart(userId, source.reviewItemId);
    if (!item) return null;
    if (item.status === "graduated") {
      throw new DrillRefused("review_done", "You have passed every review of this question: it is not asked again.");
    }
    topic = item.topic;
    requirementId = item.requirement && item.requirement.removedAt === null ? item.requirementId : null;
    reviewItemId = item.id;
    snapshot = item.missedAnswer.session;
  } else if ("feedbackOf" in source) {
    // A knowledge gap of the interview's feedback (the feedback page's "Knowledge gaps").
    const session = await db.interviewSession.findFirst({
      where: { id: source.feedbackOf, userId },
      select: { ...postingSnapshotSelect, feedback: { select: { knowledgeGaps: true } } },
    });
    if (!session) return null;
    const gap = session.feedback?.knowledgeGaps.find((g) => g.trim().toLowerCase() === source.knowledgeGap.trim().toLowerCase());
    if (!gap) throw new DrillRefused("unknown_gap", "That topic is not one of this interview's knowledge gaps.");
    topic = gap;
    const { feedback: _feedback, ...interviewSnapshot } = session;
    snapshot = interviewSnapshot;
  } else if ("requirementId" in source) {
    const requirement = await db.requirement.findFirst({
      where: { id: source.requirementId, userId, removedAt: null },
      select: { id: true, name: true, jobPosting: true },
    });
    if (!requirement) return null;
    topic = requirement.name;
    requirementId = requirement.id;
    snapshot = postingSnapshot(requirement.jobPosting);
  } else {
    const answer = await db.sessionMessage.findFirst({
      where: { id: source.answerId, kind: "answer", session: { userId, ...(source.sessionId ? { id: source.sessionId } : {}) } },
      select: { evaluation: { select: { knowledgeGaps: true } }, session: { select: postingSnapshotSelect } },
    });
    if (!answer) return null;
    const gap = answer.evaluation?.knowledgeGaps.find((g) => g.trim().toLowerCase() === source.knowledgeGap.trim().toLowerCase());
    if (!gap) throw new DrillRefused("unknown_gap", "That topic is not one of this answer's knowledge gaps.");
    topic = gap;
    // The interview's own snapshot: the posting may have changed or gone since.
    snapshot = answer.session;
  }
  const [user, resume] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { apiKeyCiphertext: true } }),
    db.resume.findUnique({ where: { userId }, select: { content: true } }),
  ]);
  if (!resume || !user.apiKeyCiphertext) {
    throw new DrillRefused("missing_prerequisites", "Add your résumé and your OpenAI key before starting a drill.");
  }
  // A drill costs AI calls like an interview: it takes a slot of the same hourly allowance.
  const refused = await consume(["interview_start_user", userId]);
  if (refused) {
    throw new DrillRefused(
      "too_many_interviews",
      `You have started too many interviews and drills this hour. Please wait ${waitTime(refused.retryAfterSeconds)}.`,
      {
        retryAfterSeconds: refused.retryAfterSeconds,
      },
    );
  }
  return db.$transaction(async (tx) => {
    const session = await tx.interviewSession.create({
      data: {
        userId,
        ...snapshot,
        // Not an attempt at the posting: a drill stays out of the posting's attempts and progress.
        jobPostingId: null,
        kind: "drill",
        drillTopic: topic,
        drillRequirementId: requirementId,
        reviewItemId,
        // A review asks the one missed question again, in a fresh wording.
        targetQuestions: reviewItemId ? 1 : DRILL_LENGTH,
        resumeText: resume.content,
      },
      select: { id: true, drillTopic: true, targetQuestions: true, createdAt: true, reviewItemId: true },
    });
    const operation = await startOperation(tx, { userId, sessionId: session.id, kind: "question_generation" });
    return { session, operationId: operation.id };
  });
}

/**
 * Every question asked before on this drill's topic — in the user's earlier drills on the same
 * requirement or topic, and any question that probed the requirement — so a new drill never
 * asks one of them again (the worker tells the model and refuses a repeat).
 */
export async function questionsAskedOnTopic(userId: string, drill: { sessionId: string; topic: string; requirementId: string | null }) {
  const rows = await db.sessionMessage.findMany({
    where: {
      kind: "question",
      sessionId: { not: drill.sessionId },
      session: { userId },
      OR: [
        { session: { kind: "drill", drillTopic: { equals: drill.topic, mode: "insensitive" } } },
        ...(drill.requirementId
          ? [
              { session: { drillRequirementId: drill.requirementId } },
              { requirementLinks: { some: { requirementId: drill.requirementId } } },
            ]
          : []),
      ],
    },
    orderBy: { createdAt: "asc" },
    select: { content: true },
  });
  return rows.map((r) => r.content);
}

/** The latest few drills, as a relation of the user; with the user's drill count, `toRecentDrills` makes "Your drills". */
export const recentDrillsArgs = (take = 5) =>
  ({
    where: { kind: "drill" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      status: true,
      drillTopic: true,
      reviewItemId: true,
      answeredCount: true,
      targetQuestions: true,
      createdAt: true,
      evaluations: { select: { relevanceScore: true, completenessScore: true, technicalCorrectness: true, clarityScore: true } },
    },
  }) satisfies Prisma.User$interviewSessionsArgs;

/** The user's count of drills, for a user query's `_count`. */
export const drillCount = { where: { kind: "drill" } } as const;

type DrillRow = Prisma.InterviewSessionGetPayload<{ select: ReturnType<typeof recentDrillsArgs>["select"] }>;

/** The dashboard's "Your drills": how many, and the latest few with the mean score of their answers. */
export function toRecentDrills(total: number, rows: DrillRow[]) {
  return {
    total,
    items: rows.map((d) => ({
      id: d.id,
      topic: d.drillTopic ?? "",
      review: d.reviewItemId !== null,
      status: d.status,
      answeredCount: d.answeredCount,
      targetQuestions: d.targetQuestions,
      createdAt: d.createdAt,
      averageScore: mean(
        d.evaluations.map((e) =>
          answerScore({
            relevance: e.relevanceScore,
            completeness: e.completenessScore,
            technicalCorrectness: e.technicalCorrectness,
            clarity: e.clarityScore,
          }),
        ),
      ),
    })),
  };
}
