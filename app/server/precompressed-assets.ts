/**
 * Serves the browser build's scripts and styles from the copies compressed at
 * build time (scripts/build/precompress-assets.ts): brotli where the client
 * accepts it, gzip (zopfli) otherwise, and the plain file — through the static
 * handler after this one — for a client that accepts neither.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { RequestHandler } from "express";

export type Encoding = "br" | "gzip";

/** Where each encoding's copy sits, next to the file (written by scripts/build/precompress-assets.ts). */
export const COPY_SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };
/** Ours, for equal q-values: brotli is the smaller. */
const PREFERENCE: Encoding[] = ["br", "gzip"];

/**
 * The encoding to send, by the `Accept-Encoding` header's q-values (RFC 9110
 * §12.5.3: `*` covers what is not named, q=0 refuses; `x-gzip` is gzip), among
 * those `available`.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: (encoding: Encoding) => boolean): Encoding | null {
  const quality = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [token, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (!token) continue;
    const q = params.find((p) => p.startsWith("q="));
    const value = q === undefined ? 1 : Number(q.slice(2));
    // A q-value outside 0–1 is malformed: read as a refusal rather than a preference.
    quality.set(token === "x-gzip" ? "gzip" : token, Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0);
  }
  let best: Encoding | null = null;
  let bestQuality = 0;
  for (const encoding of PREFERENCE) {
    const q = quality.get(encoding) ?? quality.get("*") ?? 0;
    if (q > bestQuality && available(encoding)) {
      best = encoding;
      bestQuality = q;
    }
  }
  return best;
}

/**
 * Mounted at `/assets`. The build's file names carry a content hash and never
 * change while the process runs, so the directory is listed once, not looked up
 * per request.
 */
export function precompressedAssets(assetsDir: string, options: { maxAge: string }): RequestHandler {
  let files: Set<string>;
  try {
    files = new Set(readdirSync(assetsDir));
  } catch {
    files = new Set();
  }
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const name = req.path.slice(1);
    if (!files.has(name)) return next();
    // Every answer for this file depends on the header, whichever encoding it ends up in.
    res.vary("Accept-Encoding");
    const encoding = pickEncoding(req.headers["accept-encoding"], (e) => files.has(name + COPY_SUFFIX[e]));
    if (!encoding) return next();
    res.setHeader("Content-Encoding", encoding);
    // The type of what the copy decodes to (send would name it by the .br/.gz extension otherwise).
    res.type(path.extname(name));
    // No byte ranges: a range of an encoded body is rarely useful and easy to mix up with the plain file's.
    const sendOptions = { root: assetsDir, immutable: true, maxAge: options.maxAge, acceptRanges: false };
    res.sendFile(name + COPY_SUFFIX[encoding], sendOptions, (error?: NodeJS.ErrnoException) => {
      if (!error) return;
      if (res.headersSent) {
        // A client that hung up needs nothing more; anything else mid-body must end the response.
        if (error.code !== "ECONNABORTED") next(error);
        return;
      }
      // Nothing of the copy's representation may reach whatever answers instead.
      for (const header of ["Content-Encoding", "Content-Type", "ETag", "Last-Modified", "Cache-Control"]) res.removeHeader(header);
      // The copy went missing: the plain file, through the static handler, is still right.
      if (error.code === "ENOENT") next();
      else next(error);
    });
  };
}
