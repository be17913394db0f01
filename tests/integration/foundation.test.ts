import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMigrations, ensureJobQueues } from "../../prisma/migrate.ts";
import { visibleText } from "../support/html.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

describe("migrations", () => {
  it("apply to an empty database, create every table, and a second run is a no-op", async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      const first = await deployMigrations(database.url);
      expect(first.length).toBeGreaterThan(0);
      const second = await deployMigrations(database.url);
      expect(second).toEqual([]);

      const client = new pg.Client(database.url);
      await client.connect();
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      await client.end();
      expect(rows.map((r) => r.table_name)).toEqual([
        "_prisma_migrations",
        "account_imports",
        "ai_usage",
        "answer_evaluations",
        "audio_clips",
        "auth_sessions",
        "imported_records",
        "interview_feedback",
        "interview_sessions",
        "job_postings",
        "model_answers",
        "operations",
        "password_reset_tokens",
        "question_requirements",
        "question_speech",
        "rate_limits",
        "requirements",
        "resumes",
        "review_items",
        "session_messages",
        "star_checks",
        "users",
      ]);
    } finally {
      await database.drop();
    }
  });

  it("leave every foreign key with an explicit ON DELETE rule and an index", async () => {
    const database = await createTestDatabase({ empty: true });
    try {
      await deployMigrations(database.url);
      const client = new pg.Client(database.url);
      await client.connect();
      const { rows } = await client.query<{ table: string; column: string; on_delete: string; indexed: boolean }>(`
        SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.confdeltype AS on_delete,
               EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]) AS indexed
        FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
      await client.end();
      expect(rows.length).toBeGreaterThan(8);
      for (const fk of rows) {
        expect(fk.on_delete, `${fk.table}.${fk.column}`).not.toBe("a"); // "a" = NO ACTION, i.e. left implicit
        expect(fk.indexed, `${fk.table}.${fk.column} has an index`).toBe(true);
      }
    } finally {
      await database.drop();
    }
  });
});

describe("health and readiness", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ emptyDatabase: true });
  });
  afterAll(() => app.close());

  it("/healthz answers while the database is not even migrated", async () => {
    const res = await app.client().get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz is 503 before migrations and 200 once they and the job queues are applied", async () => {
    const before = await app.client().get("/readyz");
    expect(before.status).toBe(503);
    expect((await before.json()).status).toBe("not ready");

    await deployMigrations(app.databaseUrl);
    const halfway = await app.client().get("/readyz");
    expect(halfway.status).toBe(503);
    expect((await halfway.json()).reason).toMatch(/queues/);

    await ensureJobQueues(app.databaseUrl);
    const after = await app.client().get("/readyz");
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: "ready" });
  });
});

describe("the web app shell", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it("serves a landing page that says what the product does", async () => {
    const res = await app.client().get("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Rehearse the interview before it counts.");
    expect(html).toContain('href="#main-content"');
    expect(html).toMatch(/<main[^>]*id="main-content"/);
  });

  it("sends security headers with a per-request script nonce and no X-Powered-By", async () => {
    const a = await app.client().get("/");
    const b = await app.client().get("/");
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(nonce).not.toEqual(b.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1]);
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
    expect(a.headers.get("x-powered-by")).toBeNull();
  });

  it("answers unknown pages with a real 404 page and unknown API paths with a JSON 404", async () => {
    const page = await app.client().get("/no/such/page");
    expect(page.status).toBe(404);
    expect(visibleText(await page.text())).toContain("We couldn't find that page");
    const api = await app.client().get("/api/v1/no-such-endpoint");
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: "not_found", message: "Endpoint not found." } });
  });

  it("serves the favicon (a missing one is a console error in every browser)", async () => {
    const res = await app.client().get("/favicon.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
  });

  it("names Prisma's statements, so a connection parses and plans each query shape once (issue 21)", async () => {
    // A transaction runs on one connection: the statements prepared there are listed by that connection.
    const prepared = await app.db.$transaction(async (tx) => {
      for (const email of ["nobody@example.com", "nobody-else@example.com"]) {
        await tx.user.findMany({ where: { email }, select: { id: true } });
      }
      return tx.$queryRaw<Array<{ name: string; statement: string }>>`SELECT name, statement FROM pg_prepared_statements`;
    });
    const lookups = prepared.filter((p) => /FROM "public"\."users"/.test(p.statement) && /"email" = \$1/.test(p.statement));
    // One statement for both calls: the same query shape with other values reuses it.
    expect(lookups.map((p) => p.name)).toEqual([expect.stringMatching(/^s[\w-]{27}$/)]);
  });
});
