import type { Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/utils/db.server.ts";
import type { ParsedHistoryQuery } from "#app/forms/history-filters.ts";
import { sessionSummarySelect } from "./interview.server.ts";

/**
 * The interview history (Epic 6): the user's sessions newest first, filtered
 * by status, posting and creation date, one page at a time. Each row also
 * knows how many attempts its posting has, so attempts of one posting can be
 * linked to its progress page.
 */

export function historyWhere(userId: string, parsed: Pick<ParsedHistoryQuery, "query" | "createdAt">): Prisma.InterviewSessionWhereInput {
  const { query, createdAt } = parsed;
  return {
    userId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.jobPostingId ? { jobPostingId: query.jobPostingId } : {}),
    ...(createdAt.gte || createdAt.lt
      ? { createdAt: { ...(createdAt.gte ? { gte: createdAt.gte } : {}), ...(createdAt.lt ? { lt: createdAt.lt } : {}) } }
      : {}),
  };
}

export async function listHistory(userId: string, parsed: Pick<ParsedHistoryQuery, "query" | "createdAt">) {
  const { page, pageSize } = parsed.query;
  const where = historyWhere(userId, parsed);
  const [total, rows] = await Promise.all([
    db.interviewSession.count({ where }),
    db.interviewSession.findMany({
      where,
      // id breaks ties so paging never shows a row twice or skips one.
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      // The posting's attempts are counted in the same query (a joined count; postings are the user's own).
      select: { ...sessionSummarySelect, jobPosting: { select: { _count: { select: { interviewSessions: true } } } } },
    }),
  ]);
  return {
    items: rows.map(({ jobPosting, ...row }) => ({ ...row, attemptsOfPosting: jobPosting?._count.interviewSessions ?? 1 })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

export type HistoryPage = Awaited<ReturnType<typeof listHistory>>;

/** Does the user have any interview at all? (Tells "no interviews yet" from "nothing matches these filters".) */
export async function hasAnyInterview(userId: string) {
  return (await db.interviewSession.count({ where: { userId }, take: 1 })) > 0;
}
