import { describe, expect, it } from "vitest";
import { readSingleFileUpload } from "./single-file-upload.server.ts";
import { MalformedFormError, PayloadTooLargeError } from "./upload.server.ts";

const BOUNDARY = "----test-boundary-7MA4YWxkTrZu0gW";
const encoder = new TextEncoder();

type Part = { name: string; value: string } | { name: string; fileName: string; type?: string; bytes: Uint8Array };

function multipartBody(parts: Part[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const head =
      "fileName" in part
        ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`
        : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`;
    chunks.push(encoder.encode(head), "fileName" in part ? part.bytes : encoder.encode(part.value), encoder.encode("\r\n"));
  }
  chunks.push(encoder.encode(`--${BOUNDARY}--\r\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A request whose body is streamed in 16 KB chunks, counting how many bytes the reader pulled. */
function streamedRequest(body: Uint8Array, headers: Record<string, string> = {}) {
  const pulled = { bytes: 0 };
  let at = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= body.length) return controller.close();
        const chunk = body.subarray(at, at + 16 * 1024);
        at += chunk.length;
        pulled.bytes += chunk.length;
        controller.enqueue(chunk);
      },
      // Nothing is pulled before the reader asks.
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/interviews/1/transcriptions", {
    method: "POST",
    body: stream,
    duplex: "half",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
  } as RequestInit);
  return { request, pulled };
}

const audio = (size: number) => new Uint8Array(size).fill(7);

describe("reading one uploaded file and its form fields", () => {
  it("returns the file's bytes, name and type, and the text fields as FormData", async () => {
    const { request } = streamedRequest(
      multipartBody([
        { name: "intent", value: "transcribe" },
        { name: "audio", fileName: "answer.webm", type: "audio/webm", bytes: audio(40_000) },
        { name: "durationSeconds", value: "12.5" },
      ]),
    );
    const { fields, file } = await readSingleFileUpload(request, { fileField: "audio", maxFileBytes: 50_000 });
    expect(Object.fromEntries(fields)).toEqual({ intent: "transcribe", durationSeconds: "12.5" });
    expect(file).toMatchObject({ field: "audio", name: "answer.webm", mediaType: "audio/webm" });
    expect(file?.bytes).toEqual(audio(40_000));
  });

  it("treats a file input left empty as no file", async () => {
    const { request } = streamedRequest(
      multipartBody([
        { name: "audio", fileName: "", bytes: new Uint8Array(0) },
        { name: "intent", value: "transcribe" },
      ]),
    );
    expect(await readSingleFileUpload(request, { fileField: "audio", maxFileBytes: 1000 })).toMatchObject({ file: null });
  });

  it("accepts a file of exactly the cap", async () => {
    const { request } = streamedRequest(multipartBody([{ name: "audio", fileName: "a.wav", bytes: audio(50_000) }]));
    expect((await readSingleFileUpload(request, { fileField: "audio", maxFileBytes: 50_000 })).file?.bytes.length).toBe(50_000);
  });

  it("refuses a file over the cap as it streams, without reading the rest of the body", async () => {
    const body = multipartBody([{ name: "audio", fileName: "long.webm", bytes: audio(2_000_000) }]);
    const { request, pulled } = streamedRequest(body);
    await expect(readSingleFileUpload(request, { fileField: "audio", maxFileBytes: 100_000 })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(pulled.bytes).toBeLessThan(100_000 + 64 * 1024);
    expect(pulled.bytes).toBeLessThan(body.length / 10);
  });

  it("refuses a declared Content-Length over the caps before reading a byte", async () => {
    const { request, pulled } = streamedRequest(multipartBody([{ name: "audio", fileName: "a.wav", bytes: audio(10) }]), {
      "content-length": String(10_000_000),
    });
    await expect(readSingleFileUpload(request, { fileField: "audio", maxFileBytes: 100_000 })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(pulled.bytes).toBe(0);
  });

  it("refuses text fields over their own cap", async () => {
    const { request } = streamedRequest(multipartBody([{ name: "answer", value: "x".repeat(70_000) }]));
    await expect(readSingleFileUpload(request, { fileField: "audio", maxFileBytes: 1_000_000 })).rejects.toMatchObject({
      name: "PayloadTooLargeError",
      maxBytes: 64 * 1024,
    });
  });

  it("refuses a second file, a file in another field, a damaged body and a body that is not multipart", async () => {
    const twoFiles = multipartBody([
      { name: "audio", fileName: "a.wav", bytes: audio(10) },
      { name: "audio", fileName: "b.wav", bytes: audio(10) },
    ]);
    const otherField = multipartBody([{ name: "resume", fileName: "cv.pdf", bytes: audio(10) }]);
    const damaged = multipartBody([{ name: "audio", fileName: "a.wav", bytes: audio(10) }]).subarray(0, 80);
    for (const body of [twoFiles, otherField, damaged]) {
      await expect(readSingleFileUpload(streamedRequest(body).request, { fileField: "audio", maxFileBytes: 1000 })).rejects.toBeInstanceOf(
        MalformedFormError,
      );
    }
    const urlencoded = new Request("http://localhost/", {
      method: "POST",
      body: "intent=transcribe",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await expect(readSingleFileUpload(urlencoded, { fileField: "audio", maxFileBytes: 1000 })).rejects.toBeInstanceOf(MalformedFormError);
  });
});
