/**
 * Every URL of app/routes.ts, read from the route config itself and the route
 * modules' source, for suites that must cover all of them (CSRF, no writes on
 * GET, the isolation matrix): a route added to the app shows up here, and a
 * suite that does not list it fails.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import routes from "../../../app/routes.ts";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../app");

export type RouteInfo = {
  /** "/jobs/:id", "/api/v1/sessions/:id/answers", "/" for the index route. */
  path: string;
  file: string;
  api: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  /** The `intent` values the action's own source handles (`case "x":` / `z.literal("x")`). */
  intents: string[];
  /** For JSON routes: the methods it answers (from its methodNotAllowed lists, plus GET for a loader). */
  methods: string[];
  takesId: boolean;
};

type ConfigEntry = { path?: string; index?: boolean; file: string; children?: ConfigEntry[] };

function flatten(entries: ConfigEntry[], prefix = ""): Array<{ path: string; file: string }> {
  return entries.flatMap((entry) => {
    const full = entry.index ? prefix || "/" : `${prefix}/${entry.path ?? ""}`.replace(/\/+/g, "/");
    return [{ path: full, file: entry.file }, ...flatten(entry.children ?? [], full === "/" ? "" : full)];
  });
}

export function allRoutes(): RouteInfo[] {
  return flatten(routes as ConfigEntry[]).map(({ path: routePath, file }) => {
    const source = fs.readFileSync(path.join(appDir, file), "utf8");
    const hasLoader = /export (async )?function loader\b/.test(source);
    const hasAction = /export (async )?function action\b/.test(source);
    const intents = new Set<string>();
    for (const m of source.matchAll(/case "([a-z-]+)":/g)) if (!/^[A-Z]+$/.test(m[1]!)) intents.add(m[1]!);
    for (const m of source.matchAll(/intent: z\.literal\("([a-z-]+)"\)/g)) intents.add(m[1]!);
    // A JSON route's `loader() { return methodNotAllowed(…) }` only refuses GET.
    const loaderRefuses = /export function loader\(\) \{\s*return methodNotAllowed\(/.test(source);
    const methods = new Set<string>(hasLoader && !loaderRefuses ? ["GET"] : []);
    for (const m of source.matchAll(/methodNotAllowed\(\[([^\]]*)\]\)/g)) {
      for (const method of m[1]!.matchAll(/"([A-Z]+)"/g)) methods.add(method[1]!);
    }
    for (const m of source.matchAll(/(?:request\.method (?:!==|===) |case )"(PUT|DELETE|POST|PATCH)"/g)) methods.add(m[1]!);
    return {
      path: routePath,
      file,
      api: routePath.startsWith("/api/"),
      hasLoader,
      hasAction,
      intents: [...intents].sort(),
      methods: [...methods].sort(),
      takesId: routePath.includes(":id"),
    };
  });
}

/** The route's path with its `:id` filled in. */
export const withId = (routePath: string, id: string) => routePath.replace(":id", id);
