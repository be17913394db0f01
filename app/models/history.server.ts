import type { Prisma } from "#app/generated/prisma/client.ts";
import { db } from "#app/utils/db.server.ts";
import type { ParsedHistoryQuery } from "#app/forms/history-filters.ts";
import { sessionSummarySelect } from "./interview.server.ts";

/**
 * The interview history (Epic 6): the user's sessions newest first, filtered
 * by status, posting and creation date, one page at a time. On the history
 * page each row also knows how many attempts its posting has, so attempts of
 * one posting can be linked to its progress page.
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

/** One page of the history: where it starts, how many, in what order. */
function pageArgs(userId: string, parsed: Pick<ParsedHistoryQuery, "query" | "createdAt">) {
  const { page, pageSize } = parsed.query;
  return {
    where: historyWhere(userId, parsed),
    // id breaks ties so paging never shows a row twice or skips one.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.InterviewSessionOrderByWithRelationInput[],
    skip: (page - 1) * pageSize,
    take: pageSize,
  };
}

function paging(total: number, parsed: Pick<ParsedHistoryQuery, "query">) {
  const { page, pageSize } = parsed.query;
  return { total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The sessions of one page (GET /api/v1/sessions). */
export async function listHistory(userId: string, parsed: Pick<ParsedHistoryQuery, "query" | "createdAt">) {
  const args = pageArgs(userId, parsed);
  const [total, items] = await Promise.all([
    db.interviewSession.count({ where: args.where }),
    db.interviewSession.findMany({ ...args, select: sessionSummarySelect }),
  ]);
  return { items, ...paging(total, parsed) };
}

/**
 * The same page with each row's number of attempts at its posting (the history page links them),
 * counted in the same query: a joined count costs the database less than a second query, and the
 * JSON list, which does not show it, does not pay for it.
 */
export async function listHistoryWithAttempts(userId: string, parsed: Pick<ParsedHistoryQuery, "query" | "createdAt">) {
  const args = pageArgs(userId, parsed);
  const [total, rows] = await Promise.all([
    db.interviewSession.count({ where: args.where }),
    db.interviewSession.findMany({
      ...args,
      select: { ...sessionSummarySelect, jobPosting: { select: { _count: { select: { interviewSessions: true } } } } },
    }),
  ]);
  const items = rows.map(({ jobPosting, ...row }) => ({ ...row, attemptsOfPosting: jobPosting?._count.interviewSessions ?? 1 }));
  return { items, ...paging(total, parsed) };
}

export type HistoryPage = Awaited<ReturnType<typeof listHistoryWithAttempts>>;

/** Does the user have any interview at all? (Tells "no interviews yet" from "nothing matches these filters".) */
export async function hasAnyInterview(userId: string) {
  return (await db.interviewSession.count({ where: { userId }, take: 1 })) > 0;
}
