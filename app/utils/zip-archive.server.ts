import { inflateRawSync } from "node:zlib";

/**
 * The little of the ZIP format a .docx upload needs: the entries its central
 * directory declares, and whether they really unpack to what it declares
 * within a cap. A .docx is a ZIP, and a ZIP can be a bomb: 300 KB that
 * inflates to 100 MB (or more) of XML. Word parsers (mammoth, over JSZip)
 * inflate everything they are given, so the archive is checked first:
 * the declared sizes must add up to no more than the cap, and every entry is
 * inflated with node:zlib's `maxOutputLength` set to its declared size, so
 * an archive that lies about its sizes is stopped the moment it passes them.
 * Everything is read the way JSZip reads it (central directory → local
 * header → data), so what is checked here is what mammoth will read; an
 * archive JSZip could read differently from us is refused as unreadable.
 */

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** ZIP64 marks its sizes and offsets with all bits set; a résumé never needs ZIP64. */
const ZIP64_MARKER = 0xffffffff;

/**
 * The entries of a ZIP archive, read from its central directory (no decompression); [] when it has none we can read,
 * or when JSZip might read other entries than these. JSZip reads directory entries for as long as their signature
 * matches, whatever the end record's count says; it shifts every offset by any bytes found before the archive; and of
 * two entries with one name it keeps the last. So the counted entries must fill the directory exactly up to the end
 * record, the directory must sit exactly where the end record says, and no name may appear twice — otherwise a bomb
 * could hide behind an honest entry that is all we would check. Word and LibreOffice never write anything else.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  // Also refuses bytes before the archive (JSZip would read everything that many bytes later than we do) and ZIP64.
  if (offset + directorySize !== end) return [];
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== CENTRAL_DIRECTORY_ENTRY) return [];
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    if (names.has(name)) return [];
    names.add(name);
    entries.push({
      name,
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  // Anything between the last counted entry and the end record is an entry JSZip would read and we would not.
  return offset === end ? entries : [];
}

/** What the central directory says the archive unpacks to (ZIP64's "see elsewhere" counts as endless). */
export function declaredUnpackedBytes(entries: ZipEntry[]): number {
  return entries.reduce((sum, e) => sum + (e.uncompressedSize === ZIP64_MARKER ? Infinity : e.uncompressedSize), 0);
}

export type UnpackedSizeCheck = "ok" | "too_large" | "unreadable";

/**
 * Whether the archive unpacks to at most `maxBytes`, by its declarations and
 * in fact. Inflates each entry once, never past its declared size, so at most
 * `maxBytes` are ever produced. CPU-bound: call it off the event loop.
 */
export function checkUnpackedSize(bytes: Uint8Array, maxBytes: number): UnpackedSizeCheck {
  const entries = readZipDirectory(bytes);
  if (entries.length === 0) return "unreadable";
  if (declaredUnpackedBytes(entries) > maxBytes) return "too_large";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    const header = entry.localHeaderOffset;
    if (entry.compressedSize === ZIP64_MARKER || header === ZIP64_MARKER) return "unreadable";
    if (header + 30 > bytes.length || view.getUint32(header, true) !== LOCAL_FILE_HEADER) return "unreadable";
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    if (start + entry.compressedSize > bytes.length) return "unreadable";
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) return "unreadable";
    } else if (entry.method === 8) {
      let inflated: Buffer;
      try {
        // maxOutputLength makes zlib stop (and throw) once the output passes the declared size.
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? "too_large" : "unreadable";
      }
      if (inflated.byteLength !== entry.uncompressedSize) return "unreadable";
    } else {
      return "unreadable"; // neither stored nor deflated: no Word file uses anything else
    }
  }
  return "ok";
}
