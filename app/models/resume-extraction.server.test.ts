import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import {
  decodeText,
  detectContentKind,
  extractionPool,
  extractResumeFile,
  extractResumeText,
  NO_TEXT_IN_PDF_MESSAGE,
  ResumeFileError,
  tidyExtractedText,
} from "./resume-extraction.server.ts";
import { readZipDirectory } from "#app/utils/zip-archive.server.ts";
import {
  asFile,
  docxBomb,
  docxWithText,
  pdfWithoutText,
  pdfWithText,
  plainZip,
  pngBytes,
  RESUME_LINES,
  RESUME_MARKERS,
  textResume,
  withLyingZipSizes,
} from "#tests/fixtures/resume-files.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function refusal(file: { name: string; bytes: Uint8Array }) {
  const error = await extractResumeText(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResumeFileError);
  return error as ResumeFileError;
}

describe("detecting the file type by content", () => {
  it("recognises PDF, DOCX, plain text, images and other ZIPs from their bytes", async () => {
    expect(detectContentKind(pdfWithText())).toBe("pdf");
    expect(detectContentKind(await docxWithText())).toBe("docx");
    expect(detectContentKind(await plainZip())).toBe("zip");
    expect(detectContentKind(pngBytes())).toBe("image");
    expect(detectContentKind(textResume())).toBe("text");
    expect(detectContentKind(new Uint8Array([0x01, 0x00, 0x02, 0x03]))).toBe("binary");
  });

  it("lists a ZIP's entries from its central directory", async () => {
    const names = readZipDirectory(await docxWithText()).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml"]));
    expect(readZipDirectory(utf8("PK\u0003\u0004 not really a zip"))).toEqual([]);
  });

  it("accepts UTF-8 (with or without BOM) and UTF-16 with a BOM, and refuses invalid UTF-8 or NUL bytes", () => {
    expect(decodeText(utf8("Zoë Ångström"))).toBe("Zoë Ångström");
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("BOM first")]))).toBe("BOM first");
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("Notepad Unicode", "utf16le")]);
    expect(decodeText(utf16)).toBe("Notepad Unicode");
    expect(decodeText(new Uint8Array([0x41, 0xc3, 0x28]))).toBeNull(); // invalid UTF-8 sequence
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42]))).toBeNull();
  });
});

describe("extracting text", () => {
  it("reads the text layer of a PDF, line by line", async () => {
    const result = await extractResumeText({ name: "Ada Lovelace CV.pdf", bytes: pdfWithText() });
    expect(result.kind).toBe("pdf");
    expect(result.text.split("\n")).toEqual(RESUME_LINES);
    expect(result.fileName).toBe("Ada Lovelace CV.pdf");
    expect(result.wordCount).toBe(RESUME_LINES.join(" ").split(/\s+/).length);
    expect(result.characterCount).toBe(result.text.length);
  });

  it("reads the paragraphs of a Word document", async () => {
    const result = await extractResumeText({ name: "resume.DOCX", bytes: await docxWithText() });
    expect(result.kind).toBe("docx");
    for (const marker of RESUME_MARKERS) expect(result.text).toContain(marker);
    expect(result.text).not.toMatch(/\n{3,}/);
  });

  it("reads .txt and .md files as text", async () => {
    const txt = await extractResumeText({ name: "resume.txt", bytes: textResume() });
    expect(txt.text).toBe(RESUME_LINES.join("\n"));
    const md = await extractResumeText({ name: "resume.md", bytes: utf8("# Ada Lovelace\r\n\r\n\r\n\r\n- Built things   \r\n") });
    expect(md.text).toBe("# Ada Lovelace\n\n- Built things");
  });

  it("takes a File from a form", async () => {
    const result = await extractResumeFile(asFile(pdfWithText(), "cv.pdf", "application/pdf"));
    expect(result.text).toContain("Ada Lovelace");
  });

  it("gives the agreed message for a scanned PDF with no text layer", async () => {
    const error = await refusal({ name: "scan.pdf", bytes: pdfWithoutText() });
    expect(error.code).toBe("no_text_found");
    expect(error.status).toBe(422);
    expect(error.message).toBe(NO_TEXT_IN_PDF_MESSAGE);
    expect(error.message).toContain("We couldn't find any text in this PDF — paste your résumé instead");
  });

  it("refuses a PNG renamed to .pdf, naming what it really is", async () => {
    const error = await refusal({ name: "resume.pdf", bytes: pngBytes() });
    expect(error.code).toBe("file_type_mismatch");
    expect(error.status).toBe(415);
    expect(error.message).toMatch(/“resume\.pdf” isn't a real PDF file: it is actually an image/);
  });

  it("refuses binaries renamed to .docx or .txt, and a PDF renamed to .docx", async () => {
    expect((await refusal({ name: "resume.docx", bytes: await plainZip() })).code).toBe("file_type_mismatch");
    expect((await refusal({ name: "resume.txt", bytes: new Uint8Array([0x00, 0x01, 0x02, 0xff]) })).code).toBe("file_type_mismatch");
    const pdfAsDocx = await refusal({ name: "resume.docx", bytes: pdfWithText() });
    expect(pdfAsDocx.message).toContain("it is actually a PDF file saved with the wrong name");
  });

  it("refuses extensions it cannot read, with a hint for old .doc files", async () => {
    const png = await refusal({ name: "photo.png", bytes: pngBytes() });
    expect(png.code).toBe("unsupported_file_type");
    expect(png.message).toContain("We can read PDF, Word (.docx), .txt and .md files");
    const doc = await refusal({ name: "resume.doc", bytes: utf8("whatever") });
    expect(doc.message).toContain("Old Word files (.doc)");
  });

  it("refuses empty files, whitespace-only text, damaged PDFs and files over 2 MB", async () => {
    expect((await refusal({ name: "empty.txt", bytes: new Uint8Array() })).code).toBe("empty_file");
    expect((await refusal({ name: "blank.txt", bytes: utf8(" \n\t \n") })).code).toBe("no_text_found");
    const damaged = await refusal({ name: "broken.pdf", bytes: utf8("%PDF-1.7\nthis is not really a pdf") });
    expect(damaged.code).toBe("unreadable_file");
    expect(damaged.message).toContain("We couldn't read this PDF");
    const big = await refusal({ name: "big.txt", bytes: new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61) });
    expect(big.code).toBe("file_too_large");
    expect(big.status).toBe(413);
  });
});

// Building and refusing these bombs is honest CPU work: on a busy 2-core CI machine it has taken over 30 s.
// The limit catches a hang, it does not time anything.
describe("hostile documents", { timeout: 120_000 }, () => {
  it("refuses a .docx bomb that admits its size, and one whose central directory lies, with 413", async () => {
    const honest = await refusal({ name: "resume.docx", bytes: await docxBomb() });
    expect(honest.code).toBe("unpacked_too_large");
    expect(honest.status).toBe(413);
    expect(honest.message).toContain("This Word document unpacks to more than 20 MB");
    const lying = await refusal({ name: "resume.docx", bytes: withLyingZipSizes(await docxBomb()) });
    expect(lying.code).toBe("unpacked_too_large");
  });

  it("stops a Word document within the size cap that needs more than the thread's memory (422), and reads the next file in a fresh thread", async () => {
    // 18 MB of empty paragraphs in a 27 KB file: under the unpacked cap, but millions of objects for mammoth.
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file(
      "word/document.xml",
      `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${"<w:p/>".repeat(3_000_000)}</w:body></w:document>`,
    );
    const heavy = await refusal({ name: "resume.docx", bytes: await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }) });
    expect(heavy.code).toBe("document_too_complex");
    expect(heavy.status).toBe(422);
    expect(heavy.message).toContain("This file took too long to read");

    const next = await extractResumeText({ name: "cv.pdf", bytes: pdfWithText() });
    expect(next.text.split("\n")).toEqual(RESUME_LINES);
    // The stopped thread is gone, not left running beside its replacement.
    expect(extractionPool().threads.length).toBeLessThanOrEqual(2);
  });
});

describe("tidying extracted text", () => {
  it("normalises line breaks, strips control characters and trailing spaces, and keeps at most one blank line", () => {
    expect(tidyExtractedText("\uFEFFName\u0007\r\n\r\n\r\n\r\nRole  \t\u00A0\nSkills\u00A0list\f")).toBe("Name\n\nRole\nSkills list");
  });
});
