import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import type { NextFunction, Request, Response } from "express";
import { MAX_JSON_BYTES } from "#app/utils/api.server.ts";
import { RESUME_MAX_FILE_BYTES } from "#app/domain/resume-text.ts";
import { AUDIO_MAX_FILE_BYTES } from "#app/domain/audio-file.ts";
import { IMPORT_MAX_BYTES } from "#app/export/account-export.ts";
import { sendErrorAnswer, type ErrorAnswer } from "./error-responses.ts";

/**
 * Every request body is checked here, once, before a route sees it: a size
 * cap per kind of route — a declared Content-Length over it is refused unread,
 * a body without one (chunked) is counted as it arrives and refused the moment
 * it passes the cap — and, for pages, a body that really is a form. A body
 * that passes is kept in memory (it is small by then) and replayed to React
 * Router's adapter (withCheckedBody). Refused bodies are left unread,
 * so those answers close the connection (app.ts adds "Connection: close"
 * whenever a request was not read to the end).
 */

/** Page forms. The largest real one — a 20,000-character job description, URL-encoded — is far below it. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** /api/v1 takes JSON only; the same limit readJson applies. */
export const MAX_API_BYTES = MAX_JSON_BYTES;
/**
 * The résumé upload routes read, cap and parse their body themselves (a 2 MB
 * file plus framing, answered on the upload form); this is the backstop above.
 */
export const MAX_UPLOAD_BYTES = 2 * RESUME_MAX_FILE_BYTES;
// With their data-request forms (React Router: "/resume.data", or "/resume/_.data" from "/resume/").
const UPLOAD_PATHS = new Set(["/resume", "/resume.data", "/resume/_.data", "/api/v1/resumes/me/file"]);
/**
 * issue 18: spoken answers. The interview page's answer form (and its data request) carries an audio file
 * without JavaScript, the recorder's upload with it, and the API's transcriptions route takes one. Their
 * multipart bodies are streamed and capped by the routes themselves (AUDIO_MAX_FILE_BYTES plus the text
 * fields; readSingleFileUpload) and this is the backstop; any other body there is checked here as usual.
 */
const AUDIO_UPLOAD_PATH = /^(\/interviews\/[0-9a-f-]{36}(\.data)?|\/api\/v1\/sessions\/[0-9a-f-]{36}\/transcriptions)$/i;
export const MAX_AUDIO_UPLOAD_BYTES = AUDIO_MAX_FILE_BYTES + 1024 * 1024;
/**
 * issue 20: an account export file, imported in one request by the Settings form (multipart, with its data
 * request) or the API (the JSON file as the body). The routes cap the file at IMPORT_MAX_BYTES themselves;
 * this is the backstop (the file plus the form's framing).
 */
const IMPORT_PATHS = new Set(["/settings/import", "/settings/import.data", "/api/v1/imports"]);
export const MAX_IMPORT_BYTES = IMPORT_MAX_BYTES + 1024 * 1024;

// React Router never reads a body for these.
const BODILESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const URLENCODED = /^application\/x-www-form-urlencoded\b/i;
const MULTIPART = /^multipart\/form-data\b/i;

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

function tooLarge(maxBytes: number): ErrorAnswer {
  return {
    status: 413,
    code: "payload_too_large",
    title: "That was too large",
    message: `What you sent is larger than the ${size(maxBytes)} we accept. Go back, shorten it and try again.`,
    apiMessage: `The body is larger than ${size(maxBytes)}.`,
  };
}

const NOT_A_FORM: ErrorAnswer = {
  status: 415,
  code: "unsupported_media_type",
  title: "That form could not be read",
  message: "Pages accept forms as a browser sends them (application/x-www-form-urlencoded or multipart/form-data).",
};

const DAMAGED_FORM: ErrorAnswer = {
  status: 400,
  code: "malformed_body",
  title: "That form could not be read",
  message: "The form data arrived damaged. Go back, reload the page and try again.",
};

const checked = new WeakMap<Request, Buffer<ArrayBuffer>>();

/**
 * The request to hand React Router's Express adapter: this one, or — when its
 * body was read and checked here — a stand-in that replays that body. The
 * adapter (@react-router/express 7.18, pinned) reads a request's stream and
 * exactly these properties; getLoadContext adds `ip`.
 */
export function withCheckedBody(req: Request): Request {
  const body = checked.get(req);
  if (!body) return req;
  return Object.assign(Readable.from([body], { objectMode: false }), {
    app: req.app,
    method: req.method,
    headers: req.headers,
    originalUrl: req.originalUrl,
    hostname: req.hostname,
    protocol: req.protocol,
    ip: req.ip,
    get: req.get.bind(req),
  }) as unknown as Request;
}

export async function limitRequestBodies(req: Request, res: Response, next: NextFunction) {
  if (BODILESS_METHODS.has(req.method)) return next();
  const path = req.path.replace(/(.)\/+$/, "$1");
  const api = path.startsWith("/api/");
  const audio = AUDIO_UPLOAD_PATH.test(path) && MULTIPART.test(req.get("content-type") ?? "");
  const accountImport = IMPORT_PATHS.has(path);
  const upload = UPLOAD_PATHS.has(path) || audio || accountImport;
  const maxBytes = audio
    ? MAX_AUDIO_UPLOAD_BYTES
    : accountImport
      ? MAX_IMPORT_BYTES
      : upload
        ? MAX_UPLOAD_BYTES
        : api
          ? MAX_API_BYTES
          : MAX_FORM_BYTES;

  const declared = Number(req.get("content-length") ?? 0);
  if (declared > maxBytes) return sendErrorAnswer(res, path, tooLarge(maxBytes));
  // The API answers a wrong type itself (415 in its error shape, from readJson); pages take forms only.
  const type = req.get("content-type") ?? "";
  const notAForm = !api && type && !URLENCODED.test(type) && !MULTIPART.test(type);
  if (notAForm && accountImport) return sendErrorAnswer(res, path, NOT_A_FORM);
  if (upload) return next();
  if (notAForm) return sendErrorAnswer(res, path, NOT_A_FORM);

  const body = await readBody(req, maxBytes);
  if (body === "aborted") return;
  if (body === "too-large") return sendErrorAnswer(res, path, tooLarge(maxBytes));
  if (!api) {
    if (!type) {
      if (body.length) return sendErrorAnswer(res, path, NOT_A_FORM);
      // A bare POST (a button without fields, `curl -X POST`) is an empty form, not an error.
      req.headers["content-type"] = "application/x-www-form-urlencoded";
    } else if (MULTIPART.test(type) && !(await isReadableForm(body, type))) {
      return sendErrorAnswer(res, path, DAMAGED_FORM);
    }
  }
  checked.set(req, body);
  next();
}

async function isReadableForm(body: Buffer<ArrayBuffer>, type: string) {
  try {
    await new Response(body, { headers: { "content-type": type } }).formData();
    return true;
  } catch {
    return false;
  }
}

/** The whole body, or "too-large" the moment it passes maxBytes (the rest is left unread), or "aborted". */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer<ArrayBuffer> | "too-large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (result: Buffer<ArrayBuffer> | "too-large" | "aborted") => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onAbort);
      req.off("error", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) return void chunks.push(chunk);
      req.pause();
      settle("too-large");
    };
    const onEnd = () => settle(Buffer.concat(chunks, total));
    // The client went away mid-body: there is no one left to answer.
    const onAbort = () => settle("aborted");
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onAbort);
    req.once("error", onAbort);
  });
}
