import type { HistoryQuery } from "./history-filters.ts";

// Zod-free, so the history page's links need no zod in the browser; the parsing is in history-filters.ts.

/** The page's query string for these filters (page 1 unless given); empty values are left out. */
export function historySearch(query: Omit<HistoryQuery, "pageSize" | "page">, page = 1) {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.jobPostingId) params.set("job", query.jobPostingId);
  if (query.range) params.set("range", query.range);
  if (query.range === "custom" && query.from) params.set("from", query.from);
  if (query.range === "custom" && query.to) params.set("to", query.to);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `?${search}` : "";
}

export const hasFilters = (query: HistoryQuery) => Boolean(query.status || query.jobPostingId || query.range);
