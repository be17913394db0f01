import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { useNonce } from "#app/components/nonce.tsx";
import { requestIdContext } from "#app/utils/request-context.server.ts";
import { getAuthSession, sessionMiddleware } from "#app/utils/session.server.ts";

// Every request (pages, their data, the JSON API) reads its login session once, here, for all its loaders.
export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export async function loader({ context }: Route.LoaderArgs) {
  // The header only needs to know whether someone is signed in. When that can't be checked (the database
  // is down), the page's own loader fails with the same error and its error boundary shows the reference
  // id, which comes from this data: so this loader must not fail with it.
  const session = await getAuthSession(context).catch(() => null);
  return { user: session ? { email: session.user.email } : null, requestId: context.get(requestIdContext) };
}

// React Router 7.18 lets the AbortError of a request it interrupted itself (a revalidation cut short
// by the next submit or navigation) escape as an unhandled rejection (remix-run/react-router#14203).
// An interrupted request is expected, not a failure; every other rejection is still reported.
if (typeof window !== "undefined") {
  window.addEventListener("unhandledrejection", (event) => {
    if (event.reason instanceof DOMException && event.reason.name === "AbortError") event.preventDefault();
  });
}

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

const nav = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/interviews", label: "Interviews" },
  { to: "/jobs", label: "Job postings" },
  { to: "/resume", label: "Résumé" },
  { to: "/settings", label: "Settings" },
];

function Header({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link to={signedIn ? "/dashboard" : "/"} className="flex items-center gap-2 text-lg font-semibold text-slate-900 no-underline">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          ai-interviewer
        </Link>
        {signedIn ? (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
            {nav.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                className={({ isActive }) =>
                  `rounded-md px-3 py-2 text-sm font-medium no-underline ${isActive ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100"}`
                }
              >
                {item.label}
              </NavLink>
            ))}
            <Form method="post" action="/logout" className="ml-2">
              <button type="submit" className="btn-secondary py-1.5">
                Log out
              </button>
            </Form>
          </nav>
        ) : (
          <nav aria-label="Account" className="flex items-center gap-2">
            <Link to="/login" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100">
              Log in
            </Link>
            <Link to="/register" className="btn-primary py-1.5">
              Create account
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData("root") as Awaited<ReturnType<typeof loader>> | undefined;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main-content"
          className="sr-only z-50 rounded-md bg-white px-4 py-2 text-indigo-800 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <Header signedIn={Boolean(data?.user)} />
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <footer className="no-print border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-4 text-sm text-slate-600">
            <p>ai-interviewer — practise interviews with your own AI key. Your data stays on this server.</p>
            <p>
              <a href="/api/v1/openapi.json">API</a>
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
