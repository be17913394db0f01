/**
 * Per-user caps: how many job postings one account keeps, résumé uploads and
 * interview starts per hour — on the pages and through the API, and under
 * parallel requests. Small caps here; the defaults are in README.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asFile, textResume } from "../fixtures/resume-files.ts";
import { visibleText } from "../support/html.ts";
import { POSTING, readyUser } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signUp } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: {
      RATE_LIMIT_REGISTER_PER_IP: "1000",
      MAX_JOB_POSTINGS_PER_USER: "3",
      RATE_LIMIT_RESUME_UPLOADS_PER_HOUR: "2",
      RATE_LIMIT_INTERVIEWS_PER_HOUR: "2",
    },
  });
});
afterAll(() => app.close());

const postingForm = (title: string) => ({
  title,
  company: POSTING.company,
  description: POSTING.description,
  techStack: POSTING.techStack.join(", "),
  experienceLevel: POSTING.experienceLevel,
});
const postingJson = (title: string) => ({ title, description: POSTING.description });

describe("job postings per user (MAX_JOB_POSTINGS_PER_USER)", () => {
  it("refuses a fourth posting with 422 and a message saying what to do, on the page and the API", async () => {
    const { client, userId, email } = await signUp(app);
    const api = await apiLogin(app, email);
    for (const title of ["One", "Two"]) expect((await client.post("/jobs/new", postingForm(title))).status).toBe(302);
    expect((await api.json("POST", "/api/v1/job-postings", postingJson("Three"))).status).toBe(201);

    const page = await client.post("/jobs/new", postingForm("Four"));
    expect(page.status).toBe(422);
    expect(visibleText(await page.text())).toContain("You have 3 job postings; delete one to add another.");
    const json = await api.json("POST", "/api/v1/job-postings", postingJson("Four"));
    expect(json.status).toBe(422);
    expect((await json.json()).error).toEqual({
      code: "too_many_job_postings",
      message: "You have 3 job postings; delete one to add another.",
    });
    expect(await app.db.jobPosting.count({ where: { userId } })).toBe(3);

    // Deleting one makes room again.
    const one = await app.db.jobPosting.findFirstOrThrow({ where: { userId, title: "One" } });
    expect((await api.json("DELETE", `/api/v1/job-postings/${one.id}`)).status).toBe(204);
    expect((await api.json("POST", "/api/v1/job-postings", postingJson("Four"))).status).toBe(201);
  });

  it("holds under parallel creates: 12 at once leave exactly 3", async () => {
    const { userId, email } = await signUp(app);
    const api = await apiLogin(app, email);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => api.json("POST", "/api/v1/job-postings", postingJson(`P${i}`))));
    expect(answers.filter((r) => r.status === 201).length).toBe(3);
    expect(answers.filter((r) => r.status === 422).length).toBe(9);
    expect(await app.db.jobPosting.count({ where: { userId } })).toBe(3);
  });
});

describe("résumé uploads per hour (RATE_LIMIT_RESUME_UPLOADS_PER_HOUR)", () => {
  const uploadForm = () => {
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", asFile(textResume(), "resume.txt", "text/plain"));
    return form;
  };
  const apiUpload = (api: Awaited<ReturnType<typeof apiLogin>>) => {
    const form = new FormData();
    form.set("file", asFile(textResume(), "resume.txt", "text/plain"));
    return api.request("/api/v1/resumes/me/file", { method: "POST", form });
  };

  it("refuses a third upload within the hour with 429, Retry-After and a way on, on the page and the API", async () => {
    const { client, email } = await signUp(app);
    const api = await apiLogin(app, email);
    expect((await client.post("/resume", uploadForm())).status).toBe(200);
    expect((await apiUpload(api)).status).toBe(200);

    const page = await client.post("/resume", uploadForm());
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(await page.text())).toMatch(
      /You can upload 2 résumé files an hour\. Please wait \d+ minutes before uploading another, or paste your résumé's text instead\./,
    );
    const json = await apiUpload(api);
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await json.json()).error.code).toBe("rate_limited");
  });

  it("holds under parallel uploads: 8 at once extract only 2", async () => {
    const { email } = await signUp(app);
    const api = await apiLogin(app, email);
    const answers = await Promise.all(Array.from({ length: 8 }, () => apiUpload(api)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 429, 429, 429, 429, 429, 429]);
  });
});

describe("interviews started per hour (RATE_LIMIT_INTERVIEWS_PER_HOUR)", () => {
  it("refuses a third start within the hour with 429 and says when, on the page and the API", async () => {
    const { client, email, postingId, userId } = await readyUser(app);
    const api = await apiLogin(app, email);
    const form = { jobPostingId: postingId, targetQuestions: "3", focus: "balanced" };
    expect((await client.post("/interviews/new", form)).status).toBe(302);
    expect((await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId })).status).toBe(201);

    const page = await client.post("/interviews/new", form);
    expect(page.status).toBe(429);
    expect(visibleText(await page.text())).toMatch(
      /You can start 2 interviews an hour\. Please wait \d+ minutes before starting another\./,
    );
    const json = await api.json("POST", "/api/v1/sessions", { job_posting_id: postingId });
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await json.json()).error.code).toBe("too_many_interviews");
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(2);
  });

  it("holds under parallel starts: 6 at once start only 2", async () => {
    const { email, postingId, userId } = await readyUser(app);
    const api = await apiLogin(app, email);
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.json("POST", "/api/v1/sessions", { job_posting_id: postingId })));
    expect(answers.filter((r) => r.status === 201).length).toBe(2);
    expect(answers.filter((r) => r.status === 429).length).toBe(4);
    expect(await app.db.interviewSession.count({ where: { userId } })).toBe(2);
  });
});
