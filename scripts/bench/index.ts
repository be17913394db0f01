/**
 * `npm run bench` — performance figures from real processes on this machine
 * (see docs/performance.md). Writes bench-results/bench-<time>.json and .md.
 *
 *   --only sidebyside,reads,throughput,loop,login,frontend,targeting   run some sections
 *   --rounds 3 --seconds 5 --connections 10,50  side by side: rounds, seconds a target, connection counts
 *   --compare build-main                    side by side: the same pages from another build too (A/B in the same rounds)
 *   --clicks                                side by side: the pages' data requests too (a click with JavaScript), against the baseline's
 *   --web-concurrency 2                     side by side: the baseline and the product with that many web processes each
 *   --sessions 50                           how many completed interviews the bench user has (the lists' length)
 *   --quick                                 1 repeat of 4 s (smoke run)
 *   --no-lighthouse                         front end: skip the Lighthouse runs (3 a page, ~10 s each; 1 with --quick)
 *   --pages dashboard,progress              front end: only the pages whose name contains one of these
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { HttpClient } from "../../tests/support/http-client.ts";
import { ROOT } from "../lib/local-database.ts";
import { freePort } from "../lib/local-postgres.ts";
import { startEnvironment, type Environment } from "./environment.ts";
import { lighthousePages, measurePages, type BenchPage } from "./frontend.ts";
import { repeatedLoad } from "./http-load.ts";
import { sideBySide, sideBySideMarkdown, startBaseline, type SideBySide, type Target } from "./side-by-side.ts";
import { measureLoop } from "./loop.ts";
import { measureReads, readsMarkdown } from "./reads.ts";
import { BENCH_PASSWORD, seedBenchUser } from "./seed.ts";
import { measureTargeting } from "./targeting.ts";
import { percentile, round } from "./stats.ts";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean" },
    "no-lighthouse": { type: "boolean" },
    pages: { type: "string" },
    rounds: { type: "string" },
    seconds: { type: "string" },
    connections: { type: "string" },
    compare: { type: "string" },
    clicks: { type: "boolean" },
    "web-concurrency": { type: "string" },
    sessions: { type: "string" },
  },
});
const sections = new Set((values.only ?? "sidebyside,reads,throughput,loop,login,frontend,targeting").split(","));
const repeats = values.quick ? 1 : 3;
const seconds = values.quick ? 4 : 8;
const report: Record<string, unknown> = {
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGb: round(os.totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
    // The 1, 5 and 15-minute load averages at the start: the machine may be shared.
    loadAverage: os.loadavg().map((n) => round(n, 2)),
  },
  settings: { repeats, seconds },
};
const log = (msg: string) => console.log(`[bench] ${msg}`);

async function signIn(env: Environment, email: string) {
  const client = new HttpClient(env.urls[0]!);
  const res = await client.post("/login", { email, password: BENCH_PASSWORD });
  if (res.status !== 302) throw new Error(`login failed: ${res.status}`);
  const token = (
    (await (await client.json("POST", "/api/v1/auth/login", { email, password: BENCH_PASSWORD })).json()) as { access_token: string }
  ).access_token;
  return { client, token };
}

/** A plain Node http hello-world in its own process: the ceiling for this machine. */
async function helloWorld() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["-e", `require("http").createServer((q,s)=>s.end("hello")).listen(${port},"127.0.0.1",()=>console.log("up"))`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise((resolve) => child.stdout!.once("data", resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

const env = await startEnvironment({ webs: 1, workers: 1, fakeLatencyMs: 1000 });
try {
  // A page costs about what it renders: the dashboard's comparison table and the history list grow
  // with the interviews a user has (up to 30 and 20 rows), so the side by side depends on this.
  const sessions = Number(values.sessions ?? 50);
  if (!Number.isInteger(sessions) || sessions < 1) throw new Error("--sessions takes a whole number of at least 1");
  report.settings = { repeats, seconds, sessions };
  log(`seeding: 1 user, ${sessions} completed sessions of 6 scored answers`);
  const seeded = await seedBenchUser(env.databaseUrl, { sessions, questions: 6 });
  // The finished interview whose page is measured.
  const finished = seeded.sessionIds[Math.min(10, sessions - 1)]!;
  const { client, token } = await signIn(env, seeded.email);
  const base = env.urls[0]!;

  if (sections.has("sidebyside")) {
    log("side by side: building and starting the baseline page");
    const processes = Number(values["web-concurrency"] ?? 1);
    const baseline = await startBaseline(env.databaseUrl, seeded.userId, processes);
    const cookie = { cookie: client.cookieHeader() };
    const pages = (url: string, pid: number, suffix = ""): Target[] => [
      { name: `GET /dashboard${suffix}`, url: `${url}/dashboard`, headers: cookie, pid },
      { name: `GET /interviews${suffix}`, url: `${url}/interviews`, headers: cookie, pid },
      { name: `GET /interviews/:id${suffix}`, url: `${url}/interviews/${finished}`, headers: cookie, pid },
      { name: `GET /api/v1/sessions${suffix}`, url: `${url}/api/v1/sessions`, headers: { authorization: `Bearer ${token}` }, pid },
      { name: `GET /login (signed out)${suffix}`, url: `${url}/login`, pid },
      // What a click to these pages costs a browser with JavaScript: their data, no HTML (every loader of the page).
      ...(values.clicks
        ? [
            { name: `GET /dashboard.data${suffix}`, url: `${url}/dashboard.data`, headers: cookie, pid, baseline: baseline.data },
            { name: `GET /interviews.data${suffix}`, url: `${url}/interviews.data`, headers: cookie, pid, baseline: baseline.data },
            {
              name: `GET /interviews/:id.data${suffix}`,
              url: `${url}/interviews/${finished}.data`,
              headers: cookie,
              pid,
              baseline: baseline.data,
            },
          ]
        : []),
    ];
    // With --web-concurrency, the product runs as many processes as the baseline (WEB_CONCURRENCY, node:cluster).
    const clustered = processes > 1 ? await env.startWeb({ WEB_CONCURRENCY: String(processes) }) : null;
    const targets = clustered
      ? pages(clustered.url, clustered.pid, ` (${processes} processes)`)
      : pages(base, env.processes.find((p) => p.name === "web1")!.child.pid!);
    // Another build of the product (AII_BUILD_DIR) on the same database: a change measured against the code before it.
    const other = values.compare ? await env.startWeb({ AII_BUILD_DIR: values.compare }) : null;
    if (other) targets.push(...pages(other.url, other.pid, ` [${values.compare}]`));
    const runs: SideBySide[] = [];
    try {
      for (const connections of (values.connections ?? "10,50").split(",").map(Number)) {
        const rounds = Number(values.rounds ?? (values.quick ? 1 : 3));
        const seconds = Number(values.seconds ?? (values.quick ? 3 : 5));
        runs.push(await sideBySide(baseline.target, targets, { connections, seconds, rounds, postgresPid: env.postgresPid, log }));
        console.log(`\n${sideBySideMarkdown(runs.at(-1)!)}`);
      }
    } finally {
      baseline.stop();
      await other?.stop();
      await clustered?.stop();
    }
    report.sideBySide = runs;
  }

  if (sections.has("reads")) {
    log("reads: each page's model reads, one after another (SQL statements, CPU here and in PostgreSQL)");
    report.reads = await measureReads({
      postgresPid: env.postgresPid,
      userId: seeded.userId,
      sessionId: finished,
      calls: values.quick ? 50 : 300,
    });
  }

  if (sections.has("throughput")) {
    const cookie = { cookie: client.cookieHeader() };
    const bearer = { authorization: `Bearer ${token}` };
    const targets: Array<[string, string, Record<string, string>]> = [
      ["GET /dashboard", `${base}/dashboard`, cookie],
      ["GET /interviews", `${base}/interviews`, cookie],
      ["GET /interviews/:id", `${base}/interviews/${finished}`, cookie],
      ["GET /api/v1/sessions", `${base}/api/v1/sessions`, bearer],
      ["GET /api/v1/operations/:id", `${base}/api/v1/operations/${seeded.operationIds[10]}`, bearer],
    ];
    const hello = await helloWorld();
    const rows = [];
    let ceiling = { rps: 1 };
    for (const connections of [10, 50]) {
      log(`throughput: hello-world ceiling, ${connections} connections`);
      ceiling = await repeatedLoad(hello.url, { connections, seconds, repeats });
      rows.push({ target: "node http hello-world (ceiling)", connections, ...ceiling, ofCeiling: 1 });
      for (const [name, url, headers] of targets) {
        log(`throughput: ${name}, ${connections} connections`);
        const result = await repeatedLoad(url, { connections, seconds, repeats, headers });
        rows.push({ target: name, connections, ...result, ofCeiling: round(result.rps / ceiling.rps, 3) });
      }
    }
    hello.stop();
    // One web process uses at most one core; the same targets again with one per core (WEB_CONCURRENCY).
    const cores = os.availableParallelism();
    const clustered = await env.startWeb({ WEB_CONCURRENCY: String(cores) });
    for (const [name, url, headers] of targets) {
      log(`throughput: ${name}, 50 connections, ${cores} web processes`);
      const result = await repeatedLoad(url.replace(base, clustered.url), { connections: 50, seconds, repeats, headers });
      rows.push({
        target: `${name} (WEB_CONCURRENCY=${cores})`,
        connections: 50,
        ...result,
        ofCeiling: round(result.rps / ceiling.rps, 3),
      });
    }
    await clustered.stop();
    report.throughput = rows;
  }

  if (sections.has("loop")) {
    const answers = values.quick ? 10 : 50;
    const fresh = await seedBenchUser(env.databaseUrl, { sessions: 0, questions: 6 });
    const { client: loopClient } = await signIn(env, fresh.email);
    log(`loop: ${answers} answers with push (SSE)`);
    const push = await measureLoop(loopClient, { answers, mode: "push", modelLatencyMs: 1000, postingId: fresh.postingId });
    log(`loop: ${answers} answers with polling every 2 s`);
    const polling = await measureLoop(loopClient, {
      answers: Math.min(answers, 30),
      mode: "polling",
      modelLatencyMs: 1000,
      postingId: fresh.postingId,
    });
    report.loop = [push, polling];
  }

  if (sections.has("targeting")) {
    // issue 19: a "Weakest skills first" interview aims ≥ 80 % of its questions at weak or unprobed requirements.
    const fresh = await seedBenchUser(env.databaseUrl, { sessions: 0, questions: 6 });
    const { client: targetingClient } = await signIn(env, fresh.email);
    log("targeting: a Weakest skills first interview on a fresh posting");
    report.targeting = await measureTargeting(targetingClient);
  }

  if (sections.has("login")) {
    log("login: 20 concurrent logins, while /healthz is probed every 20 ms");
    const probes: number[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const t = performance.now();
        await fetch(`${base}/healthz`);
        probes.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const idle = [...probes];
    // Beyond LOGIN_QUEUE_LIMIT waiting checks a login is refused at once (503): counted, not timed.
    let refused = 0;
    const logins = (
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const t = performance.now();
          const res = await new HttpClient(base).post("/login", { email: seeded.email, password: BENCH_PASSWORD });
          if (res.status === 503) return (refused++, null);
          if (res.status !== 302) throw new Error(`login ${res.status}`);
          return performance.now() - t;
        }),
      )
    ).filter((ms): ms is number => ms !== null);
    const during = probes.slice(idle.length);
    probing = false;
    await prober;
    report.login = {
      concurrent: 20,
      refused503: refused,
      loginP50: round(percentile(logins, 50), 0),
      loginP95: round(percentile(logins, 95), 0),
      healthzIdleP95: round(percentile(idle, 95), 1),
      healthzDuringLoginsP95: round(percentile(during, 95), 1),
      healthzDuringLoginsMax: round(Math.max(...during), 1),
    };
  }

  if (sections.has("frontend")) {
    const [name, value] = client.cookieHeader().split("=");
    const cookie = { name: name!, value: value! };
    const inProgress = await seeded.seedSessionInProgress();
    const posting = `/jobs/${seeded.postingId}`;
    const done = `/interviews/${finished}`;
    // Every page of app/routes.ts, in the state a user meets it most.
    const allPages: BenchPage[] = [
      { page: "/", path: "/", signedOut: true },
      { page: "/login", path: "/login", signedOut: true },
      { page: "/register", path: "/register", signedOut: true },
      { page: "/forgot-password", path: "/forgot-password", signedOut: true },
      { page: "/reset-password (a link no longer valid)", path: "/reset-password?token=expired", signedOut: true },
      { page: "/dashboard", path: "/dashboard" },
      { page: "/settings", path: "/settings" },
      { page: "/resume", path: "/resume" },
      { page: "/resume/delete", path: "/resume/delete" },
      { page: "/jobs", path: "/jobs" },
      { page: "/jobs/new", path: "/jobs/new" },
      { page: "/jobs/:id", path: posting },
      { page: "/jobs/:id/edit", path: `${posting}/edit` },
      { page: "/jobs/:id/delete", path: `${posting}/delete` },
      { page: "/jobs/:id/progress", path: `${posting}/progress` },
      { page: "/interviews", path: "/interviews" },
      { page: "/interviews/new", path: "/interviews/new" },
      { page: "/interviews/:id (completed)", path: done },
      { page: "/interviews/:id (in progress)", path: `/interviews/${inProgress}`, shows: "textarea[name=answer]" },
      { page: "/interviews/:id/feedback", path: `${done}/feedback` },
      { page: "/interviews/:id/delete", path: `${done}/delete` },
      { page: "a page that does not exist (404)", path: "/no-such-page", notFound: true },
    ];
    const only = values.pages?.split(",");
    const pages = only ? allPages.filter((p) => only.some((part) => p.page.includes(part))) : allPages;
    log(`front end: weight and vitals of ${pages.length} pages in Chromium`);
    report.frontend = await measurePages(base, cookie, pages);
    if (!values["no-lighthouse"]) {
      log(`front end: Lighthouse (mobile) on ${pages.length} pages`);
      report.lighthouse = await lighthousePages(base, cookie, pages, values.quick ? 1 : 3);
    }
  }
  await seeded.disconnect();
} finally {
  await env.stop();
}

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const dir = path.join(ROOT, "bench-results");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, `bench-${stamp}.json`), JSON.stringify(report, null, 2));
const md = toMarkdown(report);
fs.writeFileSync(path.join(dir, `bench-${stamp}.md`), md);
console.log(`\n${md}\nWritten to bench-results/bench-${stamp}.{json,md}`);
// Keep-alive sockets of the load clients would hold the process open for minutes; the report is written.
process.exit(0);

function toMarkdown(r: Record<string, unknown>) {
  const lines: string[] = [`Machine: ${JSON.stringify(r.machine)}`, ""];
  for (const run of (r.sideBySide ?? []) as SideBySide[]) lines.push(sideBySideMarkdown(run));
  if (r.reads) lines.push(readsMarkdown(r.reads as Parameters<typeof readsMarkdown>[0]));
  if (r.throughput) {
    lines.push(
      "| target | conns | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | share of ceiling |",
      "|---|---|---|---|---|---|---|---|---|",
    );
    for (const row of r.throughput as Array<Record<string, number | string>>) {
      lines.push(
        `| ${row.target} | ${row.connections} | ${row.rps} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors} | ${row.non2xx} | ${row.ofCeiling} |`,
      );
    }
    lines.push("");
  }
  if (r.loop) {
    lines.push(
      "| loop client | answers | overhead p50 ms | overhead p95 ms | first words p50 ms | first words p95 ms |",
      "|---|---|---|---|---|---|",
    );
    for (const row of r.loop as Array<Record<string, unknown>>) {
      lines.push(
        `| ${row.mode} | ${row.answers} | ${row.overheadP50} | ${row.overheadP95} | ${row.firstWordsP50 ?? "–"} | ${row.firstWordsP95 ?? "–"} |`,
      );
    }
    lines.push("");
  }
  if (r.targeting) {
    const t = r.targeting as Record<string, number | boolean | null>;
    lines.push(
      `Weakest skills first: ${t.targeted}/${t.questions} questions aimed at a weak or unprobed requirement (share ${t.share}, goal ≥ ${t.goal}: ${t.meetsGoal ? "met" : "NOT met"}); ${t.requirements} requirements extracted; ${t.changesWithAnswer}/${t.stateChanges} state changes name their answer.`,
      "",
    );
  }
  if (r.login) lines.push(`Login: ${JSON.stringify(r.login)}`, "");
  if (r.frontend) {
    const scores = new Map(((r.lighthouse ?? []) as Array<Record<string, unknown>>).map((row) => [row.page, row]));
    lines.push(
      "| page | signed in | first-load JS KB gzip | … brotli | files | all JS KB gzip (files) | LCP ms | CLS | blocking ms | chart.js | Lighthouse mobile (min–max) | LH FCP / LCP / TBT ms | LH CLS |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    );
    for (const row of r.frontend as Array<Record<string, unknown>>) {
      const lh = scores.get(row.page);
      lines.push(
        `| ${row.page} | ${row.signedIn} | ${row.firstLoadKbGzip} | ${row.firstLoadKbBrotli} | ${row.firstLoadFiles} | ${row.allJsKbGzip} (${row.allJsFiles}) | ${row.lcpMs} | ${row.cls} | ${row.blockingMs} | ${row.chartJs} | ${lh ? `${lh.performance} (${(lh.performanceRange as number[]).join("–")})` : "–"} | ${lh ? `${lh.fcpMs} / ${lh.lcpMs} / ${lh.tbtMs}` : "–"} | ${lh?.cls ?? "–"} |`,
      );
    }
  }
  return lines.join("\n");
}
