import type { Route } from "./+types/export";
import { exportAccount } from "#app/models/account-export.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

/** The complete account export (docs/export-format.md); ?redacted=true replaces personal details. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
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
