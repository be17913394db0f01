import type { z } from "zod";
import type { Route } from "./+types/job-postings-id";
import { JobPostingChangesBody } from "#app/api/request-bodies.ts";
import { jobPostingJson } from "#app/api/job-posting-json.server.ts";
import { deleteJobPosting, getJobPosting, updateJobPosting } from "#app/models/job-posting.server.ts";
import { methodNotAllowed, noContent, readJson } from "#app/utils/api.server.ts";
import { requireApiUserId } from "#app/utils/auth.server.ts";
import type { JobPostingInput } from "#app/forms/job-posting-validation.ts";
import { apiId, apiNotFound, orApiNotFound } from "#app/utils/not-found.server.ts";

// PUT changes the fields it is sent and leaves the others; null clears an optional field.
function toChanges(body: z.output<typeof JobPostingChangesBody>): Partial<JobPostingInput> {
  const changes: Partial<JobPostingInput> = {};
  if (body.title !== undefined) changes.title = body.title;
  if (body.company !== undefined) changes.company = body.company;
  if (body.description !== undefined) changes.description = body.description;
  if (body.experience_level !== undefined) changes.experienceLevel = body.experience_level;
  if (body.tech_stack !== undefined) changes.techStack = body.tech_stack ?? [];
  if (body.url !== undefined) changes.url = body.url;
  return changes;
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireApiUserId(context);
  const id = apiId(params.id, "Job posting");
  return Response.json(jobPostingJson(orApiNotFound(await getJobPosting(userId, id), "Job posting")));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const userId = await requireApiUserId(context);
  if (request.method !== "PUT" && request.method !== "DELETE") return methodNotAllowed(["GET", "PUT", "DELETE"]);
  const id = apiId(params.id, "Job posting");
  if (request.method === "DELETE") {
    // Interviews done for this posting keep their snapshot of it (job_posting_id becomes null).
    return (await deleteJobPosting(userId, id)) ? noContent() : apiNotFound("Job posting");
  }
  // A foreign or missing id is a 404 even when the body is invalid: the id is checked first.
  orApiNotFound(await getJobPosting(userId, id), "Job posting");
  const body = await readJson(request, JobPostingChangesBody);
  return Response.json(jobPostingJson(orApiNotFound(await updateJobPosting(userId, id, toChanges(body)), "Job posting")));
}
