/**
 * The embedded Postgres that `npm start` uses when DATABASE_URL is not set:
 * its cluster lives in `.data/postgres` (git-ignored; AII_DATA_DIR moves it)
 * and survives restarts.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { attachLocalPostgres, startLocalPostgres, type StartOptions } from "./local-postgres.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DATA_DIR = process.env.AII_DATA_DIR ? path.resolve(process.env.AII_DATA_DIR) : path.join(ROOT, ".data");
export const LOCAL_DB_NAME = "ai_interviewer";

export async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Start the local cluster (it must not be running) and make sure the app database exists. */
export async function startLocalDatabase(options: Partial<StartOptions> = {}) {
  const server = await startLocalPostgres({ dataDir: path.join(DATA_DIR, "postgres"), ...options });
  await ensureDatabase(server.url(), LOCAL_DB_NAME);
  return { server, url: server.url(LOCAL_DB_NAME) };
}

/** For one-off commands: attach to the running local cluster, or run it just for the command. */
export async function localDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const attached = await attachLocalPostgres(path.join(DATA_DIR, "postgres"), LOCAL_DB_NAME);
  if (attached) return { url: attached, close: async () => {} };
  const { server, url } = await startLocalDatabase();
  return { url, close: server.stop };
}
