/**
 * Only same-site paths may be redirect targets ("/jobs/1"), never
 * "//evil.example", "/\\evil.example" or absolute URLs: an open redirect on a
 * login page is a phishing tool.
 *
 * The check is made on the path a browser will actually go to — after the URL
 * parser has resolved dot segments ("/..//evil", "/.//evil", "/%2e%2e//evil",
 * "/a/..//evil" all become "//evil") and dropped tabs and newlines ("/\t/evil")
 * — and that resolved path is what we return. remix-utils' safeRedirect checks
 * the raw string only and lets "/\t/evil" and "/.//evil" through (ADR on
 * issue 16), so this stays ours.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.includes("\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  const path = sameOriginPath(to);
  return path ?? fallback;
}

/**
 * A link to the request's own path, for pages that offer "try again": the
 * path of a request for "//evil.example/x" (or "/\\evil.example", which the
 * URL parser reads the same way) would otherwise be written into an href that
 * a browser reads as another site. Leading slashes are collapsed into one.
 */
export function samePageLink(pathname: string, search = ""): string {
  return sameOriginPath(`/${pathname.replace(/^[/\\]+/, "")}${search}`) ?? "/";
}

const ORIGIN = "http://same.invalid";

/** `to` resolved the way a browser resolves it against our origin, or null when the result could leave it. */
function sameOriginPath(to: string): string | null {
  try {
    const url = new URL(to, ORIGIN);
    if (url.origin !== ORIGIN) return null;
    // "//host" is a network-path reference: as a Location or an href it names another site.
    if (url.pathname.startsWith("//") || url.pathname.startsWith("/\\")) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
