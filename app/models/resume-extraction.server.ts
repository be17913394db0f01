import { createRequire } from "node:module";
import { Piscina } from "piscina";
import { logger } from "#app/utils/logger.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import {
  countWords,
  fileExtension,
  hasResumeExtension,
  RESUME_FILE_TOO_LARGE_MESSAGE,
  RESUME_MAX_FILE_BYTES,
  unsupportedExtensionMessage,
} from "#app/domain/resume-text.ts";
import { declaredUnpackedBytes, readZipDirectory } from "#app/utils/zip-archive.server.ts";
import type { DocumentOutcome, DocumentTask } from "./resume-text-worker.server.ts";

/**
 * Turns an uploaded résumé file into plain text for the user to review. The
 * type is decided by the bytes (magic numbers, a real UTF-8 decode), and the
 * name's extension must agree, so a renamed binary is refused with a message
 * instead of becoming garbage interview context. Nothing here saves anything.
 * Libraries: unpdf (pdf.js built for servers) for PDF, mammoth for .docx —
 * see docs/decisions/0004-resume-text-extraction.md. Both run in a worker
 * thread with a time and a memory limit (resume-text-worker.server.ts), and a
 * .docx is checked for a ZIP bomb first: a hostile file costs a thread a few
 * seconds at most, never the web process its event loop or its memory.
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
  | "too_many_pages"
  | "unpacked_too_large"
  | "document_too_complex";

/** A file we refuse, with the message to show and the HTTP status the page and the API answer with. */
export class ResumeFileError extends Refusal<ResumeFileErrorCode> {
  override name = "ResumeFileError";
  constructor(code: ResumeFileErrorCode, message: string) {
    const status =
      code === "file_too_large" || code === "unpacked_too_large"
        ? 413
        : code === "unsupported_file_type" || code === "file_type_mismatch"
          ? 415
          : 422;
    super(code, message, status);
  }
}

/** A scanned résumé is a picture of text: far more pages than this is not a résumé. */
export const MAX_PDF_PAGES = 30;

/** A Word document's parts, unpacked, may add up to this much: a 2 MB résumé full of photos stays far below it. */
export const RESUME_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** What one extraction may cost its worker thread before it is stopped (a real résumé takes well under a second). */
export const EXTRACTION_TIME_LIMIT_MS = 10_000;
export const EXTRACTION_MEMORY_LIMIT_MB = 256;

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
  if (startsWith(bytes, ZIP_MAGIC)) return readZipDirectory(bytes).some((e) => e.name === "word/document.xml") ? "docx" : "zip";
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

const UNREADABLE_MESSAGE: Record<"pdf" | "docx", string> = {
  pdf: "We couldn't read this PDF — it may be damaged. Export it again, or paste your résumé instead.",
  docx: "We couldn't read this Word document — it may be damaged. Save it again from Word, or paste your résumé instead.",
};
const UNPACKED_TOO_LARGE_MESSAGE = `This Word document unpacks to more than ${RESUME_MAX_UNPACKED_BYTES / 1024 / 1024} MB — far more than a résumé. Save a copy without large pictures or embedded files, or paste your résumé instead.`;
const TOO_COMPLEX_MESSAGE =
  "This file took too long to read — it may be damaged or unusually complex, or the server is busy. Try again, save it as a simpler PDF or Word file, or paste your résumé instead.";

/*
 * The worker thread runs app/models/resume-text-worker.server.ts as a plain file, located through
 * package.json's "#app/*" imports: the same path in dev (Vite), in the production bundle
 * (build/server/index.js), in the tests and in the Docker image (which copies app/ for the worker
 * process anyway). Node strips its types as it does for every other .ts file we run, so it needs no
 * build entry of its own and cannot drift from the source.
 */
const WORKER_FILE = createRequire(import.meta.url).resolve("#app/models/resume-text-worker.server.ts");

// Kept on globalThis so Vite's dev reloads reuse one pool instead of starting another per edit.
const globalForPool = globalThis as unknown as { __resumeExtractionPool?: Piscina<DocumentTask, DocumentOutcome> };

/**
 * Two threads at most (résumé uploads are rare; each thread may hold up to its memory limit), none
 * while idle. A thread stopped by a limit is terminated and Piscina starts a fresh one for the next task.
 */
export function extractionPool() {
  if (globalForPool.__resumeExtractionPool) return globalForPool.__resumeExtractionPool;
  const pool = new Piscina<DocumentTask, DocumentOutcome>({
    filename: WORKER_FILE,
    minThreads: 0,
    maxThreads: 2,
    idleTimeout: 60_000,
    // V8's heap; pdf.js's decoded streams live outside it (ArrayBuffers), and the time limit bounds those.
    resourceLimits: { maxOldGenerationSizeMb: EXTRACTION_MEMORY_LIMIT_MB, maxYoungGenerationSizeMb: 32 },
  });
  // A thread that dies while idle is reported here rather than to a task; without a listener it would crash the process.
  pool.on("error", (error: unknown) => logger.error({ err: error, kind: "resume_extraction" }, "résumé extraction thread failed"));
  globalForPool.__resumeExtractionPool = pool;
  return pool;
}

/** The raw text of a PDF or Word document, read in the extraction pool, or the ResumeFileError saying why not. */
async function documentText(kind: "pdf" | "docx", bytes: Uint8Array): Promise<string> {
  let outcome: DocumentOutcome;
  try {
    outcome = await extractionPool().run(
      { kind, bytes, maxUnpackedBytes: RESUME_MAX_UNPACKED_BYTES, maxPdfPages: MAX_PDF_PAGES },
      // Counts from now, so time spent queued behind other uploads counts too: no upload waits for ever.
      { signal: AbortSignal.timeout(EXTRACTION_TIME_LIMIT_MS) },
    );
  } catch (error) {
    const limit =
      error instanceof Error && error.name === "AbortError"
        ? "time"
        : (error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? "memory"
          : null;
    if (!limit) throw error;
    logger.warn({ kind: "resume_extraction", fileKind: kind, limit, bytes: bytes.byteLength }, "résumé extraction stopped at its limit");
    throw new ResumeFileError("document_too_complex", TOO_COMPLEX_MESSAGE);
  }
  if ("text" in outcome) return outcome.text;
  switch (outcome.refused) {
    case "unpacked_too_large":
      throw new ResumeFileError("unpacked_too_large", UNPACKED_TOO_LARGE_MESSAGE);
    case "password_protected":
      throw new ResumeFileError(
        "password_protected",
        "This PDF is password-protected. Save a copy without a password, or paste your résumé instead.",
      );
    case "too_many_pages":
      throw new ResumeFileError(
        "too_many_pages",
        `This PDF has ${outcome.pages} pages — a résumé usually has one to three. Upload just your résumé, or paste it.`,
      );
    case "unreadable_file":
      throw new ResumeFileError("unreadable_file", UNREADABLE_MESSAGE[kind]);
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

  // A ZIP bomb that admits its size is refused from its central directory, without starting a thread.
  if (expected === "docx" && declaredUnpackedBytes(readZipDirectory(file.bytes)) > RESUME_MAX_UNPACKED_BYTES) {
    throw new ResumeFileError("unpacked_too_large", UNPACKED_TOO_LARGE_MESSAGE);
  }
  const raw = expected === "text" ? decodeText(file.bytes)! : await documentText(expected, file.bytes);

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
