import { Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/resume.delete";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { deleteResume, getResume } from "#app/models/resume.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { formatCount } from "#app/domain/resume-text.ts";

// The confirmation step is a page of its own, so deleting works the same with JavaScript off.

export async function loader({ context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const resume = await getResume(userId);
  if (!resume) throw redirect("/resume");
  return { wordCount: resume.wordCount, updatedAt: resume.updatedAt };
}

export async function action({ context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const deleted = await deleteResume(userId);
  return redirect(deleted ? "/resume?notice=deleted" : "/resume");
}

export default function DeleteResume({ loaderData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const deleting = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-xl">
      <div className="card space-y-4">
        <h1>Delete your résumé?</h1>
        <p className="text-slate-800">
          Your résumé ({formatCount(loaderData.wordCount)} words, last updated <DateText date={loaderData.updatedAt} withTime />) will be
          deleted for good.
        </p>
        <p className="text-sm text-slate-700">
          Interviews you already did keep the copy they were built from. You will need a résumé again before your next interview.
        </p>
        <Form method="post" className="flex flex-wrap gap-3 pt-2">
          <button type="submit" className="btn-danger" disabled={deleting}>
            {deleting ? "Deleting…" : "Delete résumé"}
          </button>
          <Link to="/resume" className="btn-secondary">
            Keep it
          </Link>
        </Form>
      </div>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Delete your résumé — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
