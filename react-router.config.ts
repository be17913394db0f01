import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // AII_BUILD_DIR lets parallel builds (several checkouts' test runs) keep apart; it must stay
  // directly inside the project so the bundle finds prisma/migrations at ../../.
  buildDirectory: process.env.AII_BUILD_DIR ?? "build",
  future: {
    // Loaders and actions get a RouterContextProvider (app/utils/request-context.server.ts) and route middleware.
    v8_middleware: true,
  },
} satisfies Config;
