/**
 * What each page's reads cost, apart from HTTP and rendering: the model
 * functions a loader calls, run one after another in this process against
 * the bench's database, with the SQL statements they send counted (at the
 * pg driver) and the CPU they take here and in PostgreSQL. Sequential and
 * counted in CPU time, so a shared machine moves these figures far less
 * than it moves throughput.
 */
import pg from "pg";
import { processUsage } from "./environment.ts";
import { round } from "./stats.ts";

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

export async function measureReads(options: { postgresPid: number; userId: string; sessionId: string; calls: number }) {
  const { userId, sessionId } = options;
  const { db } = await import("../../app/utils/db.server.ts");
  const { hashToken, randomToken } = await import("../../app/utils/encryption.server.ts");
  const { listHistory, getHistoryPage, hasAnyInterview } = await import("../../app/models/history.server.ts");
  const { getDashboard } = await import("../../app/models/dashboard.server.ts");
  const { getInterviewPage } = await import("../../app/models/interview-page.server.ts");
  const { parseHistoryQuery } = await import("../../app/forms/history-filters.ts");
  const token = randomToken();
  await db.authSession.create({
    data: { userId, kind: "browser", tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) },
  });
  const history = parseHistoryQuery({ status: null, job: null, range: null, from: null, to: null, page: null });
  // The session lookup as session.server.ts makes it on every request.
  const sessionLookup = () =>
    db.authSession.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, kind: true, lastUsedAt: true, expiresAt: true, user: { select: { id: true, email: true, createdAt: true } } },
    });
  const reads: Record<string, () => Promise<unknown>> = {
    "baseline page's findMany": () =>
      db.interviewSession.findMany({
        where: { userId },
        orderBy: { createdAt: "desc" },
        take: 5,
        select: { id: true, postingTitle: true, createdAt: true },
      }),
    "session lookup (every request)": sessionLookup,
    "/dashboard loader": () => getDashboard(userId),
    "/interviews loader": async () => {
      const page = await getHistoryPage(userId, history);
      return page.total > 0 || hasAnyInterview(userId);
    },
    "/interviews/:id loader": () => getInterviewPage(userId, sessionId),
    "GET /api/v1/sessions loader": () => listHistory(userId, history),
  };
  const rows = [];
  for (const [name, read] of Object.entries(reads)) {
    for (let i = 0; i < 30; i++) await read(); // warm-up
    statements = 0;
    const pgBefore = processUsage(options.postgresPid).cpuSeconds;
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < options.calls; i++) await read();
    const cpu = process.cpuUsage(cpuBefore);
    rows.push({
      read: name,
      statements: round(statements / options.calls, 1),
      nodeCpuMs: round((cpu.user + cpu.system) / 1000 / options.calls, 2),
      pgCpuMs: round(((processUsage(options.postgresPid).cpuSeconds - pgBefore) * 1000) / options.calls, 2),
    });
  }
  return rows;
}

export function readsMarkdown(rows: Awaited<ReturnType<typeof measureReads>>) {
  return [
    "| read | SQL statements | Node CPU ms | PostgreSQL CPU ms |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.read} | ${r.statements} | ${r.nodeCpuMs} | ${r.pgCpuMs} |`),
    "",
  ].join("\n");
}
