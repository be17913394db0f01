/**
 * Issue 20 — importing an account export: upload (a plain multipart form, no
 * JavaScript), preview, confirm; the round trip into a fresh account gives the
 * same history, progress and scores; importing again creates nothing twice; a
 * tampered, wrong-version or foreign file, or an account with data of its own,
 * is refused with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAccountExport } from "../../app/export/account-export.server.ts";
import { exportChecksum } from "../../app/export/checksum.server.ts";
import { Prisma } from "../../app/generated/prisma/client.ts";
import { accountDataV2 } from "../fixtures/account-export-data.ts";
import { speechLikeWav } from "../fixtures/make-wav.ts";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { openQuestion, readyUser, startThroughUi, waitFor, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";

let app: TestApp;
let source: Awaited<ReturnType<typeof readyUser>>;
let exportText: string;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
  source = await readyUser(app);
  const { client, postingId, userId } = source;
  // The skill map (issue 19), with a user's rename, weight change and removal.
  expect((await client.post(`/jobs/${postingId}/skills`, { intent: "extract" })).status).toBe(200);
  const extraction = await waitFor(() => app.db.operation.findFirst({ where: { userId, kind: "extract_requirements" } }), "extraction");
  expect((await waitForOperation(app, extraction.id)).status).toBe("completed");
  const [renamed, removed] = await app.db.requirement.findMany({ where: { jobPostingId: postingId }, orderBy: { name: "asc" } });
  expect(
    (await client.post(`/jobs/${postingId}/skills`, { intent: "rename", requirementId: renamed!.id, name: "Ledger design" })).status,
  ).toBe(200);
  expect((await client.post(`/jobs/${postingId}/skills`, { intent: "weight", requirementId: renamed!.id, weight: "1" })).status).toBe(200);
  expect((await client.post(`/jobs/${postingId}/skills`, { intent: "remove", requirementId: removed!.id })).status).toBe(200);
  // Voice settings (issue 18): recordings kept.
  const voice = {
    intent: "voice",
    transcriptionModel: "gpt-4o-mini-transcribe",
    readAloud: "browser",
    maxRecordingSeconds: "240",
    keepRecordings: "on",
  };
  expect((await client.post("/settings", voice)).status).toBe(200);

  // Two attempts at the same posting, so the retake chain travels too: the first aimed at the weakest
  // skills (questions linked to requirements), its first answer spoken; the second balanced (a
  // behavioural answer gets its STAR check).
  for (let attempt = 0; attempt < 2; attempt++) {
    const sessionId = await startThroughUi(client, postingId, { targetQuestions: 3, focus: attempt === 0 ? "weakest_first" : "balanced" });
    for (let i = 0; i < 3; i++) {
      const question = await openQuestion(app, sessionId);
      if (attempt === 0 && i === 0) {
        const form = new FormData();
        form.set("intent", "transcribe");
        form.set("questionId", question.id);
        form.set("audio", new File([speechLikeWav(2) as Uint8Array<ArrayBuffer>], "a.wav", { type: "audio/wav" }));
        await client.post(`/interviews/${sessionId}`, form);
        const op = await waitFor(() => app.db.operation.findFirst({ where: { sessionId, kind: "transcribe_answer" } }), "transcription");
        expect((await waitForOperation(app, op.id)).status).toBe("completed");
      }
      const res = await client.post(`/interviews/${sessionId}`, {
        intent: "answer",
        questionId: question.id,
        answer:
          attempt === 1 && i === 1
            ? "When our ledger drifted, my task was to find why. I wrote a reconciliation job. As a result, drift dropped by 90%."
            : `Attempt ${attempt + 1}, answer ${i + 1}: I would shard the ledger by account and keep idempotency keys.`,
      });
      expect(res.status).toBe(302);
      await waitForIdle(app, sessionId);
    }
    await waitFor(() => app.db.interviewFeedback.findUnique({ where: { sessionId } }), "the feedback");
    // A second opinion (issue 17) and a strong answer (issue 19) on the first answer.
    const firstAnswer = await app.db.sessionMessage.findFirstOrThrow({
      where: { sessionId, kind: "answer" },
      orderBy: { createdAt: "asc" },
    });
    expect((await client.post(`/interviews/${sessionId}`, { intent: "second-opinion", answerId: firstAnswer.id })).status).toBe(302);
    expect((await client.post(`/interviews/${sessionId}`, { intent: "model-answer", answerId: firstAnswer.id })).status).toBe(302);
    await waitForIdle(app, sessionId);
  }
  const kinds = async (where: object) => app.db.sessionMessage.count({ where: { session: { userId }, ...where } });
  expect(await kinds({ requirementLinks: { some: {} } }), "questions linked to requirements").toBeGreaterThan(0);
  expect(await kinds({ starCheck: { isNot: null } }), "a STAR check").toBeGreaterThan(0);
  expect(await kinds({ modelAnswers: { some: {} } }), "model answers").toBe(2);
  expect(await app.db.answerEvaluation.count({ where: { session: { userId }, secondOpinion: { not: Prisma.DbNull } } })).toBe(2);
  expect(await app.db.audioClip.count({ where: { userId, kept: true, bytes: { not: null } } }), "a kept recording").toBe(1);
  exportText = await (await client.post("/settings/export", {})).text();
});
afterAll(() => app.close());

function upload(client: HttpClient, text: string, name = "export.json") {
  const form = new FormData();
  form.set("file", new File([text], name, { type: "application/json" }));
  return client.post("/settings/import", form);
}

/**
 * A user's history as the pages and the API show it, without ids of this installation: interviews,
 * answers, scores with their grading, evidence quotes and second opinions, the debrief's claims,
 * the skill map's links, coaching, recordings (their audio included) and the settings that travel.
 */
async function history(userId: string) {
  const sessions = await app.db.interviewSession.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: {
      messages: {
        orderBy: { createdAt: "asc" },
        include: {
          requirementLinks: { include: { requirement: { select: { name: true } } } },
          modelAnswers: true,
          starCheck: true,
        },
      },
      evaluations: { orderBy: { createdAt: "asc" } },
      feedback: true,
      audioClips: {
        orderBy: { createdAt: "asc" },
        include: { question: { select: { content: true } }, answer: { select: { content: true } } },
      },
    },
  });
  const user = await app.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { aiGraderModel: true, transcriptionModel: true, readAloud: true, keepRecordings: true, maxRecordingSeconds: true },
  });
  const requirements = await app.db.requirement.findMany({
    where: { userId },
    orderBy: { name: "asc" },
    select: { name: true, kind: true, weight: true, source: true, nameEdited: true, weightEdited: true, removedAt: true, evidence: true },
  });
  return {
    user,
    requirements,
    sessions: sessions.map((s) => ({
      title: s.postingTitle,
      status: s.status,
      focus: s.focus,
      kind: s.kind,
      retakeNumber: s.retakeNumber,
      isRetake: s.originalSessionId !== null,
      createdAt: s.createdAt.toISOString(),
      messages: s.messages.map((m) => [
        m.kind,
        m.questionNumber,
        m.content,
        m.requirementLinks.map((l) => l.requirement.name).sort(),
        m.deliveryMetrics,
        m.modelAnswers.map((a) => [a.text, a.placeholders, a.flags, a.checked]),
        m.starCheck && [m.starCheck.checklist, m.starCheck.complete, m.starCheck.resultQuantified, m.starCheck.saysI],
      ]),
      scores: s.evaluations.map((e) => [e.relevanceScore, e.completenessScore, e.technicalCorrectness, e.clarityScore, e.summary]),
      grading: s.evaluations.map((e) => [e.rubricVersion, e.graderModel, e.answerClass, e.evidence, e.modelScores, e.secondOpinion]),
      overall: s.feedback?.overallScore ?? null,
      claims: s.feedback?.claims ?? null,
      recordings: s.audioClips.map((c) => [
        c.question.content,
        c.answer?.content ?? null,
        c.transcript,
        c.words,
        c.kept,
        c.byteLength,
        c.bytes ? Buffer.from(c.bytes).toString("base64") : null,
      ]),
    })),
  };
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
    expect(preview).toMatch(/strong answers 2 0/);
    expect(preview).toMatch(/recordings 1 0/);

    const confirmed = await target.client.post(previewUrl, {});
    expect(confirmed.status).toBe(302);
    expect(visibleText(await (await target.client.get(previewUrl)).text())).toContain("Imported on");

    const [imported, original] = [await history(target.userId), await history(source.userId)];
    expect(imported.sessions[0]!.grading[0]![3], "evidence quotes travel").toMatchObject({ strengths: expect.any(Array) });
    expect(imported).toEqual(original);
    const [sourceApi, targetApi] = await Promise.all([apiLogin(app, source.email), apiLogin(app, target.email)]);
    const stats = async (client: HttpClient) => (await (await client.get("/api/v1/stats")).json()) as Record<string, unknown>;
    const [before, after] = await Promise.all([stats(sourceApi), stats(targetApi)]);
    const withoutIds = (s: Record<string, unknown>) => JSON.parse(JSON.stringify(s).replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/g, '"id"'));
    expect(withoutIds(after)).toEqual(withoutIds(before));
    const posting = await app.db.jobPosting.findFirstOrThrow({ where: { userId: target.userId } });
    const progress = visibleText(await (await target.client.get(`/jobs/${posting.id}/progress`)).text());
    expect(progress).toContain("Attempt");
    // The skill map (states, probes, the changes each answer caused) is the same, read through the API.
    // (All but the extraction operation's status: operations stay where they ran.)
    const skillMap = async (client: HttpClient, id: string) => {
      const map = (await (await client.get(`/api/v1/job-postings/${id}/skills`)).json()) as Record<string, unknown>;
      return withoutIds({ ...map, extraction: undefined });
    };
    expect(await skillMap(targetApi, posting.id)).toEqual(await skillMap(sourceApi, source.postingId));

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

    const wrongVersion = await upload(target.client, JSON.stringify({ ...doc, exportVersion: 3 }));
    expect(wrongVersion.status).toBe(422);
    expect(visibleText(await wrongVersion.text())).toContain(
      "This file is an export of version 3; this installation reads versions 1 and 2.",
    );

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

  it("checks every evidence quote again on import: a quote the answer does not contain is never stored as verified", async () => {
    type Quoted = { point?: string; quote: string; verified: boolean; ranges: Array<{ start: number; end: number }> };
    type Doc = {
      interviews: Array<{
        messages: Array<{ id: string; content: string }>;
        evaluations: Array<{ answerId: string; grading: { evidence: { strengths: Quoted[] } } | null }>;
      }>;
    };
    const doc = JSON.parse(exportText) as Doc & Record<string, unknown>;
    const interview = doc.interviews.find((i) => i.evaluations.some((e) => e.grading))!;
    const evaluation = interview.evaluations.find((e) => e.grading)!;
    const answer = interview.messages.find((m) => m.id === evaluation.answerId)!.content;
    // An edited file with a fresh checksum (anyone can compute one): a fabricated quote marked verified,
    // and a real quote marked unverified at a wrong place.
    const genuine = answer.split(" ").slice(2, 8).join(" ");
    evaluation.grading!.evidence.strengths = [
      {
        point: "Named the exact failure mode",
        quote: "we replayed the dead-letter queue twice",
        verified: true,
        ranges: [{ start: 0, end: 10 }],
      },
      { point: "Chose a sharding key", quote: genuine, verified: false, ranges: [] },
    ];
    doc.checksum = exportChecksum(doc);

    const target = await signedInUser(app);
    const api = await apiLogin(app, target.email);
    expect((await api.json("POST", "/api/v1/imports", doc)).status).toBe(201);
    const stored = await app.db.answerEvaluation.findFirstOrThrow({
      where: { session: { userId: target.userId }, answer: { content: answer }, rubricVersion: { not: null } },
      select: { evidence: true, answer: { select: { content: true } } },
    });
    const [fabricated, real] = (stored.evidence as { strengths: Quoted[] }).strengths;
    expect(fabricated).toMatchObject({ quote: "we replayed the dead-letter queue twice", verified: false, ranges: [] });
    expect(real).toMatchObject({ quote: genuine, verified: true });
    const [range] = real!.ranges;
    expect(stored.answer.content.slice(range!.start, range!.end)).toBe(genuine);
  });

  it("serves an imported recording in its audio format's own type, whatever type the file claims", async () => {
    const data = accountDataV2();
    const kept = data.interviews[0]!.recordings!.find((r) => r.audioBase64 !== null)!;
    kept.mimeType = "text/html";
    const file = buildAccountExport(data, { exportId: crypto.randomUUID(), now: new Date(), appVersion: "0.1.0", redact: false });
    const target = await signedInUser(app);
    const api = await apiLogin(app, target.email);
    expect((await api.json("POST", "/api/v1/imports", file)).status).toBe(201);
    const clip = await app.db.audioClip.findFirstOrThrow({ where: { userId: target.userId, kept: true, bytes: { not: null } } });
    expect(clip).toMatchObject({ format: "wav", mimeType: "audio/wav" });
    for (const res of [await target.client.get(`/recordings/${clip.id}/audio`), await api.get(`/api/v1/recordings/${clip.id}/audio`)]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("audio/wav");
    }
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
