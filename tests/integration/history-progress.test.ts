/**
 * Issue 6, the read side: history with filters and paging, the dashboard and
 * GET /stats, per-posting progress and GET /job-postings/:id/progress — all
 * from sessions seeded with known scores, so every number is exact — and
 * isolation of every new page and endpoint between users.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { createPosting, seedSession } from "../support/seed-sessions.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

async function user() {
  const { client, userId, email } = await signedInUser(app);
  return { client, userId, api: await apiLogin(app, email) };
}

async function page(client: HttpClient, path: string) {
  const res = await client.get(path);
  return { status: res.status, html: await res.text() };
}

/** The interview ids of the history rows, in page order. */
function rowIds(html: string) {
  const list = html.split('data-testid="history-list"')[1] ?? "";
  return [...list.matchAll(/<li[^>]*data-testid="history-row"[\s\S]*?href="\/interviews\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

async function apiIds(api: HttpClient, query: string) {
  const res = await api.get(`/api/v1/sessions${query}`);
  expect(res.status).toBe(200);
  return { ids: ((await res.json()) as { id: string }[]).map((s) => s.id), headers: res.headers };
}

describe("history: paging", () => {
  it("shows 20 per page, newest first: 20 is one page, 21 adds a page of 1, 41 a third page of 1", async () => {
    const { client, userId, api } = await user();
    const base = Date.parse("2025-06-01T09:00:00.000Z");
    const seeded: string[] = []; // oldest first
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const s = await seedSession(app, userId, { createdAt: new Date(base + seeded.length * 60_000), answeredCount: 2 });
        seeded.push(s.id);
      }
    };
    const newestFirst = () => [...seeded].reverse();

    await add(20);
    let first = await page(client, "/interviews");
    expect(rowIds(first.html)).toEqual(newestFirst());
    expect(visibleText(first.html)).toContain("Showing 1–20 of 20 interviews");
    expect(first.html).not.toContain("Next page");
    let api1 = await apiIds(api, "");
    expect(api1.ids).toEqual(newestFirst());
    expect(api1.headers.get("x-total-count")).toBe("20");
    expect(api1.headers.get("x-page-count")).toBe("1");
    expect(api1.headers.get("link")).not.toContain('rel="next"');

    await add(1);
    first = await page(client, "/interviews");
    expect(rowIds(first.html)).toEqual(newestFirst().slice(0, 20));
    expect(first.html).toContain('href="/interviews?page=2"');
    const second = await page(client, "/interviews?page=2");
    expect(rowIds(second.html)).toEqual([seeded[0]]);
    expect(visibleText(second.html)).toContain("Showing 21–21 of 21 interviews");
    expect(visibleText(second.html)).toContain("Page 2 of 2");
    expect(second.html.match(/<a[^>]*rel="prev"[^>]*>/)?.[0]).toContain('href="/interviews"'); // previous page = page 1
    expect(second.html).not.toContain("Next page");
    api1 = await apiIds(api, "?page=2");
    expect(api1.ids).toEqual([seeded[0]]);
    expect(api1.headers.get("x-total-count")).toBe("21");
    expect(api1.headers.get("link")).toContain('</api/v1/sessions?page=1>; rel="prev"');

    await add(20);
    const third = await page(client, "/interviews?page=3");
    expect(rowIds(third.html)).toEqual([seeded[0]]);
    expect(visibleText(third.html)).toContain("Page 3 of 3");
    const middle = await apiIds(api, "?page=2");
    expect(middle.ids).toEqual(newestFirst().slice(20, 40));
    expect(middle.headers.get("link")).toContain('</api/v1/sessions?page=3>; rel="next"');
    expect((await apiIds(api, "?page=3")).ids).toEqual([seeded[0]]);
    expect((await apiIds(api, "?page=2&page_size=40")).ids).toEqual([seeded[0]]);

    const beyond = await page(client, "/interviews?page=4");
    expect(beyond.status).toBe(200);
    expect(visibleText(beyond.html)).toContain("This page is past the end of the list");
    const empty = await apiIds(api, "?page=4");
    expect(empty.ids).toEqual([]);
    expect(empty.headers.get("x-total-count")).toBe("41");
  });
});

describe("history: filters", () => {
  let client: HttpClient;
  let api: HttpClient;
  const ids: Record<string, string> = {};
  let postingP: string;
  let postingQ: string;

  beforeAll(async () => {
    const u = await user();
    client = u.client;
    api = u.api;
    const p = await createPosting(app, u.userId, { title: "Platform Engineer", company: "Initech" });
    const q = await createPosting(app, u.userId, { title: "Data Engineer", company: "Hooli" });
    postingP = p.id;
    postingQ = q.id;
    const now = Date.now();
    const seeds = {
      startEdge: { posting: p, status: "completed", createdAt: at("2025-03-01T00:00:00.000Z") },
      endEdge: { posting: p, status: "active", createdAt: at("2025-03-10T23:59:59.999Z") },
      dayAfter: { posting: q, status: "paused", createdAt: at("2025-03-11T00:00:00.000Z") },
      dayBefore: { posting: q, status: "completed", createdAt: at("2025-02-28T23:59:59.999Z") },
      sixDaysAgo: { posting: p, status: "completed", createdAt: new Date(now - 6 * DAY) },
      eightDaysAgo: { posting: q, status: "completed", createdAt: new Date(now - 8 * DAY) },
      fortyDaysAgo: { posting: p, status: "completed", createdAt: new Date(now - 40 * DAY) },
    } as const;
    for (const [name, seed] of Object.entries(seeds)) ids[name] = (await seedSession(app, u.userId, seed)).id;
  });

  const names = (found: string[]) => found.map((id) => Object.entries(ids).find(([, v]) => v === id)?.[0]).sort();

  it("filters a custom date range including both whole days (UTC), on the page and in the API", async () => {
    const custom = await page(client, "/interviews?range=custom&from=2025-03-01&to=2025-03-10");
    expect(names(rowIds(custom.html))).toEqual(["endEdge", "startEdge"]);
    expect(custom.html).toMatch(/<input[^>]*name="from"[^>]*value="2025-03-01"/);
    expect(names((await apiIds(api, "?from=2025-03-01&to=2025-03-10")).ids)).toEqual(["endEdge", "startEdge"]);
    // Exact instants: the end is inclusive to the millisecond.
    expect(names((await apiIds(api, "?from=2025-03-01T00:00:00.000Z&to=2025-03-10T23:59:59.999Z")).ids)).toEqual(["endEdge", "startEdge"]);
    expect(names((await apiIds(api, "?from=2025-03-01T00:00:00.001Z&to=2025-03-10T23:59:59.998Z")).ids)).toEqual([]);
    // Only one end given.
    expect(names((await apiIds(api, "?to=2025-02-28")).ids)).toEqual(["dayBefore"]);
    expect(names(rowIds((await page(client, "/interviews?from=2025-03-11&to=2025-03-11")).html))).toEqual(["dayAfter"]);
  });

  it("filters the last 7 and 30 days", async () => {
    expect(names(rowIds((await page(client, "/interviews?range=7d")).html))).toEqual(["sixDaysAgo"]);
    expect(names(rowIds((await page(client, "/interviews?range=30d")).html))).toEqual(["eightDaysAgo", "sixDaysAgo"]);
  });

  it("filters by status and by posting, combined with dates, and keeps the filters in the form and the links", async () => {
    const completed = await page(client, "/interviews?status=completed");
    expect(names(rowIds(completed.html))).toEqual(["dayBefore", "eightDaysAgo", "fortyDaysAgo", "sixDaysAgo", "startEdge"]);
    expect(completed.html).toMatch(/<option value="completed" selected="">/);
    expect(names(rowIds((await page(client, `/interviews?job=${postingP}`)).html))).toEqual([
      "endEdge",
      "fortyDaysAgo",
      "sixDaysAgo",
      "startEdge",
    ]);
    const combined = await page(client, `/interviews?status=completed&job=${postingP}&range=custom&from=2025-03-01&to=2025-03-10`);
    expect(names(rowIds(combined.html))).toEqual(["startEdge"]);
    expect(combined.html).toMatch(/<a[^>]*href="\/interviews"[^>]*>Clear filters<\/a>/);
    expect(names((await apiIds(api, `?status=completed&job_posting_id=${postingQ}`)).ids)).toEqual(["dayBefore", "eightDaysAgo"]);
    expect(names((await apiIds(api, "?status=paused")).ids)).toEqual(["dayAfter"]);
  });

  it("says 'no results for these filters', distinct from 'no interviews yet'", async () => {
    const none = await page(client, `/interviews?status=paused&job=${postingP}`);
    expect(none.status).toBe(200);
    expect(visibleText(none.html)).toContain("No interviews match these filters");
    expect(none.html).toContain('data-testid="no-results"');
    expect(none.html).not.toContain('data-testid="no-interviews"');

    const fresh = await user();
    const empty = await page(fresh.client, "/interviews?status=paused");
    expect(visibleText(empty.html)).toContain("No interviews yet");
    expect(empty.html).not.toContain('data-testid="no-results"');
  });

  it("ignores invalid filter values with an explanation (never a 500); the API answers 422", async () => {
    const bad = await page(client, "/interviews?status=done&range=forever&page=abc&job=42");
    expect(bad.status).toBe(200);
    const text = visibleText(bad.html);
    expect(text).toContain("Some filters were ignored");
    expect(text).toContain("The status must be active, paused or completed.");
    expect(text).toContain("The page must be a whole number of 1 or more.");
    expect(rowIds(bad.html)).toHaveLength(7);

    const reversed = await page(client, "/interviews?range=custom&from=2025-03-10&to=2025-03-01");
    expect(visibleText(reversed.html)).toContain("The end date is before the start date.");
    expect(rowIds(reversed.html)).toHaveLength(7);

    for (const query of ["?status=done", "?job_posting_id=42", "?from=yesterday", "?to=2025-02-30", "?page=0", "?page_size=101"]) {
      const res = await api.get(`/api/v1/sessions${query}`);
      expect(res.status, query).toBe(422);
      expect((await res.json()).error.code).toBe("validation_error");
    }
  });
});

describe("dashboard and GET /stats", () => {
  let scored: Awaited<ReturnType<typeof user>>;
  let postingA: Awaited<ReturnType<typeof createPosting>>;
  let postingB: Awaited<ReturnType<typeof createPosting>>;
  const s: Record<string, string> = {};

  beforeAll(async () => {
    scored = await user();
    postingA = await createPosting(app, scored.userId, { title: "Staff Backend Engineer", company: "Acme Payments" });
    postingB = await createPosting(app, scored.userId, { title: "Frontend Lead", company: "Globex" });
    const id = scored.userId;
    s.a1 = (
      await seedSession(app, id, { posting: postingA, createdAt: at("2026-01-01T10:00:00Z"), answeredCount: 5, scores: [60, 70, 50, 80] })
    ).id;
    s.a2 = (
      await seedSession(app, id, {
        posting: postingA,
        retakeNumber: 2,
        originalSessionId: s.a1,
        createdAt: at("2026-01-08T10:00:00Z"),
        answeredCount: 6,
        scores: [70, 75, 60, 85],
      })
    ).id;
    s.b1 = (
      await seedSession(app, id, { posting: postingB, createdAt: at("2026-01-10T10:00:00Z"), answeredCount: 4, scores: [80, 90, 70, 60] })
    ).id;
    s.a3 = (
      await seedSession(app, id, {
        posting: postingA,
        retakeNumber: 3,
        originalSessionId: s.a1,
        createdAt: at("2026-01-15T10:00:00Z"),
        answeredCount: 3,
        scores: [66, 74, 57, 74],
      })
    ).id;
    s.b2 = (
      await seedSession(app, id, {
        posting: postingB,
        status: "active",
        retakeNumber: 2,
        originalSessionId: s.b1,
        createdAt: at("2026-01-20T10:00:00Z"),
        answeredCount: 2,
      })
    ).id;
    // Completed, but its feedback failed: counted as completed, never as a score.
    s.a4 = (
      await seedSession(app, id, {
        posting: postingA,
        retakeNumber: 4,
        originalSessionId: s.a1,
        createdAt: at("2026-01-21T10:00:00Z"),
        answeredCount: 1,
      })
    ).id;
  });

  it("computes totals, the average over scored sessions, roles and the trend with changes (API)", async () => {
    const res = await scored.api.get("/api/v1/stats");
    expect(res.status).toBe(200);
    const stats = await res.json();
    expect(stats).toMatchObject({
      total_interviews: 6,
      completed_interviews: 5,
      scored_interviews: 4,
      average_overall_score: 70.06, // (65 + 72.5 + 75 + 67.75) / 4 = 70.0625
      total_questions_answered: 21,
      overall_trend: { first: 65, latest: 67.75, total_change: 2.75, trend: "stable" },
    });
    expect(
      stats.score_trend.map((t: { session_id: string; overall_score: number; change: number | null }) => [
        t.session_id,
        t.overall_score,
        t.change,
      ]),
    ).toEqual([
      [s.a1, 65, null],
      [s.a2, 72.5, 7.5],
      [s.b1, 75, 2.5],
      [s.a3, 67.75, -7.25],
    ]);
    expect(stats.score_trend[1]).toMatchObject({
      job_posting: { title: "Staff Backend Engineer", company: "Acme Payments" },
      retake_number: 2,
    });
    expect(
      stats.most_practised_roles.map((r: Record<string, unknown>) => [
        r.title,
        r.company,
        r.interviews,
        r.completed_interviews,
        r.average_overall_score,
        r.job_posting_id,
      ]),
    ).toEqual([
      ["Staff Backend Engineer", "Acme Payments", 4, 4, 68.42, postingA.id], // (65 + 72.5 + 67.75) / 3
      ["Frontend Lead", "Globex", 2, 1, 75, postingB.id],
    ]);
  });

  it("shows the same numbers on the dashboard, with the comparison marked in colour and words, and a chart with a table", async () => {
    const { html } = await page(scored.client, "/dashboard");
    const text = visibleText(html);
    expect(html).toMatch(/data-testid="stat-completed">5</);
    expect(html).toMatch(/data-testid="stat-answered">21</);
    expect(text).toContain("Average overall score 70.1"); // 70.06 shown to one decimal
    expect(text).toContain("over 4 interviews with feedback");
    const comparison = visibleText(html.split('data-testid="score-comparison"')[1]!.split("</table>")[0]!);
    expect(comparison).toMatch(/Staff Backend Engineer — Acme Payments Attempt #1 65 · Solid —/);
    expect(comparison).toContain("Attempt #2 · retake 72.5 · Solid ▲ +7.5 improved");
    expect(comparison).toContain("Frontend Lead — Globex Attempt #1 75 · Solid ▲ +2.5 improved");
    expect(comparison).toContain("67.8 · Solid ▼ \u22127.25 declined");
    expect(html).toContain("bg-red-100 text-red-900"); // the regression is red as well as worded
    expect(text).toContain("Most practised roles");
    expect(text).toMatch(/Staff Backend Engineer — Acme Payments 4 interviews · 4 completed/);
    expect(text).toContain("Average 68.4 · Solid");
    expect(html).toContain(`href="/jobs/${postingA.id}/progress"`);
    // The chart is drawn in the browser only: the server sends the table, never chart.js.
    expect(html).not.toContain("data-chart=");
  });

  it("shows zero states for a new user and a message instead of a chart with fewer than 2 scored sessions", async () => {
    const fresh = await user();
    const empty = visibleText((await page(fresh.client, "/dashboard")).html);
    expect(empty).toContain("Getting started");
    expect(empty).toContain("No interviews yet");
    expect(await (await fresh.api.get("/api/v1/stats")).json()).toMatchObject({
      total_interviews: 0,
      completed_interviews: 0,
      average_overall_score: null,
      total_questions_answered: 0,
      most_practised_roles: [],
      score_trend: [],
    });

    await seedSession(app, fresh.userId, { answeredCount: 3, scores: [70, 70, 70, 71] });
    const one = await page(fresh.client, "/dashboard");
    expect(visibleText(one.html)).toContain("You have one interview with feedback so far");
    expect(one.html).toContain('data-testid="trend-needs-more"');
    expect(one.html).not.toContain('data-testid="score-comparison"');
    expect(visibleText(one.html)).toContain("Average overall score 70.3"); // 70.25
  });

  it("tells apart interviews on the same day in the table that stands in for the chart: the time, then the order (issue 15 point 17)", async () => {
    const u = await user();
    const created = [
      "2025-12-03T16:00:00Z",
      "2025-12-04T09:05:00Z",
      "2025-12-04T11:51:10Z",
      "2025-12-04T11:51:40Z",
      "2025-12-05T08:00:00Z",
    ];
    for (const iso of created) await seedSession(app, u.userId, { createdAt: at(iso), answeredCount: 3, scores: [70, 70, 70, 70] });
    const { html } = await page(u.client, "/dashboard");
    const table = html.split('data-testid="score-comparison"')[1]!.split("</table>")[0]!;
    const dates = [...table.matchAll(/<tr[^>]*data-testid="comparison-row"[^>]*>\s*<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
      visibleText(m[1]!),
    );
    expect(dates).toEqual(["3 Dec 2025", "4 Dec 2025, 09:05", "4 Dec 2025, 11:51 (1)", "4 Dec 2025, 11:51 (2)", "5 Dec 2025"]);
    // Each date is machine-readable, and the table says that its dates are the chart's labels.
    expect(table).toContain('<time dateTime="2025-12-04T11:51:40.000Z">');
    expect(visibleText(html)).toContain(
      "Each date is the point's label on the chart: where interviews share a day, the time (UTC) tells them apart.",
    );
  });
});

describe("progress for a posting", () => {
  let owner: Awaited<ReturnType<typeof user>>;
  let postingA: Awaited<ReturnType<typeof createPosting>>;
  let postingB: Awaited<ReturnType<typeof createPosting>>;
  let postingC: Awaited<ReturnType<typeof createPosting>>;
  const s: Record<string, string> = {};

  beforeAll(async () => {
    owner = await user();
    const id = owner.userId;
    postingA = await createPosting(app, id, { title: "Staff Backend Engineer", company: "Acme Payments" });
    postingB = await createPosting(app, id, { title: "Frontend Lead", company: "Globex" });
    postingC = await createPosting(app, id, { title: "SRE", company: null });
    // Created out of order on purpose: attempts are ordered by number, then date.
    s.a3 = (
      await seedSession(app, id, { posting: postingA, retakeNumber: 3, createdAt: at("2026-01-15T10:00:00Z"), scores: [66, 74, 57, 74] })
    ).id;
    s.a1 = (
      await seedSession(app, id, { posting: postingA, retakeNumber: 1, createdAt: at("2026-01-01T10:00:00Z"), scores: [60, 70, 50, 80] })
    ).id;
    s.a4 = (await seedSession(app, id, { posting: postingA, retakeNumber: 4, createdAt: at("2026-01-21T10:00:00Z") })).id;
    s.a2 = (
      await seedSession(app, id, { posting: postingA, retakeNumber: 2, createdAt: at("2026-01-08T10:00:00Z"), scores: [70, 75, 60, 85] })
    ).id;
    s.b1 = (await seedSession(app, id, { posting: postingB, createdAt: at("2026-01-10T10:00:00Z"), scores: [80, 90, 70, 60] })).id;
    s.b2 = (await seedSession(app, id, { posting: postingB, status: "active", retakeNumber: 2, createdAt: at("2026-01-20T10:00:00Z") })).id;
  });

  it("lists attempts in order with changes, and each dimension's total change and trend word (API)", async () => {
    const res = await owner.api.get(`/api/v1/job-postings/${postingA.id}/progress`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.job_posting).toEqual({ id: postingA.id, title: "Staff Backend Engineer", company: "Acme Payments" });
    expect(body.trend_threshold).toBe(5);
    expect(
      body.attempts.map((a: Record<string, unknown>) => [
        a.session_id,
        a.retake_number,
        a.overall_score,
        a.change,
        a.compared_to_session_id,
      ]),
    ).toEqual([
      [s.a1, 1, 65, null, null],
      [s.a2, 2, 72.5, 7.5, s.a1],
      [s.a3, 3, 67.75, -4.75, s.a2],
      [s.a4, 4, null, null, null],
    ]);
    expect(body.attempts[0].scores).toEqual({ technical_accuracy: 60, communication_clarity: 70, problem_solving: 50, relevance: 80 });
    expect(body.overall).toEqual({ first: 65, latest: 67.75, total_change: 2.75, trend: "stable" });
    expect(body.dimensions.map((d: Record<string, unknown>) => [d.dimension, d.scores, d.total_change, d.trend])).toEqual([
      ["technical_accuracy", [60, 70, 66], 6, "improving"],
      ["communication_clarity", [70, 75, 74], 4, "stable"],
      ["problem_solving", [50, 60, 57], 7, "improving"],
      ["relevance", [80, 85, 74], -6, "declining"],
    ]);
  });

  it("shows the same on the page: deltas coloured and worded, the stated threshold, trends and totals", async () => {
    const { status, html } = await page(owner.client, `/jobs/${postingA.id}/progress`);
    expect(status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain("Your progress: Staff Backend Engineer");
    const attempts = visibleText(html.split('data-testid="attempts-table"')[1]!.split("</table>")[0]!);
    expect(attempts).toMatch(/Attempt #1 .*65 · Solid —.*Attempt #2 · retake .*72\.5 · Solid ▲ \+7\.5 improved\s*vs attempt #1/);
    expect(attempts).toMatch(/Attempt #3 · retake .*67\.8 · Solid ▼ \u22124\.75 declined\s*vs attempt #2/);
    expect(attempts).toMatch(/Attempt #4 · retake .*Not scored yet/);
    expect(text).toContain("Improving or declining means the latest scored attempt is 5 points or more above or below the first one");
    const dims = visibleText(html.split('data-testid="dimension-table"')[1]!.split("</table>")[0]!);
    expect(dims).toContain("Overall 65 72.5 67.8 ▲ +2.75 improved → Stable");
    expect(dims).toContain("Technical accuracy 60 70 66 ▲ +6 improved ▲ Improving");
    expect(dims).toContain("Communication clarity 70 75 74 ▲ +4 improved → Stable");
    expect(dims).toContain("Problem-solving approach 50 60 57 ▲ +7 improved ▲ Improving");
    expect(dims).toContain("Relevance to the job 80 85 74 ▼ \u22126 declined ▼ Declining");
    expect(html).toMatch(/data-trend="declining"/);
    expect(html).toContain("bg-red-100 text-red-900");
    // A retake of the latest completed attempt is offered.
    expect(html).toContain(`name="sessionId" value="${s.a4}"`);
    expect(html).toContain('name="repeatQuestions"');
  });

  it("encourages a retake with one scored attempt, and explains when there are none", async () => {
    const one = await page(owner.client, `/jobs/${postingB.id}/progress`);
    expect(one.html).toContain('data-testid="retake-encouragement"');
    expect(visibleText(one.html)).toContain("You have one scored attempt at this job. Retake the interview");
    expect(one.html).toContain('data-testid="chart-needs-more"');
    expect(visibleText(one.html)).toContain(`Continue attempt #2`);
    const api = await (await owner.api.get(`/api/v1/job-postings/${postingB.id}/progress`)).json();
    expect(api.overall).toEqual({ first: 75, latest: 75, total_change: null, trend: null });
    expect(api.dimensions[0]).toMatchObject({ scores: [80], total_change: null, trend: null });

    const none = await page(owner.client, `/jobs/${postingC.id}/progress`);
    expect(none.status).toBe(200);
    expect(visibleText(none.html)).toContain("No attempts yet");
    expect((await (await owner.api.get(`/api/v1/job-postings/${postingC.id}/progress`)).json()).attempts).toEqual([]);
  });

  it("links attempts of one posting from the history", async () => {
    const { html } = await page(owner.client, `/interviews?job=${postingA.id}`);
    const text = visibleText(html);
    expect(text).toContain("Attempt #3 of Staff Backend Engineer");
    expect(text).toContain("Compare all 4 attempts");
    expect(html).toContain(`href="/jobs/${postingA.id}/progress"`);
  });
});

describe("isolation: another user's sessions, feedback and progress are 404 everywhere, and nothing changes", () => {
  it("404s every new page, action and endpoint for another user's ids and for malformed ids", async () => {
    const a = await user();
    const b = await user();
    const posting = await createPosting(app, a.userId);
    const done = await seedSession(app, a.userId, { posting, withExchange: true, scores: [70, 80, 90, 60] });
    const unscored = await seedSession(app, a.userId, { posting, withExchange: true });
    const failed = await app.db.operation.create({
      data: {
        userId: a.userId,
        sessionId: unscored.id,
        kind: "session_feedback",
        status: "failed",
        errorCode: "x",
        errorMessage: "Failed.",
      },
    });
    const bPosting = await createPosting(app, b.userId);
    const snapshot = async () => ({
      sessions: await app.db.interviewSession.count(),
      operations: await app.db.operation.count(),
      feedback: await app.db.interviewFeedback.count(),
    });
    const before = await snapshot();

    const pages = [`/interviews/${done.id}/feedback`, `/interviews/${unscored.id}/feedback`, `/jobs/${posting.id}/progress`];
    for (const path of [...pages, "/interviews/not-a-uuid/feedback", "/jobs/not-a-uuid/progress"]) {
      const res = await b.client.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("Technical feedback for");
    }
    const posts: Array<[string, Record<string, string>]> = [
      [`/interviews/${done.id}/feedback`, { intent: "retake" }],
      [`/interviews/${done.id}/feedback`, { intent: "retake", repeatQuestions: "on" }],
      [`/interviews/${unscored.id}/feedback`, { intent: "generate-feedback" }],
      [`/interviews/${unscored.id}/feedback`, { intent: "retry", operationId: failed.id }],
      [`/interviews/${unscored.id}/feedback`, { intent: "bogus" }],
      [`/jobs/${posting.id}/progress`, { intent: "retake", sessionId: done.id }],
      // B's own posting with A's session: still 404.
      [`/jobs/${bPosting.id}/progress`, { intent: "retake", sessionId: done.id }],
    ];
    for (const [path, form] of posts) {
      const res = await b.client.post(path, form);
      expect(res.status, `${path} ${form.intent}`).toBe(404);
    }
    // B retrying A's operation from B's own session's page is 404 too.
    const bSession = await seedSession(app, b.userId, { posting: bPosting });
    expect((await b.client.post(`/interviews/${bSession.id}/feedback`, { intent: "retry", operationId: failed.id })).status).toBe(404);

    const api: Array<[string, string]> = [
      ["GET", `/api/v1/sessions/${done.id}/feedback`],
      ["POST", `/api/v1/sessions/${unscored.id}/generate-feedback`],
      ["POST", `/api/v1/sessions/${done.id}/retake`],
      ["GET", `/api/v1/job-postings/${posting.id}/progress`],
      ["GET", "/api/v1/sessions/not-a-uuid/feedback"],
      ["POST", "/api/v1/sessions/not-a-uuid/retake"],
      ["POST", "/api/v1/sessions/not-a-uuid/generate-feedback"],
      ["GET", "/api/v1/job-postings/not-a-uuid/progress"],
    ];
    for (const [method, path] of api) {
      const res = await b.api.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    const retakeWithBody = await b.api.json("POST", `/api/v1/sessions/${done.id}/retake`, { repeat_questions: "yes" });
    expect(retakeWithBody.status).toBe(404); // the id is checked before the body

    // Lists and totals never include A's sessions.
    expect(await (await b.api.get(`/api/v1/sessions?job_posting_id=${posting.id}`)).json()).toEqual([]);
    expect((await (await b.api.get("/api/v1/stats")).json()).total_interviews).toBe(1);
    const history = await page(b.client, `/interviews?job=${posting.id}`);
    expect(visibleText(history.html)).toContain("That job posting no longer exists");
    expect(rowIds(history.html)).toEqual([bSession.id]);

    const after = await snapshot();
    expect(after).toEqual({ ...before, sessions: before.sessions + 1 }); // only B's own seeded session
    // The owner still sees everything.
    expect((await a.client.get(`/interviews/${done.id}/feedback`)).status).toBe(200);
    expect((await a.api.get(`/api/v1/job-postings/${posting.id}/progress`)).status).toBe(200);
  });
});
