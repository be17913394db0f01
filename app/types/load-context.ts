// What the Express layer (app/server/app.ts) hands every loader and action.
declare module "react-router" {
  interface AppLoadContext {
    /** Correlates the request log line, error pages and job logs. */
    requestId: string;
    /** Per-request CSP nonce for the inline scripts React Router renders. */
    cspNonce: string;
    /** The client address (honours X-Forwarded-For only when TRUST_PROXY is set). */
    clientIp: string;
  }
}

export {};
