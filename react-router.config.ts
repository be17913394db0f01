import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // AII_BUILD_DIR lets parallel builds (several checkouts' test runs) keep apart; it must stay
  // directly inside the project so the bundle finds prisma/migrations at ../../.
  buildDirectory: process.env.AII_BUILD_DIR ?? "build",
} satisfies Config;
