import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClient } from "../support/http-client.ts";
import { visibleText } from "../support/html.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { snapshotDatabase } from "./support/db-snapshot.ts";
import { userWithEverything, type RichUser } from "./support/rich-user.ts";
import { allRoutes } from "./support/route-map.ts";
import { readSpecs, writeSpecs } from "./support/route-requests.ts";

/**
 * Issue 7 point 5: every route that takes an id, with every method (and every
 * intent of a page's action), aimed by user B at user A's objects, answers 404
 * — never 403, never A's data — and changes nothing of A's. The matrix must
 * list every `:id` route of app/routes.ts: adding one without listing it here
 * fails the first test.
 */
type Case = { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; intent?: string };
const GET: Case = { method: "GET" };
const POST: Case = { method: "POST" };
const post = (...intents: string[]): Case[] => intents.map((intent) => ({ method: "POST", intent }));

const MATRIX: Record<string, Case[]> = {
  "/jobs/:id": [GET],
  "/jobs/:id/edit": [GET, POST],
  "/jobs/:id/delete": [GET, POST],
  "/jobs/:id/progress": [GET, ...post("retake")],
  "/jobs/:id/skills": [GET, ...post("add", "rename", "weight", "remove", "extract", "retry", "drill")],
  "/interviews/:id": [
    GET,
    ...post(
      "answer",
      "save-draft",
      "transcribe",
      "speak-question",
      "pause",
      "resume",
      "finish",
      "request-question",
      "retry",
      "model-answer",
      "drill",
      "second-opinion",
    ),
  ],
  "/interviews/:id/feedback": [
    GET,
    ...post("retake", "retry", "generate-feedback", "second-opinion", "drill", "drill-gap", "model-answer"),
  ],
  "/interviews/:id/events": [GET],
  "/interviews/:id/delete": [GET, POST],
  "/interviews/:id/debrief.md": [GET],
  "/settings/import/:id": [GET, POST],
  "/recordings/:id/audio": [GET],
  "/interviews/:id/questions/:questionId/speech": [GET],
  "/api/v1/job-postings/:id": [GET, { method: "PUT" }, { method: "DELETE" }],
  "/api/v1/job-postings/:id/progress": [GET],
  "/api/v1/job-postings/:id/skills": [GET, POST],
  "/api/v1/job-postings/:id/skills/extract": [POST],
  "/api/v1/job-postings/:id/skills/:requirementId": [{ method: "PATCH" }, { method: "DELETE" }],
  "/api/v1/sessions/:id": [GET, { method: "DELETE" }],
  "/api/v1/sessions/:id/generate-question": [POST],
  "/api/v1/sessions/:id/answers": [POST],
  "/api/v1/sessions/:id/messages": [GET],
  "/api/v1/sessions/:id/pause": [POST],
  "/api/v1/sessions/:id/resume": [POST],
  "/api/v1/sessions/:id/complete": [POST],
  "/api/v1/sessions/:id/retake": [POST],
  "/api/v1/sessions/:id/generate-feedback": [POST],
  "/api/v1/sessions/:id/feedback": [GET],
  "/api/v1/sessions/:id/answers/:answerId/second-opinion": [POST],
  "/api/v1/sessions/:id/debrief": [GET],
  "/api/v1/sessions/:id/transcriptions": [POST],
  "/api/v1/operations/:id": [GET],
  "/api/v1/recordings/:id": [GET, { method: "DELETE" }],
  "/api/v1/recordings/:id/audio": [GET],
  "/api/v1/answers/:id/model-answer": [GET, POST],
  "/api/v1/answers/:id/star-check": [GET],
};

const SECRET = "Alpha-Secret";

let app: TestApp;
let a: RichUser;
let b: RichUser;

beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
  a = await userWithEverything(app);
  b = await userWithEverything(app);
  // Words only A's objects contain: B's answers must never carry them.
  await app.db.jobPosting.update({ where: { id: a.postingId }, data: { title: `${SECRET} Role`, company: `${SECRET} Corp` } });
  await app.db.interviewSession.updateMany({
    where: { userId: a.userId },
    data: { postingTitle: `${SECRET} Role`, draftAnswer: `${SECRET} draft` },
  });
  await app.db.sessionMessage.updateMany({ where: { session: { userId: a.userId } }, data: { content: `${SECRET} message` } });
});
afterAll(() => app.close());

type Request = { label: string; path: string; method: string; form?: Record<string, string> | FormData; json?: unknown };

/** Every request of the matrix, aimed at `owner`'s objects, each path's :id replaced by `id` when given. */
function matrixRequests(owner: RichUser, id?: string): Request[] {
  const reads = readSpecs(owner);
  const writes = writeSpecs(owner);
  const at = (route: string, path: string) => (id === undefined ? path : route.replace(":id", id));
  return Object.entries(MATRIX).flatMap(([route, cases]) =>
    cases.flatMap((c): Request[] => {
      if (c.method === "GET") {
        const paths = id === undefined ? reads.filter((r) => r.route === route).map((r) => r.path) : [route.replace(":id", id)];
        expect(paths.length, `a GET of ${route}`).toBeGreaterThan(0);
        // Pages also answer React Router's data requests (`.data`), made on client-side navigation.
        const page = !route.startsWith("/api/") && !route.endsWith("/events");
        const dataPaths = page ? paths.filter((p) => !p.includes(".data")).map((p) => `${p.split("?")[0]}.data`) : [];
        return [...new Set([...paths, ...dataPaths])].map((path) => ({ label: `GET ${path}`, path, method: "GET" }));
      }
      const spec = writes.find((w) => w.route === route && w.method === c.method && w.intent === c.intent);
      expect(spec, `a ${c.method} ${c.intent ?? ""} request for ${route}`).toBeDefined();
      const path = at(route, spec!.path);
      return [
        {
          label: `${c.method} ${route}${c.intent ? ` (${c.intent})` : ""} → ${path}`,
          path,
          method: c.method,
          form: spec!.form,
          json: spec!.json,
        },
      ];
    }),
  );
}

async function sendAs(user: RichUser, request: Request) {
  const client: HttpClient = request.path.startsWith("/api/") ? user.api : user.client;
  // The event stream would stay open if it were (wrongly) served: read the head only.
  if (request.path.endsWith("/events")) {
    const controller = new AbortController();
    const res = await fetch(new URL(request.path, app.url), { headers: { cookie: client.cookieHeader() }, signal: controller.signal });
    const body = res.status === 200 ? "" : await res.text();
    controller.abort();
    return { status: res.status, body, type: res.headers.get("content-type") ?? "" };
  }
  const res = await client.request(request.path, {
    method: request.method,
    ...(request.form ? { form: request.form } : request.json !== undefined ? { json: request.json } : {}),
  });
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") ?? "" };
}

function expectNotFound(res: { status: number; body: string; type: string }, label: string) {
  expect(res.status, label).toBe(404);
  expect(res.body, `${label} leaks A's data`).not.toContain(SECRET);
  if (res.type.includes("application/json") && res.body !== "null") {
    expect(JSON.parse(res.body).error?.code, label).toBe("not_found");
  } else if (res.type.includes("text/html")) {
    expect(visibleText(res.body), label).toContain("We couldn't find that page");
  }
}

describe("isolation matrix", () => {
  it("lists every route of app/routes.ts that takes an id, with every method and intent it handles", () => {
    const idRoutes = allRoutes().filter((r) => r.takesId);
    expect(Object.keys(MATRIX).sort()).toEqual(idRoutes.map((r) => r.path).sort());
    for (const route of idRoutes) {
      const cases = MATRIX[route.path]!;
      const methods = [...new Set(cases.map((c) => c.method))].sort();
      if (route.api) {
        expect(methods, route.path).toEqual(route.methods);
      } else {
        expect(methods, route.path).toEqual([...(route.hasLoader ? ["GET"] : []), ...(route.hasAction ? ["POST"] : [])]);
        const intents = cases.flatMap((c) => (c.intent ? [c.intent] : []));
        for (const intent of route.intents) expect(intents, `${route.path} handles intent "${intent}"`).toContain(intent);
      }
    }
  });

  it("answers user B 404 for each of user A's objects on every id route, method and intent, and changes nothing", async () => {
    const before = await snapshotDatabase(app);
    const requests = matrixRequests(a);
    for (const request of requests) expectNotFound(await sendAs(b, request), `B: ${request.label}`);
    // The same, by the API routes through B's session cookie instead of the bearer token.
    for (const request of requests.filter((r) => r.path.startsWith("/api/"))) {
      const res = await b.client.request(request.path, {
        method: request.method,
        ...(request.json !== undefined ? { json: request.json } : {}),
        ...(request.form ? { form: request.form } : {}),
      });
      expectNotFound(
        { status: res.status, body: await res.text(), type: res.headers.get("content-type") ?? "" },
        `B by cookie: ${request.label}`,
      );
    }
    expect(await snapshotDatabase(app)).toEqual(before);
    console.info(
      `isolation matrix: ${Object.keys(MATRIX).length} id routes, ${requests.length} requests as B (plus the API ones by cookie), all 404`,
    );
  });

  it("answers 404, not A's data, when B names A's objects inside B's own requests", async () => {
    const before = await snapshotDatabase(app);
    const cases: Array<[string, () => Promise<Response>]> = [
      [
        "B's progress page retaking A's session",
        () => b.client.post(`/jobs/${b.postingId}/progress`, { intent: "retake", sessionId: a.sessions.completed }),
      ],
      [
        "B's interview retrying A's operation",
        () => b.client.post(`/interviews/${b.sessions.active}`, { intent: "retry", operationId: a.operations.failedQuestion }),
      ],
      [
        "B's feedback retrying A's operation",
        () => b.client.post(`/interviews/${b.sessions.unscored}/feedback`, { intent: "retry", operationId: a.operations.failedFeedback }),
      ],
      [
        "B's interview reading A's question aloud (issue 18)",
        () => b.client.post(`/interviews/${b.sessions.active}`, { intent: "speak-question", questionId: a.openQuestionId }),
      ],
      [
        "B's interview playing A's question read aloud (issue 18)",
        () => b.client.get(`/interviews/${b.sessions.active}/questions/${a.openQuestionId}/speech`),
      ],
      ["B starting an interview for A's posting (API)", () => b.api.json("POST", "/api/v1/sessions", { job_posting_id: a.postingId })],
      ["B's history filtered by A's posting (API)", () => b.api.get(`/api/v1/sessions?job_posting_id=${a.postingId}`)],
    ];
    for (const [what, send] of cases) {
      const res = await send();
      const body = await res.text();
      expect(res.status, what).toBeLessThan(500);
      expect([200, 404], what).toContain(res.status);
      expect(body, what).not.toContain(SECRET);
      if (res.status === 200) expect(JSON.parse(body), what).toEqual([]);
    }
    // Starting an interview on A's posting from the page is a field error on B's form, not A's posting.
    const start = await b.client.post("/interviews/new", { jobPostingId: a.postingId, targetQuestions: "5", focus: "technical" });
    expect(start.status).toBe(400);
    expect(visibleText(await start.text())).toContain("Choose one of your job postings");
    // B answering B's own question while naming A's question: refused, nothing stored.
    const answer = await b.client.post(`/interviews/${b.sessions.active}`, { intent: "answer", questionId: a.openQuestionId, answer: "x" });
    expect([400, 404]).toContain(answer.status);
    const after = await snapshotDatabase(app);
    expect(after).toEqual(before);
  });

  it("answers 404 for a malformed, a missing or a wrongly-cased id on every id route and method", async () => {
    const before = await snapshotDatabase(app);
    const badIds = [
      "not-a-uuid",
      "1",
      "0",
      "null",
      "' OR '1'='1",
      "%00",
      `${a.postingId}x`,
      a.postingId.slice(0, 35),
      randomUUID(),
      "00000000-0000-0000-0000-000000000000",
    ];
    let sent = 0;
    for (const id of badIds) {
      for (const request of matrixRequests(b, encodeURIComponent(id))) {
        expectNotFound(await sendAs(b, request), `${request.label} (id ${JSON.stringify(id)})`);
        sent++;
      }
    }
    // An upper-case spelling of A's id is still A's object: still 404 for B.
    for (const request of matrixRequests(a, a.postingId.toUpperCase()).filter((r) => r.path.includes("job"))) {
      expectNotFound(await sendAs(b, request), `${request.label} (upper-case id)`);
      sent++;
    }
    expect(await snapshotDatabase(app)).toEqual(before);
    console.info(`isolation matrix: ${sent} requests with malformed or missing ids, all 404`);
  });

  it("still serves A everything (the matrix aimed at real objects, not at nothing)", async () => {
    for (const request of matrixRequests(a).filter((r) => r.method === "GET")) {
      const res = await sendAs(a, request);
      expect(res.status, `A: ${request.label}`).toBe(200);
    }
  });
});
