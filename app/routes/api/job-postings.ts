import type { Route } from "./+types/job-postings";
import { NewJobPostingBody } from "#app/api/request-bodies.ts";
import { createJobPosting, jobPostingJson, listJobPostings, TooManyPostingsError } from "#app/models/job-posting.server.ts";
import { apiError, methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";

// GET /api/v1/job-postings: the user's postings, newest first (an empty array when there are none).
export async function loader({ context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const postings = await listJobPostings(userId);
  return Response.json(postings.map((posting) => jobPostingJson(posting, { withDescription: false })));
}

// POST /api/v1/job-postings: a new posting (201, with its Location).
export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const userId = await requireApiUserId(context);
  const body = await readJson(request, NewJobPostingBody);
  let posting;
  try {
    posting = await createJobPosting(userId, {
      title: body.title,
      company: body.company ?? null,
      description: body.description,
      experienceLevel: body.experience_level ?? null,
      techStack: body.tech_stack ?? [],
      url: body.url ?? null,
    });
  } catch (error) {
    if (!(error instanceof TooManyPostingsError)) throw error;
    return apiError(422, "too_many_job_postings", error.message);
  }
  return Response.json(jobPostingJson(posting), { status: 201, headers: { Location: `/api/v1/job-postings/${posting.id}` } });
}
