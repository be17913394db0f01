import { db } from "#app/utils/db.server.ts";
import { postingProgress, type AttemptFacts } from "#app/domain/progress.ts";
import { summarizeDelivery } from "#app/domain/delivery-summary.ts";
import { asDeliveryMetrics } from "./voice.server.ts";

/**
 * Progress across the attempts at one job posting (Stories 7.4, 7.5): every
 * session the user ran for it, in attempt order, with scores, changes and
 * dimension trends. Null when the posting is missing or not this user's.
 */
export async function getPostingProgress(userId: string, jobPostingId: string) {
  const posting = await db.jobPosting.findFirst({
    where: { id: jobPostingId, userId },
    select: { id: true, title: true, company: true },
  });
  if (!posting) return null;
  const rows = await db.interviewSession.findMany({
    where: { userId, jobPostingId },
    select: {
      id: true,
      retakeNumber: true,
      status: true,
      answeredCount: true,
      targetQuestions: true,
      createdAt: true,
      completedAt: true,
      feedback: {
        select: {
          technicalAccuracyScore: true,
          communicationClarityScore: true,
          problemSolvingScore: true,
          relevanceScore: true,
          overallScore: true,
        },
      },
      // issue 18: the delivery metrics of the spoken answers.
      messages: { where: { kind: "answer" }, select: { deliveryMetrics: true } },
    },
  });
  const attempts = rows.map((r) => ({
    id: r.id,
    retakeNumber: r.retakeNumber,
    status: r.status,
    answeredCount: r.answeredCount,
    targetQuestions: r.targetQuestions,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    scores: r.feedback
      ? {
          technicalAccuracy: r.feedback.technicalAccuracyScore,
          communicationClarity: r.feedback.communicationClarityScore,
          problemSolving: r.feedback.problemSolvingScore,
          relevance: r.feedback.relevanceScore,
        }
      : null,
    overall: r.feedback?.overallScore ?? null,
  })) satisfies AttemptFacts[];
  // issue 18: the delivery of each attempt that had spoken answers, in attempt order (the trend over retakes).
  const delivery = rows
    .map((r) => ({
      id: r.id,
      retakeNumber: r.retakeNumber,
      createdAt: r.createdAt,
      summary: summarizeDelivery(r.messages.map((m) => asDeliveryMetrics(m.deliveryMetrics))),
    }))
    .filter((a) => a.summary !== null)
    .sort((a, b) => a.retakeNumber - b.retakeNumber || a.createdAt.getTime() - b.createdAt.getTime());
  return { posting, ...postingProgress(attempts), delivery };
}

export type PostingProgressView = NonNullable<Awaited<ReturnType<typeof getPostingProgress>>>;
