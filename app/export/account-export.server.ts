import { AccountExportContent, AccountExportV1, EXPORT_FORMAT, EXPORT_VERSION } from "./account-export.ts";
import { exportChecksum } from "./checksum.server.ts";
import { redactDocument, redactionFor } from "./redact.ts";

/** The user's data as the model layer reads it (timestamps as ISO strings); extra fields are dropped, never exported. */
export type AccountExportData = Omit<
  AccountExportContent,
  "format" | "exportVersion" | "exportId" | "exportedAt" | "appVersion" | "redacted"
>;

/**
 * The account export file's document: the data, parsed through the schema
 * (which drops any field it does not name — secrets included), redacted when
 * asked, then checksummed. An unredacted result is checked against the full
 * schema, so an export this installation writes is one it can import. A
 * redacted one is not: a placeholder can be longer than the short name it
 * replaces, and a text at its length limit would make the export fail — a
 * redacted file is for sharing, and importing it may refuse such a text.
 */
export function buildAccountExport(
  data: AccountExportData,
  options: { exportId: string; now: Date; appVersion: string; redact: boolean },
): AccountExportV1 {
  let content = AccountExportContent.parse({
    ...data,
    format: EXPORT_FORMAT,
    exportVersion: EXPORT_VERSION,
    exportId: options.exportId,
    exportedAt: options.now.toISOString(),
    appVersion: options.appVersion,
    redacted: options.redact,
  });
  if (options.redact) {
    content = redactDocument(content, redactionFor(content));
    return { ...content, checksum: exportChecksum(content) };
  }
  return AccountExportV1.parse({ ...content, checksum: exportChecksum(content) });
}

/** The file's name: the date and, for a redacted export, so it says. */
export function accountExportFileName(document: Pick<AccountExportV1, "exportedAt" | "redacted">) {
  return `ai-interviewer-export-${document.exportedAt.slice(0, 10)}${document.redacted ? "-redacted" : ""}.json`;
}
