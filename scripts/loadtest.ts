/**
 * `npm run loadtest` — N simulated users, each doing a whole interview over
 * HTTP like a browser with JavaScript: register, save an API key, paste a
 * résumé, add a posting, start a 6-question interview, answer every question
 * (waiting on the page's push events), read the feedback. The fake LLM answers
 * in 1 s and fails 10 % of calls with a transient 429/5xx (the SDK retries).
 *
 *   npm run loadtest -- --users 50 --webs 1 --workers 1
 *   npm run loadtest -- --matrix        50/200/500 users on 1+1, then 200/500 on 2+2 processes
 *
 * Reports completed interviews, answers stored vs sent, operations left
 * non-terminal (must be 0), page p95, error rate, CPU and memory per process.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { HttpClient } from "../tests/support/http-client.ts";
import { startEnvironment, processUsage, type Environment } from "./bench/environment.ts";
import { percentile, round } from "./bench/stats.ts";
import { ROOT } from "./lib/local-database.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "50" },
    webs: { type: "string", default: "1" },
    workers: { type: "string", default: "1" },
    concurrency: { type: "string" },
    matrix: { type: "boolean" },
    "fault-rate": { type: "string", default: "0.1" },
  },
});

const RESUME =
  "Backend engineer, eight years. Built payment systems in TypeScript and Go; scaled PostgreSQL; led incident reviews. ".repeat(4);
const DESCRIPTION =
  "We need a senior engineer to own our ledger service, design APIs, and mentor the team. PostgreSQL and Kafka experience required.";
const ANSWER =
  "I would start by measuring, then split the problem: first the data model, then the hot paths, and I would explain the trade-offs with numbers from a past project.";

type Metrics = { pages: number[]; requests: number; errors: number; answersSent: number; completed: number; failures: string[] };

class VirtualUser {
  readonly client: HttpClient;
  readonly index: number;
  readonly run: string;
  readonly metrics: Metrics;
  constructor(baseUrl: string, index: number, run: string, metrics: Metrics) {
    this.client = new HttpClient(baseUrl);
    this.index = index;
    this.run = run;
    this.metrics = metrics;
  }

  async request(label: string, send: () => Promise<Response>, expected: number[]) {
    const t = performance.now();
    const res = await send();
    const ms = performance.now() - t;
    this.metrics.requests++;
    if (!expected.includes(res.status)) {
      this.metrics.errors++;
      throw new Error(`${label} answered ${res.status}`);
    }
    if (label.startsWith("page")) this.metrics.pages.push(ms);
    await res.arrayBuffer(); // read the body like a browser
    return res;
  }

  async page(path: string) {
    return this.request(`page ${path}`, () => this.client.get(path), [200]);
  }

  async go() {
    const c = this.client;
    await this.request(
      "register",
      () => c.post("/register", { email: `load-${this.run}-${this.index}@example.com`, password: "load test passphrase 2026" }),
      [302],
    );
    await this.page("/dashboard");
    await this.request(
      "api key",
      () => c.post("/settings", { intent: "save-api-key", apiKey: `sk-load-${this.run}-${this.index}-000000` }),
      [200],
    );
    await this.request("resume", () => c.post("/resume", { intent: "save", content: RESUME }), [200, 302]);
    const job = await this.request(
      "posting",
      () =>
        c.post("/jobs/new", {
          title: `Senior Engineer ${this.index}`,
          company: "Load Corp",
          description: DESCRIPTION,
          experienceLevel: "senior",
          techStack: "TypeScript, PostgreSQL",
        }),
      [302],
    );
    const jobId = new URL(job.headers.get("location")!, "http://x").pathname.split("/").pop()!;
    await this.page(`/jobs/${jobId}`);
    const started = await this.request(
      "start",
      () => c.post("/interviews/new", { jobPostingId: jobId, targetQuestions: "6", focus: "balanced" }),
      [302],
    );
    const sessionId = new URL(started.headers.get("location")!, "http://x").pathname.split("/").pop()!;
    const events = await this.subscribe(`/interviews/${sessionId}/events`);
    try {
      for (let n = 1; n <= 6; n++) {
        const questionId = await this.waitFor(events, () => this.openQuestion(sessionId, n), `question ${n}`);
        await this.page(`/interviews/${sessionId}`);
        await this.request("answer", () => c.post(`/interviews/${sessionId}`, { intent: "answer", questionId, answer: ANSWER }), [302]);
        this.metrics.answersSent++;
      }
      await this.waitFor(events, () => this.hasFeedback(sessionId), "feedback");
      await this.page(`/interviews/${sessionId}/feedback`);
      this.metrics.completed++;
    } finally {
      events.close();
    }
  }

  async openQuestion(sessionId: string, number: number) {
    const res = await this.client.get(`/api/v1/sessions/${sessionId}/messages`);
    this.metrics.requests++;
    const messages = (await res.json()) as Array<{ id: string; message_type: string; question_number?: number }>;
    return messages.find((m) => m.message_type === "question" && m.question_number === number)?.id ?? null;
  }

  async hasFeedback(sessionId: string) {
    const res = await this.client.get(`/api/v1/sessions/${sessionId}/feedback`);
    this.metrics.requests++;
    await res.arrayBuffer();
    return res.status === 200 ? true : null;
  }

  /** The page's push channel: wake up on every event; a 10 s safety poll covers anything missed. */
  async subscribe(path: string) {
    const controller = new AbortController();
    const waiters = new Set<() => void>();
    const res = await fetch(new URL(path, this.client.baseUrl), {
      headers: { cookie: this.client.cookieHeader() },
      signal: controller.signal,
    });
    void (async () => {
      try {
        const reader = res.body!.getReader();
        while (!(await reader.read()).done) for (const wake of waiters) wake();
      } catch {
        // closed
      }
    })();
    return { waiters, close: () => controller.abort() };
  }

  async waitFor<T>(events: { waiters: Set<() => void> }, probe: () => Promise<T | null>, what: string): Promise<T> {
    const deadline = Date.now() + 5 * 60_000;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          events.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 10_000);
        events.waiters.add(wake);
      });
    }
  }
}

async function runScenario(users: number, webs: number, workers: number) {
  const env: Environment = await startEnvironment({
    webs,
    workers,
    fakeLatencyMs: 1000,
    faultRate: Number(values["fault-rate"]),
    ...(values.concurrency ? { workerConcurrency: Number(values.concurrency) } : {}),
  });
  const run = Math.random().toString(36).slice(2, 8);
  const metrics: Metrics = { pages: [], requests: 0, errors: 0, answersSent: 0, completed: 0, failures: [] };
  const pids = {
    web: env.processes.filter((p) => p.name.startsWith("web")).map((p) => p.child.pid!),
    worker: env.processes.filter((p) => p.name.startsWith("worker")).map((p) => p.child.pid!),
    postgres: [env.postgresPid],
  };
  const usage = (list: number[]) =>
    list
      .map(processUsage)
      .reduce((a, b) => ({ cpuSeconds: a.cpuSeconds + b.cpuSeconds, rssMb: a.rssMb + b.rssMb }), { cpuSeconds: 0, rssMb: 0 });
  const before = { web: usage(pids.web), worker: usage(pids.worker), postgres: usage(pids.postgres) };
  const peak = { web: 0, worker: 0, postgres: 0 };
  const sampler = setInterval(() => {
    peak.web = Math.max(peak.web, usage(pids.web).rssMb);
    peak.worker = Math.max(peak.worker, usage(pids.worker).rssMb);
    peak.postgres = Math.max(peak.postgres, usage(pids.postgres).rssMb);
  }, 1000);

  console.log(`[loadtest] ${users} users on ${webs} web + ${workers} worker process(es)…`);
  const started = performance.now();
  // Arrivals spread over 10 s, as real users would not all click at once.
  await Promise.all(
    Array.from({ length: users }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i / users) * 10_000));
      const user = new VirtualUser(env.urls[i % env.urls.length]!, i, run, metrics);
      try {
        await user.go();
      } catch (error) {
        metrics.failures.push((error as Error).message);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = { web: usage(pids.web), worker: usage(pids.worker), postgres: usage(pids.postgres) };

  // Give stragglers (evaluations of last answers) a moment, then count from the database.
  await new Promise((r) => setTimeout(r, 3000));
  const client = new pg.Client(env.databaseUrl);
  await client.connect();
  const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  const answersStored = await count(`SELECT count(*) AS n FROM session_messages WHERE kind = 'answer'`);
  const nonTerminal = await count(`SELECT count(*) AS n FROM operations WHERE status IN ('pending', 'processing')`);
  const failedOps = await count(`SELECT count(*) AS n FROM operations WHERE status = 'failed'`);
  const feedback = await count(`SELECT count(*) AS n FROM interview_feedback`);
  await client.end();
  const llmCalls = env.fake.requests.length;
  await env.stop();

  const cpu = (k: "web" | "worker" | "postgres") => round(after[k].cpuSeconds - before[k].cpuSeconds, 1);
  return {
    users,
    webs,
    workers,
    seconds: round(seconds, 1),
    completedInterviews: metrics.completed,
    interviewsPerMinute: round((metrics.completed / seconds) * 60, 1),
    answersSent: metrics.answersSent,
    answersStored,
    operationsNotTerminal: nonTerminal,
    operationsFailed: failedOps,
    feedbackWritten: feedback,
    llmCalls,
    requests: metrics.requests,
    errorRate: round(metrics.errors / Math.max(1, metrics.requests), 4),
    pageP50: round(percentile(metrics.pages, 50), 0),
    pageP95: round(percentile(metrics.pages, 95), 0),
    cpuSeconds: { web: cpu("web"), worker: cpu("worker"), postgres: cpu("postgres") },
    peakRssMb: { web: round(peak.web, 0), worker: round(peak.worker, 0), postgres: round(peak.postgres, 0) },
    failures: [...new Set(metrics.failures)].slice(0, 5),
  };
}

const scenarios: Array<[number, number, number]> = values.matrix
  ? [
      [50, 1, 1],
      [200, 1, 1],
      [500, 1, 1],
      [200, 2, 2],
      [500, 2, 2],
    ]
  : [[Number(values.users), Number(values.webs), Number(values.workers)]];

const results = [];
for (const [users, webs, workers] of scenarios) {
  const result = await runScenario(users, webs, workers);
  console.log(JSON.stringify(result));
  results.push(result);
}

const lines = [
  "| users | web+worker | seconds | completed | per min | answers sent/stored | ops not terminal | ops failed | page p50/p95 ms | error rate | CPU s web/worker/pg | peak RSS MB web/worker/pg |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ...results.map(
    (r) =>
      `| ${r.users} | ${r.webs}+${r.workers} | ${r.seconds} | ${r.completedInterviews} | ${r.interviewsPerMinute} | ${r.answersSent}/${r.answersStored} | ${r.operationsNotTerminal} | ${r.operationsFailed} | ${r.pageP50}/${r.pageP95} | ${r.errorRate} | ${r.cpuSeconds.web}/${r.cpuSeconds.worker}/${r.cpuSeconds.postgres} | ${r.peakRssMb.web}/${r.peakRssMb.worker}/${r.peakRssMb.postgres} |`,
  ),
];
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
fs.mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
fs.writeFileSync(path.join(ROOT, "bench-results", `loadtest-${stamp}.json`), JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(ROOT, "bench-results", `loadtest-${stamp}.md`), lines.join("\n"));
console.log(`\n${lines.join("\n")}`);
const broken = results.filter((r) => r.answersSent !== r.answersStored || r.operationsNotTerminal !== 0);
if (broken.length) {
  console.error("[loadtest] FAILED: answers lost or operations left non-terminal");
  process.exitCode = 1;
}
