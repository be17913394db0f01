import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // AII_BUILD_DIR lets parallel builds (several checkouts' test runs) keep apart; it must stay
  // directly inside the project so the bundle finds prisma/migrations at ../../.
  buildDirectory: process.env.AII_BUILD_DIR ?? "build",
  // The browser gets the whole route manifest as one cached script instead of a per-page slice plus a
  // /__manifest request for the links each page shows (docs/decisions/0016).
  routeDiscovery: { mode: "initial" },
  // React Router 8's behaviour, adopted now so the upgrade is a small step (docs/decisions/0012).
  future: {
    // Loaders and actions get a RouterContextProvider (app/utils/request-context.server.ts) and route middleware.
    v8_middleware: true,
    // Handlers get the raw request (a data request keeps its ".data" and "_routes"); `url` is the page's URL.
    v8_passThroughRequests: true,
    // clientLoader/clientAction/HydrateFallback in chunks of their own (we have none yet).
    v8_splitRouteModules: true,
    // A data request for "/" is "/_.data", for "/a/" "/a/_.data" (was "/_root.data" and "/a.data").
    v8_trailingSlashAwareDataRequests: true,
    // One Vite config for the browser and server builds (vite.config.ts `environments.ssr`).
    v8_viteEnvironmentApi: true,
  },
} satisfies Config;
