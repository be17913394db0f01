import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asFile, docxWithText, pdfWithoutText, pdfWithText, pngBytes, RESUME_LINES, textResume } from "../fixtures/resume-files.ts";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser, TEST_PASSWORD } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const RESUME = [
  "Grace Hopper — Staff Engineer",
  "Ten years building compilers, distributed systems and developer tools.",
  "Led the migration of a billing platform from COBOL to TypeScript.",
].join("\n");

const NO_TEXT_MESSAGE = "We couldn't find any text in this PDF — paste your résumé instead";

/** The page's HTML as text, and the raw HTML (for form fields). */
async function page(client: HttpClient, path = "/resume") {
  const res = await client.get(path);
  const html = await res.text();
  return { status: res.status, html, text: visibleText(html) };
}

/** The text inside the résumé editor's <textarea>, entities decoded. */
function editorText(html: string) {
  const match = html.match(/<textarea[^>]*name="content"[^>]*>([\s\S]*?)<\/textarea>/);
  expect(match, "the page has the résumé editor").not.toBeNull();
  return match![1]!
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function uploadForm(file: File) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", file);
  return form;
}

const fileForm = (file: File) => {
  const form = new FormData();
  form.set("file", file);
  return form;
};

async function saveResume(client: HttpClient, content = RESUME) {
  const res = await client.post("/resume", { intent: "save", content });
  expect(res.status).toBe(302);
  return res;
}

describe("the résumé page", () => {
  it("sends visitors who are not signed in to the login page", async () => {
    const res = await app.client().get("/resume");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fresume");
  });

  it("tells a new user they have no résumé yet and offers paste and upload", async () => {
    const { client } = await signedInUser(app);
    const { status, text, html } = await page(client);
    expect(status).toBe(200);
    expect(text).toContain("Your résumé");
    expect(text).toContain("You have no résumé yet");
    expect(text).toContain("Paste your résumé");
    expect(text).toContain("Upload a file");
    expect(html).toMatch(/<label[^>]*for="resume-editor-content"[^>]*>Résumé text<\/label>/);
    expect(html).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(html).toContain('accept=".pdf,.docx,.txt,.md');
    expect(text).not.toContain("Delete résumé");
  });

  it("saves pasted text trimmed with line breaks normalised, then shows it with word count and last-updated time", async () => {
    const { client, userId } = await signedInUser(app);
    const res = await client.post("/resume", { intent: "save", content: `\r\n   ${RESUME.replace(/\n/g, "\r\n")}   \r\n` });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/resume?notice=created");

    const saved = await app.db.resume.findUniqueOrThrow({ where: { userId } });
    expect(saved.content).toBe(RESUME);

    const { text, html } = await page(client, "/resume?notice=created");
    expect(text).toContain("Résumé saved.");
    expect(text).toMatch(/Last updated \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC · 25 words · 166 characters/);
    expect(text).toContain("Edit your résumé");
    expect(text).toContain("Delete résumé");
    expect(editorText(html)).toBe(RESUME);
  });

  it("replaces the text on edit and moves the last-updated time", async () => {
    const { client, userId } = await signedInUser(app);
    await saveResume(client);
    const before = await app.db.resume.findUniqueOrThrow({ where: { userId } });
    const edited = `${RESUME}\nAlso: mentoring, technical writing and conference talks.`;
    const res = await client.post("/resume", { intent: "save", content: edited });
    expect(res.headers.get("location")).toBe("/resume?notice=updated");
    const after = await app.db.resume.findUniqueOrThrow({ where: { userId } });
    expect(after.id).toBe(before.id);
    expect(after.content).toBe(edited);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect((await page(client, "/resume?notice=updated")).text).toContain("Résumé updated.");
  });

  it.each([
    ["empty", "", "Your résumé is empty. Paste its text or upload a file."],
    ["whitespace only", "   \r\n\t  \r\n ", "Your résumé is empty. Paste its text or upload a file."],
    ["too short", "Engineer, 5 years.", "That's only 18 characters. A résumé needs at least 50"],
    ["too long", "x".repeat(50_001), "That's 50,001 characters; the limit is 50,000."],
  ])("refuses %s text with a clear message and changes nothing", async (_case, content, message) => {
    const { client, userId } = await signedInUser(app);
    await saveResume(client);
    const before = await app.db.resume.findUniqueOrThrow({ where: { userId } });
    const res = await client.post("/resume", { intent: "save", content });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain(message);
    const after = await app.db.resume.findUniqueOrThrow({ where: { userId } });
    expect(after).toEqual(before);
  });

  it("accepts exactly 50 and exactly 50,000 characters", async () => {
    const { client, userId } = await signedInUser(app);
    await saveResume(client, "a".repeat(50));
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toHaveLength(50);
    await saveResume(client, "b".repeat(50_000));
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toHaveLength(50_000);
  });

  it("answers an unknown intent with a message, not a crash", async () => {
    const { client } = await signedInUser(app);
    const res = await client.post("/resume", { intent: "frobnicate" });
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("Unknown action. Reload the page and try again.");
  });
});

describe("deleting the résumé", () => {
  it("asks for confirmation on its own page, then deletes on POST", async () => {
    const { client, userId } = await signedInUser(app);
    await saveResume(client);

    const confirm = await page(client, "/resume/delete");
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("Delete your résumé?");
    expect(confirm.text).toMatch(/25 words, last updated/);
    expect(confirm.html).toMatch(/<form[^>]*action="\/resume\/delete"[^>]*method="post"/);
    expect(await app.db.resume.count({ where: { userId } })).toBe(1);

    const res = await client.post("/resume/delete", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/resume?notice=deleted");
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);
    expect((await page(client, "/resume?notice=deleted")).text).toContain("Résumé deleted.");
  });

  it("sends the confirmation page back to /resume when there is nothing to delete", async () => {
    const { client } = await signedInUser(app);
    const get = await client.get("/resume/delete");
    expect(get.status).toBe(302);
    expect(get.headers.get("location")).toBe("/resume");
    const post = await client.post("/resume/delete", {});
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toBe("/resume");
  });

  it("requires sign-in for the confirmation page and the deletion", async () => {
    expect((await app.client().get("/resume/delete")).headers.get("location")).toBe("/login?redirectTo=%2Fresume%2Fdelete");
    expect((await app.client().post("/resume/delete", {})).status).toBe(302);
  });
});

describe("uploading a résumé file on the page (works without JavaScript)", () => {
  it("extracts a PDF into the editor for review and saves nothing until Save", async () => {
    const { client, userId } = await signedInUser(app);
    const res = await client.post("/resume", uploadForm(asFile(pdfWithText(), "Grace CV.pdf", "application/pdf")));
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    expect(text).toContain("Review and save.");
    expect(text).toContain("We pulled 24 words out of “Grace CV.pdf”. Nothing is saved yet");
    expect(editorText(html)).toBe(RESUME_LINES.join("\n"));
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);

    // The reviewed text is saved by the editor form, exactly like pasted text.
    await saveResume(client, editorText(html));
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toBe(RESUME_LINES.join("\n"));
  });

  it("extracts a Word document and a text file", async () => {
    const { client } = await signedInUser(app);
    const docx = await client.post("/resume", uploadForm(asFile(await docxWithText(), "resume.docx")));
    expect(docx.status).toBe(200);
    const docxText = editorText(await docx.text());
    for (const line of RESUME_LINES) expect(docxText).toContain(line);

    const txt = await client.post("/resume", uploadForm(asFile(textResume(), "resume.txt", "text/plain")));
    expect(txt.status).toBe(200);
    expect(editorText(await txt.text())).toBe(RESUME_LINES.join("\n"));
  });

  it("keeps the saved résumé until the reviewed upload is saved, and says saving replaces it", async () => {
    const { client, userId } = await signedInUser(app);
    await saveResume(client);
    const res = await client.post("/resume", uploadForm(asFile(pdfWithText(), "new.pdf")));
    const html = await res.text();
    expect(visibleText(html)).toContain("Saving replaces your current résumé.");
    expect(editorText(html)).toBe(RESUME_LINES.join("\n"));
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toBe(RESUME);
  });

  it("shows the length problem of extracted text that is too short to save", async () => {
    const { client } = await signedInUser(app);
    const res = await client.post("/resume", uploadForm(asFile(new TextEncoder().encode("Just a name"), "short.md")));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(editorText(html)).toBe("Just a name");
    expect(visibleText(html)).toContain("That's only 11 characters. A résumé needs at least 50");
  });

  it("tells the user a PDF without a text layer can't be read, and saves nothing", async () => {
    const { client, userId } = await signedInUser(app);
    const res = await client.post("/resume", uploadForm(asFile(pdfWithoutText(), "scan.pdf", "application/pdf")));
    expect(res.status).toBe(422);
    expect(visibleText(await res.text())).toContain(NO_TEXT_MESSAGE);
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);
  });

  it("refuses a PNG renamed to resume.pdf, checked by content", async () => {
    const { client, userId } = await signedInUser(app);
    await saveResume(client);
    const res = await client.post("/resume", uploadForm(asFile(pngBytes(), "resume.pdf", "application/pdf")));
    expect(res.status).toBe(415);
    expect(visibleText(await res.text())).toContain("“resume.pdf” isn't a real PDF file: it is actually an image");
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toBe(RESUME);
  });

  it("refuses unsupported extensions, a missing file and files over 2 MB with clear messages", async () => {
    const { client, userId } = await signedInUser(app);
    const png = await client.post("/resume", uploadForm(asFile(pngBytes(), "photo.png", "image/png")));
    expect(png.status).toBe(400);
    expect(visibleText(await png.text())).toContain("We can read PDF, Word (.docx), .txt and .md files — “photo.png” is none of those");

    const none = new FormData();
    none.set("intent", "upload");
    none.set("file", new File([], ""));
    const missing = await client.post("/resume", none);
    expect(missing.status).toBe(400);
    expect(visibleText(await missing.text())).toContain("Choose a file to upload");

    const big = await client.post("/resume", uploadForm(asFile(new Uint8Array(2 * 1024 * 1024 + 100_000).fill(0x61), "big.txt")));
    expect(big.status).toBe(413);
    // Refused from its Content-Length without being read, so the connection is not kept alive.
    expect(big.headers.get("connection")).toBe("close");
    expect(visibleText(await big.text())).toContain("That file is larger than 2 MB.");
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);
  });
});

describe("JSON API: /api/v1/resumes", () => {
  it("requires authentication on every endpoint (401)", async () => {
    const anonymous = app.client();
    const calls = [
      anonymous.json("POST", "/api/v1/resumes", { content: RESUME }),
      anonymous.get("/api/v1/resumes/me"),
      anonymous.json("PUT", "/api/v1/resumes/me", { content: RESUME }),
      anonymous.request("/api/v1/resumes/me", { method: "DELETE" }),
      anonymous.post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithText(), "cv.pdf"))),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
  });

  it("refuses an upload from a signed-out client without reading it, closing the connection so the next request is not stalled", async () => {
    const anonymous = app.client();
    for (const [path, intent] of [
      ["/api/v1/resumes/me/file", null],
      ["/resume", "upload"],
    ] as const) {
      const form = fileForm(asFile(new Uint8Array(1_900_000).fill(0x61), "cv.txt"));
      if (intent) form.set("intent", intent);
      const res = await anonymous.post(path, form);
      expect(res.status).toBe(path === "/resume" ? 302 : 401);
      expect(res.headers.get("connection")).toBe("close");
      await res.arrayBuffer();
      expect((await anonymous.get("/healthz")).status).toBe(200);
    }
  });

  it("creates (201), reads (200), replaces (200) and deletes (204) the résumé", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);

    const missing = await api.get("/api/v1/resumes/me");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "Résumé not found." } });

    const created = await api.json("POST", "/api/v1/resumes", { content: `  ${RESUME}  ` });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/v1/resumes/me");
    const body = await created.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      content: RESUME,
      word_count: 25,
      character_count: RESUME.length,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const read = await api.get("/api/v1/resumes/me");
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(body);

    const replaced = await api.json("PUT", "/api/v1/resumes/me", { content: `${RESUME}\nNew line about Rust and WebAssembly work.` });
    expect(replaced.status).toBe(200);
    const replacedBody = await replaced.json();
    expect(replacedBody.id).toBe(body.id);
    expect(replacedBody.content).toContain("Rust and WebAssembly");
    expect(new Date(replacedBody.updated_at).getTime()).toBeGreaterThan(new Date(body.updated_at).getTime());
    expect(replacedBody.created_at).toBe(body.created_at);

    const deleted = await api.request("/api/v1/resumes/me", { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);
    expect((await api.get("/api/v1/resumes/me")).status).toBe(404);
  });

  it("answers 409 when a résumé already exists, and leaves it as it was", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    expect((await api.json("POST", "/api/v1/resumes", { content: RESUME })).status).toBe(201);
    const again = await api.json("POST", "/api/v1/resumes", { content: `${RESUME} and more, a second résumé` });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toEqual({
      code: "resume_exists",
      message: "You already have a résumé. Replace it with PUT /api/v1/resumes/me.",
    });
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toBe(RESUME);
  });

  it("answers 404 to PUT and DELETE when there is no résumé", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const put = await api.json("PUT", "/api/v1/resumes/me", { content: RESUME });
    expect(put.status).toBe(404);
    expect((await put.json()).error.code).toBe("not_found");
    expect((await api.json("PUT", "/api/v1/resumes/me", { content: "" })).status).toBe(404);
    const del = await api.request("/api/v1/resumes/me", { method: "DELETE" });
    expect(del.status).toBe(404);
    expect((await del.json()).error.code).toBe("not_found");
  });

  it("validates the content (422 with field messages), the media type (415) and the JSON (400)", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    for (const content of ["", "     \n\n   ", "short", "y".repeat(50_001)]) {
      const res = await api.json("POST", "/api/v1/resumes", { content });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe("validation_error");
      expect(body.error.fields.content[0]).toMatch(/empty|only \d+ characters|the limit is 50,000/);
    }
    const missingField = await api.json("POST", "/api/v1/resumes", {});
    expect(missingField.status).toBe(422);
    expect((await missingField.json()).error.fields.content).toEqual(["Your résumé is empty. Paste its text or upload a file."]);

    const textBody = await api.request("/api/v1/resumes", { method: "POST", body: RESUME, headers: { "content-type": "text/plain" } });
    expect(textBody.status).toBe(415);
    const malformed = await api.request("/api/v1/resumes", {
      method: "POST",
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);

    expect((await api.json("POST", "/api/v1/resumes", { content: RESUME })).status).toBe(201);
    const badPut = await api.json("PUT", "/api/v1/resumes/me", { content: "  " });
    expect(badPut.status).toBe(422);
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toBe(RESUME);
  });

  it("answers 405 to methods an endpoint does not have", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    expect((await api.get("/api/v1/resumes")).status).toBe(405);
    expect((await api.json("PATCH", "/api/v1/resumes/me", { content: RESUME })).status).toBe(405);
    expect((await api.get("/api/v1/resumes/me/file")).status).toBe(405);
  });

  it("also accepts the browser's session cookie", async () => {
    const { client } = await signedInUser(app);
    await saveResume(client);
    const res = await client.get("/api/v1/resumes/me");
    expect(res.status).toBe(200);
    expect((await res.json()).content).toBe(RESUME);
  });
});

describe("JSON API: POST /api/v1/resumes/me/file", () => {
  it("returns the text of a PDF, DOCX or text file without saving it; PUT then saves it", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    await api.json("POST", "/api/v1/resumes", { content: RESUME });

    const pdf = await api.post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithText(), "cv.pdf", "application/pdf")));
    expect(pdf.status).toBe(200);
    const body = await pdf.json();
    expect(body).toEqual({
      content: RESUME_LINES.join("\n"),
      file_name: "cv.pdf",
      file_type: "pdf",
      word_count: 24,
      character_count: RESUME_LINES.join("\n").length,
      saved: false,
    });
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toBe(RESUME);

    const docx = await api.post("/api/v1/resumes/me/file", fileForm(asFile(await docxWithText(), "cv.docx")));
    expect(docx.status).toBe(200);
    expect((await docx.json()).file_type).toBe("docx");
    const txt = await api.post("/api/v1/resumes/me/file", fileForm(asFile(textResume(), "cv.txt")));
    expect((await txt.json()).file_type).toBe("text");

    const confirmed = await api.json("PUT", "/api/v1/resumes/me", { content: body.content });
    expect(confirmed.status).toBe(200);
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId } })).content).toBe(RESUME_LINES.join("\n"));
  });

  it("works before the user has a résumé (confirm with POST /resumes)", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const res = await api.post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithText(), "cv.pdf")));
    expect(res.status).toBe(200);
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);
  });

  it("answers 422 for a PDF with no text, 415 for a renamed binary or an unknown type, 413 over 2 MB", async () => {
    const { email, userId } = await signedInUser(app);
    const api = await apiLogin(app, email);

    const scan = await api.post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithoutText(), "scan.pdf")));
    expect(scan.status).toBe(422);
    expect((await scan.json()).error).toEqual({ code: "no_text_found", message: `${NO_TEXT_MESSAGE}.` });

    const renamed = await api.post("/api/v1/resumes/me/file", fileForm(asFile(pngBytes(), "resume.pdf")));
    expect(renamed.status).toBe(415);
    expect((await renamed.json()).error.code).toBe("file_type_mismatch");

    const unknown = await api.post("/api/v1/resumes/me/file", fileForm(asFile(pngBytes(), "resume.png")));
    expect(unknown.status).toBe(415);
    expect((await unknown.json()).error.code).toBe("unsupported_file_type");

    // Just over the limit: the body is read and the file's own size refused.
    const big = await api.post("/api/v1/resumes/me/file", fileForm(asFile(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61), "big.txt")));
    expect(big.status).toBe(413);
    expect((await big.json()).error).toEqual({ code: "file_too_large", message: expect.stringContaining("larger than 2 MB") });
    // Far over: refused from Content-Length alone, and the connection is closed rather than reused.
    const huge = await api.post("/api/v1/resumes/me/file", fileForm(asFile(new Uint8Array(5 * 1024 * 1024).fill(0x61), "huge.txt")));
    expect(huge.status).toBe(413);
    expect(huge.headers.get("connection")).toBe("close");
    expect((await huge.json()).error.code).toBe("payload_too_large");
    expect(await app.db.resume.count({ where: { userId } })).toBe(0);
  });

  it("refuses a body over the limit even without a Content-Length (streamed)", async () => {
    const { email } = await signedInUser(app);
    const login = await app.client().json("POST", "/api/v1/auth/login", { email, password: TEST_PASSWORD });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const encoded = new Response(fileForm(asFile(new Uint8Array(3 * 1024 * 1024).fill(0x61), "big.txt")));
    const res = await fetch(new URL("/api/v1/resumes/me/file", app.url), {
      method: "POST",
      body: encoded.body,
      headers: { "content-type": encoded.headers.get("content-type")!, authorization: `Bearer ${token}` },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("answers 415 to a body that is not multipart and 422 when the file field is missing", async () => {
    const { email } = await signedInUser(app);
    const api = await apiLogin(app, email);
    const json = await api.json("POST", "/api/v1/resumes/me/file", { content: RESUME });
    expect(json.status).toBe(415);
    expect((await json.json()).error.code).toBe("unsupported_media_type");

    const form = new FormData();
    form.set("other", "value");
    const missing = await api.post("/api/v1/resumes/me/file", form);
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields.file).toEqual(["Attach your résumé in a field named “file”."]);
  });
});

describe("ownership: one user never sees or changes another's résumé", () => {
  it("keeps user A's résumé out of reach of user B through every page and endpoint", async () => {
    const a = await signedInUser(app);
    await saveResume(a.client, `${RESUME}\nSECRET-MARKER-A`);
    const before = await app.db.resume.findUniqueOrThrow({ where: { userId: a.userId } });

    const b = await signedInUser(app);
    const bApi = await apiLogin(app, b.email);

    const bPage = await page(b.client);
    expect(bPage.html).not.toContain("SECRET-MARKER-A");
    expect(bPage.text).toContain("You have no résumé yet");
    expect((await b.client.get("/resume/delete")).headers.get("location")).toBe("/resume");
    await b.client.post("/resume/delete", {});

    expect((await bApi.get("/api/v1/resumes/me")).status).toBe(404);
    expect((await bApi.json("PUT", "/api/v1/resumes/me", { content: `${RESUME} overwritten by B` })).status).toBe(404);
    expect((await bApi.request("/api/v1/resumes/me", { method: "DELETE" })).status).toBe(404);

    // B saving their own résumé creates B's, and never touches A's.
    await saveResume(b.client, `${RESUME}\nB's own`);
    expect(await app.db.resume.findUniqueOrThrow({ where: { userId: a.userId } })).toEqual(before);
    expect((await app.db.resume.findUniqueOrThrow({ where: { userId: b.userId } })).content).toContain("B's own");
  });
});
