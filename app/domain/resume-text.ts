import { cleanText } from "#app/utils/clean-text.ts";

/**
 * Rules for the résumé, shared by the /resume page (in the browser as you
 * type, and again in the action) and /api/v1/resumes. Lengths count the text
 * as it is stored: line breaks normalised to "\n", outer whitespace trimmed.
 * The zod schemas built on these are in resume-validation.ts, so the page can
 * count words without loading zod.
 */

export const RESUME_MIN_CHARS = 50;
export const RESUME_MAX_CHARS = 50_000;
export const RESUME_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** An upload request may carry a file of the maximum size plus the multipart framing around it. */
export const RESUME_MAX_REQUEST_BYTES = RESUME_MAX_FILE_BYTES + 64 * 1024;
export const RESUME_FILE_EXTENSIONS = [".pdf", ".docx", ".txt", ".md"] as const;
/** For <input type="file" accept>: the extensions plus their usual media types. */
export const RESUME_FILE_ACCEPT = [
  ...RESUME_FILE_EXTENSIONS,
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain",
  "text/markdown",
].join(",");

const numberFormat = new Intl.NumberFormat("en");
export const formatCount = (n: number) => numberFormat.format(n);

/** Browsers submit textarea line breaks as CRLF; store and count them as one "\n". No control characters. */
export function normalizeResumeText(text: string) {
  return cleanText(text.replace(/\r\n?/g, "\n")).trim();
}

export function countWords(text: string) {
  const words = text.trim().match(/\S+/g);
  return words ? words.length : 0;
}

export const RESUME_EMPTY_MESSAGE = "Your résumé is empty. Paste its text or upload a file.";
export const RESUME_FILE_TOO_LARGE_MESSAGE =
  "That file is larger than 2 MB. Save a smaller copy (a PDF without photos usually is), or paste the text instead.";

/** What is wrong with this (normalised) résumé text, in words a person can act on; undefined when it is fine. */
export function resumeLengthProblem(text: string): string | undefined {
  if (text.length === 0) return RESUME_EMPTY_MESSAGE;
  if (text.length < RESUME_MIN_CHARS) {
    return `That's only ${formatCount(text.length)} characters. A résumé needs at least ${RESUME_MIN_CHARS}, so the interviewer has something to ask about.`;
  }
  if (text.length > RESUME_MAX_CHARS) {
    return `That's ${formatCount(text.length)} characters; the limit is ${formatCount(RESUME_MAX_CHARS)}. Trim older roles or long lists and try again.`;
  }
  return undefined;
}

export function fileExtension(fileName: string) {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot).toLowerCase() : "";
}

export function hasResumeExtension(fileName: string) {
  return (RESUME_FILE_EXTENSIONS as readonly string[]).includes(fileExtension(fileName));
}

export function unsupportedExtensionMessage(fileName: string) {
  const extension = fileExtension(fileName);
  if (extension === ".doc") {
    return "Old Word files (.doc) can't be read. In Word, use Save As → Word Document (.docx) or PDF, or paste the text.";
  }
  return `We can read PDF, Word (.docx), .txt and .md files${fileName ? ` — “${fileName}” is none of those` : ""}. Save your résumé in one of these formats, or paste the text.`;
}
