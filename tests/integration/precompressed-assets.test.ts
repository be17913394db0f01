import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../support/raw-http.ts";
import { clientAssetsDir as assetsDir, startTestApp, type TestApp } from "../support/test-app.ts";

// Issue 8 point 4: the browser's scripts go out as compressed at build time — brotli to a client that
// accepts it, gzip (zopfli) to one that does not, the file itself to one that accepts neither.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { NODE_ENV: "production" } });
});
afterAll(() => app.close());

const rawGet = (urlPath: string, headers: Record<string, string> = {}, method = "GET") =>
  rawRequest(new URL(urlPath, app.url), { method, headers });

/** The largest script the landing page loads (React's), and its bytes on disk. */
async function landingScript() {
  const html = await (await app.client().get("/")).text();
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length, "the landing page references built scripts").toBeGreaterThan(0);
  const [largest] = scripts
    .map((urlPath) => ({ urlPath, source: readFileSync(path.join(assetsDir, path.basename(urlPath))) }))
    .sort((a, b) => b.source.length - a.source.length);
  return largest!;
}

describe("precompressed assets", () => {
  it("sends brotli made at build time to a browser, decoding to the very file, and gzip to a client without brotli", async () => {
    const { urlPath, source } = await landingScript();
    const onDiskBrotli = readFileSync(path.join(assetsDir, `${path.basename(urlPath)}.br`));
    const onDiskGzip = readFileSync(path.join(assetsDir, `${path.basename(urlPath)}.gz`));

    const br = await rawGet(urlPath, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    // The build's copy as it is (quality 11), not one compressed again per request.
    expect(br.body.equals(onDiskBrotli)).toBe(true);
    expect(zlib.brotliDecompressSync(br.body).equals(source)).toBe(true);

    const gzip = await rawGet(urlPath, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.body.equals(onDiskGzip)).toBe(true);
    expect(zlib.gunzipSync(gzip.body).equals(source)).toBe(true);
    // Zopfli's gzip is smaller than what the per-request compression would send.
    expect(gzip.body.length).toBeLessThan(zlib.gzipSync(source).length);
    expect(br.body.length).toBeLessThan(gzip.body.length);
    expect(gzip.headers.etag).not.toBe(br.headers.etag);
  });

  it("sends the file itself to a client that accepts no encoding, and answers HEAD and revalidation", async () => {
    const { urlPath, source } = await landingScript();
    const plain = await rawGet(urlPath, { "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
    expect(plain.body.equals(source)).toBe(true);

    const head = await rawGet(urlPath, { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);

    const first = await rawGet(urlPath, { "accept-encoding": "br" });
    const again = await rawGet(urlPath, { "accept-encoding": "br", "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("leaves what has no compressed copy, and paths that are not files, to the static handler", async () => {
    const missing = await rawGet("/assets/no-such-file.js", { "accept-encoding": "br" });
    expect(missing.status).toBe(404);
    // A copy is never served under its own name as if it were the script.
    const { urlPath } = await landingScript();
    const copy = await rawGet(`${urlPath}.br`, { "accept-encoding": "identity" });
    expect(copy.headers["content-type"]).not.toMatch(/javascript/);
    const traversal = await rawGet("/assets/..%2F..%2Fpackage.json", { "accept-encoding": "br" });
    expect(traversal.status).toBeGreaterThanOrEqual(400);
    expect(traversal.body.toString()).not.toContain('"name": "ai-interviewer"');
  });
});
