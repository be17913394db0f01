import { db } from "#app/utils/db.server.ts";
import { postingProgress, type AttemptFacts } from "#app/domain/progress.ts";

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
  return { posting, ...postingProgress(attempts) };
}

export type PostingProgressView = NonNullable<Awaited<ReturnType<typeof getPostingProgress>>>;
