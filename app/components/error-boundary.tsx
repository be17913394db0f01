import { isRouteErrorResponse, Link, useLocation, useRouteError, useRouteLoaderData } from "react-router";
import { samePageLink } from "#app/utils/safe-redirect.ts";

type RootData = { requestId?: string; user?: { email: string } | null } | undefined;

const messages: Record<number, { title: string; body: string }> = {
  400: { title: "That request didn't work", body: "Something in the request was not valid. Go back and try again." },
  401: { title: "Please sign in", body: "You need to be signed in to see this page." },
  403: { title: "Not allowed", body: "You don't have access to this page." },
  404: { title: "We couldn't find that page", body: "It may have been deleted, or the link may be wrong." },
  405: { title: "That action isn't available here", body: "Go back and try again from the page itself." },
  413: { title: "That was too large", body: "The data you sent is larger than we accept. Try something smaller." },
  429: { title: "Slow down a little", body: "Too many requests in a short time. Wait a moment and try again." },
};

/**
 * The error view for every route: what went wrong in plain words, and a way
 * on. Unexpected errors show a reference id (the request id in our logs), never
 * a stack trace.
 */
export function GeneralErrorBoundary({ title }: { title?: string }) {
  const error = useRouteError();
  const location = useLocation();
  const root = useRouteLoaderData("root") as RootData;
  const signedIn = Boolean(root?.user);

  let heading = title ?? "Something went wrong";
  let body = "An unexpected error stopped this page from loading. It has been logged; trying again usually helps.";
  let showReference = true;
  if (isRouteErrorResponse(error)) {
    const known = messages[error.status];
    if (known) {
      heading = known.title;
      body = typeof error.data === "string" && error.data && error.status !== 404 ? error.data : known.body;
      showReference = false;
    }
  }

  return (
    <div className="mx-auto max-w-xl py-12" role="alert" aria-live="assertive">
      <div className="card space-y-4">
        <h1>{heading}</h1>
        <p className="text-slate-700">{body}</p>
        {showReference && root?.requestId ? (
          <p className="text-sm text-slate-600">
            Reference: <code className="rounded bg-slate-100 px-1">{root.requestId}</code>
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3 pt-2">
          {/* The path of a request for "//evil.example/x" must not become a link to evil.example. */}
          <a className="btn-secondary" href={samePageLink(location.pathname, location.search)}>
            Try again
          </a>
          <Link className="btn-primary" to={signedIn ? "/dashboard" : "/"}>
            {signedIn ? "Go to dashboard" : "Go to the home page"}
          </Link>
        </div>
      </div>
    </div>
  );
}

/** For one panel of a page: a local failure that leaves the rest of the page usable. */
export function PanelError({ what }: { what: string }) {
  return (
    <div className="alert-error" role="alert">
      We couldn't show {what}. Reload the page to try again.
    </div>
  );
}
