import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { db } from "./db.server.ts";
import { QUEUE } from "./queue-names.ts";

/**
 * /readyz: the database answers, every migration in prisma/migrations is
 * applied, and the job queues exist (a send to a missing queue throws).
 * The same relative path works from app/server/ (dev) and build/server/ (prod).
 */
const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

let expected: string[] | undefined;
function expectedMigrations() {
  expected ??= fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return expected;
}

export type Readiness = { ready: true } | { ready: false; reason: string };

export async function checkReadiness(): Promise<Readiness> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { ready: false, reason: "database unreachable" };
  }
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = expectedMigrations().filter((m) => !applied.has(m));
    if (pending.length) return { ready: false, reason: `migrations pending: ${pending.join(", ")}` };
  } catch {
    return { ready: false, reason: "migrations not applied" };
  }
  try {
    const names = Object.values(QUEUE);
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.queue WHERE name = ANY(${names})`;
    if (Number(rows[0]?.n ?? 0) < names.length) return { ready: false, reason: "job queues missing" };
  } catch {
    return { ready: false, reason: "job queues not installed" };
  }
  return { ready: true };
}
