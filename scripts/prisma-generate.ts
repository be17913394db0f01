/**
 * `prisma generate` that works offline. The Prisma CLI insists on locating its
 * native schema engine before doing anything, and cannot download it here;
 * generating the client does not use that engine, so any existing file will
 * satisfy the check. (Migrations run through the Wasm engine instead; see
 * prisma/migrate.ts and docs/decisions/0002-offline-prisma-migrate.md.)
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");

if (!existsSync(cli)) {
  // A production install (`npm ci --omit=dev`) has no CLI; its image ships the generated client.
  console.log("prisma-generate: Prisma CLI not installed, skipping (the client must already be generated).");
  process.exit(0);
}

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

const result = spawnSync(process.execPath, [cli, "generate", "--schema", path.join(root, "prisma", "schema.prisma")], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
