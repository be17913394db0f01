/**
 * Each page's first-load JavaScript, read from the production build alone (no server, no browser): the
 * route manifest (every page imports it whole: routeDiscovery "initial", react-router.config.ts) and the
 * scripts React Router's <Scripts> preloads for a page — the browser entry and its imports, then, for
 * each route from the root down to the page, its module, its split client modules and their static
 * imports (react-router's getModuleLinkHrefs) — with their size as compression() sends them to a client
 * that accepts gzip only (zlib's default level; bodies under 1 KB go as they are).
 *
 * What a page fetches later (`import()`: the charts, the interview page's lazy panels) is not in it.
 * `npm run bench -- --only frontend` measures the same set in a browser, from each page's HTML;
 * tests/integration/first-load-weight.test.ts holds every page to FIRST_LOAD_BUDGET_KB.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** The product owner's target (issue 16): at most this much gzip first-load script on every page. */
export const FIRST_LOAD_BUDGET_KB = 150;

type ManifestRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  hasDefaultExport: boolean;
  module: string;
  clientActionModule?: string;
  clientLoaderModule?: string;
  hydrateFallbackModule?: string;
  imports?: string[];
};

type ClientManifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

export type PageFirstLoad = {
  routeId: string;
  /** The page's URL pattern ("/interviews/:id"). */
  path: string;
  /** Script URLs ("/assets/…"), in preload order. */
  files: string[];
  gzipBytes: number;
};

/** `clientDir` is the build's browser half (build/client). */
export function readClientManifest(clientDir: string): ClientManifest & { url: string } {
  const assets = path.join(clientDir, "assets");
  const [file, ...more] = readdirSync(assets).filter((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file || more.length) throw new Error(`expected one route manifest in ${assets}, found ${[file, ...more].join(", ") || "none"}`);
  const source = readFileSync(path.join(assets, file), "utf8");
  const json = /^window\.__reactRouterManifest=(\{.*\});?\s*$/s.exec(source)?.[1];
  if (!json) throw new Error(`${file} is not React Router's route manifest`);
  return { ...(JSON.parse(json) as ClientManifest), url: `/assets/${file}` };
}

/** Every page (a route with a component and no child routes), its first-load scripts and their gzip size. */
export function firstLoadByPage(clientDir: string): PageFirstLoad[] {
  const manifest = readClientManifest(clientDir);
  const layouts = new Set(Object.values(manifest.routes).map((route) => route.parentId));
  const sizes = new Map<string, number>();
  const gzipSize = (url: string) => {
    let size = sizes.get(url);
    if (size === undefined) {
      const body = readFileSync(path.join(clientDir, url));
      // compression()'s default threshold: a body under 1 KB is sent uncompressed.
      size = body.length < 1024 ? body.length : zlib.gzipSync(body).length;
      sizes.set(url, size);
    }
    return size;
  };
  return Object.values(manifest.routes)
    .filter((route) => route.hasDefaultExport && !layouts.has(route.id))
    .map((route) => {
      const chain: ManifestRoute[] = [];
      for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.unshift(r);
      const files = [
        ...new Set([
          manifest.url,
          manifest.entry.module,
          ...manifest.entry.imports,
          ...chain.flatMap((r) =>
            [r.module, r.clientActionModule, r.clientLoaderModule, r.hydrateFallbackModule, ...(r.imports ?? [])].filter(
              (url): url is string => Boolean(url),
            ),
          ),
        ]),
      ];
      const pattern = `/${chain
        .map((r) => r.path ?? "")
        .filter(Boolean)
        .join("/")}`;
      return { routeId: route.id, path: pattern, files, gzipBytes: files.reduce((total, url) => total + gzipSize(url), 0) };
    });
}
