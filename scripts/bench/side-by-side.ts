/**
 * The product's pages side by side with a minimal React Router page (the
 * baseline, scripts/bench/baseline/), on the same database in the same
 * minutes: every round measures each target right after a run of the baseline,
 * in an order that rotates from round to round, and each target's ratio is
 * taken against the baseline run just before it. A target may name its own
 * baseline: a page's data request (what a click costs a browser with
 * JavaScript) runs after the baseline's data request. The server's and
 * PostgreSQL's CPU time per request are measured alongside. On a shared machine the absolute
 * figures drift with the neighbours' load; the ratios are what compares.
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../lib/local-database.ts";
import { freePort } from "../lib/local-postgres.ts";
import { processUsage } from "./environment.ts";
import { load, type LoadResult } from "./http-load.ts";
import { median, round } from "./stats.ts";

/**
 * `pid`: the server process answering it, whose CPU time per request is measured with its throughput.
 * `baseline`: what runs just before it and its ratio is taken against, if not the baseline page.
 */
export type Target = { name: string; url: string; headers?: Record<string, string>; pid: number; baseline?: Target };
const BASELINE_SECRET = "bench-only-baseline-secret-0123456789";

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** Build the baseline app and serve it on the bench's database (`processes`: its WEB_CONCURRENCY); its page for `userId` is `url`. */
export async function startBaseline(databaseUrl: string, userId: string, processes = 1) {
  await run(process.execPath, [path.join(ROOT, "node_modules/@react-router/dev/bin.js"), "build", "scripts/bench/baseline"]);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts/bench/baseline/server.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      BASELINE_SESSION_SECRET: BASELINE_SECRET,
      WEB_CONCURRENCY: String(processes),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("baseline ready") && resolve());
    child.once("exit", (code) => reject(new Error(`baseline server exited (${code})`)));
  });
  process.env.BASELINE_SESSION_SECRET = BASELINE_SECRET;
  const { sessions } = await import("./baseline/app/session.ts");
  const session = await sessions.getSession();
  session.set("userId", userId);
  const cookie = (await sessions.commitSession(session)).split(";")[0]!;
  const url = `http://127.0.0.1:${port}/`;
  const check = await fetch(url, { headers: { cookie } });
  if (check.status !== 200 || !(await check.text()).includes("<li>"))
    throw new Error(`baseline page answered ${check.status} without rows`);
  const name = `baseline (minimal React Router page${processes > 1 ? `, ${processes} processes` : ""})`;
  const target: Target = { name, url, headers: { cookie }, pid: child.pid! };
  // The same page's data request, as a client-side navigation to it asks for (React Router's defaults: /_root.data).
  const data: Target = { ...target, name: `${name.slice(0, -1)}, data request)`, url: `${url}_root.data` };
  return { target, data, stop: () => child.kill() };
}

/** The 1-minute load average: how busy the shared machine was around a figure. */
export const loadAverage = () => round(os.loadavg()[0]!, 2);

export async function sideBySide(
  baseline: Target,
  targets: Target[],
  options: { connections: number; seconds: number; rounds: number; postgresPid: number; log: (msg: string) => void },
) {
  const baselines = [...new Set([baseline, ...targets.map((t) => t.baseline ?? baseline)])];
  const all = [...baselines, ...targets];
  for (const t of all) {
    const res = await fetch(t.url, { headers: t.headers, redirect: "manual" });
    if (res.status !== 200) throw new Error(`${t.name} answered ${res.status}, not 200: check the bench's sign-in`);
    await load(t.url, { connections: options.connections, seconds: 2, headers: t.headers }); // warm-up: JIT, pools
  }
  const loadBefore = loadAverage();
  type Run = LoadResult & { ratio: number; cpuMs: number; pgCpuMs: number; cpuRatio: number };
  const results = new Map<string, Run[]>(all.map((t) => [t.name, []]));
  // CPU time is what a shared machine cannot take away: the server's and PostgreSQL's per request.
  const measure = async (t: Target) => {
    const before = [processUsage(t.pid).cpuSeconds, processUsage(options.postgresPid).cpuSeconds];
    const result = await load(t.url, { connections: options.connections, seconds: options.seconds, headers: t.headers });
    const requests = Math.max(1, result.rps * options.seconds);
    const cpuMs = ((processUsage(t.pid).cpuSeconds - before[0]!) * 1000) / requests;
    const pgCpuMs = ((processUsage(options.postgresPid).cpuSeconds - before[1]!) * 1000) / requests;
    return { ...result, cpuMs, pgCpuMs };
  };
  for (let r = 0; r < options.rounds; r++) {
    // Each target right after a run of the baseline, in an order that rotates, so no page always runs last.
    const order = [...targets.slice(r % targets.length), ...targets.slice(0, r % targets.length)];
    options.log(`side by side: round ${r + 1}/${options.rounds}, ${options.connections} connections (load ${loadAverage()})`);
    for (const t of order) {
      const against = t.baseline ?? baseline;
      const base = await measure(against);
      results.get(against.name)!.push({ ...base, ratio: 1, cpuRatio: 1 });
      const result = await measure(t);
      const cpuRatio = (base.cpuMs + base.pgCpuMs) / (result.cpuMs + result.pgCpuMs);
      results.get(t.name)!.push({ ...result, ratio: result.rps / base.rps, cpuRatio });
    }
  }
  const baseP95 = (t: Target) => median(results.get((baselines.includes(t) ? t : (t.baseline ?? baseline)).name)!.map((b) => b.p95));
  return {
    connections: options.connections,
    seconds: options.seconds,
    rounds: options.rounds,
    loadAverage: { before: loadBefore, after: loadAverage() },
    rows: all.map((t) => {
      const runs = results.get(t.name)!;
      const p95 = median(runs.map((x) => x.p95));
      return {
        target: t.name,
        rps: median(runs.map((x) => x.rps)),
        p50: median(runs.map((x) => x.p50)),
        p95,
        ratio: round(median(runs.map((x) => x.ratio)), 2),
        ratioRange: [round(Math.min(...runs.map((x) => x.ratio)), 2), round(Math.max(...runs.map((x) => x.ratio)), 2)],
        p95OfBaseline: round(p95 / baseP95(t), 2),
        cpuMs: round(median(runs.map((x) => x.cpuMs)), 2),
        pgCpuMs: round(median(runs.map((x) => x.pgCpuMs)), 2),
        // What the ratio would be where CPU is the limit and the machine is not shared: the baseline's
        // server + PostgreSQL CPU per request over this target's.
        cpuRatio: round(median(runs.map((x) => x.cpuRatio)), 2),
        errors: runs.reduce((n, x) => n + x.errors, 0),
        non2xx: runs.reduce((n, x) => n + x.non2xx, 0),
      };
    }),
  };
}

export type SideBySide = Awaited<ReturnType<typeof sideBySide>>;

export function sideBySideMarkdown(s: SideBySide) {
  return [
    `Side by side, ${s.connections} connections, ${s.rounds} rounds of ${s.seconds} s per target (load average ${s.loadAverage.before} → ${s.loadAverage.after}):`,
    "",
    "| target | req/s | ratio to baseline (min–max) | p50 ms | p95 ms | p95 / baseline's | server CPU ms/req | PostgreSQL CPU ms/req | CPU ratio | errors | non-2xx |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...s.rows.map(
      (r) =>
        `| ${r.target} | ${r.rps} | ${r.ratio} (${r.ratioRange.join("–")}) | ${r.p50} | ${r.p95} | ${r.p95OfBaseline} | ${r.cpuMs} | ${r.pgCpuMs} | ${r.cpuRatio} | ${r.errors} | ${r.non2xx} |`,
    ),
    "",
  ].join("\n");
}
