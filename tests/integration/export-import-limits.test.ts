/**
 * Issue 20 — the limits of taking one's data along: exports and imports per
 * user per hour (rate-limiter-flexible on PostgreSQL; a clear 429 with
 * Retry-After on the page and in the API), and the import's file size: a file
 * just under the limit goes through in one request (page and API), one just
 * over it is refused cleanly with nothing written — also when it is sent
 * chunked, without a length, which is counted as it arrives. An export reads
 * no more audio than it writes. An import is held to the account's caps: no
 * more job postings than the app's forms allow, and one upload waiting for
 * its confirmation at a time.
 */
import http from "node:http";
import { createRequire } from "node:module";
import type pgTypes from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAccountExport } from "../../app/export/account-export.server.ts";
import { IMPORT_MAX_BYTES } from "../../app/export/account-export.ts";
import { accountDataV2 } from "../fixtures/account-export-data.ts";
import { visibleText } from "../support/html.ts";
import type { HttpClient } from "../support/http-client.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin, signedInUser, TEST_PASSWORD } from "../support/users.ts";

const EXPORTS_PER_HOUR = 2;
const IMPORTS_PER_HOUR = 3;
const MAX_POSTINGS = 3;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    env: {
      RATE_LIMIT_EXPORTS_PER_HOUR: String(EXPORTS_PER_HOUR),
      RATE_LIMIT_IMPORTS_PER_HOUR: String(IMPORTS_PER_HOUR),
      MAX_JOB_POSTINGS_PER_USER: String(MAX_POSTINGS),
    },
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

/** An export file of `count` job postings (each with an id of its own) and nothing else. */
function postingsExport(count: number) {
  const data = accountDataV2();
  const posting = data.jobPostings[0]!;
  data.resume = null;
  data.interviews = [];
  data.usage = [];
  data.reviewItems = [];
  data.jobPostings = Array.from({ length: count }, () => ({ ...posting, id: crypto.randomUUID(), requirements: [] }));
  return JSON.stringify(buildAccountExport(data, { exportId: crypto.randomUUID(), now: new Date(), appVersion: "0.1.0", redact: false }));
}

async function accessToken(email: string) {
  const res = await app.client().json("POST", "/api/v1/auth/login", { email, password: TEST_PASSWORD });
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * POST `bytes` chunked (no Content-Length) over real HTTP, 64 KB at a time as the socket takes them, and then
 * keep the request open without ending it, as a client still sending would: a server that counts answers
 * before the end; one that waits for the whole body never answers (null after `waitMs`). Keep what is sent
 * past the server's limit small enough for the sockets' buffers: a write still pending when the server closes
 * the connection (after its answer) fails with EPIPE, and Node then drops the answer unread.
 */
function postChunkedWithoutEnd(url: URL, headers: Record<string, string>, bytes: number, waitMs: number) {
  type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };
  return new Promise<Answer | null>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, " ");
    let sent = 0;
    let answered = false;
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, waitMs);
    const req = http.request(url, { method: "POST", headers }, (res) => {
      answered = true;
      clearTimeout(timer);
      const parts: Buffer[] = [];
      const done = () => {
        req.destroy();
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString() });
      };
      res.on("data", (part: Buffer) => parts.push(part));
      res.once("end", done);
      res.once("close", done);
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

// Node's own copy of pg, the one the production build runs on (an `import` here would be Vitest's copy).
const pg = createRequire(import.meta.url)("pg") as typeof pgTypes;

/** The sizes of the values of `table`.`column` the app read from PostgreSQL while `work` ran. */
async function columnRead(table: string, column: string, work: () => Promise<void>): Promise<number[]> {
  const read: number[] = [];
  const watch = (sql: string, result: pgTypes.QueryResult | undefined) => {
    const at = result?.fields?.findIndex((f) => f.name === column) ?? -1;
    if (at < 0 || !sql.includes(table)) return;
    for (const row of result!.rows as unknown[][]) {
      const value = row[at] as Buffer | string | object | null;
      read.push(value === null ? 0 : typeof value === "object" && !Buffer.isBuffer(value) ? JSON.stringify(value).length : value.length);
    }
  };
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pgTypes.Client, ...args: unknown[]) {
    const sql = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string } | undefined)?.text ?? "");
    // Called with a callback (as the app's queries reach it) or for a promise.
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: pgTypes.QueryResult) => {
        if (!error) watch(sql, result);
        return (callback as (...a: unknown[]) => unknown)(error, result);
      };
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) void result.then((r: pgTypes.QueryResult) => watch(sql, r)).catch(() => {});
    return result;
  } as typeof pg.Client.prototype.query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
  }
  return read;
}

const audioBytesRead = (work: () => Promise<void>) => columnRead("audio_clips", "bytes", work);

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

describe("how large, without a length", () => {
  it("an import sent chunked (no Content-Length) is counted as it arrives: a 413 at the limit, before the body has ended", async () => {
    const user = await signedInUser(app);
    const token = await accessToken(user.email);
    // Half a megabyte past the limit, then nothing more: the answer must come without the body's end.
    const res = await postChunkedWithoutEnd(
      new URL("/api/v1/imports", app.url),
      { authorization: `Bearer ${token}`, "content-type": "application/json" },
      IMPORT_MAX_BYTES + 512 * 1024,
      15_000,
    );
    expect(res, "answered while the body was still coming (a server that buffers it all waits for its end)").not.toBeNull();
    expect(res!.status).toBe(413);
    expect(JSON.parse(res!.body)).toEqual({ error: { code: "payload_too_large", message: "The file is larger than 50 MB." } });
    expect(res!.headers.connection, "the unread rest must not stall the next request").toBe("close");
    expect(await app.db.accountImport.count({ where: { userId: user.userId } })).toBe(0);
  }, 120_000);
});

describe("what an export reads", () => {
  it("an export reads no more audio than it writes: none for a redacted one, and only the recordings that fit the file", async () => {
    // Two kept recordings, imported small, then grown to 20 MB each: as base64 only one fits in a 50 MB file.
    const user = await signedInUser(app);
    const api = await apiLogin(app, user.email);
    const data = accountDataV2();
    const kept = data.interviews[0]!.recordings![0]!;
    data.interviews[0]!.recordings!.push({
      ...kept,
      id: "00000000-0000-4000-8000-0000000000f2",
      createdAt: new Date(Date.now()).toISOString(),
    });
    const file = buildAccountExport(data, { exportId: crypto.randomUUID(), now: new Date(), appVersion: "0.1.0", redact: false });
    expect((await api.json("POST", "/api/v1/imports", file)).status).toBe(201);
    const big = 20_000_000;
    const clips = await app.db.audioClip.findMany({ where: { userId: user.userId, kept: true }, orderBy: { createdAt: "asc" } });
    expect(clips).toHaveLength(2);
    for (const clip of clips) {
      await app.db.audioClip.update({ where: { id: clip.id }, data: { bytes: Buffer.alloc(big, clip.id.slice(0, 2)), byteLength: big } });
    }

    type Exported = { interviews: Array<{ recordings: Array<{ audioBase64: string | null; audioLeftOut: string | null }> }> };
    const exportOf = async (path: string) => {
      const res = await api.get(path);
      expect(res.status).toBe(200);
      return ((await res.json()) as Exported).interviews[0]!.recordings;
    };
    let redacted: Exported["interviews"][number]["recordings"] = [];
    const readForRedacted = await audioBytesRead(async () => void (redacted = await exportOf("/api/v1/export?redacted=true")));
    expect(readForRedacted, "a redacted export carries no audio, so it reads none").toEqual([]);
    expect(redacted.map((r) => r.audioLeftOut).sort()).toEqual(["not_kept", "redacted", "redacted"]);

    let whole: typeof redacted = [];
    const readForWhole = await audioBytesRead(async () => void (whole = await exportOf("/api/v1/export")));
    expect(readForWhole, "only the recording whose audio fits is read").toEqual([big]);
    const carried = whole.filter((r) => r.audioBase64 !== null);
    expect(carried).toHaveLength(1);
    expect(Buffer.from(carried[0]!.audioBase64!, "base64").length).toBe(big);
    expect(whole.filter((r) => r.audioLeftOut === "size_limit")).toHaveLength(1);
  }, 120_000);
});

describe("how many", () => {
  it("an import that would take the account past its job postings is refused, naming the limit — at upload and again on confirming", async () => {
    // Too many in the file: refused at the upload (page and API), nothing kept.
    const user = await signedInUser(app);
    const tooMany = postingsExport(MAX_POSTINGS + 1);
    const page = await upload(user.client, tooMany);
    expect(page.status).toBe(422);
    expect(visibleText(await page.text())).toContain(
      `This file would add ${MAX_POSTINGS + 1} job postings, and an account keeps at most ${MAX_POSTINGS} job postings.`,
    );
    const api = await apiLogin(app, user.email);
    const refused = await api.json("POST", "/api/v1/imports", JSON.parse(tooMany));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { code: "too_many_job_postings" } });
    expect(await app.db.accountImport.count({ where: { userId: user.userId } })).toBe(0);
    expect(await app.db.jobPosting.count({ where: { userId: user.userId } })).toBe(0);

    // Within the limit when uploaded, past it when confirmed (another import came in between): counted again then.
    const other = await signedInUser(app);
    const checked = await upload(other.client, postingsExport(2));
    expect(checked.status).toBe(302);
    const previewUrl = checked.headers.get("location")!;
    const otherApi = await apiLogin(app, other.email);
    expect((await otherApi.json("POST", "/api/v1/imports", JSON.parse(postingsExport(2)))).status).toBe(201);
    const preview = visibleText(await (await other.client.get(previewUrl)).text());
    expect(preview).toContain(`This file would add 2 job postings to the 2 this account has, and an account keeps at most ${MAX_POSTINGS}`);
    const confirmed = await other.client.post(previewUrl, {});
    expect(confirmed.status).toBe(422);
    expect(visibleText(await confirmed.text())).toContain(`an account keeps at most ${MAX_POSTINGS} job postings`);
    expect(await app.db.jobPosting.count({ where: { userId: other.userId } })).toBe(2);
  });

  it("one upload waits for its confirmation at a time: a new one replaces the one not confirmed", async () => {
    const user = await signedInUser(app);
    const first = await upload(user.client, postingsExport(1));
    expect(first.status).toBe(302);
    const second = await upload(user.client, postingsExport(1));
    expect(second.status).toBe(302);
    const waiting = await app.db.accountImport.findMany({ where: { userId: user.userId }, select: { id: true, status: true } });
    expect(waiting).toEqual([{ id: second.headers.get("location")!.split("/").pop(), status: "previewed" }]);
    expect((await user.client.get(first.headers.get("location")!)).status).toBe(404);
    expect((await user.client.post(second.headers.get("location")!, {})).status).toBe(302);
    // A confirmed import stays (it is the record of what was imported); the next upload waits beside it.
    expect((await upload(user.client, postingsExport(1))).status).toBe(302);
    expect((await app.db.accountImport.findMany({ where: { userId: user.userId } })).map((r) => r.status).sort()).toEqual([
      "applied",
      "previewed",
    ]);
  });

  it("the preview page shows what the upload planned without reading the stored file, however often it is opened", async () => {
    const user = await signedInUser(app);
    const uploaded = await upload(user.client, postingsExport(2));
    expect(uploaded.status).toBe(302);
    const page = uploaded.headers.get("location")!;
    let text = "";
    const read = await columnRead("account_imports", "document", async () => {
      for (let i = 0; i < 3; i++) text = visibleText(await (await user.client.get(page)).text());
    });
    expect(read, "the stored file (up to 50 MB) is read only to confirm it").toEqual([]);
    expect(text).toContain("What this file will create");
    expect(text).toMatch(/job postings\s*2\s*0/i);
    // Confirming plans it again from the file and imports it.
    expect((await user.client.post(page, {})).status).toBe(302);
    expect(await app.db.jobPosting.count({ where: { userId: user.userId } })).toBe(2);
  });
});
