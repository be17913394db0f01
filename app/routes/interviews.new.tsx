import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/interviews.new";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ErrorList, Field, FormErrors } from "#app/components/forms.tsx";
import { StartInterview } from "#app/components/start-interview.tsx";
import { InterviewError } from "#app/models/interview-error.server.ts";
import { startInterview } from "#app/models/interview.server.ts";
import { getStartOptions } from "#app/models/onboarding.server.ts";
import { getMonthUsage } from "#app/models/usage.server.ts";
import { MonthSpend } from "#app/components/usage/month-spend.tsx";
import { requireUserId } from "#app/utils/auth.server.ts";
import { StartSchema } from "#app/forms/interview-forms.ts";
import { TARGET_QUESTIONS } from "#app/domain/interview-rules.ts";
import { isUuid } from "#app/utils/not-found.server.ts";
import { Refusal, retryAfterHeader } from "#app/utils/refusal.server.ts";

const FOCUS_OPTIONS = [
  { value: "balanced", label: "Balanced", hint: "Technical, behavioural, project and situational questions in turn." },
  { value: "technical", label: "More technical", hint: "Mostly technical and project questions." },
  { value: "behavioral", label: "More behavioural", hint: "Mostly behavioural and situational questions." },
  {
    value: "weakest_first",
    label: "Weakest skills first",
    hint: "Questions aim at the job's requirements you are weak on or have not been asked about yet (its skill map).",
  },
] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const jobId = new URL(request.url).searchParams.get("jobId");
  const [{ postings, readiness }, spend] = await Promise.all([getStartOptions(userId), getMonthUsage(userId)]);
  const selected = jobId && isUuid(jobId) ? (postings.find((p) => p.id === jobId.toLowerCase()) ?? null) : null;
  if (jobId && !selected) throw data(null, { status: 404 });
  return {
    postings,
    selectedId: selected?.id ?? postings[0]?.id ?? null,
    readiness,
    spend,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const submission = parseWithZod(await request.formData(), { schema: StartSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const { session } = await startInterview(userId, submission.value);
    return redirect(`/interviews/${session.id}`);
  } catch (error) {
    // A refusal that is not about the form (the month's AI budget is spent): shown above the button.
    if (!(error instanceof Refusal)) throw error;
    // Not one of this user's postings: a wrong choice in the form, answered like any other invalid field.
    if (error instanceof InterviewError && error.code === "not_found")
      return data({ result: submission.reply({ fieldErrors: { jobPostingId: ["Choose one of your job postings"] } }) }, { status: 400 });
    return data({ result: submission.reply({ formErrors: [error.message] }) }, { status: error.status, headers: retryAfterHeader(error) });
  }
}

export default function NewInterview({ loaderData, actionData }: Route.ComponentProps) {
  const { postings, selectedId, readiness } = loaderData;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "start-interview",
    lastResult: actionData?.result,
    constraint: getZodConstraint(StartSchema),
    defaultValue: { jobPostingId: selectedId ?? "", targetQuestions: String(TARGET_QUESTIONS.default), focus: "balanced" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartSchema }),
  });
  const ready = readiness.resume && readiness.apiKey;

  if (!postings.length) {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1>Start an interview</h1>
        <div className="card space-y-3">
          <p>Interviews are built from a job posting and your résumé. Add the job you are preparing for first.</p>
          <Link to="/jobs/new" className="btn-primary">
            Add your first job posting
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-1">
        <h1>Start an interview</h1>
        <p className="text-slate-700">
          Questions come one at a time, drawn from the posting and your résumé, with follow-ups when an answer invites them.
        </p>
      </div>
      {!ready && selectedId ? <StartInterview jobId={selectedId} readiness={readiness} /> : null}
      {loaderData.spend.budget.state === "notice" || loaderData.spend.budget.state === "exhausted" ? (
        <MonthSpend view={loaderData.spend} />
      ) : null}
      <Form method="post" className="card space-y-5" {...getFormProps(form)}>
        <div>
          <label htmlFor={fields.jobPostingId.id} className="label">
            Job posting
          </label>
          <select {...getSelectProps(fields.jobPostingId)} className="input">
            {postings.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
                {p.company ? ` — ${p.company}` : ""}
              </option>
            ))}
          </select>
          <ErrorList id={fields.jobPostingId.errorId} errors={fields.jobPostingId.errors} />
        </div>
        <Field
          label="Number of questions"
          hint={`Between ${TARGET_QUESTIONS.min} and ${TARGET_QUESTIONS.max}. Follow-up questions count toward this number.`}
          errors={fields.targetQuestions.errors}
          inputProps={{ ...getInputProps(fields.targetQuestions, { type: "number" }), className: undefined, inputMode: "numeric" }}
        />
        <fieldset>
          <legend className="label">Focus</legend>
          <div className="space-y-2">
            {FOCUS_OPTIONS.map((option) => (
              <label
                key={option.value}
                className="flex items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50"
              >
                <input
                  type="radio"
                  name={fields.focus.name}
                  value={option.value}
                  defaultChecked={fields.focus.initialValue === option.value}
                  className="mt-1"
                />
                <span>
                  <span className="block font-medium">{option.label}</span>
                  <span className="block text-sm text-slate-600">{option.hint}</span>
                </span>
              </label>
            ))}
          </div>
          <ErrorList id={fields.focus.errorId} errors={fields.focus.errors} />
        </fieldset>
        <FormErrors id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary" disabled={!ready || navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Starting…" : "Start interview"}
        </button>
      </Form>
    </div>
  );
}

// Carries the action's Retry-After (hourly start allowance used up) onto the document response.
export const headers: Route.HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const meta: Route.MetaFunction = () => [{ title: "Start an interview — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
