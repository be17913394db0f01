import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { checkUnpackedSize } from "#app/utils/zip-archive.server.ts";

/**
 * The half of résumé extraction that runs in a worker thread (a Piscina pool
 * started by resume-extraction.server.ts, with a time and a memory limit):
 * parsing a PDF or a Word document is CPU- and memory-hungry on hostile files,
 * and must never stall the web process's event loop. It answers with plain
 * data, not errors: the main thread turns a refusal into the message a person reads.
 *
 * Node runs this file as it is (type stripping), not from the server bundle,
 * so it imports only packages and small modules that need no bundler.
 */

export type DocumentTask = { kind: "pdf" | "docx"; bytes: Uint8Array; maxUnpackedBytes: number; maxPdfPages: number };

export type DocumentOutcome =
  | { text: string }
  | { refused: "unpacked_too_large" | "unreadable_file" | "password_protected" }
  | { refused: "too_many_pages"; pages: number };

export default async function readDocumentText(task: DocumentTask): Promise<DocumentOutcome> {
  return task.kind === "pdf" ? pdfText(task) : docxText(task);
}

async function pdfText({ bytes, maxPdfPages }: DocumentTask): Promise<DocumentOutcome> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(bytes, { verbosity: 0 });
  } catch (error) {
    return { refused: error instanceof Error && error.name === "PasswordException" ? "password_protected" : "unreadable_file" };
  }
  try {
    if (pdf.numPages > maxPdfPages) return { refused: "too_many_pages", pages: pdf.numPages };
    const { text } = await extractText(pdf, { mergePages: true });
    return { text };
  } catch {
    return { refused: "unreadable_file" };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function docxText({ bytes, maxUnpackedBytes }: DocumentTask): Promise<DocumentOutcome> {
  const unpacked = checkUnpackedSize(bytes, maxUnpackedBytes);
  if (unpacked === "too_large") return { refused: "unpacked_too_large" };
  if (unpacked === "unreadable") return { refused: "unreadable_file" };
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return { text: result.value };
  } catch {
    return { refused: "unreadable_file" };
  }
}
