/**
 * Vite plugin for the browser build: writes a brotli (`.br`, quality 11) and a
 * gzip (`.gz`, zopfli) copy next to every script and stylesheet, once, at build
 * time. The web process sends those instead of compressing per request
 * (app/server/precompressed-assets.ts): for our bundles brotli 11 is ~13 %
 * smaller than the brotli 4 / gzip 6 `compression` makes on the fly, zopfli's
 * gzip ~3 % smaller than gzip 6 (for clients without brotli), and no request
 * pays the CPU for it.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { gzip as zopfli } from "@gfx/zopfli";
import type { Plugin } from "vite";
import { COPY_SUFFIX } from "../../app/server/precompressed-assets.ts";

const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|html)$/;
/** Below this a compressed copy saves too little to be worth a file (the middleware's threshold too). */
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const zopfliGzip = promisify(zopfli);

export function precompressAssets(): Plugin {
  return {
    name: "precompress-assets",
    apply: "build",
    writeBundle: {
      order: "post",
      sequential: true,
      async handler(output, bundle) {
        const dir = output.dir;
        if (!dir) return;
        // Only what the web process serves from /assets (not .vite/manifest.json, which React Router removes).
        const files = Object.keys(bundle).filter((name) => name.startsWith("assets/") && COMPRESSIBLE.test(name));
        const started = Date.now();
        let compressed = 0;
        let before = 0;
        let afterBrotli = 0;
        // Brotli runs on libuv's threads while zopfli (WebAssembly) runs here, one file at a time.
        await Promise.all(
          files.map(async (name) => {
            const file = path.join(dir, name);
            const source = await readFile(file);
            if (source.length < MIN_BYTES) return;
            const [br, gz] = await Promise.all([
              brotli(source, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
                },
              }),
              zopfliGzip(source, { numiterations: 5 }),
            ]);
            // A copy that is not smaller would only cost the client bytes.
            if (br.length < source.length) await writeFile(file + COPY_SUFFIX.br, br);
            if (gz.length < source.length) await writeFile(file + COPY_SUFFIX.gzip, gz);
            compressed += 1;
            before += source.length;
            afterBrotli += Math.min(br.length, source.length);
          }),
        );
        this.info(
          `precompressed ${compressed} files (${Math.round(before / 1024)} kB → ${Math.round(afterBrotli / 1024)} kB brotli) in ${Date.now() - started} ms`,
        );
      },
    },
  };
}
