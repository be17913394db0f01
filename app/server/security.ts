import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { env } from "#app/utils/env.server.ts";

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
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  if (env().hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated writes: the request must come from our
 * own origin. Browsers send Origin on every cross-site POST; Sec-Fetch-Site and
 * Referer are the fallbacks. Bearer-token API calls carry no ambient credential
 * and are exempt.
 */
export function rejectCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const hasBearer = /^Bearer\s/i.test(req.get("authorization") ?? "");
  if (hasBearer && !req.get("cookie")) return next();

  const allowed = new Set([new URL(env().APP_URL).origin, `${req.protocol}://${req.get("host")}`]);
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const referer = req.get("referer");
  let sameOrigin: boolean;
  if (origin && origin !== "null") sameOrigin = allowed.has(origin);
  else if (fetchSite) sameOrigin = fetchSite === "same-origin" || fetchSite === "none";
  else if (referer) sameOrigin = allowed.has(safeOrigin(referer));
  else sameOrigin = origin !== "null"; // no browser signal at all: not a cross-site browser request

  if (sameOrigin) return next();
  res.status(403);
  if (req.path.startsWith("/api/")) {
    res.json({ error: { code: "cross_site_request", message: "Cross-site requests are not allowed." } });
  } else {
    res.type("text/plain").send("This form was submitted from another site, so it was blocked. Go back, reload the page and try again.");
  }
}

function safeOrigin(url: string) {
  try {
    return new URL(url).origin;
  } catch {
    return "invalid";
  }
}

/**
 * CORS for /api/v1: off unless CORS_ORIGINS lists origins. Bearer tokens only
 * (credentials are never allowed cross-origin, so cookies stay same-site).
 */
export function cors(req: Request, res: Response, next: NextFunction) {
  const origin = req.get("origin");
  const allowList = env().CORS_ORIGINS;
  if (origin && allowList.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
      res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
      res.setHeader("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
  }
  next();
}
