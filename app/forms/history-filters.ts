import { z } from "./zod.ts";
import { SESSION_STATUSES } from "#app/domain/interview-rules.ts";

/**
 * The interview history's filters, read from a URL query. The page
 * (`?status=&job=&range=7d|30d|custom&from=&to=&page=`) and the JSON API
 * (`?status=&job_posting_id=&from=&to=&page=&page_size=`) share these rules:
 * every value is checked, and a bad one is reported as an issue instead of
 * failing — the page ignores it and says so, the API answers 422.
 *
 * Dates are UTC (the app shows UTC everywhere). A plain date covers the whole
 * day: `from=2026-03-01&to=2026-03-31` includes both days. A full ISO
 * date-time is taken as the exact instant (both ends inclusive).
 */

export const DATE_RANGES = ["7d", "30d", "custom"] as const;
export type SessionStatusFilter = (typeof SESSION_STATUSES)[number];
export type DateRangeFilter = (typeof DATE_RANGES)[number];

export const HISTORY_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 100_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type RawHistoryQuery = {
  status?: string | null;
  job?: string | null;
  range?: string | null;
  from?: string | null;
  to?: string | null;
  page?: string | null;
  pageSize?: string | null;
};

export type HistoryQuery = {
  status?: SessionStatusFilter;
  jobPostingId?: string;
  range?: DateRangeFilter;
  /** The accepted from/to values as given (for refilling the form). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export type QueryIssue = { field: "status" | "job" | "range" | "from" | "to" | "page" | "page_size"; message: string };

export type ParsedHistoryQuery = {
  query: HistoryQuery;
  /** The createdAt window to filter on: from `gte` (inclusive) up to `lt` (exclusive). */
  createdAt: { gte?: Date; lt?: Date };
  issues: QueryIssue[];
};

const DateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const DateTime = z.iso.datetime({ offset: true });

/** A YYYY-MM-DD day (a real one: no 30 February) or an ISO date-time, as a window edge; null when invalid. */
export function parseDateEdge(value: string, edge: "from" | "to"): Date | null {
  const day = DateOnly.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const start = new Date(Date.UTC(y, m - 1, d));
    if (start.getUTCFullYear() !== y || start.getUTCMonth() !== m - 1 || start.getUTCDate() !== d) return null;
    return edge === "from" ? start : new Date(start.getTime() + DAY_MS);
  }
  if (!DateTime.safeParse(value).success) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  return edge === "from" ? instant : new Date(instant.getTime() + 1);
}

const present = (value: string | null | undefined): value is string => typeof value === "string" && value.trim() !== "";

export function parseHistoryQuery(
  raw: RawHistoryQuery,
  options: { now?: Date; jobField?: string; allowPageSize?: boolean } = {},
): ParsedHistoryQuery {
  const now = options.now ?? new Date();
  const jobField = options.jobField ?? "job posting";
  const issues: QueryIssue[] = [];
  const query: HistoryQuery = { page: 1, pageSize: HISTORY_PAGE_SIZE };

  if (present(raw.status)) {
    const status = z.enum(SESSION_STATUSES).safeParse(raw.status.trim());
    if (status.success) query.status = status.data;
    else issues.push({ field: "status", message: "The status must be active, paused or completed." });
  }

  if (present(raw.job)) {
    const job = z.uuid().safeParse(raw.job.trim());
    if (job.success) query.jobPostingId = job.data.toLowerCase();
    else issues.push({ field: "job", message: `That ${jobField} id is not valid.` });
  }

  if (present(raw.page)) {
    const page = z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_PAGE)).safeParse(raw.page.trim());
    if (page.success) query.page = page.data;
    else issues.push({ field: "page", message: "The page must be a whole number of 1 or more." });
  }

  if (options.allowPageSize && present(raw.pageSize)) {
    const size = z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_PAGE_SIZE)).safeParse(raw.pageSize.trim());
    if (size.success) query.pageSize = size.data;
    else issues.push({ field: "page_size", message: `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}.` });
  }

  let range: DateRangeFilter | undefined;
  if (present(raw.range)) {
    const parsed = z.enum(DATE_RANGES).safeParse(raw.range.trim());
    if (parsed.success) range = parsed.data;
    else issues.push({ field: "range", message: "The date range must be the last 7 days, the last 30 days or custom dates." });
  }
  // Dates without a range (an API call, or a form sent with "Any time" still selected) mean a custom range.
  if (!range && (present(raw.from) || present(raw.to))) range = "custom";

  const createdAt: ParsedHistoryQuery["createdAt"] = {};
  if (range === "7d" || range === "30d") {
    query.range = range;
    createdAt.gte = new Date(now.getTime() - (range === "7d" ? 7 : 30) * DAY_MS);
  } else if (range === "custom") {
    query.range = "custom";
    const from = present(raw.from) ? raw.from.trim() : undefined;
    const to = present(raw.to) ? raw.to.trim() : undefined;
    const gte = from ? parseDateEdge(from, "from") : undefined;
    const lt = to ? parseDateEdge(to, "to") : undefined;
    if (gte === null) issues.push({ field: "from", message: "The start date must be a date like 2026-03-01." });
    if (lt === null) issues.push({ field: "to", message: "The end date must be a date like 2026-03-31." });
    if (gte && lt && gte.getTime() >= lt.getTime()) {
      issues.push({ field: "to", message: "The end date is before the start date." });
    } else {
      if (gte) {
        createdAt.gte = gte;
        query.from = from;
      }
      if (lt) {
        createdAt.lt = lt;
        query.to = to;
      }
    }
    // No usable date: no date filter is applied, so none is shown as applied either.
    if (!createdAt.gte && !createdAt.lt) delete query.range;
  }

  return { query, createdAt, issues };
}
