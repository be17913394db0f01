import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpClient } from "../support/http-client.ts";
import { POSTING, RESUME_TEXT } from "../support/interviews.ts";
import { seedSession } from "../support/seed-sessions.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { TEST_PASSWORD } from "../support/users.ts";
import { fingerprintDatabase } from "./support/db-snapshot.ts";
import { userWithEverything, type RichUser } from "./support/rich-user.ts";

/**
 * Issue 7 point 6: a corpus of hostile inputs thrown at every form and
 * endpoint. Each one must get an answer below 500; when it is refused (4xx),
 * nothing may have been written; whatever comes back — and, when it was
 * accepted, every page that shows it — must carry it escaped, never as live
 * markup. The count of inputs exercised is printed and must reach 200.
 */
let app: TestApp;
let owner: RichUser;
let inputs = 0;

beforeAll(async () => {
  app = await startTestApp({
    env: {
      NODE_ENV: "production",
      RATE_LIMIT_REGISTER_PER_IP: "100000",
      RATE_LIMIT_LOGIN_PER_IP: "100000",
      RATE_LIMIT_LOGIN_PER_EMAIL: "100000",
      RATE_LIMIT_RESET_PER_EMAIL: "100000",
      RATE_LIMIT_RESET_PER_IP: "100000",
      RATE_LIMIT_RESUME_UPLOADS_PER_HOUR: "100000",
      RATE_LIMIT_INTERVIEWS_PER_HOUR: "100000",
      MAX_JOB_POSTINGS_PER_USER: "100000",
    },
  });
  owner = await userWithEverything(app);
});
afterAll(async () => {
  console.info(`hostile inputs: ${inputs} exercised`);
  await app.close();
});

/** Text that has broken web apps: sizes, invisible and control characters, scripts and markup, SQL, traversal. */
const TEXT: Array<[string, string]> = [
  ["empty", ""],
  ["whitespace only", " \t \u00a0 "],
  ["100,000 characters", "x".repeat(100_000)],
  ["one 5,000-character word", "W".repeat(5_000)],
  ["a null byte", "before\u0000after"],
  ["only null bytes", "\u0000\u0000\u0000"],
  ["C0 controls and an ANSI escape", "\u0001\u0002\u0007\u001b[31mred\u001b[0m"],
  ["DEL and C1 controls", "a\u007f\u0085\u009bb"],
  ["CRLF header injection", "line\r\nSet-Cookie: pwned=1\r\n\r\n<h1>injected</h1>"],
  ["right-to-left override", "\u202Etxt.exe\u202C invoice"],
  ["Arabic and Hebrew", "مرحبا بالعالم שלום עולם"],
  ["emoji with ZWJ and skin tones", "👩🏽‍💻🚀🔥🇺🇦"],
  ["combining marks (zalgo)", "Z\u0335\u0321\u0322a\u0334\u034dl\u0338\u0330g\u0337\u0354o\u0336\u032a"],
  ["zero-width characters and a BOM", "a\u200Bb\u200Dc\uFEFFd\u2060e"],
  ["a lone surrogate", "broken \uD800 pair"],
  ["Unicode noncharacters", "\uFFFE\uFFFF\uFDD0"],
  ["a script element", "<script>alert('xss-1')</script>"],
  ["an attribute break-out", "\"><img src=x onerror=alert('xss-2')>"],
  ["a textarea break-out", "</textarea><script>alert('xss-3')</script>"],
  ["a script-block break-out", "</script><script>alert('xss-4')</script>"],
  ["an SVG handler", "<svg/onload=alert('xss-5')>"],
  ["a javascript: URL", "javascript:alert('xss-6')"],
  ["a data: URL", "data:text/html,<script>alert('xss-7')</script>"],
  ["template syntax", "{{7*7}} ${7*7} <%= 7*7 %> #{7*7}"],
  ["an SQL quote", "' OR '1'='1"],
  ["an SQL statement", "'; DROP TABLE users; --"],
  ["an SQL sleep", "1); SELECT pg_sleep(10);--"],
  ["backslashes and quotes", "\\'\\\"\\\\ \\u0000 %00"],
  ["LIKE wildcards", "%_%\\%"],
  ["path traversal", "../../../../etc/passwd"],
  ["format specifiers", "%s%s%s%n%x%d"],
  ["prototype keys as text", "__proto__ constructor prototype"],
];

/** A shorter list for fields where each try costs a bcrypt hash, or that only take ids, numbers or choices. */
const SHORT = TEXT.filter(([label]) =>
  [
    "empty",
    "100,000 characters",
    "a null byte",
    "CRLF header injection",
    "emoji with ZWJ and skin tones",
    "a lone surrogate",
    "a script element",
    "an attribute break-out",
    "an SQL quote",
    "path traversal",
  ].includes(label),
);

/** For URLs: a browser sends a lone surrogate as U+FFFD (encodeURIComponent would throw on it). */
const q = (value: string) =>
  encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));

/** Raw markup our payloads would leave in a page if anything were reflected unescaped. */
const LIVE_MARKUP = [
  /<script>alert\('xss/i,
  /<img src=x onerror/i,
  /<svg\/onload/i,
  /<\/textarea><script>/i,
  /<h1>injected/i,
  /href="\s*javascript:/i,
];

function expectNothingLive(body: string, type: string, payload: string | undefined, what: string) {
  if (!type.includes("text/html")) return;
  for (const pattern of LIVE_MARKUP) expect(body, `${what}: live markup ${pattern}`).not.toMatch(pattern);
  if (payload && /[<>]/.test(payload)) expect(body.includes(payload), `${what}: reflected unescaped`).toBe(false);
}

type Exercise = {
  what: string;
  send: () => Promise<Response>;
  payload?: string;
  /** Pages that show the value once accepted: [who looks, where]. */
  shownOn?: (res: Response, body: string) => Array<[HttpClient, string]> | Promise<Array<[HttpClient, string]>>;
  /** Tables a refused request may still write: sign-up and login attempts are counted by the rate limits. */
  except?: string[];
};

async function exercise(e: Exercise) {
  const before = await fingerprintDatabase(app, { except: e.except });
  const res = await e.send();
  inputs++;
  const body = await res.text();
  const type = res.headers.get("content-type") ?? "";
  expect(res.status, `${e.what} → ${res.status}`).toBeLessThan(500);
  expectNothingLive(body, type, e.payload, e.what);
  const location = res.headers.get("location");
  if (location) expect(location, `${e.what}: redirect`).toMatch(/^\/(?![/\\])\S*$/);
  if (res.status >= 400) {
    expect(await fingerprintDatabase(app, { except: e.except }), `${e.what}: refused, yet something was written`).toEqual(before);
  } else if (e.shownOn) {
    for (const [client, path] of await e.shownOn(res, body)) {
      const page = await client.get(path);
      expect(page.status, `${e.what}: ${path}`).toBeLessThan(500);
      expectNothingLive(await page.text(), page.headers.get("content-type") ?? "", e.payload, `${e.what}, shown on ${path}`);
    }
  }
  return res;
}

const RATE_LIMITED = ["rate_limits"];
const shownToOwner =
  (...paths: string[]) =>
  (): Array<[HttpClient, string]> =>
    paths.map((p) => [owner.client, p]);
const atLocation = (res: Response): Array<[HttpClient, string]> => [[owner.client, res.headers.get("location")!]];

/** An interview of the owner's with an open question, fresh for each answer (an answer closes its question). */
async function openInterview() {
  const session = await seedSession(app, owner.userId, {
    status: "active",
    posting: { id: owner.postingId, title: "Hostile", company: null },
  });
  const question = await app.db.sessionMessage.create({
    data: { sessionId: session.id, kind: "question", content: "Why?", questionNumber: 1, questionType: "technical" },
  });
  await app.db.interviewSession.update({ where: { id: session.id }, data: { currentQuestionNumber: 1 } });
  return { sessionId: session.id, questionId: question.id };
}

const postingForm = {
  title: "Hostile posting",
  company: "",
  description: POSTING.description,
  experienceLevel: "",
  techStack: "",
  url: "",
};
const postingJson = { title: "Hostile posting", description: POSTING.description };

// Hundreds of requests each, some costing a bcrypt hash: generous time, for a busy CI machine.
describe("hostile inputs: pages", { timeout: 300_000 }, () => {
  it("job posting forms (new and edit): every field", async () => {
    for (const [label, value] of TEXT) {
      const fields = SHORT.some(([l]) => l === label)
        ? (["title", "company", "description", "techStack", "url", "experienceLevel"] as const)
        : (["title", "description", "techStack"] as const);
      for (const field of fields) {
        const form = { ...postingForm, [field]: field === "description" ? `${POSTING.description} ${value}` : value };
        await exercise({
          what: `/jobs/new ${field}: ${label}`,
          payload: value,
          send: () => owner.client.post("/jobs/new", form),
          shownOn: atLocation,
        });
      }
      for (const field of ["title", "description"] as const) {
        const form = { ...postingForm, [field]: field === "description" ? `${value} ${POSTING.description}` : value };
        await exercise({
          what: `/jobs/:id/edit ${field}: ${label}`,
          payload: value,
          send: () => owner.client.post(`/jobs/${owner.postingId}/edit`, form),
          shownOn: shownToOwner(`/jobs/${owner.postingId}`, `/jobs/${owner.postingId}/edit`),
        });
      }
    }
    // Every page that lists postings, now showing all the hostile ones accepted above.
    for (const path of ["/jobs", "/interviews/new", "/dashboard", "/interviews", `/jobs/${owner.postingId}/delete`]) {
      expectNothingLive(await (await owner.client.get(path)).text(), "text/html", undefined, `${path} with hostile postings`);
    }
  });

  it("the résumé: pasted text, and uploaded files with hostile names and contents", async () => {
    for (const [label, value] of TEXT) {
      await exercise({
        what: `/resume save: ${label}`,
        payload: value,
        send: () => owner.client.post("/resume", { intent: "save", content: `${RESUME_TEXT}\n${value}` }),
        shownOn: shownToOwner("/resume", "/resume/delete"),
      });
      await exercise({
        what: `/resume save alone: ${label}`,
        payload: value,
        send: () => owner.client.post("/resume", { intent: "save", content: value }),
      });
      const upload = new FormData();
      upload.set("intent", "upload");
      upload.set("file", new File([`${RESUME_TEXT}\n${value}`], `${value.slice(0, 200)}.txt`, { type: "text/plain" }));
      await exercise({
        what: `/resume upload name and content: ${label}`,
        payload: value,
        except: RATE_LIMITED, // every upload takes a slot of the hourly allowance, refused or not
        send: () => owner.client.post("/resume", upload),
      });
    }
  });

  it("settings: API key, provider, password change and account deletion", async () => {
    for (const [label, value] of TEXT) {
      await exercise({
        what: `/settings save-api-key: ${label}`,
        payload: value,
        send: () => owner.client.post("/settings", { intent: "save-api-key", apiKey: value }),
        shownOn: shownToOwner("/settings"),
      });
      await exercise({
        what: `/settings save-api-key sk-prefixed: ${label}`,
        payload: value,
        send: () => owner.client.post("/settings", { intent: "save-api-key", apiKey: `sk-test-${value}` }),
        shownOn: shownToOwner("/settings"),
      });
      for (const field of ["model", "baseUrl"]) {
        await exercise({
          what: `/settings save-provider ${field}: ${label}`,
          payload: value,
          send: () => owner.client.post("/settings", { intent: "save-provider", model: "", baseUrl: "", [field]: value }),
          shownOn: shownToOwner("/settings"),
        });
      }
    }
    for (const [label, value] of SHORT) {
      // A wrong current password: nothing may change whatever the new one is.
      // A password check takes a slot of the sign-in limit (rate_limits): bookkeeping, not data.
      await exercise({
        what: `/settings change-password new: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () =>
          owner.client.post("/settings", {
            intent: "change-password",
            currentPassword: "not my password",
            newPassword: value,
            confirmPassword: value,
          }),
      });
      await exercise({
        what: `/settings delete-account password: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => owner.client.post("/settings", { intent: "delete-account", password: value, confirm: "delete" }),
      });
      await exercise({
        what: `/settings delete-account confirmation: ${label}`,
        payload: value,
        send: () => owner.client.post("/settings", { intent: "delete-account", password: TEST_PASSWORD, confirm: value }),
      });
      await exercise({ what: `/settings intent: ${label}`, payload: value, send: () => owner.client.post("/settings", { intent: value }) });
    }
    // The wrong passwords above used up the owner's sign-in allowance: give it back for the rest of the file.
    await app.db.rateLimit.deleteMany({ where: { key: `login_email:${owner.email}` } });
    // Put a working key back for the rest of the file.
    expect((await owner.client.post("/settings", { intent: "save-api-key", apiKey: "sk-test-working-key-0000" })).status).toBe(200);
    expect((await owner.client.post("/settings", { intent: "save-provider", model: "", baseUrl: "" })).status).toBe(200);
  });

  it("settings: voice (issue 18)", async () => {
    const voice = {
      intent: "voice",
      transcriptionModel: "whisper-1",
      readAloud: "browser",
      speechModel: "tts-1",
      speechVoice: "nova",
      maxRecordingSeconds: "120",
    };
    for (const [label, value] of SHORT) {
      for (const field of ["transcriptionModel", "readAloud", "speechModel", "speechVoice", "maxRecordingSeconds"]) {
        await exercise({
          what: `/settings voice ${field}: ${label}`,
          payload: value,
          send: () => owner.client.post("/settings", { ...voice, [field]: value }),
          shownOn: shownToOwner("/settings"),
        });
      }
      await exercise({
        what: `/settings delete-recording: ${label}`,
        payload: value,
        send: () => owner.client.post("/settings", { intent: "delete-recording", recordingId: value }),
      });
    }
  });

  it("the interview page: answers, drafts, retries and unknown intents", async () => {
    for (const [label, value] of TEXT) {
      const open = await openInterview();
      await exercise({
        what: `/interviews/:id answer: ${label}`,
        payload: value,
        send: () => owner.client.post(`/interviews/${open.sessionId}`, { intent: "answer", questionId: open.questionId, answer: value }),
        shownOn: shownToOwner(`/interviews/${open.sessionId}`),
      });
      await exercise({
        what: `/interviews/:id save-draft: ${label}`,
        payload: value,
        send: () =>
          owner.client.post(`/interviews/${owner.sessions.active}`, {
            intent: "save-draft",
            questionId: owner.openQuestionId,
            answer: value,
          }),
        shownOn: shownToOwner(`/interviews/${owner.sessions.active}`),
      });
    }
    for (const [label, value] of SHORT) {
      const id = owner.sessions.active;
      await exercise({
        what: `/interviews/:id intent: ${label}`,
        payload: value,
        send: () => owner.client.post(`/interviews/${id}`, { intent: value }),
      });
      await exercise({
        what: `/interviews/:id retry id: ${label}`,
        payload: value,
        send: () => owner.client.post(`/interviews/${id}`, { intent: "retry", operationId: value }),
      });
      await exercise({
        what: `/interviews/:id answer's question id: ${label}`,
        payload: value,
        send: () => owner.client.post(`/interviews/${id}`, { intent: "answer", questionId: value, answer: "An answer" }),
      });
      await exercise({
        what: `/interviews/:id/feedback intent: ${label}`,
        payload: value,
        send: () => owner.client.post(`/interviews/${owner.sessions.unscored}/feedback`, { intent: value }),
      });
      await exercise({
        what: `/interviews/:id/feedback retry id: ${label}`,
        payload: value,
        send: () => owner.client.post(`/interviews/${owner.sessions.unscored}/feedback`, { intent: "retry", operationId: value }),
      });
      await exercise({
        what: `/jobs/:id/progress retake session: ${label}`,
        payload: value,
        send: () => owner.client.post(`/jobs/${owner.postingId}/progress`, { intent: "retake", sessionId: value }),
      });
      for (const field of ["jobPostingId", "targetQuestions", "focus"]) {
        const form = { jobPostingId: owner.postingId, targetQuestions: "5", focus: "balanced", [field]: value };
        await exercise({
          what: `/interviews/new ${field}: ${label}`,
          payload: value,
          send: () => owner.client.post("/interviews/new", form),
        });
      }
    }
  });

  it("sign-up, sign-in and password reset", async () => {
    for (const [label, value] of SHORT) {
      const visitor = app.client();
      await exercise({
        what: `/register email: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => visitor.post("/register", { email: value, password: TEST_PASSWORD }),
      });
      const newcomer = app.client();
      await exercise({
        what: `/register password: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => newcomer.post("/register", { email: `hostile-${inputs}-${Date.now()}@example.com`, password: value }),
        shownOn: () => [[newcomer, "/settings"]],
      });
      await exercise({
        what: `/login email: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => app.client().post("/login", { email: value, password: TEST_PASSWORD }),
      });
      await exercise({
        what: `/login password: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => app.client().post("/login", { email: owner.email, password: value }),
      });
      await exercise({
        what: `/forgot-password email: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => app.client().post("/forgot-password", { email: value }),
      });
      await exercise({
        what: `/reset-password token: ${label}`,
        payload: value,
        send: () =>
          app.client().post("/reset-password", { token: value, password: "a brand new passphrase", confirm: "a brand new passphrase" }),
      });
      await exercise({
        what: `/reset-password?token=: ${label}`,
        payload: value,
        send: () => app.client().get(`/reset-password?token=${q(value)}`),
      });
    }
  });

  it("where to go after signing in (redirectTo)", async () => {
    for (const [label, value] of TEXT) {
      await exercise({
        what: `/login?redirectTo=: ${label}`,
        payload: value,
        send: () => app.client().get(`/login?redirectTo=${q(value)}`),
      });
    }
    for (const [label, value] of SHORT) {
      // A real sign-in that asks to be sent somewhere hostile lands on a page of ours.
      await exercise({
        what: `/login redirectTo after sign-in: ${label}`,
        payload: value,
        except: ["auth_sessions", ...RATE_LIMITED],
        send: () => app.client().post("/login", { email: owner.email, password: TEST_PASSWORD, redirectTo: value }),
      });
    }
    for (const target of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "/%0d%0aSet-Cookie:x=1",
      "/\t/evil.example",
      " /jobs",
    ]) {
      const res = await app.client().post("/login", { email: owner.email, password: TEST_PASSWORD, redirectTo: target });
      inputs++;
      expect(res.status).toBe(302);
      expect(res.headers.get("location"), target).toMatch(/^\/(?![/\\])/);
      expect(res.headers.get("set-cookie") ?? "", target).not.toContain("x=1");
    }
  });

  it("history filters and other query strings", async () => {
    for (const [label, value] of TEXT) {
      for (const param of ["job"]) {
        await exercise({
          what: `/interviews?${param}=: ${label}`,
          payload: value,
          send: () => owner.client.get(`/interviews?${param}=${q(value)}&range=custom`),
        });
      }
    }
    for (const [label, value] of SHORT) {
      for (const param of ["status", "range", "from", "to", "page"]) {
        await exercise({
          what: `/interviews?${param}=: ${label}`,
          payload: value,
          send: () => owner.client.get(`/interviews?${param}=${q(value)}&range=custom`),
        });
      }
      await exercise({
        what: `/interviews/new?jobId=: ${label}`,
        payload: value,
        send: () => owner.client.get(`/interviews/new?jobId=${q(value)}`),
      });
      await exercise({
        what: `/jobs/:id?notice=: ${label}`,
        payload: value,
        send: () => owner.client.get(`/jobs/${owner.postingId}?notice=${q(value)}`),
      });
      await exercise({ what: `path segment: ${label}`, payload: value, send: () => owner.client.get(`/jobs/${q(value.slice(0, 2000))}`) });
    }
  });

  it("forms with duplicated, missing, oddly named and prototype-polluting fields", async () => {
    const id = owner.sessions.active;
    const cases: Array<[string, string, URLSearchParams]> = [
      [
        "duplicated intent (pause + delete-account)",
        `/interviews/${id}`,
        new URLSearchParams([
          ["intent", "save-draft"],
          ["intent", "delete-account"],
          ["questionId", owner.openQuestionId],
          ["answer", "x"],
        ]),
      ],
      [
        "duplicated settings intent",
        "/settings",
        new URLSearchParams([
          ["intent", "remove-api-key"],
          ["intent", "delete-account"],
          ["password", TEST_PASSWORD],
          ["confirm", "delete"],
        ]),
      ],
      [
        "duplicated title",
        "/jobs/new",
        new URLSearchParams([
          ["title", "First"],
          ["title", "<script>alert('xss-1')</script>"],
          ["description", POSTING.description],
        ]),
      ],
      [
        "duplicated description",
        "/jobs/new",
        new URLSearchParams([
          ["title", "T"],
          ["description", POSTING.description],
          ["description", "short"],
        ]),
      ],
      [
        "duplicated résumé content",
        "/resume",
        new URLSearchParams([
          ["intent", "save"],
          ["content", RESUME_TEXT],
          ["content", "x"],
        ]),
      ],
      ["missing everything (posting)", "/jobs/new", new URLSearchParams()],
      ["missing everything (interview)", `/interviews/${id}`, new URLSearchParams()],
      ["missing everything (settings)", "/settings", new URLSearchParams()],
      ["missing everything (résumé)", "/resume", new URLSearchParams()],
      ["missing everything (start)", "/interviews/new", new URLSearchParams()],
      ["missing everything (feedback)", `/interviews/${owner.sessions.unscored}/feedback`, new URLSearchParams()],
      ["missing everything (progress)", `/jobs/${owner.postingId}/progress`, new URLSearchParams()],
      [
        "missing the answer",
        `/interviews/${id}`,
        new URLSearchParams([
          ["intent", "answer"],
          ["questionId", owner.openQuestionId],
        ]),
      ],
      [
        "__proto__ field",
        "/jobs/new",
        new URLSearchParams([
          ["__proto__", "x"],
          ["__proto__[polluted]", "yes"],
          ["title", "T"],
          ["description", POSTING.description],
        ]),
      ],
      [
        "constructor.prototype field",
        "/jobs/new",
        new URLSearchParams([
          ["constructor[prototype][polluted]", "yes"],
          ["constructor.prototype.polluted", "yes"],
          ["title", "T"],
          ["description", POSTING.description],
        ]),
      ],
      [
        "__proto__.polluted field",
        "/settings",
        new URLSearchParams([
          ["intent", "save-provider"],
          ["__proto__.polluted", "yes"],
          ["model", "gpt-4o"],
        ]),
      ],
      [
        "array-style names",
        "/jobs/new",
        new URLSearchParams([
          ["title[0]", "a"],
          ["title[]", "b"],
          ["description[x]", "c"],
        ]),
      ],
      ["10,000 fields", "/jobs/new", new URLSearchParams(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, "v"]))],
    ];
    for (const [what, path, form] of cases) await exercise({ what: `${what} → ${path}`, send: () => owner.client.post(path, form) });
    expect(({} as Record<string, unknown>).polluted, "Object.prototype was polluted").toBeUndefined();
  });

  it("wrong content types on every form", async () => {
    const paths = [
      "/jobs/new",
      `/jobs/${owner.postingId}/edit`,
      "/settings",
      "/resume",
      `/interviews/${owner.sessions.active}`,
      "/interviews/new",
      "/register",
      "/login",
      "/forgot-password",
      "/reset-password",
    ];
    const bodies: Array<[string, string]> = [
      ["application/json", JSON.stringify({ intent: "pause", title: "T" })],
      ["text/plain", "intent=pause"],
      ["text/xml", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"],
      ["multipart/form-data; boundary=zzz", "garbage without any boundary"],
      ["application/x-www-form-urlencoded; charset=utf-16", "t\u0000i\u0000t\u0000l\u0000e\u0000"],
    ];
    for (const path of paths) {
      for (const [type, body] of bodies) {
        const client = ["/register", "/login", "/forgot-password", "/reset-password"].includes(path) ? app.client() : owner.client;
        await exercise({
          what: `${path} as ${type}`,
          except: RATE_LIMITED,
          send: () => client.request(path, { method: "POST", body, headers: { "content-type": type } }),
        });
      }
    }
  });
});

describe("hostile inputs: JSON API", { timeout: 300_000 }, () => {
  const api = () => owner.api;

  it("job postings (create and change): every field, as text and as the wrong JSON type", async () => {
    for (const [label, value] of TEXT) {
      const fields = SHORT.some(([l]) => l === label)
        ? ["title", "company", "description", "tech_stack", "url", "experience_level"]
        : ["title", "description", "tech_stack"];
      for (const field of fields) {
        const body = { ...postingJson, [field]: field === "description" ? `${POSTING.description} ${value}` : value };
        await exercise({
          what: `POST /api/v1/job-postings ${field}: ${label}`,
          payload: value,
          send: () => api().json("POST", "/api/v1/job-postings", body),
          shownOn: (_res, created) => [[owner.client, `/jobs/${(JSON.parse(created) as { id: string }).id}`]],
        });
      }
      await exercise({
        what: `PUT /api/v1/job-postings/:id title: ${label}`,
        payload: value,
        send: () => api().json("PUT", `/api/v1/job-postings/${owner.postingId}`, { title: value }),
        shownOn: shownToOwner(`/jobs/${owner.postingId}`),
      });
      await exercise({
        what: `POST /api/v1/job-postings tech_stack item: ${label}`,
        payload: value,
        send: () => api().json("POST", "/api/v1/job-postings", { ...postingJson, tech_stack: [value, value, "Go"] }),
      });
    }
    const wrongTypes: unknown[] = [
      123,
      -1,
      1e308,
      true,
      null,
      [],
      {},
      ["a", 1],
      { nested: { deeper: [1, { x: "y" }] } },
      "x".repeat(300_000),
    ];
    for (const value of wrongTypes) {
      for (const field of ["title", "company", "description", "tech_stack", "url", "experience_level"]) {
        await exercise({
          what: `POST /api/v1/job-postings ${field} = ${JSON.stringify(value).slice(0, 40)}`,
          send: () => api().json("POST", "/api/v1/job-postings", { ...postingJson, [field]: value }),
        });
      }
    }
    await exercise({
      what: "tech_stack of 10,000 items",
      send: () =>
        api().json("POST", "/api/v1/job-postings", { ...postingJson, tech_stack: Array.from({ length: 10_000 }, (_, i) => `t${i}`) }),
    });
    await exercise({ what: "PUT with no field", send: () => api().json("PUT", `/api/v1/job-postings/${owner.postingId}`, {}) });
  });

  it("résumé, API key, sessions, answers and retakes", async () => {
    for (const [label, value] of TEXT) {
      await exercise({
        what: `PUT /api/v1/resumes/me: ${label}`,
        payload: value,
        send: () => api().json("PUT", "/api/v1/resumes/me", { content: `${RESUME_TEXT} ${value}` }),
        shownOn: shownToOwner("/resume"),
      });
      await exercise({
        what: `POST /api/v1/resumes (one exists): ${label}`,
        payload: value,
        send: () => api().json("POST", "/api/v1/resumes", { content: value }),
      });
      await exercise({
        what: `PUT /api/v1/users/me/api-key: ${label}`,
        payload: value,
        send: () => api().json("PUT", "/api/v1/users/me/api-key", { api_key: `sk-test-${value}` }),
        shownOn: shownToOwner("/settings"),
      });
      const open = await openInterview();
      await exercise({
        what: `POST /api/v1/sessions/:id/answers: ${label}`,
        payload: value,
        send: () => api().json("POST", `/api/v1/sessions/${open.sessionId}/answers`, { answer_text: value, question_id: open.questionId }),
        shownOn: shownToOwner(`/interviews/${open.sessionId}`),
      });
      const file = new FormData();
      file.set("file", new File([`${RESUME_TEXT} ${value}`], `${value.slice(0, 200)}.md`, { type: "text/markdown" }));
      await exercise({
        what: `POST /api/v1/resumes/me/file name and content: ${label}`,
        payload: value,
        except: RATE_LIMITED, // every upload takes a slot of the hourly allowance, refused or not
        send: () => api().post("/api/v1/resumes/me/file", file),
      });
    }
    for (const [label, value] of SHORT) {
      for (const field of ["job_posting_id", "target_questions", "focus"]) {
        await exercise({
          what: `POST /api/v1/sessions ${field}: ${label}`,
          payload: value,
          send: () => api().json("POST", "/api/v1/sessions", { job_posting_id: owner.postingId, [field]: value }),
        });
      }
      await exercise({
        what: `POST /api/v1/sessions/:id/answers question_id: ${label}`,
        payload: value,
        send: () => api().json("POST", `/api/v1/sessions/${owner.sessions.active}/answers`, { answer_text: "x", question_id: value }),
      });
      await exercise({
        what: `POST /api/v1/sessions/:id/retake repeat_questions: ${label}`,
        payload: value,
        send: () => api().json("POST", `/api/v1/sessions/${owner.sessions.completed}/retake`, { repeat_questions: value }),
      });
      for (const param of ["status", "job_posting_id", "from", "to", "page", "page_size"]) {
        await exercise({
          what: `GET /api/v1/sessions?${param}=: ${label}`,
          payload: value,
          send: () => api().get(`/api/v1/sessions?${param}=${q(value)}`),
        });
      }
    }
    for (const value of [0, 2, 16, 3.5, -3, 1e308, "5", null, [], {}, true]) {
      await exercise({
        what: `target_questions = ${JSON.stringify(value)}`,
        send: () => api().json("POST", "/api/v1/sessions", { job_posting_id: owner.postingId, target_questions: value }),
      });
    }
  });

  // issue 18: the voice settings on PATCH /users/me, and the kept recordings by a hostile id.
  it("voice settings and recordings", async () => {
    for (const [label, value] of SHORT) {
      for (const field of [
        "transcription_model",
        "read_aloud",
        "speech_model",
        "speech_voice",
        "max_recording_seconds",
        "keep_recordings",
      ]) {
        await exercise({
          what: `PATCH /api/v1/users/me voice.${field}: ${label}`,
          payload: value,
          send: () => api().json("PATCH", "/api/v1/users/me", { voice: { [field]: value } }),
          shownOn: shownToOwner("/settings"),
        });
      }
      for (const [method, path] of [
        ["GET", `/api/v1/recordings/${q(value)}`],
        ["GET", `/api/v1/recordings/${q(value)}/audio`],
        ["DELETE", `/api/v1/recordings/${q(value)}`],
      ] as const) {
        await exercise({ what: `${method} ${path.slice(0, 60)}: ${label}`, payload: value, send: () => api().request(path, { method }) });
      }
    }
    for (const value of [0, 29, 601, 90.5, -1, 1e308, "90", null, [], {}, true]) {
      await exercise({
        what: `voice.max_recording_seconds = ${JSON.stringify(value)}`,
        send: () => api().json("PATCH", "/api/v1/users/me", { voice: { max_recording_seconds: value } }),
      });
    }
    // Back to the defaults for the rest of the file.
    const reset = await api().json("PATCH", "/api/v1/users/me", {
      voice: { transcription_model: "gpt-4o-mini-transcribe", read_aloud: "off", speech_model: "gpt-4o-mini-tts", speech_voice: "alloy" },
    });
    expect(reset.status).toBe(200);
  });

  it("sign-up and sign-in", async () => {
    for (const [label, value] of SHORT) {
      await exercise({
        what: `POST /api/v1/auth/register email: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => app.client().json("POST", "/api/v1/auth/register", { email: value, password: TEST_PASSWORD }),
      });
      await exercise({
        what: `POST /api/v1/auth/register password: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () =>
          app.client().json("POST", "/api/v1/auth/register", { email: `api-hostile-${inputs}-${Date.now()}@example.com`, password: value }),
      });
      await exercise({
        what: `POST /api/v1/auth/login email: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => app.client().json("POST", "/api/v1/auth/login", { email: value, password: "x" }),
      });
      await exercise({
        what: `POST /api/v1/auth/login password: ${label}`,
        payload: value,
        except: RATE_LIMITED,
        send: () => app.client().json("POST", "/api/v1/auth/login", { email: owner.email, password: value }),
      });
    }
  });

  it("prototype-polluting keys, duplicated keys, missing fields, deep nesting and wrong content types", async () => {
    const raw =
      (method: string, path: string, body: string, type = "application/json") =>
      () =>
        api().request(path, { method, body, headers: { "content-type": type } });
    const posting = JSON.stringify(postingJson).slice(1, -1);
    const bodies: Array<[string, string]> = [
      ["__proto__ key", `{"__proto__": {"polluted": "yes", "isAdmin": true}, ${posting}}`],
      ["constructor.prototype key", `{"constructor": {"prototype": {"polluted": "yes"}}, ${posting}}`],
      ["__proto__ inside a field", `{"title": {"__proto__": {"polluted": "yes"}}, "description": "${POSTING.description}"}`],
      ["__proto__ in an array", `{"tech_stack": [{"__proto__": {"polluted": "yes"}}], ${posting}}`],
      ["prototype key", `{"prototype": {"polluted": "yes"}, ${posting}}`],
      [
        "duplicated keys (last wins)",
        `{"title": "first", "title": "<script>alert('xss-1')</script>", "description": "${POSTING.description}"}`,
      ],
      ["missing every field", "{}"],
      ["nested 10,000 deep", `${"[".repeat(10_000)}${"]".repeat(10_000)}`],
      ["object nested 5,000 deep", `{"title": ${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}, "description": "${POSTING.description}"}`],
      ["numbers at the edge", `{"title": 1e999, "description": -0}`],
      ["unicode escapes of a null byte", `{"title": "a\\u0000b", "description": "${POSTING.description}\\u0000"}`],
      ["an escaped lone surrogate", `{"title": "\\ud800", "description": "${POSTING.description}"}`],
    ];
    for (const [what, body] of bodies) {
      await exercise({ what: `POST /api/v1/job-postings ${what}`, send: raw("POST", "/api/v1/job-postings", body) });
      await exercise({ what: `PUT /api/v1/job-postings/:id ${what}`, send: raw("PUT", `/api/v1/job-postings/${owner.postingId}`, body) });
    }
    for (const path of ["/api/v1/resumes/me", "/api/v1/users/me/api-key"]) {
      await exercise({
        what: `PUT ${path} __proto__`,
        send: raw("PUT", path, `{"__proto__": {"polluted": "yes"}, "content": 1, "api_key": 2}`),
      });
    }
    const writes: Array<[string, string]> = [
      ["POST", "/api/v1/job-postings"],
      ["PUT", `/api/v1/job-postings/${owner.postingId}`],
      ["PUT", "/api/v1/resumes/me"],
      ["POST", "/api/v1/resumes"],
      ["PUT", "/api/v1/users/me/api-key"],
      ["POST", "/api/v1/sessions"],
      ["POST", `/api/v1/sessions/${owner.sessions.active}/answers`],
      ["POST", `/api/v1/sessions/${owner.sessions.completed}/retake`],
      ["POST", "/api/v1/auth/login"],
      ["POST", "/api/v1/auth/register"],
    ];
    const types: Array<[string, string]> = [
      ["text/plain", JSON.stringify(postingJson)],
      ["application/x-www-form-urlencoded", "title=T&description=D"],
      ["application/xml", "<posting><title>T</title></posting>"],
      ["multipart/form-data; boundary=x", "--x--"],
      ["application/json; charset=utf-16le", JSON.stringify(postingJson)],
      ["application/javascript", "alert(1)"],
    ];
    for (const [method, path] of writes) {
      for (const [type, body] of types) {
        await exercise({ what: `${method} ${path} as ${type}`, except: RATE_LIMITED, send: raw(method, path, body, type) });
      }
      await exercise({ what: `${method} ${path} without a body`, except: RATE_LIMITED, send: () => api().request(path, { method }) });
    }
    expect(({} as Record<string, unknown>).polluted, "Object.prototype was polluted").toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("exercised at least 200 hostile inputs", () => {
    expect(inputs).toBeGreaterThanOrEqual(200);
  });
});
