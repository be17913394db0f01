import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import {
  countWords,
  fileExtension,
  hasResumeExtension,
  RESUME_FILE_TOO_LARGE_MESSAGE,
  RESUME_MAX_FILE_BYTES,
  unsupportedExtensionMessage,
} from "#app/utils/resume-text.ts";

/**
 * Turns an uploaded résumé file into plain text for the user to review. The
 * type is decided by the bytes (magic numbers, a real UTF-8 decode), and the
 * name's extension must agree, so a renamed binary is refused with a message
 * instead of becoming garbage interview context. Nothing here saves anything.
 * Libraries: unpdf (pdf.js built for servers) for PDF, mammoth for .docx —
 * see docs/decisions/0004-resume-text-extraction.md.
 */

export type ResumeFileKind = "pdf" | "docx" | "text";

export type ExtractedResume = {
  text: string;
  kind: ResumeFileKind;
  fileName: string;
  wordCount: number;
  characterCount: number;
};

export type ResumeFileErrorCode =
  | "file_too_large"
  | "empty_file"
  | "unsupported_file_type"
  | "file_type_mismatch"
  | "no_text_found"
  | "unreadable_file"
  | "password_protected"
  | "too_many_pages";

/** A file we refuse, with the message to show and the HTTP status the API answers with. */
export class ResumeFileError extends Error {
  override name = "ResumeFileError";
  readonly code: ResumeFileErrorCode;
  readonly status: 413 | 415 | 422;
  constructor(code: ResumeFileErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = code === "file_too_large" ? 413 : code === "unsupported_file_type" || code === "file_type_mismatch" ? 415 : 422;
  }
}

/** A scanned résumé is a picture of text: far more pages than this is not a résumé. */
export const MAX_PDF_PAGES = 30;

export const NO_TEXT_IN_PDF_MESSAGE = "We couldn't find any text in this PDF — paste your résumé instead.";

type ContentKind = ResumeFileKind | "zip" | "image" | "binary";

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04
const IMAGE_MAGICS = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
];

/** The names of the entries of a ZIP archive, read from its central directory (no decompression). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < entries && offset + 46 <= bytes.length; n++) {
    if (view.getUint32(offset, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Text we accept: UTF-8 (BOM optional), or UTF-16 with its BOM (Notepad's "Unicode"); never a NUL byte. */
export function decodeText(bytes: Uint8Array): string | null {
  const tryDecode = (encoding: string, body: Uint8Array) => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(body);
    } catch {
      return null;
    }
  };
  let text: string | null;
  if (startsWith(bytes, [0xff, 0xfe])) text = tryDecode("utf-16le", bytes);
  else if (startsWith(bytes, [0xfe, 0xff])) text = tryDecode("utf-16be", bytes);
  else text = bytes.includes(0) ? null : tryDecode("utf-8", bytes);
  return text === null || text.includes("\u0000") ? null : text;
}

/** What the bytes are, whatever the file is called. */
export function detectContentKind(bytes: Uint8Array): ContentKind {
  if (startsWith(bytes, PDF_MAGIC)) return "pdf";
  if (startsWith(bytes, ZIP_MAGIC)) return zipEntryNames(bytes).includes("word/document.xml") ? "docx" : "zip";
  if (IMAGE_MAGICS.some((magic) => startsWith(bytes, magic))) return "image";
  return decodeText(bytes) === null ? "binary" : "text";
}

const KIND_BY_EXTENSION: Record<string, ResumeFileKind> = { ".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "text" };
const KIND_LABEL: Record<ResumeFileKind, string> = { pdf: "PDF", docx: "Word (.docx)", text: "text" };

function mismatchMessage(fileName: string, expected: ResumeFileKind, actual: ContentKind) {
  const what =
    actual === "image"
      ? "it is actually an image, and we can't read text from pictures"
      : actual === "pdf" || actual === "docx"
        ? `it is actually a ${KIND_LABEL[actual]} file saved with the wrong name`
        : "its contents don't match its name (it may have been renamed, or be damaged)";
  return `“${fileName}” isn't a real ${KIND_LABEL[expected]} file: ${what}. Upload the original PDF, Word (.docx), .txt or .md file, or paste your résumé instead.`;
}

/**
 * Extracted text tidied for the editor: "\n" line breaks, no control
 * characters, no trailing spaces, at most one blank line in a row.
 */
export function tidyExtractedText(raw: string): string {
  return (
    raw
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
      .replace(/\u00A0/g, " ")
      .split("\n")
      .map((line) => line.replace(/[ \t]+$/, ""))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new ResumeFileError(
        "password_protected",
        "This PDF is password-protected. Save a copy without a password, or paste your résumé instead.",
      );
    }
    throw new ResumeFileError(
      "unreadable_file",
      "We couldn't read this PDF — it may be damaged. Export it again, or paste your résumé instead.",
    );
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new ResumeFileError(
        "too_many_pages",
        `This PDF has ${pdf.numPages} pages — a résumé usually has one to three. Upload just your résumé, or paste it.`,
      );
    }
    const { text } = await extractText(pdf, { mergePages: true });
    return text;
  } catch (error) {
    if (error instanceof ResumeFileError) throw error;
    throw new ResumeFileError(
      "unreadable_file",
      "We couldn't read this PDF — it may be damaged. Export it again, or paste your résumé instead.",
    );
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch {
    throw new ResumeFileError(
      "unreadable_file",
      "We couldn't read this Word document — it may be damaged. Save it again from Word, or paste your résumé instead.",
    );
  }
}

/** The text of an uploaded résumé file, or a ResumeFileError saying why not. */
export async function extractResumeText(file: { name: string; bytes: Uint8Array }): Promise<ExtractedResume> {
  const fileName = file.name.split(/[\\/]/).pop() ?? "";
  if (file.bytes.byteLength > RESUME_MAX_FILE_BYTES) throw new ResumeFileError("file_too_large", RESUME_FILE_TOO_LARGE_MESSAGE);
  if (!hasResumeExtension(fileName)) throw new ResumeFileError("unsupported_file_type", unsupportedExtensionMessage(fileName));
  if (file.bytes.byteLength === 0) {
    throw new ResumeFileError("empty_file", "That file is empty. Choose another file or paste your résumé.");
  }

  const expected = KIND_BY_EXTENSION[fileExtension(fileName)]!;
  const actual = detectContentKind(file.bytes);
  if (actual !== expected) throw new ResumeFileError("file_type_mismatch", mismatchMessage(fileName, expected, actual));

  let raw: string;
  if (expected === "pdf") raw = await pdfText(file.bytes);
  else if (expected === "docx") raw = await docxText(file.bytes);
  else raw = decodeText(file.bytes)!;

  const text = tidyExtractedText(raw);
  if (!text) {
    const message =
      expected === "pdf"
        ? NO_TEXT_IN_PDF_MESSAGE
        : expected === "docx"
          ? "We couldn't find any text in this Word document — paste your résumé instead."
          : "That file has no text in it. Choose another file or paste your résumé.";
    throw new ResumeFileError("no_text_found", message);
  }
  return { text, kind: expected, fileName, wordCount: countWords(text), characterCount: text.length };
}

/** Convenience for a File from a form: reads its bytes and extracts. */
export async function extractResumeFile(file: File): Promise<ExtractedResume> {
  if (file.size > RESUME_MAX_FILE_BYTES) throw new ResumeFileError("file_too_large", RESUME_FILE_TOO_LARGE_MESSAGE);
  return extractResumeText({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
}
