/**
 * Fixtures for interview tests: a signed-in user who has everything an
 * interview needs (API key saved through Settings, a résumé, a posting), and
 * waiting helpers for the asynchronous AI operations.
 */
import { expect } from "vitest";
import type { HttpClient } from "./http-client.ts";
import type { TestApp } from "./test-app.ts";
import { signedInUser, uniqueEmail } from "./users.ts";

export const RESUME_TEXT =
  "Ada Example — Senior backend engineer. 8 years building payment systems in TypeScript and Go. " +
  "Led the migration of a billing monolith to event-sourced services on PostgreSQL and Kafka; cut invoice latency by 60%. " +
  "Mentored four engineers; ran the on-call rotation.";

export const POSTING = {
  title: "Staff Backend Engineer",
  company: "Acme Payments",
  description:
    "We are looking for a staff engineer to own the reliability of our payment ledger. You will design APIs, lead incident reviews, " +
    "and scale PostgreSQL to millions of transactions per day. Experience with distributed systems and mentoring is essential.",
  techStack: ["TypeScript", "PostgreSQL", "Kafka"],
  experienceLevel: "staff" as const,
};

export async function readyUser(app: TestApp, options: { apiKey?: string } = {}) {
  const { client, userId, email } = await signedInUser(app, uniqueEmail("interviewer"));
  const key = await client.post("/settings", { intent: "save-api-key", apiKey: options.apiKey ?? "sk-test-working-key-0000" });
  expect(key.status).toBe(200);
  await app.db.resume.create({ data: { userId, content: RESUME_TEXT } });
  const posting = await app.db.jobPosting.create({ data: { userId, ...POSTING } });
  return { client, userId, email, postingId: posting.id };
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Wait until the operation is completed or failed, and return it. */
export function waitForOperation(app: TestApp, operationId: string, timeoutMs?: number) {
  return waitFor(
    async () => {
      const op = await app.db.operation.findUnique({ where: { id: operationId } });
      return op && (op.status === "completed" || op.status === "failed") ? op : null;
    },
    `operation ${operationId}`,
    timeoutMs,
  );
}

/** Wait until every operation of the session is finished. */
export function waitForIdle(app: TestApp, sessionId: string, timeoutMs?: number) {
  return waitFor(
    async () => (await app.db.operation.count({ where: { sessionId, status: { in: ["pending", "processing"] } } })) === 0,
    `session ${sessionId} to be idle`,
    timeoutMs,
  );
}

/** Start an interview through the /interviews/new form; returns the session id. */
export async function startThroughUi(client: HttpClient, postingId: string, options: { targetQuestions?: number; focus?: string } = {}) {
  const res = await client.post("/interviews/new", {
    jobPostingId: postingId,
    targetQuestions: String(options.targetQuestions ?? 3),
    focus: options.focus ?? "balanced",
  });
  expect(res.status, "starting an interview redirects to it").toBe(302);
  return res.headers.get("location")!.split("/").pop()!;
}

export async function openQuestion(app: TestApp, sessionId: string) {
  return waitFor(
    () => app.db.sessionMessage.findFirst({ where: { sessionId, kind: "question", answer: null }, orderBy: { questionNumber: "desc" } }),
    "an open question",
  );
}

/** A ready user's interview, started through the page, with its first question open. */
export async function interviewWithQuestion(app: TestApp) {
  const user = await readyUser(app);
  const sessionId = await startThroughUi(user.client, user.postingId);
  return { ...user, sessionId, question: await openQuestion(app, sessionId) };
}

/** A ready user whose posting's requirements were extracted (on demand, through the skills page). */
export async function userWithMap(app: TestApp) {
  const user = await readyUser(app);
  expect((await user.client.post(`/jobs/${user.postingId}/skills`, { intent: "extract" })).status).toBe(200);
  const op = await waitFor(
    () => app.db.operation.findFirst({ where: { userId: user.userId, kind: "extract_requirements" } }),
    "extraction",
  );
  expect((await waitForOperation(app, op.id)).status).toBe("completed");
  return user;
}
