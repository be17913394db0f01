import { data } from "react-router";
import type { FieldErrors } from "./api.server.ts";
import { pageNotFound } from "./not-found.server.ts";

/**
 * A request refused for a reason the user can act on ("answer the current
 * question first", "the feedback is already being written"). A model throws it
 * with the HTTP status of its code, looked up in that model's one table (e.g.
 * INTERVIEW_ERROR_STATUS), and both faces answer with that status: a page shows
 * the message next to the form it came from, a JSON route answers in the API's
 * error shape. No route decides a refusal's status itself.
 */
export class Refusal<Code extends string = string> extends Error {
  override name = "Refusal";
  readonly code: Code;
  readonly status: number;
  /** When the refused thing may be tried again (a used-up allowance): sent as Retry-After. */
  readonly retryAfterSeconds?: number;
  /** What to fix, per field (the API's `fields`). */
  readonly fields?: FieldErrors;
  /** The operation already doing what was asked for, so a client can follow it. */
  readonly operationId?: string;
  /** Where the user can lift the refusal (e.g. raise the budget in Settings): the API's `error.link`. */
  readonly link?: { href: string; label: string };
  constructor(
    code: Code,
    message: string,
    status: number,
    details: { retryAfterSeconds?: number; fields?: FieldErrors; operationId?: string; link?: { href: string; label: string } } = {},
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.fields = details.fields;
    this.operationId = details.operationId;
    this.link = details.link;
  }
}

export function retryAfterHeader(refusal: Refusal): HeadersInit | undefined {
  return refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : undefined;
}

/**
 * A form route's `headers`: what its action's answer says for the document response, which otherwise
 * carries only the loader's — Retry-After (a refusal to try again later) and Connection: close (an
 * upload answered without reading it: the unread rest must not stall the connection).
 */
export function formActionHeaders({ actionHeaders, loaderHeaders }: { actionHeaders: Headers; loaderHeaders: Headers }) {
  const headers = new Headers(loaderHeaders);
  for (const name of ["Connection", "Retry-After"]) {
    const value = actionHeaders.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

/**
 * An action's answer to a refusal: `{ intent, error }` for the form that sent it, with the
 * refusal's status; a missing (or someone else's) record is the 404 page. Anything else is rethrown.
 */
export function pageRefusal(error: unknown, intent: string) {
  if (!(error instanceof Refusal)) throw error;
  if (error.status === 404) pageNotFound();
  return data({ intent, error: error.message }, { status: error.status, headers: retryAfterHeader(error) });
}

/** A JSON route's answer to a refusal: the API's error shape with the refusal's status. Anything else is rethrown. */
export function apiRefusal(error: unknown): Response {
  if (!(error instanceof Refusal)) throw error;
  const { code, message, fields, operationId, link } = error;
  return Response.json(
    {
      error: { code, message, ...(fields ? { fields } : {}), ...(link ? { link } : {}) },
      ...(operationId ? { operation_id: operationId } : {}),
    },
    { status: error.status, headers: retryAfterHeader(error) },
  );
}
