import type { Response } from "express";

/**
 * Answers the Express layer gives itself, before React Router is reached (a
 * cross-site write, a body that is too large or of the wrong type) or after it
 * failed: the API's JSON error shape under /api/, a small self-contained HTML
 * page everywhere else. Both carry the request id, never an error's details.
 */

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export type ErrorAnswer = {
  status: number;
  /** The API's machine-readable code. */
  code: string;
  /** The page's heading. */
  title: string;
  /** What happened and what to do, in plain words (the page; the JSON message too unless `apiMessage` is given). */
  message: string;
  apiMessage?: string;
};

function errorPage(answer: ErrorAnswer, requestId: string | undefined) {
  const reference = requestId ? `<p class="ref">Reference: <code>${escapeHtml(requestId)}</code></p>` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(answer.title)} — ai-interviewer</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0}
main{max-width:36rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem}
a{color:#4338ca}.ref{color:#475569;font-size:.875rem}
</style>
</head>
<body>
<main role="alert">
<h1>${escapeHtml(answer.title)}</h1>
<p>${escapeHtml(answer.message)}</p>
${reference}
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;
}

/** Send the answer in the form the caller understands: JSON for /api/, a page otherwise. */
export function sendErrorAnswer(res: Response, path: string, answer: ErrorAnswer) {
  const requestId = res.locals.requestId as string | undefined;
  res.status(answer.status);
  res.setHeader("Cache-Control", "no-store");
  if (path.startsWith("/api/")) {
    res.json({ error: { code: answer.code, message: answer.apiMessage ?? answer.message } });
  } else {
    res.type("html").send(errorPage(answer, requestId));
  }
}

export const CROSS_SITE_WRITE: ErrorAnswer = {
  status: 403,
  code: "cross_site_request",
  title: "This form came from another site",
  message: "It was blocked to protect your account. Go back, reload the page and try again.",
  apiMessage: "Cross-site requests are not allowed.",
};

export const SERVER_ERROR: ErrorAnswer = {
  status: 500,
  code: "internal_error",
  title: "Something went wrong",
  message: "An unexpected error stopped this request. It has been logged; trying again usually helps.",
};

export const BAD_REQUEST: ErrorAnswer = {
  status: 400,
  code: "bad_request",
  title: "That request didn't work",
  message: "Something in the request was not valid. Go back and try again.",
};
