import { Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/jobs.$id.delete";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { deleteJobPosting, getJobPosting } from "#app/models/job-posting.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId, pageNotFound } from "#app/utils/not-found.server.ts";

// The confirmation step is a page of its own, so deleting works the same with JavaScript off.

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const posting = orPageNotFound(await getJobPosting(userId, pageId(params.id)));
  return { id: posting.id, title: posting.title, company: posting.company, interviewCount: posting.interviewCount };
}

export async function action({ params, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const deleted = await deleteJobPosting(userId, pageId(params.id));
  if (!deleted) pageNotFound();
  return redirect("/jobs?notice=deleted");
}

export default function DeleteJobPosting({ loaderData }: Route.ComponentProps) {
  const { id, title, company, interviewCount } = loaderData;
  const navigation = useNavigation();
  const deleting = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-xl">
      <div className="card space-y-4">
        <h1>Delete this job posting?</h1>
        <p className="text-slate-800">
          <strong>{title}</strong>
          {company ? ` at ${company}` : ""} will be deleted for good.
        </p>
        <p className="text-sm text-slate-700">
          {interviewCount > 0
            ? `Your ${interviewCount} ${interviewCount === 1 ? "interview" : "interviews"} for it stay in your history, with their questions, answers and feedback.`
            : "You have not done any interviews for it yet."}
        </p>
        <Form method="post" className="flex flex-wrap gap-3 pt-2">
          <button type="submit" className="btn-danger" disabled={deleting}>
            {deleting ? "Deleting…" : "Delete job posting"}
          </button>
          <Link to={`/jobs/${id}`} className="btn-secondary">
            Keep it
          </Link>
        </Form>
      </div>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Delete ${loaderData.title} — ai-interviewer` : "Delete job posting — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
