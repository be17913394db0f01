import type { Route } from "./+types/auth-logout";
import { methodNotAllowed, noContent } from "#app/utils/api.server.ts";
import { requireApiSession } from "#app/utils/auth.server.ts";
import { revokeSession } from "#app/utils/session.server.ts";

// Revokes the token (or browser session) that authenticated this request.
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const session = await requireApiSession(context);
  await revokeSession(session.sessionId);
  return noContent();
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
