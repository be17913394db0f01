import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/reset-password";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Field, FormErrors } from "#app/components/forms.tsx";
import { InvalidResetTokenError, resetPassword, resetTokenIsValid } from "#app/models/password-reset.server.ts";
import { newPasswordProblem } from "#app/models/user.server.ts";
import { formActionHeaders, Refusal, retryAfterHeader } from "#app/utils/refusal.server.ts";
import { ResetPasswordSchema } from "#app/forms/account-forms.ts";
import { z } from "#app/forms/zod.ts";

export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: await resetTokenIsValid(token) };
}

export async function action({ request }: Route.ActionArgs) {
  const submission = await parseWithZod(await request.formData(), {
    schema: ResetPasswordSchema.check(
      z.superRefine((value, ctx) => {
        const problem = newPasswordProblem(value.password);
        if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      }),
    ),
    async: true,
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
  }
  try {
    await resetPassword(submission.value.token, submission.value.password);
  } catch (error) {
    const formError = (status: number, headers?: HeadersInit) =>
      data(
        { result: submission.reply({ formErrors: [(error as Error).message], hideFields: ["password", "confirm"] }) },
        { status, headers },
      );
    if (error instanceof InvalidResetTokenError) return formError(400);
    // Too many password hashes waiting (503, Retry-After): the link still works in a few seconds.
    if (error instanceof Refusal) return formError(error.status, retryAfterHeader(error));
    throw error;
  }
  return redirect("/login?notice=reset");
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { token: loaderData.token },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });

  if (!loaderData.valid) {
    return (
      <div className="mx-auto max-w-md">
        <div className="card space-y-4">
          <h1>This link doesn't work any more</h1>
          <p className="text-slate-700">Reset links work once and expire after 30 minutes.</p>
          <Link to="/forgot-password" className="btn-primary">
            Ask for a new link
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-6">
        <h1>Choose a new password</h1>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <input {...getInputProps(fields.token, { type: "hidden" })} />
          <Field
            label="New password"
            hint="At least 8 characters. Every device will be signed out."
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password", autoFocus: true }}
          />
          <Field
            label="Type it again"
            errors={fields.confirm.errors}
            inputProps={{ ...getInputProps(fields.confirm, { type: "password" }), autoComplete: "new-password" }}
          />
          <FormErrors id={form.errorId} errors={form.errors} />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            Set new password
          </button>
        </Form>
      </div>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [
  { title: "Choose a new password — ai-interviewer" },
  { name: "referrer", content: "no-referrer" },
];

export const headers: Route.HeadersFunction = formActionHeaders;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
