/**
 * A snapshot of everything the app stores — every row of every table, and the
 * job queue — to prove a request changed nothing. One bookkeeping column is
 * always left out: a login session's last_used_at (refreshed at most once a
 * minute on use, for the idle timeout). `except` leaves out whole tables, for
 * suites whose refused requests are still counted by a rate limit
 * (rate_limit_events: sign-up attempts count whether or not they are valid).
 */
import type { TestApp } from "../../support/test-app.ts";

const VOLATILE: Record<string, string[]> = { auth_sessions: ["last_used_at"] };

export async function snapshotDatabase(app: TestApp, options: { except?: string[] } = {}): Promise<Record<string, unknown[]>> {
  const tables = await app.db.$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) {
    if (options.except?.includes(table)) continue;
    const drop = (VOLATILE[table] ?? []).map((c) => ` - '${c}'`).join("");
    const rows = await app.db.$queryRawUnsafe<{ row: unknown }[]>(`SELECT to_jsonb(t)${drop} AS row FROM "${table}" t`);
    snapshot[table] = rows.map((r) => r.row).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  snapshot["pgboss.job"] = await app.db.$queryRawUnsafe("SELECT name, state, data FROM pgboss.job ORDER BY created_on, id");
  return snapshot;
}

/** Row counts per table, for a short failure message. */
export function counts(snapshot: Record<string, unknown[]>) {
  return Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Record<string, unknown[]>, after: Record<string, unknown[]>) {
  return Object.keys({ ...before, ...after }).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));
}

/**
 * The same coverage as snapshotDatabase, as one hash per table computed by
 * Postgres: cheap enough to take before and after each of hundreds of requests.
 */
export async function fingerprintDatabase(app: TestApp, options: { except?: string[] } = {}): Promise<Record<string, string>> {
  const tables = await app.db.$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
  );
  const parts = tables
    .filter(({ table_name: t }) => !options.except?.includes(t))
    .map(({ table_name: t }) => {
      const drop = (VOLATILE[t] ?? []).map((c) => ` - '${c}'`).join("");
      return `SELECT '${t}' AS name, count(*)::text || ':' || coalesce(md5(string_agg((to_jsonb(x)${drop})::text, '|' ORDER BY (to_jsonb(x)${drop})::text)), '') AS hash FROM "${t}" x`;
    });
  parts.push(
    "SELECT 'pgboss.job' AS name, count(*)::text || ':' || coalesce(md5(string_agg(id::text || state::text, '|' ORDER BY id)), '') FROM pgboss.job",
  );
  const rows = await app.db.$queryRawUnsafe<{ name: string; hash: string }[]>(parts.join(" UNION ALL "));
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}
