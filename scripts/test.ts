/**
 * `npm test` — every test layer, starting what each needs:
 *   1. the production build (integration and e2e tests run against it)
 *   2. vitest: unit, then integration (its global setup starts a throw-away PostgreSQL)
 *   3. Playwright e2e on Debian's /usr/bin/chromium (its global setup starts the whole app)
 * Extra arguments go to vitest (e.g. `npm test -- tests/integration/auth.test.ts` runs just that file, no e2e).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const args = process.argv.slice(2);

function step(title: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

step("Build", process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.js"), "build"], { NODE_ENV: "production" });
if (args.length) {
  step("Vitest (selected)", bin("vitest"), ["run", ...args]);
} else {
  step("Unit tests", bin("vitest"), ["run", "--project", "unit"]);
  step("Integration tests", bin("vitest"), ["run", "--project", "integration"]);
  step("End-to-end tests", bin("playwright"), ["test"]);
}
