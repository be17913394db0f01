import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { clearSessionCookie, getAuthSession, revokeSession } from "#app/utils/session.server.ts";

// Logging out changes state, so it is POST only; a GET just goes home.
export function loader() {
  return redirect("/");
}

export async function action({ context }: Route.ActionArgs) {
  const session = await getAuthSession(context);
  if (session) await revokeSession(session.sessionId);
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
