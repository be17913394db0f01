const shortDateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** "12 Mar" — chart axis labels (UTC, the same on server and client). */
export const shortDate = (iso: string) => shortDateFormat.format(new Date(iso));

/** "12 Mar 2026" — chart tooltips, like DateText. */
export const mediumDate = (iso: string) => dateFormat.format(new Date(iso));
