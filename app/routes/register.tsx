import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/register";
import { formActionHeaders } from "#app/utils/refusal.server.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Field, FormErrors } from "#app/components/forms.tsx";
import { register } from "#app/models/user.server.ts";
import { requireAnonymous } from "#app/utils/auth.server.ts";
import { createLoginSession } from "#app/utils/session.server.ts";
import { RegisterSchema } from "#app/forms/account-forms.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  await requireAnonymous(context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAnonymous(context);
  const submission = parseWithZod(await request.formData(), { schema: RegisterSchema });
  const hideFields = ["password"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const outcome = await register(submission.value, context.get(clientIpContext));
  if (outcome.outcome === "limited" || outcome.outcome === "busy") {
    return data(
      { result: submission.reply({ formErrors: [outcome.message], hideFields }) },
      { status: outcome.outcome === "busy" ? 503 : 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  if (outcome.outcome === "invalid") {
    const { email, password } = outcome.problems;
    const fieldErrors = { ...(email ? { email: [email] } : {}), ...(password ? { password: [password] } : {}) };
    return data({ result: submission.reply({ fieldErrors, hideFields }) }, { status: 400 });
  }
  const { user } = outcome;
  const { setCookie } = await createLoginSession(user.id, { persistent: false });
  return redirect("/dashboard", { headers: { "Set-Cookie": setCookie } });
}

export default function Register({ actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "register",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RegisterSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
  });

  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-6">
        <div className="space-y-1">
          <h1>Create your account</h1>
          <p className="text-slate-700">Practise interviews for the jobs you want, with your own AI key.</p>
        </div>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <Field
            label="Email"
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", autoFocus: true }}
          />
          <Field
            label="Password"
            hint="At least 8 characters. Long passphrases are great; common passwords are refused."
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          />
          <FormErrors id={form.errorId} errors={form.errors} />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Creating your account…" : "Create account"}
          </button>
        </Form>
        <p className="text-sm text-slate-700">
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      </div>
    </div>
  );
}

export const headers: Route.HeadersFunction = formActionHeaders;

export const meta: Route.MetaFunction = () => [{ title: "Create your account — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
