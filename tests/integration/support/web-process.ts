/**
 * A real web process (the production build through app/server/main.ts) with
 * settings of its own, for configuration variants one test file cannot give
 * its in-process app (settings are read once per process).
 */
import { freePort } from "../../../scripts/lib/local-postgres.ts";
import { spawnProcess, stopProcess } from "../../support/processes.ts";
import { baseTestEnv } from "../../support/test-env.ts";

// The test process's environment (set by its own app) is inherited: these start from their defaults.
const RESET = { CORS_ORIGINS: "", HSTS: "", COOKIE_SECURE: "", TRUST_PROXY: "" };

export async function startWebProcess(databaseUrl: string, env: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const web = spawnProcess(
    "app/server/main.ts",
    baseTestEnv({ ...RESET, DATABASE_URL: databaseUrl, PORT: String(port), APP_URL: url, NODE_ENV: "production", ...env }),
  );
  await web.waitFor(/web ready on/);
  return { url, stop: () => stopProcess(web) };
}
