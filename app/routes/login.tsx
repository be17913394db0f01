import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { formActionHeaders } from "#app/utils/refusal.server.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Checkbox, Field, FormErrors } from "#app/components/forms.tsx";
import { FormStrategy } from "remix-auth-form";
import { login } from "#app/models/login.server.ts";
import { requireAnonymous } from "#app/utils/auth.server.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { createLoginSession, getAuthSession, revokeSession } from "#app/utils/session.server.ts";
import { LoginSchema } from "#app/forms/account-forms.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";

const notices: Record<string, string> = {
  reset: "Your password was changed and every session was signed out. Log in with your new password.",
  deleted: "Your account and all its data were deleted.",
  expired: "Your session ended. Please log in again.",
};

export async function loader({ context }: Route.LoaderArgs) {
  await requireAnonymous(context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  // remix-auth-form's FormStrategy reads the posted form; the model's `login` (limits, then bcrypt) decides.
  const passwordLogin = new FormStrategy(async ({ form }) => {
    const submission = parseWithZod(form, { schema: LoginSchema });
    if (submission.status !== "success") return { submission, attempt: null };
    return { submission, attempt: await login(submission.value.email, submission.value.password, context.get(clientIpContext)) };
  });
  const { submission, attempt } = await passwordLogin.authenticate(request);
  const hideFields = ["password"];
  if (!attempt) return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  if (attempt.outcome === "limited" || attempt.outcome === "busy") {
    return data(
      { result: submission.reply({ formErrors: [attempt.message], hideFields }) },
      { status: attempt.outcome === "busy" ? 503 : 429, headers: { "Retry-After": String(attempt.retryAfterSeconds) } },
    );
  }
  if (attempt.outcome === "invalid")
    return data({ result: submission.reply({ formErrors: [attempt.message], hideFields }) }, { status: 400 });
  const { user } = attempt;
  const { remember, redirectTo } = submission.value;

  // A fresh session id on every login; any session this browser had is ended.
  const previous = await getAuthSession(context);
  if (previous) await revokeSession(previous.sessionId);
  const { setCookie } = await createLoginSession(user.id, { persistent: Boolean(remember) });
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": setCookie } });
}

export default function Login({ actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const notice = notices[searchParams.get("notice") ?? ""];
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });

  return (
    <div className="mx-auto max-w-md">
      <div className="card space-y-6">
        <h1>Log in</h1>
        {notice ? (
          <p className="alert-success" role="status">
            {notice}
          </p>
        ) : null}
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <input {...getInputProps(fields.redirectTo, { type: "hidden" })} />
          <Field
            label="Email"
            errors={fields.email.errors}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", autoFocus: true }}
          />
          <Field
            label="Password"
            errors={fields.password.errors}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
          />
          <div className="flex items-center justify-between">
            <Checkbox label="Remember me for 7 days" inputProps={getInputProps(fields.remember, { type: "checkbox" })} />
            <Link to="/forgot-password" className="text-sm">
              Forgot password?
            </Link>
          </div>
          <FormErrors id={form.errorId} errors={form.errors} />
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Logging in…" : "Log in"}
          </button>
        </Form>
        <p className="text-sm text-slate-700">
          New here? <Link to="/register">Create an account</Link>
        </p>
      </div>
    </div>
  );
}

export const headers: Route.HeadersFunction = formActionHeaders;

export const meta: Route.MetaFunction = () => [{ title: "Log in — ai-interviewer" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
