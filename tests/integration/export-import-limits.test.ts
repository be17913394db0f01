/**
 * Issue 20 — the limits of taking one's data along: exports and imports per
 * user per hour (rate-limiter-flexible on PostgreSQL; a clear 429 with
 * Retry-After on the page and in the API), and the import's file size: a file
 * just under the limit goes through in one request (page and API), one just
 * over it is refused cleanly with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAccountExport } from "../../app/export/account-export.server.ts";
import { IMPORT_MAX_BYTES } from "../../app/export/account-export.ts";
import { accountDataV2 } from "../fixtures/account-export-data.ts";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser } from "../support/users.ts";

const EXPORTS_PER_HOUR = 2;
const IMPORTS_PER_HOUR = 3;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: { RATE_LIMIT_EXPORTS_PER_HOUR: String(EXPORTS_PER_HOUR), RATE_LIMIT_IMPORTS_PER_HOUR: String(IMPORTS_PER_HOUR) },
  });
});
afterAll(() => app.close());

function upload(client: HttpClient, text: string) {
  const form = new FormData();
  form.set("file", new File([text], "export.json", { type: "application/json" }));
  return client.post("/settings/import", form);
}

/** A WAV file of exactly `bytes` bytes (a header and silence), as a kept recording may hold. */
function wavOf(bytes: number) {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, bytes - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 48_000, true);
  view.setUint32(28, 96_000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, bytes - 44, true);
  return out;
}

/** A valid export file just under the import limit: two kept recordings carry most of it. */
function exportNearTheLimit() {
  const data = accountDataV2();
  const interview = data.interviews[0]!;
  const kept = interview.recordings![0]!;
  const big = wavOf(24_000_000);
  const second = wavOf(12_500_000);
  interview.recordings = [
    { ...kept, byteLength: big.length, audioBase64: Buffer.from(big).toString("base64") },
    { ...kept, id: "00000000-0000-4000-8000-0000000000f1", byteLength: second.length, audioBase64: Buffer.from(second).toString("base64") },
  ];
  const document = buildAccountExport(data, {
    exportId: crypto.randomUUID(),
    now: new Date(),
    appVersion: "0.1.0",
    redact: false,
  });
  expect(document.interviews[0]!.recordings.every((r) => r.audioBase64 !== null)).toBe(true);
  return JSON.stringify(document);
}

describe("how often", () => {
  it("exports: a clear 429 with Retry-After once the hour's exports are used up, on the page and in the API, for that user only", async () => {
    const user = await signedInUser(app);
    for (let i = 0; i < EXPORTS_PER_HOUR; i++) expect((await user.client.post("/settings/export", {})).status).toBe(200);
    const page = await user.client.post("/settings/export", {});
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    const text = visibleText(await page.text());
    expect(text).toContain(`You have exported your data ${EXPORTS_PER_HOUR} times in the last hour. Please wait`);
    expect(text).toContain("Back to Settings");

    const api = await apiLogin(app, user.email);
    const refused = await api.get("/api/v1/export");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: "too_many_exports" } });

    const other = await signedInUser(app);
    expect((await other.client.post("/settings/export", {})).status).toBe(200);
  });

  it("imports: a clear 429 with Retry-After once the hour's uploads are used up, on the page and in the API, nothing read", async () => {
    const user = await signedInUser(app);
    for (let i = 0; i < IMPORTS_PER_HOUR; i++) expect((await upload(user.client, "{ not json")).status).toBe(422);
    const page = await upload(user.client, "{ not json");
    expect(page.status).toBe(429);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(visibleText(await page.text())).toContain(`You have uploaded ${IMPORTS_PER_HOUR} export files in the last hour. Please wait`);

    const api = await apiLogin(app, user.email);
    const refused = await api.json("POST", "/api/v1/imports", { format: "ai-interviewer/account-export" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: "too_many_imports" } });
    expect(await app.db.accountImport.count({ where: { userId: user.userId } })).toBe(0);
  });
});

describe("how large", () => {
  it("a file just under the limit is imported in one request (page and API); one just over it is refused cleanly, nothing written", async () => {
    const file = exportNearTheLimit();
    const size = Buffer.byteLength(file);
    expect(size).toBeGreaterThan(IMPORT_MAX_BYTES * 0.9);
    expect(size).toBeLessThan(IMPORT_MAX_BYTES);

    // The page: upload, preview, confirm.
    const viaPage = await signedInUser(app);
    const checked = await upload(viaPage.client, file);
    expect(checked.status).toBe(302);
    const previewUrl = checked.headers.get("location")!;
    expect(visibleText(await (await viaPage.client.get(previewUrl)).text())).toMatch(/recordings 2 0/);
    expect((await viaPage.client.post(previewUrl, {})).status).toBe(302);
    const clips = await app.db.audioClip.findMany({ where: { userId: viaPage.userId }, orderBy: { byteLength: "desc" } });
    expect(clips.map((c) => c.bytes?.length)).toEqual([24_000_000, 12_500_000]);

    // The API: the file as the body.
    const viaApi = await signedInUser(app);
    const api = await apiLogin(app, viaApi.email);
    const created = await api.json("POST", "/api/v1/imports", JSON.parse(file));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ create: { interviews: 2, recordings: 2 } });

    // Just over: the same file with trailing spaces (still valid JSON) past the limit.
    const tooLarge = file + " ".repeat(IMPORT_MAX_BYTES - size + 1);
    const refusedUser = await signedInUser(app);
    const refused = await upload(refusedUser.client, tooLarge);
    expect(refused.status).toBe(413);
    expect(visibleText(await refused.text())).toContain("The file is larger than 50 MB, so nothing was imported.");
    const refusedApi = await (
      await apiLogin(app, refusedUser.email)
    ).request("/api/v1/imports", {
      method: "POST",
      body: tooLarge,
      headers: { "content-type": "application/json" },
    });
    expect(refusedApi.status).toBe(413);
    expect(await refusedApi.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(await app.db.accountImport.count({ where: { userId: refusedUser.userId } })).toBe(0);
    expect(await app.db.interviewSession.count({ where: { userId: refusedUser.userId } })).toBe(0);
  }, 120_000);
});
