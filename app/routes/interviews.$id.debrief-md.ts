import type { Route } from "./+types/interviews.$id.debrief-md";
import { interviewDebriefMarkdown } from "#app/models/account-export.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId } from "#app/utils/not-found.server.ts";

/** One interview's debrief as a Markdown download (?redact=1: emails, phone numbers and the résumé's names replaced). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const redact = new URL(request.url).searchParams.get("redact") === "1";
  const file = orPageNotFound(await interviewDebriefMarkdown(userId, pageId(params.id), { redact }));
  return new Response(file.markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
