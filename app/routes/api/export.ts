import type { Route } from "./+types/export";
import { exportAccount } from "#app/models/account-export.server.ts";
import { apiError, methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiSession } from "#app/utils/auth.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

const BEARER_ONLY_MESSAGE =
  "The export through the API needs Authorization: Bearer <token> from POST /api/v1/auth/login. In the browser, use Settings → Your data.";

/** The complete account export (docs/export-format.md); ?redacted=true replaces personal details. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireApiSession(context);
  // An export spends one of the hour's exports, and a GET carrying only the browser's cookie can be
  // started by a link on any site (SameSite=Lax sends it on a top-level navigation): this one takes the
  // bearer token alone. In the browser, the Settings form exports (a POST, checked for its origin).
  if (session.kind !== "api") return apiError(403, "bearer_token_required", BEARER_ONLY_MESSAGE);
  const userId = session.user.id;
  const redact = new URL(request.url).searchParams.get("redacted") === "true";
  try {
    const { fileName, document } = await exportAccount(userId, { redact });
    return Response.json(document, {
      headers: { "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    return apiRefusal(error);
  }
}

export function action() {
  return methodNotAllowed(["GET"]);
}
