import { db } from "#app/utils/db.server.ts";
import { dashboardStats, type SessionFacts } from "#app/domain/progress.ts";

/**
 * The dashboard's numbers (Stories 6.3–6.5) for one user: read the few facts
 * of every session, then let the pure progress module do the arithmetic.
 */
export async function getDashboardStats(userId: string, options: { trendLimit?: number; roleLimit?: number } = {}) {
  const rows = await db.interviewSession.findMany({
    // issue 19: drills (and review drills) are practice on one topic, not interviews: they have their own list.
    where: { userId, kind: "interview" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      answeredCount: true,
      retakeNumber: true,
      createdAt: true,
      postingTitle: true,
      postingCompany: true,
      jobPostingId: true,
      feedback: { select: { overallScore: true } },
    },
  });
  const sessions: SessionFacts[] = rows.map((r) => ({
    id: r.id,
    status: r.status,
    answeredCount: r.answeredCount,
    retakeNumber: r.retakeNumber,
    createdAt: r.createdAt,
    title: r.postingTitle,
    company: r.postingCompany,
    jobPostingId: r.jobPostingId,
    overall: r.feedback?.overallScore ?? null,
  }));
  return dashboardStats(sessions, options);
}
