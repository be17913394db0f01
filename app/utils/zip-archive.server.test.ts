import { crc32, deflateRawSync } from "node:zlib";
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

type Part = { name: string; text: string; claims?: number };

/**
 * A ZIP written byte by byte, for what no zip library writes: a directory that goes on past the
 * count its end record gives, a name twice, or a directory placed at `directoryAt` (zeros before
 * it). Each part is deflated and claims to unpack to `claims` bytes (by default, truly).
 */
function handMadeZip(parts: Part[], { count = parts.length, directoryAt = 0 } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, text, claims } of parts) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    // version, flags, method 8 (deflate), time, date, CRC-32, compressed size, uncompressed size, name length, extra length
    const sizes = Buffer.alloc(26);
    sizes.writeUInt16LE(20, 0);
    sizes.writeUInt16LE(8, 4);
    sizes.writeUInt32LE(crc32(data), 10);
    sizes.writeUInt32LE(packed.length, 14);
    sizes.writeUInt32LE(claims ?? data.length, 18);
    sizes.writeUInt16LE(fileName.length, 22);
    const local = Buffer.concat([u32(0x04034b50), sizes, fileName, packed]);
    // made by, the same fields, then comment length, disk, internal and external attributes (all zero), local header offset
    const entry = Buffer.concat([u32(0x02014b50), u16(20), sizes, Buffer.alloc(10), u32(offset), fileName]);
    locals.push(local);
    directory.push(entry);
    offset += local.length;
  }
  if (directoryAt < offset) directoryAt = offset;
  const body = Buffer.concat([...locals, Buffer.alloc(directoryAt - offset), ...directory]);
  const directorySize = body.length - directoryAt;
  // disk numbers, entries on this disk and in all, directory size and offset, comment length
  const end = Buffer.concat([u32(0x06054b50), u32(0), u16(count), u16(count), u32(directorySize), u32(directoryAt), u16(0)]);
  return new Uint8Array(Buffer.concat([body, end]));
}

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

const TYPES: Part = { name: "[Content_Types].xml", text: "<Types/>" };
const DOCUMENT: Part = { name: "word/document.xml", text: "<w:document>Ada Lovelace</w:document>" };
/** A megabyte of XML claiming to be 1,000 bytes: the bomb in miniature (a 2 MB upload of it is ~2 GB). */
const HIDDEN_BOMB: Part = { name: "word/document.xml", text: " ".repeat(1024 * KB), claims: 1000 };

/** Where an archive's end record says its central directory starts. */
const directoryOffset = (zip: Uint8Array) => new DataView(zip.buffer, zip.byteOffset).getUint32(zip.length - 22 + 16, true);

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

  it("lists an honest hand-made archive, one JSZip reads alike", async () => {
    const zip = handMadeZip([TYPES, DOCUMENT]);
    expect(readZipDirectory(zip).map((e) => e.name)).toEqual(["[Content_Types].xml", "word/document.xml"]);
    expect(checkUnpackedSize(zip, 100 * KB)).toBe("ok");
    expect(await (await JSZip.loadAsync(zip)).file("word/document.xml")!.async("string")).toBe(DOCUMENT.text);
  });
});

// Each of these archives shows JSZip (mammoth's reader) an entry the check would not see.
describe("refusing an archive JSZip would read differently", () => {
  it("refuses a directory entry after the ones its end record counts (JSZip reads on, and inflates the bomb)", async () => {
    const zip = handMadeZip([TYPES, DOCUMENT, HIDDEN_BOMB], { count: 2 });
    expect(readZipDirectory(zip)).toEqual([]);
    expect(checkUnpackedSize(zip, 100 * KB)).toBe("unreadable");
    await expect((await JSZip.loadAsync(zip)).file("word/document.xml")!.async("string")).rejects.toThrow(/size mismatch/);
  });

  it("refuses a name that appears twice in the directory (JSZip keeps the last)", async () => {
    const second: Part = { name: "word/document.xml", text: "<w:document>Someone else</w:document>" };
    const zip = handMadeZip([TYPES, DOCUMENT, second]);
    expect(readZipDirectory(zip)).toEqual([]);
    expect(checkUnpackedSize(zip, 100 * KB)).toBe("unreadable");
    expect(await (await JSZip.loadAsync(zip)).file("word/document.xml")!.async("string")).toBe(second.text);
  });

  it("refuses bytes before the archive (JSZip shifts every offset past them, away from what we would check)", async () => {
    const bomb = handMadeZip([TYPES, HIDDEN_BOMB]);
    // Unshifted, the bomb's offsets land in this decoy: an honest directory, at the same place, over honest parts.
    const decoy = handMadeZip([TYPES, DOCUMENT], { directoryAt: directoryOffset(bomb) });
    const zip = new Uint8Array(Buffer.concat([decoy.subarray(0, decoy.length - 22), bomb]));
    expect(readZipDirectory(zip)).toEqual([]);
    expect(checkUnpackedSize(zip, 100 * KB)).toBe("unreadable");
    await expect((await JSZip.loadAsync(zip)).file("word/document.xml")!.async("string")).rejects.toThrow(/size mismatch/);
  });
});

describe("checking what a ZIP unpacks to", () => {
  it("accepts a real Word document and archives within the cap, deflated or stored", async () => {
    expect(checkUnpackedSize(await docxWithText(), 20 * 1024 * KB)).toBe("ok");
    expect(checkUnpackedSize(await zipOf(90 * KB), 100 * KB)).toBe("ok");
    expect(checkUnpackedSize(await zipOf(90 * KB, "STORE"), 100 * KB)).toBe("ok");
  });

  it("accepts archives written as a stream (sizes in data descriptors, as LibreOffice does) and with a comment", async () => {
    const zip = await JSZip.loadAsync(await docxWithText());
    const streamed = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", streamFiles: true });
    expect(streamed[6]! & 0x08).toBe(0x08); // the first local header's flags: sizes follow the data
    expect(checkUnpackedSize(streamed, 20 * 1024 * KB)).toBe("ok");
    const commented = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", comment: "Saved by a word processor" });
    expect(checkUnpackedSize(commented, 20 * 1024 * KB)).toBe("ok");
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
