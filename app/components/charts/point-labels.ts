const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });

/** Group positions by `key` and let `extend` lengthen the labels of every group that has more than one. */
function disambiguate(labels: string[], extend: (label: string, index: number, nth: number) => string) {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => groups.set(label, [...(groups.get(label) ?? []), i]));
  const out = [...labels];
  for (const [label, indexes] of groups) {
    if (indexes.length > 1) indexes.forEach((i, nth) => (out[i] = extend(label, i, nth)));
  }
  return out;
}

/**
 * One label per point of a chart over time, in the points' order, that tells
 * every point apart: its date ("4 Dec 2025"); where several points share a
 * day, the time too ("4 Dec 2025, 09:12"); where they share the minute, their
 * order as well ("4 Dec 2025, 09:12 (2)"). UTC, like DateText, so server and
 * browser agree. The chart's axis and the table that stands in for the chart
 * name each point with the same label.
 */
export function chartPointLabels(dates: readonly Date[]): string[] {
  const byDay = dates.map((d) => dateFormat.format(d));
  const byMinute = disambiguate(byDay, (label, i) => `${label}, ${timeFormat.format(dates[i]!)}`);
  return disambiguate(byMinute, (label, _i, nth) => `${label} (${nth + 1})`);
}
