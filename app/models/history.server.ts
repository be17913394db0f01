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

type HistoryQuery = Pick<ParsedHistoryQuery, "query" | "createdAt">;

/** The filters of a history query, on the user's interview sessions. */
function filtersOf({ query, createdAt }: HistoryQuery): Prisma.InterviewSessionWhereInput {
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.jobPostingId ? { jobPostingId: query.jobPostingId } : {}),
    ...(createdAt.gte || createdAt.lt
      ? { createdAt: { ...(createdAt.gte ? { gte: createdAt.gte } : {}), ...(createdAt.lt ? { lt: createdAt.lt } : {}) } }
      : {}),
  };
}

/** One page of the history as a relation of the user: where it starts, how many, in what order. */
function pageArgs(parsed: HistoryQuery) {
  const { page, pageSize } = parsed.query;
  return {
    where: filtersOf(parsed),
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

/**
 * The sessions of one page (GET /api/v1/sessions). The page and the filtered total are read as
 * relations of the user, so one SQL statement carries both (issue 21: a statement costs about
 * half a millisecond of CPU between Node and PostgreSQL).
 */
export async function listHistory(userId: string, parsed: HistoryQuery) {
  const args = pageArgs(parsed);
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      _count: { select: { interviewSessions: { where: args.where } } },
      interviewSessions: { ...args, select: sessionSummarySelect },
    },
  });
  return { items: user.interviewSessions, ...paging(user._count.interviewSessions, parsed) };
}

/**
 * The history page's reads in one statement: the page with each row's number of attempts at its
 * posting (the page links them; the JSON list, which does not show it, does not pay for it), the
 * filtered total, and the user's postings for the filter's choices (by title). A posting filter
 * that is not one of those postings (deleted, or never the user's) is dropped and the page read
 * again without it: `droppedPosting` says so.
 */
export async function getHistoryPage(userId: string, parsed: HistoryQuery): Promise<HistoryPage> {
  const args = pageArgs(parsed);
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      jobPostings: { orderBy: [{ title: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, company: true } },
      _count: { select: { interviewSessions: { where: args.where } } },
      interviewSessions: {
        ...args,
        select: { ...sessionSummarySelect, jobPosting: { select: { _count: { select: { interviewSessions: true } } } } },
      },
    },
  });
  const postingId = parsed.query.jobPostingId;
  if (postingId && !user.jobPostings.some((p) => p.id === postingId)) {
    const { jobPostingId: _dropped, ...query } = parsed.query;
    return { ...(await getHistoryPage(userId, { ...parsed, query })), droppedPosting: true };
  }
  const items = user.interviewSessions.map(({ jobPosting, ...row }) => ({
    ...row,
    attemptsOfPosting: jobPosting?._count.interviewSessions ?? 1,
  }));
  return { postings: user.jobPostings, items, ...paging(user._count.interviewSessions, parsed), droppedPosting: false };
}

export type HistoryPage = {
  postings: Array<{ id: string; title: string; company: string | null }>;
  items: Array<Awaited<ReturnType<typeof listHistory>>["items"][number] & { attemptsOfPosting: number }>;
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  droppedPosting: boolean;
};

/** Does the user have any interview at all? (Tells "no interviews yet" from "nothing matches these filters".) */
export async function hasAnyInterview(userId: string) {
  return (await db.interviewSession.count({ where: { userId }, take: 1 })) > 0;
}
