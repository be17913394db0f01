/**
 * Prisma Migrate without the native schema engine (which cannot be downloaded
 * here): the same engine compiled to WebAssembly, talking to Postgres through
 * @prisma/adapter-pg. It writes Prisma's own `_prisma_migrations` table, so the
 * migrations folder stays standard and `prisma migrate deploy` works wherever
 * the native engine exists. See docs/decisions/0002-offline-prisma-migrate.md.
 *
 *   node prisma/migrate.ts deploy              apply pending migrations (+ job queues)
 *   node prisma/migrate.ts create --name x     write a migration for schema changes
 *   node prisma/migrate.ts status              list applied / pending migrations
 *
 * DATABASE_URL selects the database; without it, the embedded Postgres of
 * `npm start` is used (attached if running, started for the command if not).
 */
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = path.join(here, "schema.prisma");
export const MIGRATIONS_DIR = path.join(here, "migrations");
const NO_FILTER = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

/** The package's entry imports the .wasm as an ES module, which Node cannot; wire it by hand. */
function loadWasm() {
  wasmReady ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
    const bytes = await fs.readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": engineGlue });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

/** Run `work` with a schema engine connected to `databaseUrl`, then release both. */
export async function withEngine<T>(databaseUrl: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const schema = await fs.readFile(SCHEMA_PATH, "utf8");
  // Our own pool, so we can close it: the engine's free() leaves the adapter's pool open.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on("error", () => {});
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const log = () => {}; // engine trace output; errors surface as rejected promises
  try {
    const engine = (await engineGlue.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, log, adapter)) as SchemaEngine;
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    await pool.end();
  }
}

export async function readMigrations(): Promise<MigrationList> {
  await fs.mkdir(MIGRATIONS_DIR, { recursive: true });
  const entries = await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true });
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await fs.readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await fs
            .readFile(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((error: Error) => ({ tag: "error" as const, value: error.message })),
        },
      })),
    ),
  };
}

/** Apply pending migrations; returns the names applied now. */
export async function deployMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withEngine(databaseUrl, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  });
}

/** Install pg-boss's schema and create every queue (idempotent). */
export async function ensureJobQueues(databaseUrl: string) {
  const { PgBoss } = await import("pg-boss");
  const { QUEUE, queueOptions } = await import("../app/utils/queue-names.ts");
  const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false, max: 2 });
  boss.on("error", () => {}); // start() rejects with the same error
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const name of Object.values(QUEUE)) {
      if (existing.has(name)) await boss.updateQueue(name, queueOptions(name));
      else await boss.createQueue(name, queueOptions(name));
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}

/**
 * Write a migration for the difference between the schema as of the last
 * migration and `schema.prisma` now. Each migration folder keeps a copy of the
 * schema it produces (`schema.prisma`, ignored by Prisma Migrate), so the diff
 * is schema-to-schema and needs no database: the engine's shadow-database path
 * cannot introspect PostgreSQL 18 through the driver adapter (ADR 0002).
 */
export async function diffSinceLastMigration(databaseUrl: string): Promise<string> {
  const migrations = await readMigrations();
  const last = migrations.migrationDirectories.at(-1);
  const previous = last
    ? await fs.readFile(path.join(MIGRATIONS_DIR, last.path, "schema.prisma"), "utf8").catch(() => {
        throw new Error(`prisma/migrations/${last.path}/schema.prisma is missing; it records the schema that migration produced.`);
      })
    : null;
  const current = await fs.readFile(SCHEMA_PATH, "utf8");
  // The engine connects on start-up, though a schema-to-schema diff reads nothing from the database.
  return withEngine(databaseUrl, async (engine) => {
    const { stdout } = await engine.diff({
      from: previous === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: previous }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: current }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = stdout ?? "";
    return sql.replace(/^--.*$/gm, "").trim() ? sql : "";
  });
}

async function createMigration(databaseUrl: string, name: string) {
  const sql = await diffSinceLastMigration(databaseUrl);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  const dir = path.join(MIGRATIONS_DIR, folder);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, "migration.sql"), sql);
  await fs.copyFile(SCHEMA_PATH, path.join(dir, "schema.prisma"));
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  await fs
    .writeFile(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      { flag: "wx" },
    )
    .catch(() => {});
  return folder;
}

async function status(databaseUrl: string) {
  const migrationsList = await readMigrations();
  return withEngine(databaseUrl, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
  );
}

/** DATABASE_URL, or the local embedded Postgres (attached when `npm start` runs it). */
async function resolveDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, close: async () => {} };
  const { localDatabase } = await import("../scripts/lib/local-database.ts");
  return localDatabase();
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string", short: "n" } },
  });
  const command = positionals[0] ?? "deploy";
  const name = values.name?.trim();
  if (command === "create" && (!name || !/^[a-z0-9_]+$/i.test(name))) {
    throw new Error("Give the migration a name of letters, digits and _: npm run db:migration -- --name add_something");
  }
  const database = await resolveDatabase();
  try {
    if (command === "deploy") {
      const applied = await deployMigrations(database.url);
      await ensureJobQueues(database.url);
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
    } else if (command === "create") {
      const created = await createMigration(database.url, name!);
      console.log(created ? `Created prisma/migrations/${created}/migration.sql` : "No schema changes: nothing to migrate.");
    } else if (command === "status") {
      console.log(JSON.stringify(await status(database.url), null, 2));
    } else {
      throw new Error(`Unknown command "${command}" (deploy, create, status).`);
    }
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    // Exit explicitly: the engine leaves a 10 s timer behind after free().
    () => process.exit(0),
    (error: Error) => {
      console.error(`Migration failed: ${error.message}`);
      process.exit(1);
    },
  );
}
