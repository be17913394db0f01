import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { docxWithText, withLyingZipSizes } from "#tests/fixtures/resume-files.ts";
import { checkUnpackedSize, declaredUnpackedBytes, readZipDirectory } from "./zip-archive.server.ts";

const KB = 1024;

/** A small ZIP whose one entry, notes.txt, unpacks to `bytes` bytes of one letter (a bomb in miniature). */
async function zipOf(bytes: number, compression: "DEFLATE" | "STORE" = "DEFLATE") {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("notes.txt", "a".repeat(bytes));
  return zip.generateAsync({ type: "uint8array", compression });
}

describe("reading a ZIP's central directory", () => {
  it("lists each entry with its method and declared sizes", async () => {
    const entries = readZipDirectory(await zipOf(200 * KB));
    expect(entries.map((e) => e.name)).toEqual(["[Content_Types].xml", "notes.txt"]);
    const notes = entries.find((e) => e.name === "notes.txt")!;
    expect(notes).toMatchObject({ method: 8, uncompressedSize: 200 * KB });
    expect(notes.compressedSize).toBeLessThan(2 * KB);
    expect(declaredUnpackedBytes(entries)).toBe(200 * KB + "<Types/>".length);
  });

  it("finds nothing in bytes that only start like a ZIP", () => {
    expect(readZipDirectory(new TextEncoder().encode("PK\u0003\u0004 not really a zip"))).toEqual([]);
  });
});

describe("checking what a ZIP unpacks to", () => {
  it("accepts a real Word document and archives within the cap, deflated or stored", async () => {
    expect(checkUnpackedSize(await docxWithText(), 20 * 1024 * KB)).toBe("ok");
    expect(checkUnpackedSize(await zipOf(90 * KB), 100 * KB)).toBe("ok");
    expect(checkUnpackedSize(await zipOf(90 * KB, "STORE"), 100 * KB)).toBe("ok");
  });

  it("refuses an archive whose declared sizes add up to more than the cap", async () => {
    expect(checkUnpackedSize(await zipOf(200 * KB), 100 * KB)).toBe("too_large");
  });

  it("refuses an archive that lies about its sizes, stopping at the size it declared", async () => {
    const lying = withLyingZipSizes(await zipOf(200 * KB), "notes.txt", 1 * KB);
    expect(declaredUnpackedBytes(readZipDirectory(lying))).toBeLessThan(100 * KB);
    expect(checkUnpackedSize(lying, 100 * KB)).toBe("too_large");
  });

  it("calls an archive that unpacks to less than it declares, or is not a ZIP at all, unreadable", async () => {
    expect(checkUnpackedSize(withLyingZipSizes(await zipOf(10 * KB), "notes.txt", 50 * KB), 100 * KB)).toBe("unreadable");
    expect(checkUnpackedSize(new TextEncoder().encode("PK\u0003\u0004 not really a zip"), 100 * KB)).toBe("unreadable");
  });
});
