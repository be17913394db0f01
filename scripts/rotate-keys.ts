/**
 * `npm run keys:rotate` — re-encrypt every stored API key under the current
 * ENCRYPTION_KEY, without downtime:
 *   1. deploy web and worker with the NEW key in ENCRYPTION_KEY and the old one
 *      in ENCRYPTION_KEYS_PREVIOUS (both can then read every row);
 *   2. run this command with the same settings;
 *   3. remove the old key from ENCRYPTION_KEYS_PREVIOUS and redeploy.
 * Locally (no DATABASE_URL) it uses the embedded database and .data/secrets.env.
 */
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR, localDatabase, ROOT } from "./lib/local-database.ts";

if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
const localSecrets = path.join(DATA_DIR, "secrets.env");
if (!process.env.ENCRYPTION_KEY && fs.existsSync(localSecrets)) process.loadEnvFile(localSecrets);

const database = process.env.DATABASE_URL ? null : await localDatabase();
if (database) process.env.DATABASE_URL = database.url;
try {
  const { rotateApiKeys } = await import("../app/models/key-rotation.server.ts");
  const { env } = await import("../app/utils/env.server.ts");
  const { disconnectDb } = await import("../app/utils/db.server.ts");
  env();
  const result = await rotateApiKeys();
  console.log(`Re-encrypted ${result.rotated} API key(s) under key ${result.keyId}.`);
  if (result.unreadable) {
    console.log(`${result.unreadable} key(s) were sealed with a key that is not configured; those users must save their key again.`);
  }
  await disconnectDb();
} catch (error) {
  console.error(`Key rotation failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database?.close();
}
