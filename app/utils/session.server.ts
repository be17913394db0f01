import { createContext, createCookie, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { db } from "./db.server.ts";
import { hashToken, randomToken } from "./encryption.server.ts";
import { env } from "./env.server.ts";

/**
 * Server-side login sessions. The browser cookie carries only a random
 * 256-bit session id (signed); the row — user, expiry, last use — lives in
 * Postgres under the SHA-256 of that id. API bearer tokens are rows of the
 * same table (kind "api"), so logout and "sign out everywhere" cover both.
 */

const HOUR = 60 * 60 * 1000;
// Writing last_used_at on every request would turn every page view into a write.
const TOUCH_AFTER_MS = 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  cookie ??= createCookie(env().cookieHostPrefix ? "__Host-aii_session" : "aii_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().cookieSecure,
    path: "/",
    secrets: [env().SESSION_SECRET],
  });
  return cookie;
}

export type AuthenticatedSession = {
  sessionId: string;
  kind: "browser" | "api";
  user: { id: string; email: string; createdAt: Date };
};

const userSelect = { id: true, email: true, createdAt: true } as const;

export async function createLoginSession(userId: string, options: { persistent: boolean }) {
  const token = randomToken();
  const maxAgeMs = env().SESSION_MAX_AGE_HOURS * HOUR;
  const session = await db.authSession.create({
    data: {
      userId,
      kind: "browser",
      tokenHash: hashToken(token),
      persistent: options.persistent,
      expiresAt: new Date(Date.now() + maxAgeMs),
    },
  });
  const setCookie = await sessionCookie().serialize(token, {
    // Without "remember me" the cookie is a browser-session cookie; the row still expires server-side.
    maxAge: options.persistent ? Math.floor(maxAgeMs / 1000) : undefined,
  });
  return { sessionId: session.id, setCookie };
}

export async function createApiToken(userId: string) {
  const token = randomToken();
  const ttlMs = env().API_TOKEN_TTL_HOURS * HOUR;
  await db.authSession.create({
    data: { userId, kind: "api", tokenHash: hashToken(token), persistent: true, expiresAt: new Date(Date.now() + ttlMs) },
  });
  return { token, expiresIn: Math.floor(ttlMs / 1000) };
}

async function lookup(token: string, kind: "browser" | "api"): Promise<AuthenticatedSession | null> {
  const row = await db.authSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, kind: true, lastUsedAt: true, expiresAt: true, user: { select: userSelect } },
  });
  if (!row || row.kind !== kind) return null;
  const now = Date.now();
  const idleLimit = env().SESSION_IDLE_TIMEOUT_HOURS * HOUR;
  if (row.expiresAt.getTime() <= now || (kind === "browser" && now - row.lastUsedAt.getTime() > idleLimit)) {
    await db.authSession.deleteMany({ where: { id: row.id } });
    return null;
  }
  if (now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db.authSession.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { sessionId: row.id, kind, user: row.user };
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i);
  return match?.[1] ?? null;
}

async function readSession(request: Request): Promise<AuthenticatedSession | null> {
  const bearer = bearerToken(request);
  if (bearer) return lookup(bearer, "api");
  const token = await sessionCookie().parse(request.headers.get("cookie"));
  return typeof token === "string" && token.length > 20 ? lookup(token, "browser") : null;
}

type RequestAuth = {
  /** The signed-in session of this request, or null; a failed look-up (the database is down) rejects. */
  session: Promise<AuthenticatedSession | null>;
  /** The page asked for, without React Router's data-request details: where /login sends the user back to. */
  url: URL;
};
const authContext = createContext<RequestAuth>();

/**
 * Root middleware: the session is looked up once per request, before any
 * loader or action, and every guard of that request reads the same answer.
 * Nothing is kept between requests, so a revoked session is refused at once.
 */
export const sessionMiddleware: MiddlewareFunction<Response> = ({ request, url, context }) => {
  const session = readSession(request);
  // The loaders that need it await it, and a failure surfaces there (with the page's error boundary and
  // the root's request id), not here; a request that never asks must not leave a rejection unhandled.
  session.catch(() => {});
  context.set(authContext, { session, url });
};

/** The signed-in user of this request (cookie or bearer token), or null. */
export function getAuthSession(context: Readonly<RouterContextProvider>): Promise<AuthenticatedSession | null> {
  return context.get(authContext).session;
}

/** The page this request is for (pathname and query), as a user would type it. */
export function requestedPath(context: Readonly<RouterContextProvider>) {
  const { url } = context.get(authContext);
  return `${url.pathname}${url.search}`;
}

/**
 * Whether a session is still signed in — not logged out, revoked by a password
 * change or reset, gone with its account, or expired. One primary-key lookup,
 * cheap enough to repeat while a long-lived response (an event stream) is open.
 */
export async function isSessionActive(sessionId: string) {
  return (await db.authSession.count({ where: { id: sessionId, expiresAt: { gt: new Date() } } })) > 0;
}

export async function revokeSession(sessionId: string) {
  await db.authSession.deleteMany({ where: { id: sessionId } });
}

export async function revokeAllSessions(userId: string, options: { except?: string } = {}) {
  await db.authSession.deleteMany({ where: { userId, ...(options.except ? { id: { not: options.except } } : {}) } });
}

export async function clearSessionCookie() {
  return sessionCookie().serialize("", { maxAge: 0 });
}
