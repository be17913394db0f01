import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Route } from "./+types/jobs.new";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { JobPostingForm } from "#app/components/job-posting-form.tsx";
import { createJobPosting, TooManyPostingsError } from "#app/models/job-posting.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { JobPostingFormSchema, toJobPostingInput } from "#app/forms/job-posting-validation.ts";

export async function loader({ context }: Route.LoaderArgs) {
  await requireUserId(context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const submission = parseWithZod(await request.formData(), { schema: JobPostingFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const posting = await createJobPosting(userId, toJobPostingInput(submission.value));
    return redirect(`/jobs/${posting.id}?notice=created`);
  } catch (error) {
    if (!(error instanceof TooManyPostingsError)) throw error;
    return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: error.status });
  }
}

export default function NewJobPosting({ actionData }: Route.ComponentProps) {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-1">
        <h1>Add a job posting</h1>
        <p className="text-slate-700">The more of the real ad you paste, the closer the questions get to the interview you will face.</p>
      </div>
      <div className="card">
        <JobPostingForm
          id="new-job-posting"
          lastResult={actionData?.result}
          submitLabel="Save job posting"
          pendingLabel="Saving…"
          cancelTo="/jobs"
        />
      </div>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Add a job posting — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
