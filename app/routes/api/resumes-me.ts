import type { Route } from "./+types/resumes-me";
import { ResumeBody } from "#app/api/request-bodies.ts";
import { resumeJson } from "#app/api/resume-json.server.ts";
import { deleteResume, getResume, updateResume } from "#app/models/resume.server.ts";
import { methodNotAllowed, noContent, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiNotFound, orApiNotFound } from "#app/utils/not-found.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  return Response.json(resumeJson(orApiNotFound(await getResume(userId), "Résumé")));
}

// PUT replaces the text (200), DELETE removes the résumé (204); both 404 when there is none.
export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireApiUserId(context);
  switch (request.method) {
    case "PUT": {
      // No résumé is a 404 whatever the body says (create one with POST /api/v1/resumes).
      orApiNotFound(await getResume(userId), "Résumé");
      const body = await readJson(request, ResumeBody);
      return Response.json(resumeJson(orApiNotFound(await updateResume(userId, body.content), "Résumé")));
    }
    case "DELETE":
      return (await deleteResume(userId)) ? noContent() : apiNotFound("Résumé");
    default:
      return methodNotAllowed(["GET", "PUT", "DELETE"]);
  }
}
