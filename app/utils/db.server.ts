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
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
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
