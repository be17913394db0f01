import { redirect, type RouterContextProvider } from "react-router";
import { apiError } from "./api.server.ts";
import { getAuthSession, requestedPath, type AuthenticatedSession } from "./session.server.ts";

/**
 * What a signed-in request *is* (cookie or bearer token) is answered once per
 * request by session.server.ts's root middleware, into the request's
 * `context`; these guards turn its answer into a redirect or a 401.
 * Signing in itself is app/models/login.server.ts (the login page reads its
 * form through remix-auth-form's FormStrategy).
 */

type Context = Readonly<RouterContextProvider>;

function loginRedirect(context: Context) {
  const back = requestedPath(context);
  const params = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  return redirect(`/login${params}`);
}

/** For UI routes: the signed-in session, or a redirect to /login that comes back here. */
export async function requireSession(context: Context): Promise<AuthenticatedSession> {
  const session = await getAuthSession(context);
  if (!session) throw loginRedirect(context);
  return session;
}

export async function requireUser(context: Context) {
  return (await requireSession(context)).user;
}

export async function requireUserId(context: Context): Promise<string> {
  return (await requireSession(context)).user.id;
}

/** For /login and /register: signed-in visitors go to their dashboard. */
export async function requireAnonymous(context: Context) {
  if (await getAuthSession(context)) throw redirect("/dashboard");
}

/** For JSON routes: the session (bearer token or cookie), or a 401 JSON error. */
export async function requireApiSession(context: Context): Promise<AuthenticatedSession> {
  const session = await getAuthSession(context);
  if (!session) throw apiError(401, "unauthorized", "Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/login.");
  return session;
}

export async function requireApiUserId(context: Context): Promise<string> {
  return (await requireApiSession(context)).user.id;
}
