import type { Route } from "./+types/resumes";
import { ResumeBody } from "#app/api/request-bodies.ts";
import { resumeJson } from "#app/api/resume-json.server.ts";
import { createResume, ResumeExistsError } from "#app/models/resume.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

// POST /api/v1/resumes: the user's first résumé (201); 409 when one exists — replace it with PUT /resumes/me.
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const userId = await requireApiUserId(context);
  const body = await readJson(request, ResumeBody);
  try {
    const resume = await createResume(userId, body.content);
    return Response.json(resumeJson(resume), { status: 201, headers: { Location: "/api/v1/resumes/me" } });
  } catch (error) {
    if (error instanceof ResumeExistsError) {
      return apiError(409, "resume_exists", "You already have a résumé. Replace it with PUT /api/v1/resumes/me.");
    }
    throw error;
  }
}

export function loader() {
  return methodNotAllowed(["POST"]);
}
