import { data } from "react-router";
import { notFoundJson } from "./api.server.ts";

/**
 * One answer for "missing", "malformed id" and "someone else's": 404, never
 * 403, so ids reveal nothing. UI routes throw the page 404 (rendered by the
 * route's error boundary); JSON routes throw the API's error shape.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function pageNotFound(): never {
  throw data(null, { status: 404 });
}

export function apiNotFound(what?: string): never {
  throw notFoundJson(what);
}

/** A route's `:id` param as a UUID, or a 404 page. */
export function pageId(param: string | undefined): string {
  return isUuid(param) ? param.toLowerCase() : pageNotFound();
}

/** A resource route's `:id` param as a UUID, or a 404 JSON error. */
export function apiId(param: string | undefined, what?: string): string {
  return isUuid(param) ? param.toLowerCase() : apiNotFound(what);
}

/** The record, or a 404 page when it is null (missing or not this user's). */
export function orPageNotFound<T>(record: T | null | undefined): T {
  return record ?? pageNotFound();
}

export function orApiNotFound<T>(record: T | null | undefined, what?: string): T {
  return record ?? apiNotFound(what);
}
