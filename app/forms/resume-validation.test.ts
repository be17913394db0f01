import { describe, expect, it } from "vitest";
import { countWords, hasResumeExtension, normalizeResumeText } from "#app/domain/resume-text.ts";
import { ResumeContentSchema, ResumeFileSchema } from "./resume-validation.ts";

describe("résumé text", () => {
  it("normalises CRLF and CR line breaks and trims the outside", () => {
    expect(normalizeResumeText("\r\n  Name\r\nRole\rSkills  \n")).toBe("Name\nRole\nSkills");
  });

  it("counts words separated by any whitespace", () => {
    expect(countWords("  Ada   Lovelace\n\nEngineer\t(1843) ")).toBe(4);
    expect(countWords("   ")).toBe(0);
  });

  it("accepts 50 to 50,000 characters after trimming and says what is wrong otherwise", () => {
    expect(ResumeContentSchema.parse(`  ${"a".repeat(50)}  `)).toBe("a".repeat(50));
    expect(ResumeContentSchema.safeParse("a".repeat(50_000)).success).toBe(true);
    const message = (input: unknown) => ResumeContentSchema.safeParse(input).error?.issues[0]?.message;
    expect(message(`  ${"a".repeat(49)}  `)).toBe(
      "That's only 49 characters. A résumé needs at least 50, so the interviewer has something to ask about.",
    );
    expect(message("a".repeat(50_001))).toBe(
      "That's 50,001 characters; the limit is 50,000. Trim older roles or long lists and try again.",
    );
    expect(message(" \n\t ")).toBe("Your résumé is empty. Paste its text or upload a file.");
    expect(message(undefined)).toBe("Your résumé is empty. Paste its text or upload a file.");
  });

  it("counts a CRLF line break as one character, as the browser's counter does", () => {
    const fortyNineAndABreak = `${"a".repeat(24)}\r\n${"b".repeat(25)}`;
    expect(ResumeContentSchema.safeParse(fortyNineAndABreak).success).toBe(true);
  });
});

describe("the chosen file (checked in the browser too)", () => {
  it("accepts the four extensions in any case, and refuses others", () => {
    for (const name of ["cv.pdf", "CV.PDF", "cv.docx", "cv.txt", "cv.md"]) expect(hasResumeExtension(name), name).toBe(true);
    for (const name of ["cv.doc", "cv.png", "cv", ".pdf", "cv.pdf.exe"]) expect(hasResumeExtension(name), name).toBe(false);
  });

  it("refuses a missing, empty, too large or wrongly named file with a message", () => {
    const message = (file: unknown) => ResumeFileSchema.safeParse(file).error?.issues[0]?.message;
    expect(message(undefined)).toBe("Choose a file to upload");
    expect(message(new File([], "cv.pdf"))).toContain("That file is empty");
    expect(message(new File([new Uint8Array(2 * 1024 * 1024 + 1)], "cv.pdf"))).toContain("larger than 2 MB");
    expect(message(new File(["x"], "cv.doc"))).toContain("Old Word files (.doc)");
    expect(ResumeFileSchema.safeParse(new File(["%PDF-"], "cv.pdf")).success).toBe(true);
  });
});
