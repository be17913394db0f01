import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "#tests/support/raw-http.ts";
import { pickEncoding, precompressedAssets, type Encoding } from "./precompressed-assets.ts";

const both = () => true;
const only = (encoding: Encoding) => (e: Encoding) => e === encoding;

describe("pickEncoding", () => {
  it("prefers brotli when a browser accepts both (Chromium, Firefox, Safari send gzip before br)", () => {
    expect(pickEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(pickEncoding("br;q=1.0, gzip;q=1.0", both)).toBe("br");
  });

  it("follows the client's q-values over our preference", () => {
    expect(pickEncoding("br;q=0.5, gzip", both)).toBe("gzip");
    expect(pickEncoding("gzip;q=0.2, br;q=0.9", both)).toBe("br");
  });

  it("sends gzip to a client without brotli, and nothing encoded to one that accepts neither", () => {
    expect(pickEncoding("gzip, deflate", both)).toBe("gzip");
    expect(pickEncoding("deflate", both)).toBeNull();
    expect(pickEncoding("identity", both)).toBeNull();
    expect(pickEncoding("", both)).toBeNull();
    expect(pickEncoding(undefined, both)).toBeNull();
  });

  it("honours q=0 as a refusal and * for what is not named", () => {
    expect(pickEncoding("br;q=0, gzip", both)).toBe("gzip");
    expect(pickEncoding("*", both)).toBe("br");
    expect(pickEncoding("br;q=0, *", both)).toBe("gzip");
    expect(pickEncoding("*;q=0", both)).toBeNull();
    expect(pickEncoding("br;q=abc, gzip", both)).toBe("gzip");
    expect(pickEncoding("br;q=2, gzip;q=0.5", both)).toBe("gzip");
    expect(pickEncoding("br;q=-1, gzip", both)).toBe("gzip");
    expect(pickEncoding("x-gzip", both)).toBe("gzip");
  });

  it("only picks an encoding whose copy exists", () => {
    expect(pickEncoding("gzip, br", only("gzip"))).toBe("gzip");
    expect(pickEncoding("br", only("gzip"))).toBeNull();
    expect(pickEncoding("GZIP , BR ; Q=0.1", only("gzip"))).toBe("gzip");
  });
});

// The middleware's own paths, over real HTTP, with the static handler behind it as in app.ts. The build's
// own files are exercised in tests/integration/precompressed-assets.test.ts.
describe("precompressedAssets", () => {
  const script = Buffer.from(`export const text = ${JSON.stringify("interview ".repeat(400))};\n`);
  let dir: string;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "aii-assets-"));
    writeFileSync(path.join(dir, "app.js"), script);
    writeFileSync(path.join(dir, "app.js.br"), zlib.brotliCompressSync(script));
    writeFileSync(path.join(dir, "gone.js"), script);
    writeFileSync(path.join(dir, "gone.js.br"), zlib.brotliCompressSync(script));
    const app = express();
    app.use("/assets", precompressedAssets(dir, { maxAge: "1y" }));
    app.use("/assets", express.static(dir, { immutable: true, maxAge: "1y" }));
    app.use((error: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.status ?? 500).end();
    });
    // Listed when the middleware was made, removed since: the copy has gone missing.
    rmSync(path.join(dir, "gone.js.br"));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (urlPath: string, headers: Record<string, string>) => rawRequest(new URL(urlPath, base), { headers });

  it("answers a range request with the whole encoded body, never a slice of it", async () => {
    const res = await get("/assets/app.js", { "accept-encoding": "br", range: "bytes=10-20" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["accept-ranges"]).toBeUndefined();
    expect(zlib.brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it("falls back to the plain file, with none of the copy's headers, when a copy has gone missing", async () => {
    const res = await get("/assets/gone.js", { "accept-encoding": "br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(res.body.equals(script)).toBe(true);
  });

  it("sends the plain file when the encoding the client accepts has no copy", async () => {
    const res = await get("/assets/app.js", { "accept-encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(res.body.equals(script)).toBe(true);
  });

  it("answers a failed precondition without the copy's encoding on the error", async () => {
    const res = await get("/assets/app.js", { "accept-encoding": "br", "if-match": '"not-this-one"' });
    expect(res.status).toBe(412);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
  });
});
