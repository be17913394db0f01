import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "#app/generated/prisma/client.ts";
import { env } from "./env.server.ts";

export type { Prisma } from "#app/generated/prisma/client.ts";

function createClient() {
  const adapter = new PrismaPg({
    connectionString: env().DATABASE_URL,
    max: env().DATABASE_POOL_SIZE,
    // Fail fast while the database is down instead of hanging a request.
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({ adapter });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// One client per process; kept on globalThis so Vite's dev reloads reuse it.
const globalForDb = globalThis as unknown as { __db?: Db };

function client(): Db {
  globalForDb.__db ??= createClient();
  return globalForDb.__db;
}

// Created on first use, so importing a model never requires a configured
// environment (unit tests import pure helpers from the same modules).
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const value = Reflect.get(client(), prop);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

export async function disconnectDb() {
  await globalForDb.__db?.$disconnect();
  globalForDb.__db = undefined;
}
