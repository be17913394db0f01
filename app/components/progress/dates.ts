const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** "12 Mar 2026" — chart tooltips, like DateText. */
export const mediumDate = (date: Date) => dateFormat.format(date);
