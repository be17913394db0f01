import type { Config } from "@react-router/dev/config";

// The bench's baseline (scripts/bench/baseline/README.md): React Router's defaults, built next to the
// product's build in a git-ignored folder of its own.
export default {
  ssr: true,
  buildDirectory: "../../../build-bench-baseline",
} satisfies Config;
