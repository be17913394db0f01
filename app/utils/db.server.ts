import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { env } from "./env.server.ts";
import { logger } from "./logger.server.ts";

export type { Prisma } from "#app/generated/prisma/client.ts";

function createClient() {
  // One pg pool per process, shared by Prisma and the rate limiter (its SQL runs on pgPool()).
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().DATABASE_POOL_SIZE,
    // Fail fast while the database is down instead of hanging a request.
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection the server closed (a restart, a dropped database) is replaced on next use, not fatal.
  pool.on("error", (error) => logger.warn({ err: error }, "idle database connection lost"));
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: statementName }) }), pool };
}

/**
 * Named (prepared) statements: each connection parses a statement once and PostgreSQL keeps its plan,
 * instead of parsing and planning every joined query on every request. Issue 21 measured planning as
 * most of PostgreSQL's CPU per page (see docs/performance.md). The name is a hash of the SQL text, so
 * the same query shape is the same statement. The number of names is capped: past it (a query whose
 * text varies, e.g. with a list's length) statements run unnamed, as before, so no connection keeps
 * an unbounded set.
 */
const MAX_NAMED_STATEMENTS = 1000;
const statementNames = new Map<string, string>();
function statementName({ sql }: { sql: string }): string {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `s${createHash("sha1").update(sql).digest("base64url")}`;
    statementNames.set(sql, name);
  }
  // An unnamed statement: the adapter passes the name to pg, which treats undefined as "don't cache".
  return name as string;
}

export type Db = ReturnType<typeof createClient>["prisma"];
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// One client per process; kept on globalThis so Vite's dev reloads reuse it.
const globalForDb = globalThis as unknown as { __db?: ReturnType<typeof createClient> };

function client() {
  globalForDb.__db ??= createClient();
  return globalForDb.__db;
}

// Created on first use, so importing a model never requires a configured
// environment (unit tests import pure helpers from the same modules).
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const prisma = client().prisma;
    const value = Reflect.get(prisma, prop);
    return typeof value === "function" ? value.bind(prisma) : value;
  },
});

/** The pool under `db`, for libraries that speak node-postgres (rate-limiter-flexible). */
export function pgPool(): pg.Pool {
  return client().pool;
}

export async function disconnectDb() {
  const current = globalForDb.__db;
  globalForDb.__db = undefined;
  await current?.prisma.$disconnect();
  await current?.pool.end();
}
