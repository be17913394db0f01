import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/jobs.$id.edit";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { JobPostingForm, type JobPostingFormValues } from "#app/components/job-posting-form.tsx";
import { getJobPosting, updateJobPosting } from "#app/models/job-posting.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { formatTechStack, JobPostingFormSchema, toJobPostingInput } from "#app/forms/job-posting-validation.ts";
import { orPageNotFound, pageId } from "#app/utils/not-found.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const posting = orPageNotFound(await getJobPosting(userId, pageId(params.id)));
  const values: JobPostingFormValues = {
    title: posting.title,
    company: posting.company ?? "",
    description: posting.description,
    experienceLevel: posting.experienceLevel ?? "",
    techStack: formatTechStack(posting.techStack),
    url: posting.url ?? "",
  };
  return { id: posting.id, title: posting.title, values };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const id = pageId(params.id);
  // Ownership before validation: someone else's posting is a 404 whatever the form says.
  orPageNotFound(await getJobPosting(userId, id));
  const submission = parseWithZod(await request.formData(), { schema: JobPostingFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  orPageNotFound(await updateJobPosting(userId, id, toJobPostingInput(submission.value)));
  return redirect(`/jobs/${id}?notice=updated`);
}

export default function EditJobPosting({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to={`/jobs/${loaderData.id}`}>← Back to the posting</Link>
      </p>
      <div className="space-y-1">
        <h1>Edit job posting</h1>
        <p className="text-slate-700">Interviews you already did keep the version of the posting they were built from.</p>
      </div>
      <div className="card">
        <JobPostingForm
          id="edit-job-posting"
          lastResult={actionData?.result}
          defaultValue={loaderData.values}
          submitLabel="Save changes"
          pendingLabel="Saving…"
          cancelTo={`/jobs/${loaderData.id}`}
        />
      </div>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Edit ${loaderData.title} — ai-interviewer` : "Edit job posting — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
