import type { Route } from "./+types/sessions-id-debrief";
import { interviewDebriefMarkdown } from "#app/models/account-export.server.ts";
import { methodNotAllowed } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiId, orApiNotFound } from "#app/utils/not-found.server.ts";

/** One session's debrief as a Markdown document (in JSON); ?redacted=true replaces personal details. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const redact = new URL(request.url).searchParams.get("redacted") === "true";
  const file = orApiNotFound(await interviewDebriefMarkdown(userId, apiId(params.id, "Session"), { redact }), "Session");
  return Response.json(
    { file_name: file.fileName, markdown: file.markdown, redacted: redact },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export function action() {
  return methodNotAllowed(["GET"]);
}
