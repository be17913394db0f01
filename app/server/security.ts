import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { env } from "#app/utils/env.server.ts";
import { CROSS_SITE_WRITE, sendErrorAnswer } from "./error-responses.ts";

/**
 * Response headers for every response. Scripts need the per-request nonce
 * (React Router's inline hydration scripts carry it); nothing inline runs
 * otherwise. Styles come from our own stylesheet; 'unsafe-inline' for styles
 * only covers React's style attributes (score bars), which cannot run code.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const dev = !env().isProduction;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Vite's dev server pushes updates over a WebSocket.
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(self), geolocation=(), payment=(), usb=()");
  if (env().hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated writes: the request must come from our
 * own origin. Browsers send Origin on every cross-site POST; Sec-Fetch-Site and
 * Referer are the fallbacks. Bearer-token API calls carry no ambient credential
 * and are exempt. Writes without any credential are checked too (a forged login
 * or sign-up is an attack of its own); on the API, the origins in CORS_ORIGINS
 * may make those (how a tool there gets its bearer token).
 */
export function rejectCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const hasCookie = Boolean(req.get("cookie"));
  const hasBearer = /^Bearer\s/i.test(req.get("authorization") ?? "");
  const api = req.path.startsWith("/api/");
  if (api && hasBearer && !hasCookie) return next();

  const allowed = new Set([new URL(env().APP_URL).origin, `${req.protocol}://${req.get("host")}`]);
  if (api && !hasCookie) for (const origin of env().CORS_ORIGINS) allowed.add(origin);
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const referer = req.get("referer");
  let sameOrigin: boolean;
  if (origin && origin !== "null") sameOrigin = allowed.has(origin);
  else if (fetchSite) sameOrigin = fetchSite === "same-origin" || fetchSite === "none";
  else if (referer) sameOrigin = allowed.has(safeOrigin(referer));
  else sameOrigin = origin !== "null"; // no browser signal at all: not a cross-site browser request

  if (sameOrigin) return next();
  sendErrorAnswer(res, req.path, CROSS_SITE_WRITE);
}

function safeOrigin(url: string) {
  try {
    return new URL(url).origin;
  } catch {
    return "invalid";
  }
}

/**
 * CORS for /api/v1: off unless CORS_ORIGINS lists origins, and then only for
 * those (never "*"). Bearer tokens only: Access-Control-Allow-Credentials is
 * never sent, so a browser never attaches the session cookie cross-origin.
 */
export function cors(req: Request, res: Response, next: NextFunction) {
  const allowList = env().CORS_ORIGINS;
  if (!allowList.length) return next();
  // The answer depends on the Origin: caches must keep one copy per origin.
  res.vary("Origin");
  const origin = req.get("origin");
  if (origin && allowList.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
      res.setHeader("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
  }
  next();
}

// Paging totals, Location of created resources, Retry-After and the request id are part of the API.
const EXPOSED_HEADERS = "Link, Location, Retry-After, X-Page, X-Page-Count, X-Page-Size, X-Request-Id, X-Total-Count";

/**
 * Pages, data requests and API answers are private unless their route says
 * otherwise: `no-store` keeps a signed-in page out of the browser's HTTP cache
 * and its back/forward cache, so Back after logout cannot show it again.
 * Static files are served before this runs and keep their long cache; a route
 * that sets its own Cache-Control (the public OpenAPI description) keeps it.
 */
export function noStoreByDefault(_req: Request, res: Response, next: NextFunction) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
    if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
}
