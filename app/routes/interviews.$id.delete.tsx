import { Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/interviews.$id.delete";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { deleteInterview, getSessionSummary } from "#app/models/interview.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId, pageNotFound } from "#app/utils/not-found.server.ts";

// The confirmation step is a page of its own, so deleting works the same with JavaScript off.
// Any interview can be deleted, whatever its state: in progress, paused, failed or finished.

const STATE: Record<"active" | "paused" | "completed", string> = {
  active: "in progress",
  paused: "paused",
  completed: "finished",
};

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const session = orPageNotFound(await getSessionSummary(userId, pageId(params.id)));
  return {
    id: session.id,
    title: session.postingTitle,
    company: session.postingCompany,
    status: session.status,
    answeredCount: session.answeredCount,
    hasFeedback: session.feedback !== null,
  };
}

export async function action({ params, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const deleted = await deleteInterview(userId, pageId(params.id));
  if (!deleted) pageNotFound();
  return redirect("/interviews?notice=deleted");
}

export default function DeleteInterview({ loaderData }: Route.ComponentProps) {
  const { id, title, company, status, answeredCount, hasFeedback } = loaderData;
  const navigation = useNavigation();
  const deleting = navigation.state === "submitting";
  const holds = [
    answeredCount === 1 ? "your answer" : answeredCount > 1 ? `your ${answeredCount} answers` : null,
    answeredCount > 0 ? "their evaluations" : null,
    hasFeedback ? "the feedback" : null,
  ].filter(Boolean);
  return (
    <div className="mx-auto max-w-xl">
      <div className="card space-y-4">
        <h1>Delete this interview?</h1>
        <p className="text-slate-800">
          The {STATE[status]} interview for <strong>{title}</strong>
          {company ? ` at ${company}` : ""} will be deleted for good
          {holds.length ? `, with ${holds.join(", ").replace(/, ([^,]*)$/, " and $1")}` : ""}.
        </p>
        <p className="text-sm text-slate-700">
          {status === "completed"
            ? "It will no longer count in your progress or on your dashboard."
            : "Anything the AI is still preparing for it is stopped."}{" "}
          Your job posting and your other interviews are not affected.
        </p>
        <Form method="post" className="flex flex-wrap gap-3 pt-2">
          <button type="submit" className="btn-danger" disabled={deleting}>
            {deleting ? "Deleting…" : "Delete interview"}
          </button>
          <Link to={`/interviews/${id}`} className="btn-secondary">
            Keep it
          </Link>
        </Form>
      </div>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Delete the interview for ${loaderData.title} — ai-interviewer` : "Delete interview — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
