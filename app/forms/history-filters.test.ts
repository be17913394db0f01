import { describe, expect, it } from "vitest";
import { parseDateEdge, parseHistoryQuery } from "./history-filters.ts";
import { hasFilters, historySearch } from "./history-search.ts";

const now = new Date("2026-03-15T10:00:00.000Z");
const JOB = "1b4e28ba-2fa1-4d2b-9f6e-0d0f3c9a1e01";

describe("history filters from the URL", () => {
  it("reads every filter and the page", () => {
    const { query, createdAt, issues } = parseHistoryQuery(
      { status: "completed", job: JOB.toUpperCase(), range: "custom", from: "2026-03-01", to: "2026-03-10", page: "3" },
      { now },
    );
    expect(issues).toEqual([]);
    expect(query).toEqual({
      status: "completed",
      jobPostingId: JOB,
      range: "custom",
      from: "2026-03-01",
      to: "2026-03-10",
      page: 3,
      pageSize: 20,
    });
    // Both days included: from the start of 1 March to the end of 10 March (exclusive start of 11 March).
    expect(createdAt).toEqual({ gte: new Date("2026-03-01T00:00:00.000Z"), lt: new Date("2026-03-11T00:00:00.000Z") });
  });

  it("turns the last 7 and 30 days into a window ending now, ignoring custom dates", () => {
    const week = parseHistoryQuery({ range: "7d", from: "2020-01-01" }, { now });
    expect(week.query).toEqual({ range: "7d", page: 1, pageSize: 20 });
    expect(week.createdAt).toEqual({ gte: new Date("2026-03-08T10:00:00.000Z") });
    expect(week.issues).toEqual([]);
    expect(parseHistoryQuery({ range: "30d" }, { now }).createdAt).toEqual({ gte: new Date("2026-02-13T10:00:00.000Z") });
  });

  it("treats dates sent without a range as a custom range (the API's from/to)", () => {
    const { query, createdAt } = parseHistoryQuery({ to: "2026-03-10T12:30:00Z" }, { now });
    expect(query.range).toBe("custom");
    expect(createdAt).toEqual({ lt: new Date("2026-03-10T12:30:00.001Z") });
  });

  it("reports each invalid value and ignores it instead of failing", () => {
    const { query, createdAt, issues } = parseHistoryQuery(
      { status: "done", job: "42", range: "forever", page: "0", from: "2026-02-30", to: "yesterday" },
      { now },
    );
    expect(query).toEqual({ page: 1, pageSize: 20 });
    expect(createdAt).toEqual({});
    expect(issues.map((i) => i.field)).toEqual(["status", "job", "page", "range", "from", "to"]);
  });

  it("ignores a range whose end is before its start", () => {
    const { createdAt, issues } = parseHistoryQuery({ range: "custom", from: "2026-03-10", to: "2026-03-01" }, { now });
    expect(createdAt).toEqual({});
    expect(issues).toEqual([{ field: "to", message: "The end date is before the start date." }]);
    // The same single day is a valid range.
    expect(parseHistoryQuery({ range: "custom", from: "2026-03-10", to: "2026-03-10" }, { now }).issues).toEqual([]);
  });

  it("accepts a page size only where allowed, between 1 and 100", () => {
    expect(parseHistoryQuery({ pageSize: "50" }).query.pageSize).toBe(20);
    expect(parseHistoryQuery({ pageSize: "50" }, { allowPageSize: true }).query.pageSize).toBe(50);
    expect(parseHistoryQuery({ pageSize: "101" }, { allowPageSize: true }).issues[0]?.field).toBe("page_size");
  });

  it("parses window edges: whole days for dates, exact instants for date-times", () => {
    expect(parseDateEdge("2024-02-29", "from")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseDateEdge("2025-02-29", "from")).toBeNull();
    expect(parseDateEdge("2026-03-01T09:00:00+02:00", "from")).toEqual(new Date("2026-03-01T07:00:00Z"));
    expect(parseDateEdge("03/01/2026", "to")).toBeNull();
  });

  it("writes the filters back to a query string for links, and knows when any is set", () => {
    const { query } = parseHistoryQuery({ status: "paused", range: "custom", from: "2026-03-01" }, { now });
    expect(historySearch(query, 2)).toBe("?status=paused&range=custom&from=2026-03-01&page=2");
    expect(historySearch({}, 1)).toBe("");
    expect(hasFilters(query)).toBe(true);
    expect(hasFilters(parseHistoryQuery({}).query)).toBe(false);
  });
});
