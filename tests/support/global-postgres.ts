/**
 * Vitest global setup for integration tests: one throw-away PostgreSQL (or
 * the server in DATABASE_URL) and a template database with every migration
 * and job queue applied. Each test file clones the template into a database
 * of its own (tests/support/test-database.ts), so files never share state.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { deployMigrations, ensureJobQueues } from "../../prisma/migrate.ts";
import { startLocalPostgres, type LocalPostgres } from "../../scripts/lib/local-postgres.ts";

export const TEMPLATE_DB = "aii_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let server: LocalPostgres | undefined;
let dataDir: string | undefined;

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function setup(project: TestProject) {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, "postgres");
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "aii-test-pg-"));
    server = await startLocalPostgres({
      dataDir: path.join(dataDir, "data"),
      settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
    });
    adminUrl = server.url("postgres");
  }
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  await deployMigrations(templateUrl);
  await ensureJobQueues(templateUrl);
  project.provide("pgAdminUrl", adminUrl);
}

export async function teardown() {
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}
