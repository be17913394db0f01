import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Its own config (no reactRouter() plugin): unit tests import modules directly; integration tests
// drive the production build over real HTTP against a real PostgreSQL.
export default defineConfig({
  test: {
    // One test file more than there are cores (vitest's default is one fewer): integration files wait on
    // processes, heartbeats and the database about as much as they compute, so they overlap well. On the
    // 2-core build machine the whole integration suite took 6m40s with one file at a time, 5m14s with
    // two and 4m25s with three (the CPU then 5 % idle).
    maxWorkers: availableParallelism() + 1,
    projects: [
      {
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "tests/unit/**/*.test.ts"],
          environment: "node",
          // A limit for a hung test, not a speed check: some unit tests start the fake model server or
          // load ESLint's config, which takes seconds on a busy 2-core CI machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-postgres.ts"],
          setupFiles: ["tests/support/fail-on-console-error.ts"],
          pool: "forks",
          // The production build is run by Node itself, as in production: transformed by Vitest, its
          // imports would resolve to other copies of some packages (React Router's CommonJS build, say)
          // than the ones @react-router/express loads, and React Router checks its context by class.
          server: { deps: { external: [/\/build[^/]*\/server\//] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
