/**
 * Issue 20 — importing an account export: upload (a plain multipart form, no
 * JavaScript), preview, confirm; the round trip into a fresh account gives the
 * same history, progress and scores; importing again creates nothing twice; a
 * tampered, wrong-version or foreign file, or an account with data of its own,
 * is refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";

let app: TestApp;
let source: Awaited<ReturnType<typeof readyUser>>;
let exportText: string;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
  source = await readyUser(app);
  // Two attempts at the same posting, so the retake chain travels too.
  for (let attempt = 0; attempt < 2; attempt++) {
    const sessionId = await startThroughUi(source.client, source.postingId, { targetQuestions: 3 });
    for (let i = 0; i < 3; i++) {
      const question = await openQuestion(app, sessionId);
      const res = await source.client.post(`/interviews/${sessionId}`, {
        intent: "answer",
        questionId: question.id,
        answer: `Attempt ${attempt + 1}, answer ${i + 1}: I would shard the ledger by account and keep idempotency keys.`,
      });
      expect(res.status).toBe(302);
    }
    await waitFor(() => app.db.interviewFeedback.findUnique({ where: { sessionId } }), "the feedback");
    await waitForIdle(app, sessionId);
  }
  exportText = await (await source.client.post("/settings/export", {})).text();
});
afterAll(() => app.close());

function upload(client: HttpClient, text: string, name = "export.json") {
  const form = new FormData();
  form.set("file", new File([text], name, { type: "application/json" }));
  return client.post("/settings/import", form);
}

/** A user's history as the pages and the API show it, without ids or dates of this installation. */
async function history(userId: string) {
  const sessions = await app.db.interviewSession.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: { messages: { orderBy: { createdAt: "asc" } }, evaluations: { orderBy: { createdAt: "asc" } }, feedback: true },
  });
  return sessions.map((s) => ({
    title: s.postingTitle,
    status: s.status,
    retakeNumber: s.retakeNumber,
    isRetake: s.originalSessionId !== null,
    createdAt: s.createdAt.toISOString(),
    messages: s.messages.map((m) => [m.kind, m.questionNumber, m.content]),
    scores: s.evaluations.map((e) => [e.relevanceScore, e.completenessScore, e.technicalCorrectness, e.clarityScore, e.summary]),
    overall: s.feedback?.overallScore ?? null,
  }));
}

async function counts(userId: string) {
  return {
    sessions: await app.db.interviewSession.count({ where: { userId } }),
    postings: await app.db.jobPosting.count({ where: { userId } }),
    usage: await app.db.aiUsage.count({ where: { userId } }),
    imports: await app.db.accountImport.count({ where: { userId } }),
  };
}

describe("importing an export", () => {
  it("round trip into a fresh account, without JavaScript: preview, confirm, the same history, progress and scores; twice creates nothing twice", async () => {
    const target = await signedInUser(app);
    const checked = await upload(target.client, exportText);
    expect(checked.status).toBe(302);
    const previewUrl = checked.headers.get("location")!;
    expect(previewUrl).toMatch(/^\/settings\/import\/[0-9a-f-]{36}$/);
    // Nothing is written before the confirmation.
    expect(await counts(target.userId)).toMatchObject({ sessions: 0, postings: 0, usage: 0 });

    const preview = visibleText(await (await target.client.get(previewUrl)).text());
    expect(preview).toContain("What this file will create");
    expect(preview).toMatch(/interviews 2 0/);
    expect(preview).toMatch(/answers 6 0/);

    const confirmed = await target.client.post(previewUrl, {});
    expect(confirmed.status).toBe(302);
    expect(visibleText(await (await target.client.get(previewUrl)).text())).toContain("Imported on");

    expect(await history(target.userId)).toEqual(await history(source.userId));
    const [sourceApi, targetApi] = await Promise.all([apiLogin(app, source.email), apiLogin(app, target.email)]);
    const stats = async (client: HttpClient) => (await (await client.get("/api/v1/stats")).json()) as Record<string, unknown>;
    const [before, after] = await Promise.all([stats(sourceApi), stats(targetApi)]);
    const withoutIds = (s: Record<string, unknown>) => JSON.parse(JSON.stringify(s).replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/g, '"id"'));
    expect(withoutIds(after)).toEqual(withoutIds(before));
    const posting = await app.db.jobPosting.findFirstOrThrow({ where: { userId: target.userId } });
    const progress = visibleText(await (await target.client.get(`/jobs/${posting.id}/progress`)).text());
    expect(progress).toContain("Attempt");

    // Imported usage is history here, not this month's spend.
    const usage = await app.db.aiUsage.findMany({ where: { userId: target.userId } });
    expect(usage.length).toBe(await app.db.aiUsage.count({ where: { userId: source.userId } }));
    expect(usage.every((u) => u.imported)).toBe(true);
    const month = (await (await targetApi.get("/api/v1/users/me/usage")).json()) as { usage: { calls: number } };
    expect(month.usage.calls).toBe(0);

    // Again: the preview says there is nothing new, and confirming creates nothing.
    const before2 = await counts(target.userId);
    const again = await upload(target.client, exportText);
    const againUrl = again.headers.get("location")!;
    expect(visibleText(await (await target.client.get(againUrl)).text())).toContain("Everything in this file was imported before");
    await target.client.post(againUrl, {});
    expect(await counts(target.userId)).toEqual({ ...before2, imports: before2.imports + 1 });
    // And through the API.
    const viaApi = await targetApi.json("POST", "/api/v1/imports", JSON.parse(exportText));
    expect(viaApi.status).toBe(201);
    expect(await viaApi.json()).toMatchObject({
      create: { interviews: 0, answers: 0, usage_records: 0 },
      already_imported: { interviews: 2 },
    });
    expect(await counts(target.userId)).toEqual({ ...before2, imports: before2.imports + 1 });
  });

  it("refuses a tampered file, a file of another version, a file that is not an export and an account with data of its own — writing nothing", async () => {
    const target = await signedInUser(app);
    const doc = JSON.parse(exportText) as { exportVersion: number; interviews: Array<{ feedback: { overall: number } | null }> };

    const tampered = structuredClone(doc);
    tampered.interviews[0]!.feedback!.overall = 100;
    const refusedTampered = await upload(target.client, JSON.stringify(tampered));
    expect(refusedTampered.status).toBe(422);
    expect(visibleText(await refusedTampered.text())).toContain("This file was changed after it was exported");

    const wrongVersion = await upload(target.client, JSON.stringify({ ...doc, exportVersion: 2 }));
    expect(wrongVersion.status).toBe(422);
    expect(visibleText(await wrongVersion.text())).toContain("This file is an export of version 2; this installation reads version 1.");

    const notAnExport = await upload(target.client, '{"hello": "world"}');
    expect(notAnExport.status).toBe(422);
    expect(visibleText(await notAnExport.text())).toContain("This file is not an ai-interviewer account export");

    const api = await apiLogin(app, target.email);
    const viaApi = await api.json("POST", "/api/v1/imports", tampered);
    expect(viaApi.status).toBe(422);
    expect(await viaApi.json()).toMatchObject({ error: { code: "tampered" } });
    expect(await counts(target.userId)).toEqual({ sessions: 0, postings: 0, usage: 0, imports: 0 });

    // The source account has data of its own.
    const own = await upload(source.client, exportText);
    expect(own.status).toBe(409);
    expect(visibleText(await own.text())).toContain("This account already has a résumé, job postings or interviews of its own");
    expect(await app.db.accountImport.count({ where: { userId: source.userId } })).toBe(0);

    // Another user's import is a 404.
    const checked = await upload(target.client, exportText);
    const previewUrl = checked.headers.get("location")!;
    const stranger = await signedInUser(app);
    expect((await stranger.client.get(previewUrl)).status).toBe(404);
    expect((await stranger.client.post(previewUrl, {})).status).toBe(404);
    expect(await counts(stranger.userId)).toMatchObject({ sessions: 0, postings: 0 });
  });

  it("drops an uploaded file nobody confirmed within a day (the sweep), keeping confirmed imports", async () => {
    const target = await signedInUser(app);
    const day = 24 * 60 * 60 * 1000;
    const stale = await app.db.accountImport.create({
      data: { userId: target.userId, exportId: crypto.randomUUID(), document: {}, createdAt: new Date(Date.now() - day - 60_000) },
    });
    const fresh = await app.db.accountImport.create({ data: { userId: target.userId, exportId: crypto.randomUUID(), document: {} } });
    const applied = await app.db.accountImport.create({
      data: { userId: target.userId, exportId: crypto.randomUUID(), status: "applied", createdAt: new Date(Date.now() - 2 * day) },
    });
    const { pruneExpiredRecords } = await import("../../app/models/housekeeping.server.ts");
    await pruneExpiredRecords();
    const left = (await app.db.accountImport.findMany({ where: { userId: target.userId }, select: { id: true } })).map((r) => r.id);
    expect(left.sort()).toEqual([fresh.id, applied.id].sort());
    expect(left).not.toContain(stale.id);
  });
});
