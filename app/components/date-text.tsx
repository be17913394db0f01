const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A date rendered the same on server and client (UTC), with a machine-readable datetime. */
export function DateText({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const date = new Date(iso);
  return <time dateTime={iso}>{withTime ? `${dateTimeFormat.format(date)} UTC` : dateFormat.format(date)}</time>;
}
