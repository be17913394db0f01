/**
 * Issue 15, item 1: hostile résumé files from an outside test. A 300 KB .docx
 * that unpacks to 100 MB took the web process down (event loop blocked for
 * over a minute, then out of memory), and a small PDF with a huge content
 * stream stalled it for seconds. Each must now be refused with a clear
 * message, save nothing, and leave the app answering everyone else while it
 * is being dealt with. The app runs in this test's own process, so a blocked
 * event loop would hold up the probes below too.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asFile,
  docxBomb,
  docxWithText,
  pdfWithHugeContentStream,
  pdfWithText,
  RESUME_LINES,
  withLyingZipSizes,
} from "../fixtures/resume-files.ts";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signUp } from "../support/users.ts";

let app: TestApp;
let honestBomb: Uint8Array;
let lyingBomb: Uint8Array;

beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
  honestBomb = await docxBomb();
  lyingBomb = withLyingZipSizes(honestBomb);
});
afterAll(() => app?.close());

const SAVED = "Grace Hopper — Staff Engineer. Ten years of compilers, distributed systems and developer tools.";

const fileForm = (file: File, intent?: string) => {
  const form = new FormData();
  if (intent) form.set("intent", intent);
  form.set("file", file);
  return form;
};

/** A signed-in user with a saved résumé, and an API client for them. */
async function userWithResume() {
  const user = await signUp(app);
  expect((await user.client.post("/resume", { intent: "save", content: SAVED })).status).toBe(302);
  return { ...user, api: await apiLogin(app, user.email) };
}

async function savedResume(userId: string) {
  return (await app.db.resume.findUniqueOrThrow({ where: { userId } })).content;
}

/**
 * A real .docx with a second word/document.xml after the entries its ZIP end record counts:
 * 50 MB of XML claiming 1,000 bytes. JSZip (mammoth's reader) reads on past the count, keeps the
 * later entry of a name and inflates all of it; a check that stops at the count never sees it.
 */
async function docxHidingABomb() {
  const zip = await JSZip.loadAsync(await docxWithText());
  zip.file("word/documenX.xml", " ".repeat(50 * 1024 * 1024)); // JSZip writes no name twice: renamed below
  const bytes = withLyingZipSizes(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), "word/documenX.xml", 1_000);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buffer.indexOf("word/documenX.xml"); at >= 0; at = buffer.indexOf("word/documenX.xml", at + 1))
    buffer.write("word/document.xml", at);
  const end = buffer.length - 22; // JSZip writes no archive comment
  buffer.writeUInt16LE(buffer.readUInt16LE(end + 8) - 1, end + 8); // entries on this disk
  buffer.writeUInt16LE(buffer.readUInt16LE(end + 10) - 1, end + 10); // entries in all
  return bytes;
}

describe("ZIP bombs dressed as Word documents", () => {
  it("sizes the bombs as the outside test did: ~300 KB that unpacks to ~100 MB", () => {
    expect(honestBomb.byteLength).toBeLessThan(400 * 1024);
    expect(lyingBomb.byteLength).toBe(honestBomb.byteLength);
  });

  it("refuses a .docx that declares it unpacks to ~100 MB with 413, on the API and the page, saving nothing", async () => {
    const { api, client, userId } = await userWithResume();

    const viaApi = await api.post("/api/v1/resumes/me/file", fileForm(asFile(honestBomb, "resume.docx")));
    expect(viaApi.status).toBe(413);
    const body = await viaApi.json();
    expect(body.error.code).toBe("unpacked_too_large");
    expect(body.error.message).toContain("This Word document unpacks to more than 20 MB");

    const viaPage = await client.post("/resume", fileForm(asFile(honestBomb, "resume.docx"), "upload"));
    expect(viaPage.status).toBe(413);
    expect(visibleText(await viaPage.text())).toContain("This Word document unpacks to more than 20 MB");

    expect(await savedResume(userId)).toBe(SAVED);
  });

  it("refuses a .docx whose central directory lies about its sizes (413), stopping the inflation at what it declared", async () => {
    const { api, client, userId } = await userWithResume();

    const viaApi = await api.post("/api/v1/resumes/me/file", fileForm(asFile(lyingBomb, "resume.docx")));
    expect(viaApi.status).toBe(413);
    expect((await viaApi.json()).error.code).toBe("unpacked_too_large");

    const viaPage = await client.post("/resume", fileForm(asFile(lyingBomb, "resume.docx"), "upload"));
    expect(viaPage.status).toBe(413);
    expect(visibleText(await viaPage.text())).toContain("This Word document unpacks to more than 20 MB");

    expect(await savedResume(userId)).toBe(SAVED);
    // The extraction threads are fine: a real upload still works.
    const ok = await api.post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithText(), "cv.pdf")));
    expect(ok.status).toBe(200);
  });

  it("refuses a .docx hiding a bomb after the entries its ZIP directory counts as it refuses a damaged one, saving nothing", async () => {
    const { api, client, userId } = await userWithResume();
    // What a damaged Word document gets: one cut short, as by a broken download.
    const real = await docxWithText();
    const damaged = await api.post("/api/v1/resumes/me/file", fileForm(asFile(real.subarray(0, real.length - 10), "resume.docx")));
    const damagedBody = await damaged.json();
    expect(damagedBody.error.message).toContain("damaged");

    const hiding = await docxHidingABomb();
    const viaApi = await api.post("/api/v1/resumes/me/file", fileForm(asFile(hiding, "resume.docx")));
    expect(viaApi.status).toBe(damaged.status);
    expect(await viaApi.json()).toEqual(damagedBody);

    const viaPage = await client.post("/resume", fileForm(asFile(hiding, "resume.docx"), "upload"));
    expect(viaPage.status).toBe(damaged.status);
    expect(visibleText(await viaPage.text())).toContain(damagedBody.error.message);

    expect(await savedResume(userId)).toBe(SAVED);
  });
});

describe("a PDF that would take far longer to read than any résumé", () => {
  it("is stopped at the time limit with 422 while /healthz and another user's pages keep answering; a later upload works", async () => {
    const attacker = await userWithResume();
    const other = await userWithResume();
    const otherClient: HttpClient = other.client;
    // Warm up: the extraction code is loaded and a thread is running before the hostile upload.
    expect((await attacker.api.post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithText(), "cv.pdf")))).status).toBe(200);

    let uploadAnswered = false;
    const upload = attacker.api
      .post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithHugeContentStream(), "resume.pdf", "application/pdf")))
      .finally(() => (uploadAnswered = true));

    // One after another, as a monitor and a person would: every answer must arrive while the upload is still pending.
    const answeredWhilePending: string[] = [];
    for (let round = 0; round < 10; round++) {
      const health = await app.client().get("/healthz");
      expect(health.status).toBe(200);
      expect(uploadAnswered, `/healthz (round ${round}) answered only after the upload`).toBe(false);
      answeredWhilePending.push("healthz");

      const page = await otherClient.get("/resume");
      expect(page.status).toBe(200);
      expect(visibleText(await page.text())).toContain("Grace Hopper");
      expect(uploadAnswered, `the other user's page (round ${round}) answered only after the upload`).toBe(false);
      answeredWhilePending.push("page");
    }
    expect(answeredWhilePending).toHaveLength(20);

    const refused = await upload;
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.code).toBe("document_too_complex");
    expect(body.error.message).toContain("This file took too long to read");
    expect(await savedResume(attacker.userId)).toBe(SAVED);

    // The thread stopped at the limit was replaced: the next upload is read as usual.
    const after = await attacker.api.post("/api/v1/resumes/me/file", fileForm(asFile(pdfWithText(), "cv.pdf")));
    expect(after.status).toBe(200);
    expect((await after.json()).content).toBe(RESUME_LINES.join("\n"));
  });
});
