import { redirect } from "react-router";
import { apiError } from "./api.server.ts";
import { getAuthSession, type AuthenticatedSession } from "./session.server.ts";

/**
 * What a signed-in request *is* (cookie or bearer token) is answered by
 * session.server.ts; these guards turn its answer into a redirect or a 401.
 * Signing in itself is app/models/login.server.ts (the login page reads its
 * form through remix-auth-form's FormStrategy).
 */

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  const params = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  return redirect(`/login${params}`);
}

/** For UI routes: the signed-in session, or a redirect to /login that comes back here. */
export async function requireSession(request: Request): Promise<AuthenticatedSession> {
  const session = await getAuthSession(request);
  if (!session) throw loginRedirect(request);
  return session;
}

export async function requireUser(request: Request) {
  return (await requireSession(request)).user;
}

export async function requireUserId(request: Request): Promise<string> {
  return (await requireSession(request)).user.id;
}

/** For /login and /register: signed-in visitors go to their dashboard. */
export async function requireAnonymous(request: Request) {
  if (await getAuthSession(request)) throw redirect("/dashboard");
}

/** For JSON routes: the session (bearer token or cookie), or a 401 JSON error. */
export async function requireApiSession(request: Request): Promise<AuthenticatedSession> {
  const session = await getAuthSession(request);
  if (!session) throw apiError(401, "unauthorized", "Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/login.");
  return session;
}

export async function requireApiUserId(request: Request): Promise<string> {
  return (await requireApiSession(request)).user.id;
}
