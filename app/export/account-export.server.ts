import {
  AccountExport,
  AccountExportContent,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  IMPORT_MAX_BYTES,
  type AccountExportInput,
} from "./account-export.ts";
import { exportChecksum } from "./checksum.server.ts";
import { redactDocument, redactionFor } from "./redact.ts";

/** The user's data as the model layer reads it (timestamps as ISO strings); extra fields are dropped, never exported. */
export type AccountExportData = Omit<
  AccountExportInput,
  "format" | "exportVersion" | "exportId" | "exportedAt" | "appVersion" | "redacted"
>;

export type ExportOptions = { exportId: string; now: Date; appVersion: string; redact: boolean; maxBytes?: number };

/** Room kept for the checksum and the pretty-printing of the lines audio adds. */
const SIZE_MARGIN_BYTES = 64 * 1024;

/**
 * The account export file's document: the data, parsed through the schema
 * (which drops any field it does not name — secrets included), redacted when
 * asked, then checksummed. An unredacted result is checked against the full
 * schema, so an export this installation writes is one it can import. A
 * redacted one is not: a placeholder can be longer than the short name it
 * replaces, and a text at its length limit would make the export fail — a
 * redacted file is for sharing, and importing it may refuse such a text.
 *
 * Kept recordings carry their audio (base64) as long as the file, written as
 * the download writes it (2-space JSON), stays within what an import accepts
 * (`maxBytes`); the audio of the others is left out, oldest kept first, and
 * says why. A redacted export carries no audio: a voice cannot be redacted.
 */
export function buildAccountExport(data: AccountExportData, options: ExportOptions): AccountExport {
  let content = withAudioWithin(exportContent(data, options), options.redact ? 0 : (options.maxBytes ?? IMPORT_MAX_BYTES));
  if (options.redact) {
    content = redactDocument(content, redactionFor(content));
    return { ...content, checksum: exportChecksum(content) };
  }
  return AccountExport.parse({ ...content, checksum: exportChecksum(content) });
}

/**
 * Which kept recordings' audio `buildAccountExport` will carry, known from their sizes alone — so that the
 * audio of the others (all of it, for a redacted export) is never read. `data` carries no audio yet;
 * `audioBytes` is each kept recording's audio size (recording id → bytes). Built with the audio of exactly
 * these recordings (and the rest left out, saying why), the export is the one the whole audio would give.
 */
export function recordingsWithAudioThatFits(
  data: AccountExportData,
  audioBytes: ReadonlyMap<string, number>,
  options: ExportOptions,
): Set<string> {
  if (options.redact || audioBytes.size === 0) return new Set();
  const content = exportContent(data, options);
  // The document as withAudioWithin measures it: each recording with audio marked as left out for its size.
  const withoutAudio: AccountExportContent = {
    ...content,
    interviews: content.interviews.map((interview) => ({
      ...interview,
      recordings: interview.recordings.map((r) =>
        audioBytes.has(r.id) ? { ...r, audioBase64: null, audioLeftOut: "size_limit" as const } : r,
      ),
    })),
  };
  const base64Lengths = new Map([...audioBytes].map(([id, bytes]) => [id, Math.ceil(bytes / 3) * 4]));
  return audioThatFits(withoutAudio, base64Lengths, options.maxBytes ?? IMPORT_MAX_BYTES);
}

/** The data parsed through the schema (which drops every field it does not name), with the file's header. */
function exportContent(data: AccountExportData, options: ExportOptions): AccountExportContent {
  return AccountExportContent.parse({
    ...data,
    format: EXPORT_FORMAT,
    exportVersion: EXPORT_VERSION,
    exportId: options.exportId,
    exportedAt: options.now.toISOString(),
    appVersion: options.appVersion,
    redacted: options.redact,
  });
}

/** The document with every recording's audio that fits in `maxBytes` (0: none, as in a redacted export). */
function withAudioWithin(content: AccountExportContent, maxBytes: number): AccountExportContent {
  const audio = new Map<string, string>();
  const withoutAudio: AccountExportContent = {
    ...content,
    interviews: content.interviews.map((interview) => ({
      ...interview,
      recordings: interview.recordings.map((r) => {
        if (r.audioBase64 === null) return r;
        audio.set(r.id, r.audioBase64);
        return { ...r, audioBase64: null, audioLeftOut: maxBytes === 0 ? ("redacted" as const) : ("size_limit" as const) };
      }),
    })),
  };
  if (maxBytes === 0 || audio.size === 0) return withoutAudio;
  const fits = audioThatFits(withoutAudio, new Map([...audio].map(([id, base64]) => [id, base64.length])), maxBytes);
  return {
    ...withoutAudio,
    interviews: withoutAudio.interviews.map((interview) => ({
      ...interview,
      recordings: interview.recordings.map((r) => (fits.has(r.id) ? { ...r, audioBase64: audio.get(r.id)!, audioLeftOut: null } : r)),
    })),
  };
}

/**
 * The recordings whose audio (base64, of the given lengths) fits in `maxBytes` beside the document
 * without audio: in the document's order, each that still fits (the oldest kept first).
 */
function audioThatFits(withoutAudio: AccountExportContent, base64Lengths: ReadonlyMap<string, number>, maxBytes: number): Set<string> {
  let size = Buffer.byteLength(JSON.stringify(withoutAudio, null, 2)) + SIZE_MARGIN_BYTES;
  const fits = new Set<string>();
  for (const interview of withoutAudio.interviews) {
    for (const r of interview.recordings) {
      const length = base64Lengths.get(r.id);
      if (length === undefined || size + length > maxBytes) continue;
      size += length;
      fits.add(r.id);
    }
  }
  return fits;
}

/** The file's name: the date and, for a redacted export, so it says. */
export function accountExportFileName(document: Pick<AccountExport, "exportedAt" | "redacted">) {
  return `ai-interviewer-export-${document.exportedAt.slice(0, 10)}${document.redacted ? "-redacted" : ""}.json`;
}
