/**
 * Issue 19, the cost of saving a posting: each save whose requirements changed asks for an
 * extraction (a paid call), so saving it over and over must not start one call per save. One
 * extraction runs per posting at a time; the skill map still ends with what the posting asks
 * for last, and an extraction of text the posting no longer has is never merged over it.
 * (The real worker, the fake OpenAI; app/models/skill-map.server.ts queueExtractionOnSave.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { messageText, type ChatRequest } from "../fakes/openai-server.ts";
import { requirementsResponder } from "../fakes/practice-responders.ts";
import { POSTING, readyUser, waitFor, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  // A long AI timeout: the tests hold an extraction's reply back while the posting is saved again.
  app = await startTestApp({ worker: true, env: { AI_TIMEOUT_MS: "30000" } });
});
afterAll(() => app.close());
beforeEach(() => app.fake.reset());

type SkillMap = { requirements: Array<{ name: string }> };

/** A user whose posting (saved through the API) has its first extraction done; and their API client. */
async function userWithExtractedPosting() {
  const user = await readyUser(app);
  const api = await apiLogin(app, user.email);
  const res = await api.json("POST", "/api/v1/job-postings", {
    title: POSTING.title,
    description: POSTING.description,
    tech_stack: POSTING.techStack,
  });
  expect(res.status).toBe(201);
  const { id: postingId } = (await res.json()) as { id: string };
  const first = await waitFor(
    () => app.db.operation.findFirst({ where: { userId: user.userId, kind: "extract_requirements", subjectId: postingId } }),
    "the first extraction",
  );
  expect((await waitForOperation(app, first.id)).status).toBe("completed");
  const extractions = (where: object = {}) =>
    app.db.operation.findMany({ where: { userId: user.userId, kind: "extract_requirements", subjectId: postingId, ...where } });
  const save = async (description: string) =>
    expect((await api.json("PUT", `/api/v1/job-postings/${postingId}`, { description })).status).toBe(200);
  const names = async () => {
    const map = await api.get(`/api/v1/job-postings/${postingId}/skills`);
    expect(map.status).toBe(200);
    return ((await map.json()) as SkillMap).requirements.map((r) => r.name);
  };
  const idle = () =>
    waitFor(async () => (await extractions({ status: { in: ["pending", "processing"] } })).length === 0, "no extraction running");
  return { ...user, api, postingId, first, extractions, save, names, idle };
}

/** The extraction requests the fake received whose posting text contains `term`. */
const extractionRequestsWith = (term: string) =>
  app.fake.chatRequests("posting_requirements").filter((r) => messageText(r.body as ChatRequest).includes(term));

describe("saving a posting while its requirements are being read", () => {
  it("many saves during an extraction start at most one running and one pending, and the map ends with the last text", async () => {
    const posting = await userWithExtractedPosting();
    const release = app.fake.hold();
    try {
      await posting.save(`${POSTING.description} Our cache is Redis.`);
      // The worker has read that text and its call is in flight.
      await waitFor(async () => extractionRequestsWith("Our cache is Redis").length === 1, "the extraction of the first save in flight");
      for (let i = 0; i < 40; i++) {
        // Alternating texts, as a script hammering PUT would send.
        await posting.save(i % 2 ? `${POSTING.description} Our cache is Redis.` : `${POSTING.description} Our API is GraphQL.`);
        if (i % 10 === 9) {
          expect((await posting.extractions({ status: "processing" })).length).toBeLessThanOrEqual(1);
          expect((await posting.extractions({ status: "pending" })).length).toBeLessThanOrEqual(1);
        }
      }
      await posting.save(`${POSTING.description} We deploy with Terraform.`);
      const running = await posting.extractions({ status: { in: ["pending", "processing"] } });
      expect(running.filter((op) => op.status === "processing").length).toBeLessThanOrEqual(1);
      expect(running.filter((op) => op.status === "pending").length).toBeLessThanOrEqual(1);
    } finally {
      release();
    }
    await posting.idle();

    const names = await posting.names();
    expect(names).toContain("Terraform"); // the last save's text was read…
    expect(names).not.toContain("Redis"); // …and none read from an earlier one was merged
    expect(names).not.toContain("GraphQL");
    // The first extraction plus at most one in flight and one more for the text saved meanwhile: not one per save.
    const all = await posting.extractions();
    expect(all.length).toBeLessThanOrEqual(3);
    expect(app.fake.chatRequests("posting_requirements").length).toBeLessThanOrEqual(3);
    expect(all.every((op) => op.status === "completed")).toBe(true);
  });

  it("an extraction of text the posting no longer has, finishing late, is not merged over the newer one", async () => {
    const posting = await userWithExtractedPosting();
    // Replies about the Terraform text wait until the test lets them go; any other text is read at once.
    const late = Promise.withResolvers<void>();
    const extract = requirementsResponder();
    app.fake.respond("posting_requirements", async (request, context) => {
      if (context.text.includes("Terraform")) await late.promise;
      return extract(request, context);
    });
    try {
      await posting.save(`${POSTING.description} We deploy with Terraform.`);
      await waitFor(async () => extractionRequestsWith("Terraform").length === 1, "the extraction of the Terraform text in flight");
      const [old] = await posting.extractions({ status: "processing" });
      expect(old).toBeDefined();

      await posting.save(`${POSTING.description} We run on Kubernetes.`);
      // Whatever the save started has finished before the old extraction answers.
      await waitFor(
        async () => (await posting.extractions({ id: { not: old!.id }, status: { in: ["pending", "processing"] } })).length === 0,
        "the newer extraction to finish",
      );
      late.resolve();
      await waitForOperation(app, old!.id);
      await posting.idle();

      const names = await posting.names();
      expect(names).not.toContain("Terraform"); // the late reply about the old text was not merged…
      expect(names).toContain("Kubernetes"); // …and the text saved last was read
      expect((await app.db.operation.findUnique({ where: { id: old!.id } }))?.result).toMatchObject({ skipped: "posting changed" });
    } finally {
      late.resolve();
    }
  });
});
