/**
 * Issue 19 §1: a skill map for each job posting. Saving a posting asks the
 * worker to extract its requirements (the real worker, the fake OpenAI); the
 * user edits them on /jobs/:id/skills (forms, no JavaScript needed) or through
 * the JSON twin; reading the posting again keeps every edit; each requirement
 * shows its résumé support, the questions that probed it, their scores across
 * attempts and its state, with a link to the answer behind each change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { POSTING, readyUser, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser, uniqueEmail } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true });
});
afterAll(() => app.close());

type SkillMap = {
  job_posting_id: string;
  extracted_at: string | null;
  extraction: { operation_id: string; status: string } | null;
  requirements: Array<{
    id: string;
    name: string;
    kind: string;
    weight: number;
    source: string;
    name_edited: boolean;
    weight_edited: boolean;
    state: string;
    state_since: string | null;
    average: number | null;
    resume: { supported: boolean; mentions: Array<{ text: string }> };
    probes: Array<{ question_id: string; answer_id: string | null; score: number | null }>;
    changes: Array<{ from: string; to: string; answer_id: string; session_id: string | null; explanation: string }>;
  }>;
  removed: Array<{ id: string; name: string }>;
};

async function page(client: HttpClient, path: string) {
  const res = await client.get(path);
  const html = await res.text();
  return { status: res.status, html, text: visibleText(html) };
}

async function skillMap(client: HttpClient, postingId: string): Promise<SkillMap> {
  const res = await client.get(`/api/v1/job-postings/${postingId}/skills`);
  expect(res.status).toBe(200);
  return (await res.json()) as SkillMap;
}

/** A user with a key and a résumé who saves a posting through the /jobs/new form; the extraction it starts is finished. */
async function userWithExtractedPosting() {
  const user = await readyUser(app);
  const res = await user.client.post("/jobs/new", {
    title: POSTING.title,
    company: POSTING.company,
    description: POSTING.description,
    experienceLevel: POSTING.experienceLevel,
    techStack: POSTING.techStack.join(", "),
    url: "",
  });
  expect(res.status).toBe(302);
  const postingId = res.headers.get("location")!.match(/\/jobs\/([0-9a-f-]{36})/)![1]!;
  const operation = await waitFor(
    () => app.db.operation.findFirst({ where: { userId: user.userId, kind: "extract_requirements", subjectId: postingId } }),
    "the extraction to be queued",
  );
  expect((await waitForOperation(app, operation.id)).status).toBe("completed");
  return { ...user, postingId };
}

const byName = (map: SkillMap, name: string) => map.requirements.find((r) => r.name === name);

describe("extraction when a posting is saved", () => {
  it("saving a posting extracts its requirements, each with the posting line that states it and the résumé's support", async () => {
    const { client, postingId } = await userWithExtractedPosting();
    const map = await skillMap(client, postingId);
    expect(map.extracted_at).not.toBeNull();
    expect(map.requirements.map((r) => r.name)).toEqual(
      expect.arrayContaining(["PostgreSQL", "Kafka", "TypeScript", "Mentoring engineers"]),
    );
    const postgres = byName(map, "PostgreSQL")!;
    expect(postgres).toMatchObject({ source: "extracted", state: "not_probed", state_since: null, average: null, probes: [] });
    // RESUME_TEXT: "…event-sourced services on PostgreSQL and Kafka…"
    expect(postgres.resume.supported).toBe(true);
    expect(postgres.resume.mentions[0]!.text).toContain("PostgreSQL");

    const html = await page(client, `/jobs/${postingId}/skills`);
    expect(html.status).toBe(200);
    expect(html.html).toContain('data-testid="skill-map-table"');
    expect(html.text).toContain("PostgreSQL");
    expect(html.text).toContain("Not yet probed");
    expect(html.text).toContain("Your résumé supports it");
    // The posting page leads to the map.
    expect((await page(client, `/jobs/${postingId}`)).html).toContain(`href="/jobs/${postingId}/skills"`);
  });

  it("a posting saved without an AI key queues nothing; the map says what to do and extracts on demand once a key is saved", async () => {
    const { client, userId } = await signedInUser(app, uniqueEmail("nokey"));
    const res = await client.post("/jobs/new", {
      title: "Data Engineer",
      description: "Build Kafka pipelines and tune PostgreSQL queries for analytics.",
    });
    const postingId = res.headers.get("location")!.match(/\/jobs\/([0-9a-f-]{36})/)![1]!;
    expect(await app.db.operation.count({ where: { userId } })).toBe(0);
    const empty = await page(client, `/jobs/${postingId}/skills`);
    expect(empty.html).toContain('data-testid="skill-map-empty"');
    expect(empty.text).toContain("Extract requirements");

    expect((await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-working-key-0000" })).status).toBe(200);
    expect((await client.post(`/jobs/${postingId}/skills`, { intent: "extract" })).status).toBe(200);
    const op = await waitFor(() => app.db.operation.findFirst({ where: { userId, kind: "extract_requirements" } }), "an extraction");
    expect((await waitForOperation(app, op.id)).status).toBe("completed");
    expect((await skillMap(client, postingId)).requirements.map((r) => r.name)).toEqual(expect.arrayContaining(["Kafka", "PostgreSQL"]));
  });

  it("changing what a posting asks for reads it again; changing only its URL does not", async () => {
    const { client, userId, email, postingId } = await userWithExtractedPosting();
    const api = await apiLogin(app, email);
    const count = () => app.db.operation.count({ where: { userId, kind: "extract_requirements" } });
    expect(await count()).toBe(1);
    expect((await api.json("PUT", `/api/v1/job-postings/${postingId}`, { url: "https://jobs.example.com/1" })).status).toBe(200);
    expect(await count()).toBe(1);
    const changed = await api.json("PUT", `/api/v1/job-postings/${postingId}`, {
      description: `${POSTING.description} Experience with Kubernetes is a plus.`,
    });
    expect(changed.status).toBe(200);
    expect(await count()).toBe(2);
    await waitFor(async () => byName(await skillMap(client, postingId), "Kubernetes"), "Kubernetes on the map");
  });
});

describe("the user's edits, and reading the posting again", () => {
  it("rename, re-weight, remove and add through the page's forms survive a re-extraction", async () => {
    const { client, userId, postingId } = await userWithExtractedPosting();
    const before = await skillMap(client, postingId);
    const postgres = byName(before, "PostgreSQL")!;
    const kafka = byName(before, "Kafka")!;
    const typescript = byName(before, "TypeScript")!;

    let res = await client.post(`/jobs/${postingId}/skills`, {
      intent: "rename",
      requirementId: postgres.id,
      name: "Postgres at ledger scale",
    });
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain("Renamed to “Postgres at ledger scale”");
    res = await client.post(`/jobs/${postingId}/skills`, { intent: "weight", requirementId: kafka.id, weight: "1" });
    expect(res.status).toBe(200);
    res = await client.post(`/jobs/${postingId}/skills`, { intent: "remove", requirementId: typescript.id });
    expect(res.status).toBe(200);
    res = await client.post(`/jobs/${postingId}/skills`, { intent: "add", name: "Double-entry bookkeeping", kind: "skill", weight: "3" });
    expect(res.status).toBe(200);

    // Read the posting again (the same fake extractor returns PostgreSQL, Kafka and TypeScript again).
    res = await client.post(`/jobs/${postingId}/skills`, { intent: "extract" });
    expect(res.status).toBe(200);
    const ops = await app.db.operation.findMany({ where: { userId, kind: "extract_requirements" }, orderBy: { createdAt: "asc" } });
    expect(ops).toHaveLength(2);
    expect((await waitForOperation(app, ops[1]!.id)).status).toBe("completed");

    const after = await skillMap(client, postingId);
    const names = after.requirements.map((r) => r.name);
    expect(names).toContain("Postgres at ledger scale");
    expect(names).not.toContain("PostgreSQL"); // recognised as the renamed one, not added again
    expect(names).not.toContain("TypeScript"); // removed stays removed
    expect(after.removed.map((r) => r.name)).toEqual(["TypeScript"]);
    expect(byName(after, "Kafka")).toMatchObject({ weight: 1, weight_edited: true });
    expect(byName(after, "Postgres at ledger scale")).toMatchObject({ id: postgres.id, name_edited: true });
    expect(byName(after, "Double-entry bookkeeping")).toMatchObject({ source: "user", weight: 3, kind: "skill" });
    expect(after.requirements).toHaveLength(before.requirements.length); // -TypeScript +bookkeeping
  });

  it("bad input gets a clear message next to the form and changes nothing", async () => {
    const { client, postingId } = await userWithExtractedPosting();
    const before = await skillMap(client, postingId);
    const kafka = byName(before, "Kafka")!;

    let res = await client.post(`/jobs/${postingId}/skills`, { intent: "rename", requirementId: kafka.id, name: "postgres" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("“PostgreSQL” is already in the list.");
    res = await client.post(`/jobs/${postingId}/skills`, { intent: "add", name: "   ", kind: "skill", weight: "2" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("Enter a name for the requirement");
    res = await client.post(`/jobs/${postingId}/skills`, { intent: "weight", requirementId: kafka.id, weight: "7" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("Choose a weight from 1 to 3");
    res = await client.post(`/jobs/${postingId}/skills`, { intent: "add", name: "Kafka", kind: "technology", weight: "2" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("“Kafka” is already in the list.");

    expect(await skillMap(client, postingId)).toEqual(before);
  });

  it("the JSON twin reads, adds (201), renames and re-weights (200), removes (204) and extracts (202)", async () => {
    const { email, postingId, userId } = await userWithExtractedPosting();
    const api = await apiLogin(app, email);
    const base = `/api/v1/job-postings/${postingId}/skills`;

    const added = await api.json("POST", base, { name: "Incident reviews", kind: "responsibility" });
    expect(added.status).toBe(201);
    const requirement = (await added.json()) as { id: string; weight: number; source: string };
    expect(requirement).toMatchObject({ weight: 2, source: "user" });
    expect(added.headers.get("location")).toBe(`${base}/${requirement.id}`);

    const clash = await api.json("POST", base, { name: "kafka", kind: "technology" });
    expect(clash.status).toBe(422);
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe("invalid_requirement");
    expect((await api.json("POST", base, { name: "", kind: "nope" })).status).toBe(422);

    const patched = await api.json("PATCH", `${base}/${requirement.id}`, { name: "Blameless incident reviews", weight: 3 });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "Blameless incident reviews", weight: 3, name_edited: true, weight_edited: true });
    expect((await api.json("PATCH", `${base}/${requirement.id}`, {})).status).toBe(422);

    expect((await api.request(`${base}/${requirement.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api.request(`${base}/${requirement.id}`, { method: "DELETE" })).status).toBe(404);

    const extract = await api.request(`${base}/extract`, { method: "POST" });
    expect(extract.status).toBe(202);
    const { operation_id } = (await extract.json()) as { operation_id: string };
    expect((await waitForOperation(app, operation_id)).userId).toBe(userId);
    const map = await skillMap(api, postingId);
    expect(map.removed.map((r) => r.name)).toContain("Blameless incident reviews");
  });

  it("another user's posting or requirement is a 404 on every face, and nothing of theirs changes", async () => {
    const owner = await userWithExtractedPosting();
    const other = await readyUser(app);
    const otherApi = await apiLogin(app, other.email);
    const before = await skillMap(owner.client, owner.postingId);
    const rid = before.requirements[0]!.id;
    const base = `/api/v1/job-postings/${owner.postingId}/skills`;

    expect((await other.client.get(`/jobs/${owner.postingId}/skills`)).status).toBe(404);
    const forms: Array<Record<string, string>> = [
      { intent: "rename", requirementId: rid, name: "Hijacked" },
      { intent: "remove", requirementId: rid },
      { intent: "add", name: "Hijacked", kind: "skill", weight: "2" },
      { intent: "extract" },
    ];
    for (const form of forms) {
      expect((await other.client.post(`/jobs/${owner.postingId}/skills`, form)).status).toBe(404);
    }
    // Their own posting with someone else's requirement id: still 404.
    expect((await other.client.post(`/jobs/${other.postingId}/skills`, { intent: "remove", requirementId: rid })).status).toBe(404);
    expect((await otherApi.get(base)).status).toBe(404);
    expect((await otherApi.json("POST", base, { name: "Hijacked", kind: "skill" })).status).toBe(404);
    expect((await otherApi.json("PATCH", `${base}/${rid}`, { name: "Hijacked" })).status).toBe(404);
    expect((await otherApi.json("PATCH", `/api/v1/job-postings/${other.postingId}/skills/${rid}`, { name: "Hijacked" })).status).toBe(404);
    expect((await otherApi.request(`${base}/${rid}`, { method: "DELETE" })).status).toBe(404);
    expect((await otherApi.request(`${base}/extract`, { method: "POST" })).status).toBe(404);
    expect(await skillMap(owner.client, owner.postingId)).toEqual(before);
  });
});

describe("evidence and state", () => {
  it("the scores of the answers that probed a requirement set its state, and each change links to the answer behind it", async () => {
    const { client, userId, postingId } = await userWithExtractedPosting();
    const kafka = byName(await skillMap(client, postingId), "Kafka")!;
    const session = await app.db.interviewSession.create({
      data: {
        userId,
        jobPostingId: postingId,
        postingTitle: POSTING.title,
        postingDescription: POSTING.description,
        resumeText: "r",
        targetQuestions: 3,
      },
    });
    // Two answers about Kafka: 40 (weak), then 90 → average 65 (developing).
    const answerIds: string[] = [];
    for (const [i, score] of [40, 90].entries()) {
      const question = await app.db.sessionMessage.create({
        data: {
          sessionId: session.id,
          kind: "question",
          content: `Kafka question ${i + 1}`,
          questionNumber: i + 1,
          questionType: "technical",
          createdAt: new Date(Date.UTC(2026, 0, 10 + i)),
        },
      });
      await app.db.questionRequirement.create({ data: { questionId: question.id, requirementId: kafka.id } });
      const answer = await app.db.sessionMessage.create({
        data: {
          sessionId: session.id,
          kind: "answer",
          content: "An answer.",
          questionId: question.id,
          createdAt: new Date(Date.UTC(2026, 0, 10 + i, 1)),
        },
      });
      answerIds.push(answer.id);
      await app.db.answerEvaluation.create({
        data: {
          answerId: answer.id,
          sessionId: session.id,
          relevanceScore: score,
          completenessScore: score,
          technicalCorrectness: score,
          clarityScore: score,
          summary: "s",
        },
      });
    }

    const entry = byName(await skillMap(client, postingId), "Kafka")!;
    expect(entry).toMatchObject({ state: "developing", average: 65, state_since: "2026-01-11T01:00:00.000Z" });
    expect(entry.probes.map((p) => p.score)).toEqual([40, 90]);
    expect(entry.changes.map((c) => [c.from, c.to, c.answer_id, c.session_id])).toEqual([
      ["not_probed", "weak", answerIds[0], session.id],
      ["weak", "developing", answerIds[1], session.id],
    ]);

    const html = await page(client, `/jobs/${postingId}/skills`);
    expect(html.text).toContain("Weak → Developing: an answer scored 90, bringing the average of the last 2 answers to 65.");
    expect(html.html).toContain(`href="/interviews/${session.id}/feedback#q2-feedback"`);
  });
});
