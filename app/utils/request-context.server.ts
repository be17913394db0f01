import { createContext } from "react-router";

/**
 * What the Express layer (app/server/app.ts, getLoadContext) hands every
 * middleware, loader and action of a request, read with `context.get(…)`.
 */

/** Correlates the request log line, error pages and job logs. */
export const requestIdContext = createContext<string>();
/** Per-request CSP nonce for the inline scripts React Router renders. */
export const cspNonceContext = createContext<string>();
/** The client address (honours X-Forwarded-For only when TRUST_PROXY is set). */
export const clientIpContext = createContext<string>();
