import type { Route } from "./+types/job-postings";
import { NewJobPostingBody } from "#app/api/request-bodies.ts";
import { jobPostingJson } from "#app/api/job-posting-json.server.ts";
import { createJobPosting, listJobPostings } from "#app/models/job-posting.server.ts";
import { methodNotAllowed, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import { apiRefusal } from "#app/utils/refusal.server.ts";

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
    return apiRefusal(error); // the account's postings cap
  }
  return Response.json(jobPostingJson(posting), { status: 201, headers: { Location: `/api/v1/job-postings/${posting.id}` } });
}
