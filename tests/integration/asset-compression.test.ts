import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../support/raw-http.ts";
import { clientAssetsDir as assetsDir, startTestApp, type TestApp } from "../support/test-app.ts";

// The browser's scripts go out compressed for the client that asked (compression(), per request; a
// proxy in front may do it instead) and cached for good: their names change with their content.
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

const decode = (encoding: string | undefined, body: Buffer) =>
  encoding === "br" ? zlib.brotliDecompressSync(body) : encoding === "gzip" ? zlib.gunzipSync(body) : body;

describe("the browser's scripts", () => {
  it("go out compressed for a browser and for a gzip-only client, decoding to the very file, cached for good", async () => {
    const { urlPath, source } = await landingScript();

    const browser = await rawGet(urlPath, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(browser.status).toBe(200);
    expect(browser.headers["content-encoding"]).toBe("br");
    expect(browser.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(browser.headers.vary).toMatch(/Accept-Encoding/i);
    expect(browser.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(browser.body.length).toBeLessThan(source.length / 2);
    expect(decode(browser.headers["content-encoding"], browser.body).equals(source)).toBe(true);

    const gzip = await rawGet(urlPath, { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.body).equals(source)).toBe(true);
    // A browser gets the smaller of the two (brotli at compression's default quality would be the larger).
    expect(browser.body.length).toBeLessThan(gzip.body.length);
  });

  it("go out as they are to a client that accepts no encoding, and answer HEAD and revalidation", async () => {
    const { urlPath, source } = await landingScript();
    const plain = await rawGet(urlPath, { "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(source)).toBe(true);

    const head = await rawGet(urlPath, { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);

    const first = await rawGet(urlPath, { "accept-encoding": "gzip" });
    const again = await rawGet(urlPath, { "accept-encoding": "gzip", "if-none-match": String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("never serve what is not a built file", async () => {
    expect((await rawGet("/assets/no-such-file.js", { "accept-encoding": "gzip" })).status).toBe(404);
    const traversal = await rawGet("/assets/..%2F..%2Fpackage.json", { "accept-encoding": "identity" });
    expect(traversal.status).toBeGreaterThanOrEqual(400);
    expect(traversal.body.toString()).not.toContain('"name": "ai-interviewer"');
  });
});

// A page is rendered whole before it is sent (entry.server.tsx), so it goes out as one body with its
// length, not as chunks: a client learns the size up front and the socket gets one write.
describe("pages", () => {
  it("go out whole with their Content-Length to a client that accepts no encoding, and compressed to a browser", async () => {
    const plain = await rawGet("/login", { "accept-encoding": "identity" });
    expect(plain.status).toBe(200);
    expect(plain.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    expect(plain.body.toString()).toMatch(/^<!DOCTYPE html>.*<\/html>$/s);

    const missing = await rawGet("/no-such-page", { "accept-encoding": "identity" });
    expect(missing.status).toBe(404);
    expect(Number(missing.headers["content-length"])).toBe(missing.body.length);

    const browser = await rawGet("/login", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(browser.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(browser.body).toString()).toMatch(/^<!DOCTYPE html>.*<\/html>$/s);
  });
});
