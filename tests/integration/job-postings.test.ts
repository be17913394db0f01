import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const DESCRIPTION =
  "We are hiring a backend engineer to build our payments APIs in TypeScript on PostgreSQL. You will own services end to end.";

const VALID_FORM = {
  title: "Senior Backend Engineer",
  company: "Acme Payments",
  description: DESCRIPTION,
  experienceLevel: "senior",
  techStack: "TypeScript, PostgreSQL, Node.js",
  url: "https://jobs.example.com/acme/123",
};

const VALID_JSON = {
  title: "Staff Platform Engineer",
  company: "Globex",
  description: DESCRIPTION,
  experience_level: "staff",
  tech_stack: ["Go", "Kubernetes", "go", " Terraform "],
  url: "http://globex.example/jobs/9",
};

async function page(client: HttpClient, path: string) {
  const res = await client.get(path);
  const html = await res.text();
  return { status: res.status, html, text: visibleText(html) };
}

/** Create a posting through the real form; returns its id (from the redirect). */
async function createPosting(client: HttpClient, overrides: Record<string, string> = {}) {
  const res = await client.post("/jobs/new", { ...VALID_FORM, ...overrides });
  expect(res.status).toBe(302);
  const match = res.headers.get("location")!.match(/^\/jobs\/([0-9a-f-]{36})\?notice=created$/);
  expect(match).not.toBeNull();
  return match![1]!;
}

/** A finished interview for a posting, as the interview flow (another issue) will write it. */
async function seedInterview(userId: string, jobPostingId: string, options: { overallScore?: number; createdAt?: Date } = {}) {
  return app.db.interviewSession.create({
    data: {
      userId,
      jobPostingId,
      status: options.overallScore === undefined ? "active" : "completed",
      postingTitle: "Snapshot title at interview time",
      postingCompany: "Snapshot Co",
      postingDescription: DESCRIPTION,
      postingExperienceLevel: "senior",
      postingTechStack: ["TypeScript"],
      resumeText: "Snapshot of the résumé text used for this interview.",
      createdAt: options.createdAt,
      feedback:
        options.overallScore === undefined
          ? undefined
          : {
              create: {
                technicalAccuracyScore: 80,
                communicationClarityScore: 80,
                problemSolvingScore: 80,
                relevanceScore: 80,
                overallScore: options.overallScore,
                technicalFeedback: "t",
                communicationFeedback: "c",
                problemSolvingFeedback: "p",
                relevanceFeedback: "r",
                overallComments: "o",
              },
            },
    },
  });
}

const RANDOM_ID = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";

describe("the job postings list", () => {
  it("requires sign-in", async () => {
    const res = await app.client().get("/jobs");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fjobs");
  });

  it("shows an empty state that leads to “Add your first job posting”", async () => {
    const { client } = await signedInUser(app);
    const { status, text, html } = await page(client, "/jobs");
    expect(status).toBe(200);
    expect(text).toContain("No job postings yet");
    expect(html).toMatch(/<a[^>]*href="\/jobs\/new"[^>]*>Add your first job posting<\/a>/);
  });

  it("lists postings newest first with company, level, stack chips and interview stats", async () => {
    const { client, userId } = await signedInUser(app);
    const older = await createPosting(client, { title: "Older posting", experienceLevel: "junior", techStack: "Python" });
    const newer = await createPosting(client, { title: "Newer posting", company: "", experienceLevel: "", techStack: "" });
    await app.db.jobPosting.update({ where: { id: older }, data: { createdAt: new Date(Date.now() - 86_400_000) } });

    // Two interviews for the older posting; the newest one with feedback gives the latest score.
    await seedInterview(userId, older, { overallScore: 62.5, createdAt: new Date(Date.now() - 3_600_000) });
    await seedInterview(userId, older, { overallScore: 81.25, createdAt: new Date(Date.now() - 60_000) });
    await seedInterview(userId, older, { createdAt: new Date() }); // in progress: counted, no score yet

    const { text, html } = await page(client, "/jobs");
    expect(text.indexOf("Newer posting")).toBeLessThan(text.indexOf("Older posting"));
    expect(html).toContain(`href="/jobs/${newer}"`);
    expect(text).toContain("Older posting Acme Payments Junior");
    expect(html).toMatch(/<ul aria-label="Tech stack of Older posting"[^>]*><li[^>]*>Python<\/li><\/ul>/);
    expect(text).toContain("3 interviews · latest score 81/100");
    expect(text).toContain("No interviews yet");
    expect(text).not.toContain("Add your first job posting");
    expect(html).toMatch(/<a[^>]*href="\/jobs\/new"[^>]*>Add job posting<\/a>/);
  });
});

describe("creating a job posting", () => {
  it("shows the form with labelled fields", async () => {
    const { client } = await signedInUser(app);
    const { status, html, text } = await page(client, "/jobs/new");
    expect(status).toBe(200);
    for (const label of ["Job title", "Company (optional)", "Experience level (optional)", "Job description", "Tech stack (optional)"]) {
      expect(html).toMatch(new RegExp(`<label[^>]*for="new-job-posting-\\w+"[^>]*>${label.replace(/[()]/g, "\\$&")}</label>`));
    }
    expect(text).toContain("Link to the original posting (optional)");
    for (const level of ["intern", "junior", "mid", "senior", "staff", "principal", "manager"]) expect(html).toContain(`value="${level}"`);
  });

  it("saves a valid posting with the fields cleaned, then shows all of it on the detail page", async () => {
    const { client, userId } = await signedInUser(app);
    const id = await createPosting(client, {
      title: "  Senior Backend Engineer  ",
      techStack: " TypeScript, typescript , PostgreSQL,, Node.js,\nnode.JS , Kubernetes   operators ",
    });
    const posting = await app.db.jobPosting.findUniqueOrThrow({ where: { id } });
    expect(posting).toMatchObject({
      userId,
      title: "Senior Backend Engineer",
      company: "Acme Payments",
      description: DESCRIPTION,
      experienceLevel: "senior",
      techStack: ["TypeScript", "PostgreSQL", "Node.js", "Kubernetes operators"],
      url: "https://jobs.example.com/acme/123",
    });

    const { text, html } = await page(client, `/jobs/${id}?notice=created`);
    expect(text).toContain("Job posting saved.");
    expect(html).toMatch(/<h1>Senior Backend Engineer<\/h1>/);
    expect(text).toContain("Acme Payments Senior");
    expect(text).toContain(DESCRIPTION);
    expect(html).toMatch(/<li[^>]*>Kubernetes operators<\/li>/);
    expect(html).toMatch(/<a href="https:\/\/jobs\.example\.com\/acme\/123" target="_blank" rel="noopener noreferrer nofollow">/);
    expect(html).toContain(`href="/jobs/${id}/edit"`);
    expect(html).toContain(`href="/jobs/${id}/delete"`);
  });

  it("stores empty optional fields as empty (null, no stack)", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client, { company: "  ", experienceLevel: "", techStack: " , ,", url: "" });
    const posting = await app.db.jobPosting.findUniqueOrThrow({ where: { id } });
    expect(posting).toMatchObject({ company: null, experienceLevel: null, techStack: [], url: null });
  });

  it.each([
    ["a missing title", { title: "   " }, "Give the posting a title"],
    ["a title over 200 characters", { title: "T".repeat(201) }, "Keep the title to 200 characters"],
    ["a company over 200 characters", { company: "C".repeat(201) }, "Keep the company name to 200 characters"],
    ["a missing description", { description: "" }, "Paste the job description"],
    [
      "a description under 30 characters",
      { description: "Write code. Ship it." },
      "The description needs at least 30 characters (it has 20)",
    ],
    [
      "a description over 20,000 characters",
      { description: "d".repeat(20_001) },
      "The description is 20,001 characters; the limit is 20,000",
    ],
    ["an unknown experience level", { experienceLevel: "wizard" }, "Choose one of: intern, junior, mid, senior, staff, principal, manager"],
    [
      "more than 30 technologies",
      { techStack: Array.from({ length: 31 }, (_, i) => `Tech${i}`).join(", ") },
      "That's 31 technologies; list at most 30",
    ],
    ["a technology over 40 characters", { techStack: `React, ${"x".repeat(41)}` }, "Each technology can be at most 40 characters"],
    ["a javascript: link", { url: "javascript:alert(1)" }, "Enter the full link, starting with https:// or http://"],
    ["an ftp link", { url: "ftp://example.com/job" }, "Enter the full link, starting with https:// or http://"],
    ["a link without a scheme", { url: "jobs.example.com/123" }, "Enter the full link, starting with https:// or http://"],
  ])("refuses %s with a clear message next to the field and saves nothing", async (_case, overrides, message) => {
    const { client, userId } = await signedInUser(app);
    const res = await client.post("/jobs/new", { ...VALID_FORM, ...overrides });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(visibleText(html)).toContain(message);
    expect(html).toMatch(/aria-invalid="true"/);
    expect(await app.db.jobPosting.count({ where: { userId } })).toBe(0);
  });

  it("keeps what the user typed when the form is refused", async () => {
    const { client } = await signedInUser(app);
    const res = await client.post("/jobs/new", { ...VALID_FORM, description: "too short" });
    const html = await res.text();
    expect(html).toContain('value="Senior Backend Engineer"');
    expect(html).toContain('value="TypeScript, PostgreSQL, Node.js"');
  });
});

describe("the Start interview control on the detail page", () => {
  it("explains that both the résumé and the API key are missing, with links, and shows no button", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client);
    const { text, html } = await page(client, `/jobs/${id}`);
    expect(text).toContain("To start an interview, first add your résumé and an OpenAI API key.");
    expect(html).toMatch(/<a[^>]*href="\/resume"[^>]*>Add your résumé<\/a>/);
    expect(html).toMatch(/<a[^>]*href="\/settings"[^>]*>Add your API key in Settings<\/a>/);
    expect(html).not.toMatch(/<button[^>]*>Start interview<\/button>/);
    expect(html).not.toContain('action="/interviews/new"');
  });

  it("names only what is still missing", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client);
    await client.post("/resume", { intent: "save", content: "A résumé long enough to pass the fifty character minimum rule." });
    const { text, html } = await page(client, `/jobs/${id}`);
    expect(text).toContain("To start an interview, first add an OpenAI API key.");
    expect(html).not.toMatch(/href="\/resume"[^>]*>Add your résumé/);
    expect(html).toMatch(/href="\/settings"[^>]*>Add your API key in Settings/);
  });

  it("is a GET form to /interviews/new carrying the posting id once the user has a résumé and a key", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client);
    await client.post("/resume", { intent: "save", content: "A résumé long enough to pass the fifty character minimum rule." });
    expect((await client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-job-postings-key-1234" })).status).toBe(200);
    const { text, html } = await page(client, `/jobs/${id}`);
    expect(text).not.toContain("To start an interview, first add");
    const form = html.match(/<form[^>]*action="\/interviews\/new"[^>]*>[\s\S]*?<\/form>/)?.[0];
    expect(form).toBeDefined();
    expect(form).toMatch(/method="get"/);
    expect(form).toContain(`<input type="hidden" name="jobId" value="${id}"/>`);
    expect(form).toMatch(/<button type="submit"[^>]*>Start interview<\/button>/);
  });

  it("shows the number of interviews and the latest overall score", async () => {
    const { client, userId } = await signedInUser(app);
    const id = await createPosting(client);
    expect((await page(client, `/jobs/${id}`)).text).toContain("No interviews yet");
    await seedInterview(userId, id, { overallScore: 70, createdAt: new Date(Date.now() - 60_000) });
    await seedInterview(userId, id, { overallScore: 88.4 });
    const { text, html } = await page(client, `/jobs/${id}`);
    expect(text).toContain("2 interviews · latest score 88/100");
    expect(html).toContain(`href="/jobs/${id}/progress"`);
  });
});

describe("editing a job posting", () => {
  it("shows the same form filled in with the current values", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client, { techStack: "React, TypeScript" });
    const { status, html } = await page(client, `/jobs/${id}/edit`);
    expect(status).toBe(200);
    expect(html).toContain('value="Senior Backend Engineer"');
    expect(html).toContain('value="Acme Payments"');
    expect(html).toContain('value="React, TypeScript"');
    expect(html).toContain('value="https://jobs.example.com/acme/123"');
    expect(html).toMatch(/<option value="senior" selected="">/);
    expect(html).toContain(DESCRIPTION);
    expect(html).toMatch(/<label[^>]*for="edit-job-posting-title"[^>]*>Job title<\/label>/);
  });

  it("saves valid changes and says so", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client);
    const before = await app.db.jobPosting.findUniqueOrThrow({ where: { id } });
    const res = await client.post(`/jobs/${id}/edit`, {
      ...VALID_FORM,
      title: "Principal Engineer",
      company: "",
      experienceLevel: "principal",
      techStack: "Rust, rust, WebAssembly",
      url: "",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/jobs/${id}?notice=updated`);
    const after = await app.db.jobPosting.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({
      title: "Principal Engineer",
      company: null,
      experienceLevel: "principal",
      techStack: ["Rust", "WebAssembly"],
      url: null,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(after.createdAt).toEqual(before.createdAt);
    expect((await page(client, `/jobs/${id}?notice=updated`)).text).toContain("Changes saved.");
  });

  it("refuses invalid changes with messages and changes nothing", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client);
    const before = await app.db.jobPosting.findUniqueOrThrow({ where: { id } });
    const res = await client.post(`/jobs/${id}/edit`, { ...VALID_FORM, title: "", url: "not a link" });
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Give the posting a title");
    expect(text).toContain("Enter the full link, starting with https:// or http://");
    expect(await app.db.jobPosting.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });
});

describe("deleting a job posting", () => {
  it("asks for confirmation on its own page, then deletes on POST", async () => {
    const { client } = await signedInUser(app);
    const id = await createPosting(client);
    const confirm = await page(client, `/jobs/${id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("Delete this job posting?");
    expect(confirm.text).toContain("Senior Backend Engineer at Acme Payments will be deleted for good.");
    expect(confirm.text).toContain("You have not done any interviews for it yet.");
    expect(confirm.html).toMatch(/<form[^>]*action="\/jobs\/[0-9a-f-]{36}\/delete"[^>]*method="post"/);
    expect(await app.db.jobPosting.count({ where: { id } })).toBe(1);

    const res = await client.post(`/jobs/${id}/delete`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/jobs?notice=deleted");
    expect(await app.db.jobPosting.count({ where: { id } })).toBe(0);
    expect((await page(client, "/jobs?notice=deleted")).text).toContain("Job posting deleted.");
    expect((await client.get(`/jobs/${id}`)).status).toBe(404);
  });

  it("never deletes interview history: sessions keep their snapshot and lose only the link", async () => {
    const { client, userId } = await signedInUser(app);
    const id = await createPosting(client);
    const session = await seedInterview(userId, id, { overallScore: 75 });
    expect((await page(client, `/jobs/${id}/delete`)).text).toContain("Your 1 interview for it stay in your history");

    expect((await client.post(`/jobs/${id}/delete`, {})).status).toBe(302);
    const kept = await app.db.interviewSession.findUniqueOrThrow({ where: { id: session.id }, include: { feedback: true } });
    expect(kept.jobPostingId).toBeNull();
    expect(kept.postingTitle).toBe("Snapshot title at interview time");
    expect(kept.postingDescription).toBe(DESCRIPTION);
    expect(kept.feedback?.overallScore).toBe(75);
  });
});

describe("missing and malformed ids on the pages", () => {
  it.each(["/jobs/not-a-uuid", `/jobs/${RANDOM_ID}`, `/jobs/${RANDOM_ID}/edit`, `/jobs/${RANDOM_ID}/delete`, "/jobs/123/edit"])(
    "GET %s is a 404 page",
    async (path) => {
      const { client } = await signedInUser(app);
      const res = await client.get(path);
      expect(res.status).toBe(404);
      expect(visibleText(await res.text())).toContain("We couldn't find that page");
    },
  );

  it("POSTs to a missing posting's edit and delete pages are 404s", async () => {
    const { client } = await signedInUser(app);
    expect((await client.post(`/jobs/${RANDOM_ID}/edit`, VALID_FORM)).status).toBe(404);
    expect((await client.post(`/jobs/${RANDOM_ID}/delete`, {})).status).toBe(404);
    expect((await client.post("/jobs/nope/delete", {})).status).toBe(404);
  });
});

describe("JSON API: /api/v1/job-postings", () => {
  it("requires authentication on every endpoint (401)", async () => {
    const anonymous = app.client();
    const calls = [
      anonymous.get("/api/v1/job-postings"),
      anonymous.json("POST", "/api/v1/job-postings", VALID_JSON),
      anonymous.get(`/api/v1/job-postings/${RANDOM_ID}`),
      anonymous.json("PUT", `/api/v1/job-postings/${RANDOM_ID}`, { title: "x" }),
      anonymous.request(`/api/v1/job-postings/${RANDOM_ID}`, { method: "DELETE" }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("lists nothing for a new user: an empty array", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const res = await api.get("/api/v1/job-postings");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it("creates a posting (201, Location) with the stack cleaned, and returns every field in snake_case", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const res = await api.json("POST", "/api/v1/job-postings", VALID_JSON);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(res.headers.get("location")).toBe(`/api/v1/job-postings/${body.id}`);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: "Staff Platform Engineer",
      company: "Globex",
      description: DESCRIPTION,
      experience_level: "staff",
      tech_stack: ["Go", "Kubernetes", "Terraform"],
      url: "http://globex.example/jobs/9",
      interview_count: 0,
      latest_overall_score: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect((await app.db.jobPosting.findUniqueOrThrow({ where: { id: body.id } })).userId).toBe(userId);
  });

  it("accepts only the required fields, and a comma-separated stack", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const minimal = await api.json("POST", "/api/v1/job-postings", { title: "Engineer", description: DESCRIPTION });
    expect(minimal.status).toBe(201);
    expect(await minimal.json()).toMatchObject({ company: null, experience_level: null, tech_stack: [], url: null });
    const text = await api.json("POST", "/api/v1/job-postings", {
      title: "Engineer",
      description: DESCRIPTION,
      tech_stack: "Vue, vue, Nuxt",
    });
    expect((await text.json()).tech_stack).toEqual(["Vue", "Nuxt"]);
  });

  it("validates the body (422 with field messages), the media type (415) and the JSON (400)", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const res = await api.json("POST", "/api/v1/job-postings", {
      title: "",
      description: "short",
      experience_level: "wizard",
      tech_stack: Array.from({ length: 31 }, (_, i) => `T${i}`),
      url: "javascript:alert(1)",
    });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("validation_error");
    expect(Object.keys(error.fields).sort()).toEqual(["description", "experience_level", "tech_stack", "title", "url"]);
    expect(error.fields.url).toEqual(["Enter the full link, starting with https:// or http://"]);

    const missing = await api.json("POST", "/api/v1/job-postings", {});
    expect(missing.status).toBe(422);
    expect(Object.keys((await missing.json()).error.fields).sort()).toEqual(["description", "title"]);

    const badStack = await api.json("POST", "/api/v1/job-postings", { ...VALID_JSON, tech_stack: [1, 2] });
    expect(badStack.status).toBe(422);

    const form = await api.request("/api/v1/job-postings", {
      method: "POST",
      body: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const malformed = await api.request("/api/v1/job-postings", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(await app.db.jobPosting.count({ where: { userId } })).toBe(0);
  });

  it("lists postings newest first without the long description, with interview stats", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const first = await (await api.json("POST", "/api/v1/job-postings", { ...VALID_JSON, title: "First" })).json();
    const second = await (await api.json("POST", "/api/v1/job-postings", { ...VALID_JSON, title: "Second" })).json();
    await seedInterview(userId, first.id, { overallScore: 64 });

    const list = await (await api.get("/api/v1/job-postings")).json();
    expect(list.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
    expect(list[0]).not.toHaveProperty("description");
    expect(list[0]).toMatchObject({ title: "Second", interview_count: 0, latest_overall_score: null });
    expect(list[1]).toMatchObject({
      title: "First",
      company: "Globex",
      experience_level: "staff",
      interview_count: 1,
      latest_overall_score: 64,
    });
  });

  it("reads one posting with every field (200)", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const created = await (await api.json("POST", "/api/v1/job-postings", VALID_JSON)).json();
    const res = await api.get(`/api/v1/job-postings/${created.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(created);
  });

  it("updates only the fields sent (200), clears optional ones with null, and moves updated_at", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const created = await (await api.json("POST", "/api/v1/job-postings", VALID_JSON)).json();
    const res = await api.json("PUT", `/api/v1/job-postings/${created.id}`, { title: "  Renamed  ", company: null, tech_stack: ["Zig"] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      title: "Renamed",
      company: null,
      tech_stack: ["Zig"],
      description: DESCRIPTION,
      experience_level: "staff",
      url: VALID_JSON.url,
      created_at: created.created_at,
    });
    expect(new Date(body.updated_at).getTime()).toBeGreaterThan(new Date(created.updated_at).getTime());
  });

  it("refuses invalid updates (422) and empty ones, changing nothing", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const created = await (await api.json("POST", "/api/v1/job-postings", VALID_JSON)).json();
    const bad = await api.json("PUT", `/api/v1/job-postings/${created.id}`, { title: null, description: "tiny", url: "ftp://x.y" });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["description", "title", "url"]);
    const empty = await api.json("PUT", `/api/v1/job-postings/${created.id}`, {});
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.fields.body).toEqual([
      "Send at least one of: title, company, description, experience_level, tech_stack, url.",
    ]);
    expect(await (await api.get(`/api/v1/job-postings/${created.id}`)).json()).toEqual(created);
  });

  it("deletes a posting (204), after which it is a 404, and keeps its interviews", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const created = await (await api.json("POST", "/api/v1/job-postings", VALID_JSON)).json();
    const session = await seedInterview(userId, created.id, { overallScore: 90 });
    const res = await api.request(`/api/v1/job-postings/${created.id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect((await api.get(`/api/v1/job-postings/${created.id}`)).status).toBe(404);
    expect((await api.request(`/api/v1/job-postings/${created.id}`, { method: "DELETE" })).status).toBe(404);
    const kept = await app.db.interviewSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(kept).toMatchObject({ jobPostingId: null, postingTitle: "Snapshot title at interview time" });
  });

  it("answers 404 with the standard body for malformed and missing ids on GET, PUT and DELETE", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const notFound = { error: { code: "not_found", message: "Job posting not found." } };
    for (const id of ["not-a-uuid", RANDOM_ID, "12345"]) {
      const get = await api.get(`/api/v1/job-postings/${id}`);
      expect(get.status).toBe(404);
      expect(await get.json()).toEqual(notFound);
      const put = await api.json("PUT", `/api/v1/job-postings/${id}`, { title: "x" });
      expect(put.status).toBe(404);
      expect(await put.json()).toEqual(notFound);
      const del = await api.request(`/api/v1/job-postings/${id}`, { method: "DELETE" });
      expect(del.status).toBe(404);
      expect(await del.json()).toEqual(notFound);
    }
  });

  it("answers 405 to methods an endpoint does not have", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const created = await (await api.json("POST", "/api/v1/job-postings", VALID_JSON)).json();
    const patch = await api.json("PATCH", `/api/v1/job-postings/${created.id}`, { title: "x" });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, PUT, DELETE");
    expect((await api.request("/api/v1/job-postings", { method: "DELETE" })).status).toBe(405);
  });
});

describe("ownership: user B gets 404 for user A's postings everywhere, and nothing of A's changes", () => {
  it("through every page and form", async () => {
    const a = await signedInUser(app);
    const id = await createPosting(a.client, { title: "A's secret posting" });
    const before = await app.db.jobPosting.findUniqueOrThrow({ where: { id } });
    const b = await signedInUser(app);

    const list = await page(b.client, "/jobs");
    expect(list.text).not.toContain("A's secret posting");
    expect(list.text).toContain("No job postings yet");

    for (const path of [`/jobs/${id}`, `/jobs/${id}/edit`, `/jobs/${id}/delete`]) {
      const res = await b.client.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("A's secret posting");
    }
    const edit = await b.client.post(`/jobs/${id}/edit`, { ...VALID_FORM, title: "Hijacked" });
    expect(edit.status).toBe(404);
    const invalidEdit = await b.client.post(`/jobs/${id}/edit`, { title: "" });
    expect(invalidEdit.status).toBe(404);
    const del = await b.client.post(`/jobs/${id}/delete`, {});
    expect(del.status).toBe(404);

    expect(await app.db.jobPosting.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("through every API endpoint", async () => {
    const a = await signedInUser(app);
    const aApi = await apiLogin(app, a.email);
    const created = await (await aApi.json("POST", "/api/v1/job-postings", { ...VALID_JSON, title: "A's API posting" })).json();
    const before = await app.db.jobPosting.findUniqueOrThrow({ where: { id: created.id } });
    const b = await signedInUser(app);
    const bApi = await apiLogin(app, b.email);
    const notFound = { error: { code: "not_found", message: "Job posting not found." } };

    expect(await (await bApi.get("/api/v1/job-postings")).json()).toEqual([]);
    const get = await bApi.get(`/api/v1/job-postings/${created.id}`);
    expect(get.status).toBe(404);
    expect(await get.json()).toEqual(notFound);
    const put = await bApi.json("PUT", `/api/v1/job-postings/${created.id}`, { title: "Hijacked" });
    expect(put.status).toBe(404);
    expect(await put.json()).toEqual(notFound);
    const invalidPut = await bApi.json("PUT", `/api/v1/job-postings/${created.id}`, { title: "" });
    expect(invalidPut.status).toBe(404);
    const del = await bApi.request(`/api/v1/job-postings/${created.id}`, { method: "DELETE" });
    expect(del.status).toBe(404);
    expect(await del.json()).toEqual(notFound);

    // B's browser session on the API is no different.
    expect((await b.client.get(`/api/v1/job-postings/${created.id}`)).status).toBe(404);

    expect(await app.db.jobPosting.findUniqueOrThrow({ where: { id: created.id } })).toEqual(before);
    expect(await (await aApi.get(`/api/v1/job-postings/${created.id}`)).json()).toEqual(created);
  });
});
