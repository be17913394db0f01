import { describe, expect, it } from "vitest";
import { chartPointLabels } from "./point-labels.ts";

/** The labels of points at these instants. */
const labelsAt = (instants: string[]) => chartPointLabels(instants.map((iso) => new Date(iso)));

describe("chartPointLabels", () => {
  it("labels points on different days by their date alone", () => {
    expect(labelsAt(["2025-12-03T10:00:00Z", "2025-12-04T11:51:00Z", "2026-01-02T08:00:00Z"])).toEqual([
      "3 Dec 2025",
      "4 Dec 2025",
      "2 Jan 2026",
    ]);
  });

  it("adds the time (UTC) to the points that share a day, and only to them", () => {
    expect(
      labelsAt(["2025-12-03T10:00:00Z", "2025-12-04T09:05:00Z", "2025-12-04T11:51:30Z", "2025-12-04T23:59:00Z", "2025-12-05T00:00:00Z"]),
    ).toEqual(["3 Dec 2025", "4 Dec 2025, 09:05", "4 Dec 2025, 11:51", "4 Dec 2025, 23:59", "5 Dec 2025"]);
  });

  it("numbers the points that share the minute, in their order", () => {
    expect(labelsAt(["2025-12-04T11:51:01Z", "2025-12-04T11:51:40Z", "2025-12-04T12:00:00Z", "2025-12-04T11:51:59Z"])).toEqual([
      "4 Dec 2025, 11:51 (1)",
      "4 Dec 2025, 11:51 (2)",
      "4 Dec 2025, 12:00",
      "4 Dec 2025, 11:51 (3)",
    ]);
  });

  it("tells the same day of different years apart, and uses UTC whatever the machine's zone", () => {
    expect(labelsAt(["2024-12-04T10:00:00Z", "2025-12-04T10:00:00Z", "2025-12-04T23:30:00-02:00"])).toEqual([
      "4 Dec 2024",
      "4 Dec 2025",
      "5 Dec 2025",
    ]);
  });

  it("gives every point a label, all different", () => {
    const dates = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2025, 11, 4, 9 + (i % 3), i % 2)));
    const labels = chartPointLabels(dates);
    expect(labels).toHaveLength(40);
    expect(new Set(labels).size).toBe(40);
    expect(chartPointLabels([])).toEqual([]);
  });
});
