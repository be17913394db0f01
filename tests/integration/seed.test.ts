import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EMAIL, seedDemoData } from "../../prisma/seed.ts";
import { spawnProcess, stopProcess } from "../support/processes.ts";
import { createTestDatabase } from "../support/test-database.ts";

const TABLES = ["users", "resumes", "job_postings", "interview_sessions", "session_messages", "answer_evaluations", "interview_feedback"];

async function countRows(url: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

describe("npm run db:seed", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("creates a demo user with a résumé, two postings and a completed interview with its retake", async () => {
    const result = await seedDemoData(database.url);
    expect(result.password).toMatch(/^[\w-]{16}$/);
    expect(await countRows(database.url)).toEqual({
      users: 1,
      resumes: 1,
      job_postings: 2,
      interview_sessions: 2,
      session_messages: 12,
      answer_evaluations: 6,
      interview_feedback: 2,
    });

    const client = new pg.Client(database.url);
    await client.connect();
    const { rows: sessions } = await client.query(
      `SELECT s.id, s.retake_number, s.original_session_id, s.status, f.overall_score,
              f.technical_accuracy_score + f.communication_clarity_score + f.problem_solving_score + f.relevance_score AS score_sum
       FROM interview_sessions s JOIN interview_feedback f ON f.session_id = s.id
       JOIN users u ON u.id = s.user_id WHERE u.email = $1 ORDER BY s.retake_number`,
      [DEMO_EMAIL],
    );
    const { rows: hashes } = await client.query("SELECT password_hash FROM users WHERE email = $1", [DEMO_EMAIL]);
    await client.end();

    expect(sessions.map((s) => [s.retake_number, s.status])).toEqual([
      [1, "completed"],
      [2, "completed"],
    ]);
    expect(sessions[0].original_session_id).toBeNull();
    expect(sessions[1].original_session_id).toBe(sessions[0].id);
    for (const s of sessions) expect(s.overall_score).toBeCloseTo(s.score_sum / 4, 2);
    // bcrypt, cost 12, and never the password itself.
    expect(hashes[0].password_hash).toMatch(/^\$2[aby]\$12\$/);
    expect(hashes[0].password_hash).not.toContain(result.password);
  });

  it("is idempotent: a second run creates nothing and prints no new password", async () => {
    const before = await countRows(database.url);
    const again = await seedDemoData(database.url);
    expect(again.created).toEqual([]);
    expect(again.password).toBeUndefined();
    expect(again.existing.length).toBeGreaterThanOrEqual(6);
    expect(await countRows(database.url)).toEqual(before);
  });

  it("refuses an unmigrated database with a message saying what to run", async () => {
    const empty = await createTestDatabase({ empty: true });
    try {
      await expect(seedDemoData(empty.url)).rejects.toThrow(/npm run db:migrate/);
    } finally {
      await empty.drop();
    }
  });

  it("exits on its own after printing the demo password (no thread or timer keeps it alive)", async () => {
    const fresh = await createTestDatabase();
    const seed = spawnProcess("prisma/seed.ts", { DATABASE_URL: fresh.url });
    try {
      // Generous: the command only has to end by itself, however slow the machine.
      const exit = await Promise.race([
        seed.exited,
        new Promise<"still running">((resolve) => setTimeout(resolve, 90_000, "still running")),
      ]);
      expect(seed.output()).toMatch(/Sign in as demo@example\.com with the password: [\w-]{16}/);
      expect(exit).toEqual({ code: 0, signal: null });
    } finally {
      await stopProcess(seed, "SIGKILL");
      await fresh.drop();
    }
  }, 120_000);
});
