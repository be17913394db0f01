import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/settings";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Field, FormErrors } from "#app/components/forms.tsx";
import {
  AiSettingsProblem,
  effectiveAiSettings,
  KEY_REMOVED_WITH_ENDPOINT_MESSAGE,
  removeApiKey,
  saveApiKey,
  saveProviderSettings,
  testUserApiKey,
} from "#app/models/ai-provider.server.ts";
import { changePassword, deleteAccount, getProfile, newPasswordProblem, WrongPasswordError } from "#app/models/user.server.ts";
import { ChangePasswordSchema, DeleteAccountSchema, ProviderSchema, SaveApiKeySchema } from "#app/forms/account-forms.ts";
import { z } from "#app/forms/zod.ts";
import { requireSession } from "#app/utils/auth.server.ts";
import { KeptRecordingsCount, VoiceSettingsSection } from "#app/components/voice/voice-settings.tsx";
import { DeleteRecordingSchema, VoiceSettingsSchema } from "#app/forms/voice-forms.ts";
import { deleteRecording, getVoiceOverview, saveVoiceSettings } from "#app/models/voice.server.ts";
import { formActionHeaders, Refusal, retryAfterHeader } from "#app/utils/refusal.server.ts";
import { BudgetSettings } from "#app/components/usage/budget-settings.tsx";
import { DataExport } from "#app/components/export/data-export.tsx";
import { listInterviewDownloads } from "#app/models/account-export.server.ts";
import { BudgetFormSchema, PriceFormSchema, priceFromForm, RemovePriceFormSchema } from "#app/forms/budget-forms.ts";
import { getBudgetSettings, removeModelPrice, setModelPrice, setMonthlyBudget, TooManyPrices } from "#app/models/usage.server.ts";
import { clearSessionCookie } from "#app/utils/session.server.ts";

const SUGGESTED_MODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "o4-mini"];

type Intent =
  | "change-password"
  | "save-api-key"
  | "remove-api-key"
  | "test-api-key"
  | "save-provider"
  | "delete-account"
  | "voice"
  | "delete-recording"
  | "save-budget"
  | "save-price"
  | "remove-price";
type ActionResult = { intent: Intent; result?: SubmissionResult<string[]>; message?: string; ok?: boolean };

export async function loader({ context }: Route.LoaderArgs) {
  const session = await requireSession(context);
  const [profile, voice, budget, downloads] = await Promise.all([
    getProfile(session.user.id),
    getVoiceOverview(session.user.id),
    getBudgetSettings(session.user.id),
    listInterviewDownloads(session.user.id),
  ]);
  return {
    budget,
    downloads,
    profile: {
      email: profile.email,
      createdAt: profile.createdAt,
      hasApiKey: profile.hasApiKey,
      apiKeyLast4: profile.apiKeyLast4,
      apiKeyUpdatedAt: profile.apiKeyUpdatedAt,
      model: profile.aiModel ?? "",
      graderModel: profile.aiGraderModel ?? "",
      baseUrl: profile.aiBaseUrl ?? "",
    },
    defaults: effectiveAiSettings(profile).defaults,
    voice,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireSession(context);
  const userId = session.user.id;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  const reply = (value: ActionResult, status = 200, headers?: HeadersInit) => data<ActionResult>(value, { status, headers });

  switch (intent) {
    case "change-password": {
      const submission = await parseWithZod(formData, {
        schema: ChangePasswordSchema.check(
          z.superRefine((v, ctx) => {
            const problem = newPasswordProblem(v.newPassword);
            if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
          }),
        ),
        async: true,
      });
      const hide = ["currentPassword", "newPassword", "confirmPassword"];
      if (submission.status !== "success") return reply({ intent, result: submission.reply({ hideFields: hide }) }, 400);
      try {
        await changePassword(userId, submission.value.currentPassword, submission.value.newPassword, session.sessionId);
      } catch (error) {
        const refused = passwordRefusal(error);
        const result = submission.reply({ fieldErrors: { currentPassword: [refused.message] }, hideFields: hide });
        return reply({ intent, result }, refused.status, refused.headers);
      }
      return reply({
        intent,
        result: submission.reply({ resetForm: true }),
        ok: true,
        message: "Password changed. Every other device was signed out.",
      });
    }
    case "save-api-key": {
      const submission = parseWithZod(formData, { schema: SaveApiKeySchema });
      if (submission.status !== "success") return reply({ intent, result: submission.reply({ hideFields: ["apiKey"] }) }, 400);
      try {
        const saved = await saveApiKey(userId, submission.value.apiKey);
        return reply({
          intent,
          result: submission.reply({ resetForm: true }),
          ok: true,
          message: `Key saved. It ends in …${saved.last4}.`,
        });
      } catch (error) {
        if (!(error instanceof AiSettingsProblem)) throw error;
        return reply({ intent, result: submission.reply({ fieldErrors: { apiKey: [error.message] }, hideFields: ["apiKey"] }) }, 400);
      }
    }
    case "remove-api-key": {
      await removeApiKey(userId);
      return reply({ intent, ok: true, message: "Key removed. Add a key again before your next interview." });
    }
    case "test-api-key": {
      const outcome = await testUserApiKey(userId);
      return reply({ intent, ok: outcome.ok, message: outcome.message }, outcome.limited ? 429 : 200);
    }
    case "save-provider": {
      const submission = parseWithZod(formData, { schema: ProviderSchema });
      if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
      let saved;
      try {
        saved = await saveProviderSettings(userId, {
          model: submission.value.model ?? null,
          graderModel: submission.value.graderModel ?? null,
          baseUrl: submission.value.baseUrl ?? null,
        });
      } catch (error) {
        if (!(error instanceof AiSettingsProblem)) throw error;
        return reply({ intent, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, 400);
      }
      const message = `Provider settings saved.${saved.keyRemoved ? ` ${KEY_REMOVED_WITH_ENDPOINT_MESSAGE}` : ""}`;
      return reply({ intent, result: submission.reply(), ok: true, message });
    }
    case "voice": {
      const submission = parseWithZod(formData, { schema: VoiceSettingsSchema });
      if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
      await saveVoiceSettings(userId, submission.value);
      return reply({ intent, result: submission.reply(), ok: true, message: "Voice settings saved." });
    }
    case "delete-recording": {
      const submission = parseWithZod(formData, { schema: DeleteRecordingSchema });
      if (submission.status !== "success")
        return reply({ intent, ok: false, message: "That recording link is not valid. Reload the page." }, 400);
      try {
        await deleteRecording(userId, submission.value.recordingId);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        return reply({ intent, ok: false, message: "That recording was already deleted." }, error.status);
      }
      return reply({ intent, ok: true, message: "Recording deleted." });
    }
    case "delete-account": {
      const submission = parseWithZod(formData, { schema: DeleteAccountSchema });
      if (submission.status !== "success") return reply({ intent, result: submission.reply({ hideFields: ["password"] }) }, 400);
      try {
        await deleteAccount(userId, submission.value.password);
      } catch (error) {
        const refused = passwordRefusal(error);
        const result = submission.reply({ fieldErrors: { password: [refused.message] }, hideFields: ["password"] });
        return reply({ intent, result }, refused.status, refused.headers);
      }
      return redirect("/login?notice=deleted", { headers: { "Set-Cookie": await clearSessionCookie() } });
    }
    case "save-budget": {
      const submission = parseWithZod(formData, { schema: BudgetFormSchema });
      if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
      await setMonthlyBudget(userId, submission.value.monthlyBudget);
      return reply({ intent, result: submission.reply(), ok: true, message: "Budget saved." });
    }
    case "save-price": {
      const submission = parseWithZod(formData, { schema: PriceFormSchema });
      if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
      try {
        await setModelPrice(userId, submission.value.model, priceFromForm(submission.value));
      } catch (error) {
        if (!(error instanceof TooManyPrices)) throw error;
        return reply({ intent, result: submission.reply({ formErrors: [error.message] }) }, 400);
      }
      return reply({
        intent,
        result: submission.reply({ resetForm: true }),
        ok: true,
        message: `Price of ${submission.value.model} saved.`,
      });
    }
    case "remove-price": {
      const submission = parseWithZod(formData, { schema: RemovePriceFormSchema });
      if (submission.status !== "success") return reply({ intent, ok: false, message: "Choose a price to remove." }, 400);
      await removeModelPrice(userId, submission.value.model);
      return reply({ intent, ok: true, message: `Price of ${submission.value.model} removed.` });
    }
    default:
      return reply({ intent, ok: false, message: "Unknown action. Reload the page and try again." }, 400);
  }
}

/**
 * A password confirmation that failed, for its field: wrong (400), too many guesses (429) or too many
 * password checks waiting (503), the last two with Retry-After. Anything else is rethrown.
 */
function passwordRefusal(error: unknown): { status: number; message: string; headers?: HeadersInit } {
  if (error instanceof WrongPasswordError) return { status: 400, message: error.message };
  if (error instanceof Refusal) return { status: error.status, message: error.message, headers: retryAfterHeader(error) };
  throw error;
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

function Notice({ action, intents }: { action: ActionResult | undefined; intents: Intent[] }) {
  if (!action?.message || !intents.includes(action.intent)) return null;
  return (
    <p className={action.ok ? "alert-success" : "alert-error"} role={action.ok ? "status" : "alert"}>
      {action.message}
    </p>
  );
}

function forIntent(action: ActionResult | undefined, intent: Intent) {
  return action?.intent === intent ? action.result : undefined;
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { profile, defaults } = loaderData;
  const navigation = useNavigation();
  const busy = (intent: Intent) => navigation.state !== "idle" && navigation.formData?.get("intent") === intent;

  const [passwordForm, passwordFields] = useForm({
    id: "change-password",
    lastResult: forIntent(actionData, "change-password"),
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  const [keyForm, keyFields] = useForm({
    id: "save-api-key",
    lastResult: forIntent(actionData, "save-api-key"),
    constraint: getZodConstraint(SaveApiKeySchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SaveApiKeySchema }),
  });
  const [providerForm, providerFields] = useForm({
    id: "save-provider",
    lastResult: forIntent(actionData, "save-provider"),
    constraint: getZodConstraint(ProviderSchema),
    defaultValue: { model: profile.model, graderModel: profile.graderModel, baseUrl: profile.baseUrl },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProviderSchema }),
  });
  const [deleteForm, deleteFields] = useForm({
    id: "delete-account",
    lastResult: forIntent(actionData, "delete-account"),
    constraint: getZodConstraint(DeleteAccountSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountSchema }),
  });

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <h1>Settings</h1>

      <section aria-labelledby="account-heading" className="card space-y-2">
        <h2 id="account-heading">Account</h2>
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-600">Email</dt>
          <dd>{profile.email}</dd>
          <dt className="text-slate-600">Member since</dt>
          <dd>{dateFormat.format(profile.createdAt)}</dd>
        </dl>
      </section>

      <section aria-labelledby="key-heading" className="card space-y-4">
        <div className="space-y-1">
          <h2 id="key-heading">OpenAI API key</h2>
          <p className="text-sm text-slate-700">
            Interviews run on your own key. It is encrypted before it is stored and never shown again — not even to you.
          </p>
        </div>
        <p className="text-sm" data-testid="api-key-status">
          {profile.hasApiKey ? (
            <>
              <span className="badge mr-2 bg-green-100 text-green-900">Saved</span>
              Key ending in <strong>…{profile.apiKeyLast4}</strong>, saved {dateFormat.format(profile.apiKeyUpdatedAt!)}
            </>
          ) : (
            <>
              <span className="badge mr-2 bg-amber-100 text-amber-900">Missing</span>
              No key saved yet. Add one to start interviews.
            </>
          )}
        </p>
        <Notice action={actionData} intents={["save-api-key", "remove-api-key", "test-api-key"]} />
        <Form method="post" className="space-y-3" {...getFormProps(keyForm)}>
          <input type="hidden" name="intent" value="save-api-key" />
          <Field
            label={profile.hasApiKey ? "Replace with a new key" : "Your API key"}
            hint="From platform.openai.com → API keys (or your provider's dashboard)."
            errors={keyFields.apiKey.errors}
            inputProps={{
              ...getInputProps(keyFields.apiKey, { type: "password" }),
              autoComplete: "off",
              spellCheck: false,
              placeholder: "sk-…",
            }}
          />
          <FormErrors id={keyForm.errorId} errors={keyForm.errors} />
          <button type="submit" className="btn-primary" disabled={busy("save-api-key")}>
            {busy("save-api-key") ? "Saving…" : profile.hasApiKey ? "Replace key" : "Save key"}
          </button>
        </Form>
        {profile.hasApiKey ? (
          <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4">
            <Form method="post">
              <input type="hidden" name="intent" value="test-api-key" />
              <button type="submit" className="btn-secondary" disabled={busy("test-api-key")}>
                {busy("test-api-key") ? "Testing your key…" : "Test key"}
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="remove-api-key" />
              <button type="submit" className="btn-secondary" disabled={busy("remove-api-key")}>
                Remove key
              </button>
            </Form>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="provider-heading" className="card space-y-4">
        <div className="space-y-1">
          <h2 id="provider-heading">Provider settings</h2>
          <p className="text-sm text-slate-700">
            Leave these empty to use the server defaults. Any OpenAI-compatible endpoint works: Azure OpenAI, Ollama, vLLM, LM Studio.
          </p>
        </div>
        <Notice action={actionData} intents={["save-provider"]} />
        <Form method="post" className="space-y-3" {...getFormProps(providerForm)}>
          <input type="hidden" name="intent" value="save-provider" />
          <Field
            label="Model for asking questions"
            hint={`Default: ${defaults.model}`}
            errors={providerFields.model.errors}
            inputProps={{
              ...getInputProps(providerFields.model, { type: "text" }),
              list: "model-suggestions",
              placeholder: defaults.model,
              spellCheck: false,
            }}
          />
          <Field
            label="Model for grading"
            hint={`Grades your answers and writes the debrief; a stronger model can grade more reliably. Default: ${defaults.graderModel}`}
            errors={providerFields.graderModel.errors}
            inputProps={{
              ...getInputProps(providerFields.graderModel, { type: "text" }),
              list: "model-suggestions",
              placeholder: defaults.graderModel,
              spellCheck: false,
            }}
          />
          <datalist id="model-suggestions">
            {SUGGESTED_MODELS.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          <Field
            label="Base URL"
            hint={`Default: ${defaults.baseUrl}`}
            errors={providerFields.baseUrl.errors}
            inputProps={{ ...getInputProps(providerFields.baseUrl, { type: "url" }), placeholder: defaults.baseUrl, spellCheck: false }}
          />
          <FormErrors id={providerForm.errorId} errors={providerForm.errors} />
          <button type="submit" className="btn-primary" disabled={busy("save-provider")}>
            Save provider settings
          </button>
        </Form>
      </section>

      <VoiceSettingsSection
        settings={loaderData.voice.settings}
        recordings={loaderData.voice.recordings}
        lastResult={forIntent(actionData, "voice")}
        notice={<Notice action={actionData} intents={["voice", "delete-recording"]} />}
        busy={busy("voice")}
        priceOverrides={loaderData.budget.priceOverrides}
      />
      <BudgetSettings view={loaderData.budget} actionData={actionData} />
      <DataExport downloads={loaderData.downloads} />

      <section aria-labelledby="password-heading" className="card space-y-4">
        <h2 id="password-heading">Change password</h2>
        <Notice action={actionData} intents={["change-password"]} />
        <Form method="post" className="space-y-3" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="change-password" />
          <Field
            label="Current password"
            errors={passwordFields.currentPassword.errors}
            inputProps={{ ...getInputProps(passwordFields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
          />
          <Field
            label="New password"
            hint="At least 8 characters. Other devices will be signed out."
            errors={passwordFields.newPassword.errors}
            inputProps={{ ...getInputProps(passwordFields.newPassword, { type: "password" }), autoComplete: "new-password" }}
          />
          <Field
            label="Type the new password again"
            errors={passwordFields.confirmPassword.errors}
            inputProps={{ ...getInputProps(passwordFields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
          />
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <button type="submit" className="btn-primary" disabled={busy("change-password")}>
            Change password
          </button>
        </Form>
      </section>

      <section aria-labelledby="delete-heading" className="card space-y-4 border-red-200">
        <div className="space-y-1">
          <h2 id="delete-heading">Delete account</h2>
          <p className="text-sm text-slate-700">
            Deletes your account, key, résumé, job postings, interviews and feedback
            <KeptRecordingsCount count={loaderData.voice.recordings.length} /> for good. This cannot be undone.
          </p>
        </div>
        <Form method="post" className="space-y-3" {...getFormProps(deleteForm)}>
          <input type="hidden" name="intent" value="delete-account" />
          <Field
            label="Your password"
            errors={deleteFields.password.errors}
            inputProps={{ ...getInputProps(deleteFields.password, { type: "password" }), autoComplete: "current-password" }}
          />
          <Field
            label="Type “delete” to confirm"
            errors={deleteFields.confirm.errors}
            inputProps={{ ...getInputProps(deleteFields.confirm, { type: "text" }), autoComplete: "off" }}
          />
          <FormErrors id={deleteForm.errorId} errors={deleteForm.errors} />
          <button type="submit" className="btn-danger" disabled={busy("delete-account")}>
            Delete my account
          </button>
        </Form>
      </section>
    </div>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Settings — ai-interviewer" }];

export const headers: Route.HeadersFunction = formActionHeaders;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
