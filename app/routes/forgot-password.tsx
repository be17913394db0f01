import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/forgot-password";
import { formActionHeaders } from "#app/utils/refusal.server.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Field, FormErrors } from "#app/components/forms.tsx";
import { requestPasswordReset } from "#app/models/password-reset.server.ts";
import { ForgotPasswordSchema } from "#app/forms/account-forms.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const refused = await requestPasswordReset(submission.value.email, context.get(clientIpContext));
  if (refused) {
    return data(
      { result: submission.reply({ formErrors: [refused.message] }), sent: false },
      { status: 429, headers: { "Retry-After": String(refused.retryAfterSeconds) } },
    );
  }
  // The same answer whether or not the email has an account.
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-6">
        <div className="space-y-1">
          <h1>Reset your password</h1>
          <p className="text-slate-700">Enter your account's email and we'll send you a link to choose a new password.</p>
        </div>
        {actionData?.sent ? (
          <p className="alert-success" role="status">
            If an account exists for that email, we've sent a reset link to it. The link works once and expires in 30 minutes.
          </p>
        ) : null}
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <Field
            label="Email"
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
          />
          <FormErrors id={form.errorId} errors={form.errors} />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            Send reset link
          </button>
        </Form>
        <p className="text-sm text-slate-700">
          Remembered it? <Link to="/login">Log in</Link>
        </p>
      </div>
    </div>
  );
}

export const headers: Route.HeadersFunction = formActionHeaders;

export const meta: Route.MetaFunction = () => [{ title: "Reset your password — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
