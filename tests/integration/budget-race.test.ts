/**
 * Issue 20 — the budget holds under concurrency: starts racing near the limit
 * do not all pass. The gate runs under the user's row lock in the transaction
 * that inserts the operation, and from 80 % on it admits one new piece of work
 * at a time. No worker here, so the first start's operation stays pending
 * while the others arrive: concurrent requests through real HTTP, page and API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import { readyUser } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { spend } from "../support/usage.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe("starts racing at the budget's edge", () => {
  it("only one of several concurrent starts passes near the limit; the others get 402 and a message saying why", async () => {
    const { client, email, userId, postingId } = await readyUser(app);
    await app.db.user.update({ where: { id: userId }, data: { monthlyBudgetCents: 100 } });
    await spend(app, userId, 0.95);
    const api = await apiLogin(app, email);

    const form = { jobPostingId: postingId, targetQuestions: "3", focus: "balanced" };
    const responses = await Promise.all([
      client.post("/interviews/new", form),
      client.post("/interviews/new", form),
      api.json("POST", "/api/v1/sessions", { job_posting_id: postingId }),
      api.json("POST", "/api/v1/sessions", { job_posting_id: postingId }),
    ]);
    const passed = responses.filter((r) => r.status === 302 || r.status === 201);
    const refused = responses.filter((r) => r.status === 402);
    expect(passed, "exactly one start passes").toHaveLength(1);
    expect(refused).toHaveLength(3);
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(1);
    expect(await app.db.operation.count({ where: { userId } })).toBe(1);

    for (const res of refused) {
      const body = await res.text();
      const message = res.headers.get("content-type")?.includes("json")
        ? (JSON.parse(body) as { error: { code: string; message: string } }).error.message
        : visibleText(body);
      expect(message).toContain("Near the limit, new AI work runs one task at a time");
    }

    // Saving a posting meanwhile still saves it; only its requirement extraction waits ("Extract requirements" later).
    const saved = await client.post("/jobs/new", {
      title: "Platform Engineer",
      company: "Acme",
      description: "Run the platform. Kubernetes, Terraform and on-call for the payments ledger.",
      experienceLevel: "senior",
      techStack: "Kubernetes, Terraform",
      url: "",
    });
    expect(saved.status).toBe(302);
    expect(await app.db.jobPosting.count({ where: { userId } })).toBe(2);
    expect(await app.db.operation.count({ where: { userId, kind: "extract_requirements" } })).toBe(0);
  });

  it("below the notice level starts run side by side; at 100 % every one is refused", async () => {
    const { client, userId, postingId } = await readyUser(app);
    await app.db.user.update({ where: { id: userId }, data: { monthlyBudgetCents: 100 } });
    await spend(app, userId, 0.5);
    const form = { jobPostingId: postingId, targetQuestions: "3", focus: "balanced" };
    const side = await Promise.all([client.post("/interviews/new", form), client.post("/interviews/new", form)]);
    expect(side.map((r) => r.status)).toEqual([302, 302]);

    await spend(app, userId, 0.5);
    const late = await Promise.all([client.post("/interviews/new", form), client.post("/interviews/new", form)]);
    expect(late.map((r) => r.status)).toEqual([402, 402]);
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(2);
    // "Extract requirements" on the skill map says so next to its button (it was a 500).
    const extract = await client.post(`/jobs/${postingId}/skills`, { intent: "extract" });
    expect(extract.status).toBe(402);
    expect(visibleText(await extract.text())).toContain("You have reached your monthly AI budget");
  });

  it("the interview page shows the budget notice from 80 %, and at 100 % that this interview can still be finished", async () => {
    const { client, userId, postingId } = await readyUser(app);
    await app.db.user.update({ where: { id: userId }, data: { monthlyBudgetCents: 100 } });
    const started = await client.post("/interviews/new", { jobPostingId: postingId, targetQuestions: "3", focus: "balanced" });
    expect(started.status).toBe(302);
    const page = async () => visibleText(await (await client.get(started.headers.get("location")!)).text());
    expect(await page()).not.toContain("of your monthly AI budget");

    await spend(app, userId, 0.85);
    expect(await page()).toContain("You have used 85 % of your monthly AI budget ($0.85 of $1.00 estimated this month).");
    await spend(app, userId, 0.15);
    expect(await page()).toContain(
      "You have reached your monthly AI budget ($1.00 of $1.00 estimated this month). This interview can still be finished",
    );
  });
});
