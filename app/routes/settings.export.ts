import { redirect } from "react-router";
import type { Route } from "./+types/settings.export";
import { exportAccount } from "#app/models/account-export.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";

/** The export form lives in Settings; a GET here (a bookmark, a reload) goes back to it. */
export function loader() {
  return redirect("/settings#your-data");
}

/** POST: the complete account export as a JSON download (the form's "redact" box replaces personal details). */
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const form = await request.formData();
  const { fileName, document } = await exportAccount(userId, { redact: form.get("redact") === "on" });
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
