import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/resume";
import { DateText } from "#app/components/date-text.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Field, FormErrors, TextareaField } from "#app/components/forms.tsx";
import { getResume, readResumeUpload, saveResume } from "#app/models/resume.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import {
  countWords,
  formatCount,
  normalizeResumeText,
  RESUME_FILE_ACCEPT,
  RESUME_FILE_TOO_LARGE_MESSAGE,
  RESUME_MAX_CHARS,
  RESUME_MAX_REQUEST_BYTES,
  RESUME_MIN_CHARS,
  resumeLengthProblem,
} from "#app/domain/resume-text.ts";
import { SaveResumeSchema, UploadResumeSchema } from "#app/forms/resume-validation.ts";
import { formActionHeaders, Refusal, retryAfterHeader } from "#app/utils/refusal.server.ts";
import {
  beforeReadingBody,
  CLOSE_CONNECTION,
  isMultipart,
  MalformedFormError,
  PayloadTooLargeError,
  readFormDataWithin,
} from "#app/utils/upload.server.ts";

type Extracted = { token: string; fileName: string; text: string; wordCount: number; problem: string | null };
type ActionResult = { intent: "save" | "upload"; result?: SubmissionResult<string[]>; extracted?: Extracted; message?: string };

const NOTICES = {
  created: "Résumé saved. Your next interviews will be built from it.",
  updated: "Résumé updated. Your next interviews will use the new version.",
  deleted: "Résumé deleted. Add one again before your next interview.",
} as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const resume = await getResume(userId);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null,
    resume: resume
      ? {
          content: resume.content,
          wordCount: resume.wordCount,
          characterCount: resume.characterCount,
          updatedAt: resume.updatedAt,
        }
      : null,
  };
}

const fileError = (message: string): SubmissionResult<string[]> => ({
  status: "error",
  initialValue: { intent: "upload" },
  fields: ["intent", "file"],
  error: { file: [message] },
});

export async function action({ request, context }: Route.ActionArgs) {
  const userId = await beforeReadingBody(() => requireUserId(context));
  const reply = (value: ActionResult, status = 200, headers?: HeadersInit) => data<ActionResult>(value, { status, headers });

  let formData: FormData;
  try {
    formData = await readFormDataWithin(request, RESUME_MAX_REQUEST_BYTES); // pasted text (≤ 50,000 characters) fits too
  } catch (error) {
    // Only a file upload can get this big; answer on the upload form without reading the rest.
    if (error instanceof PayloadTooLargeError && isMultipart(request)) {
      return reply({ intent: "upload", result: fileError(RESUME_FILE_TOO_LARGE_MESSAGE) }, 413, CLOSE_CONNECTION);
    }
    if (error instanceof PayloadTooLargeError) {
      return reply(
        { intent: "save", message: "That is far more text than a résumé can hold. Trim it and try again." },
        413,
        CLOSE_CONNECTION,
      );
    }
    if (error instanceof MalformedFormError) return reply({ intent: "save", message: "The form could not be read. Try again." }, 400);
    throw error;
  }

  const intent = formData.get("intent");
  if (intent === "upload") {
    const submission = parseWithZod(formData, { schema: UploadResumeSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply({ hideFields: ["file"] }) }, 400);
    try {
      const extracted = await readResumeUpload(userId, submission.value.file);
      return reply({
        intent,
        result: submission.reply({ resetForm: true }),
        extracted: {
          token: crypto.randomUUID(),
          fileName: extracted.fileName,
          text: extracted.text,
          wordCount: extracted.wordCount,
          problem: resumeLengthProblem(extracted.text) ?? null,
        },
      });
    } catch (error) {
      // A file we can't read, or the hourly upload allowance used up.
      if (!(error instanceof Refusal)) throw error;
      return reply({ intent, result: fileError(error.message) }, error.status, retryAfterHeader(error));
    }
  }

  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: SaveResumeSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    const { created } = await saveResume(userId, submission.value.content);
    return redirect(`/resume?notice=${created ? "created" : "updated"}`);
  }

  return reply({ intent: "save", message: "Unknown action. Reload the page and try again." }, 400);
}

export default function ResumePage({ loaderData, actionData }: Route.ComponentProps) {
  const { resume, notice } = loaderData;
  const extracted = actionData?.intent === "upload" ? actionData.extracted : undefined;
  // A fresh extraction (or a newly saved résumé) remounts the editor with its text.
  const editorKey = extracted ? extracted.token : `saved-${resume?.updatedAt ?? "none"}`;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="space-y-1">
        <h1>Your résumé</h1>
        <p className="max-w-prose text-slate-700">
          The interviewer reads it to ask about your own experience and projects. Paste it, or upload a file and check the text we pull out
          of it.
        </p>
      </div>

      {notice ? (
        <p className="alert-success" role="status">
          {notice}
        </p>
      ) : null}

      {resume ? (
        <section aria-labelledby="saved-heading" className="card flex flex-wrap items-center justify-between gap-4 p-5">
          <div className="space-y-1">
            <h2 id="saved-heading">Saved résumé</h2>
            <p className="text-sm text-slate-700" data-testid="resume-summary">
              Last updated <DateText date={resume.updatedAt} withTime /> · {formatCount(resume.wordCount)}{" "}
              {resume.wordCount === 1 ? "word" : "words"} · {formatCount(resume.characterCount)} characters
            </p>
          </div>
          <Link to="/resume/delete" className="btn-secondary text-red-800">
            Delete résumé
          </Link>
        </section>
      ) : notice ? null : (
        <p className="alert-info">You have no résumé yet. Add one below — you need it before your first interview.</p>
      )}

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <section aria-labelledby="editor-heading" className="card space-y-4 lg:col-span-2">
          <h2 id="editor-heading">{resume ? "Edit your résumé" : "Paste your résumé"}</h2>
          <ResumeEditor
            key={editorKey}
            initialText={extracted?.text ?? resume?.content ?? ""}
            extracted={extracted}
            hasResume={Boolean(resume)}
            lastResult={actionData?.intent === "save" ? actionData.result : undefined}
            message={actionData?.intent === "save" ? actionData.message : undefined}
          />
        </section>
        <section aria-labelledby="upload-heading" className="card space-y-4">
          <h2 id="upload-heading">Upload a file</h2>
          <UploadForm
            key={extracted?.token ?? "upload"}
            lastResult={actionData?.intent === "upload" && !extracted ? actionData.result : undefined}
          />
        </section>
      </div>
    </div>
  );
}

function ResumeEditor({
  initialText,
  extracted,
  hasResume,
  lastResult,
  message,
}: {
  initialText: string;
  extracted: Extracted | undefined;
  hasResume: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  message: string | undefined;
}) {
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";
  const [form, fields] = useForm({
    id: "resume-editor",
    lastResult,
    defaultValue: { content: initialText },
    constraint: getZodConstraint(SaveResumeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SaveResumeSchema }),
  });
  const startText = typeof fields.content.initialValue === "string" ? fields.content.initialValue : initialText;
  const [text, setText] = useState(startText);
  const normalized = normalizeResumeText(text);
  const words = countWords(normalized);
  const errors = fields.content.errors ?? (extracted?.problem ? [extracted.problem] : undefined);

  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      {extracted ? (
        <div className="alert-info space-y-1" role="status">
          <p>
            <strong>Review and save.</strong> We pulled {formatCount(extracted.wordCount)} words out of “{extracted.fileName}”. Nothing is
            saved yet: read the text below, fix anything that came out wrong, then press <strong>Save résumé</strong>.
            {hasResume ? " Saving replaces your current résumé." : ""}
          </p>
        </div>
      ) : null}
      <TextareaField
        label="Résumé text"
        hint={`Plain text is fine. ${RESUME_MIN_CHARS} to ${formatCount(RESUME_MAX_CHARS)} characters.`}
        errors={errors}
        textareaProps={{
          ...getTextareaProps(fields.content),
          rows: 22,
          spellCheck: true,
          onChange: (event) => setText(event.currentTarget.value),
        }}
        footer={
          <p className="hint" data-testid="resume-counts">
            {formatCount(words)} {words === 1 ? "word" : "words"} · {formatCount(normalized.length)} / {formatCount(RESUME_MAX_CHARS)}{" "}
            characters
          </p>
        }
      />
      <FormErrors id={form.errorId} errors={message ? [message, ...(form.errors ?? [])] : form.errors} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={saving}>
          {saving ? "Saving…" : "Save résumé"}
        </button>
        {extracted ? (
          <Link to="/resume" className="btn-secondary">
            Discard extracted text
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function UploadForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const navigation = useNavigation();
  const uploading = navigation.state !== "idle" && navigation.formData?.get("intent") === "upload";
  const [form, fields] = useForm({
    id: "resume-upload",
    lastResult,
    constraint: getZodConstraint(UploadResumeSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadResumeSchema }),
  });
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="upload" />
      <Field
        label="Résumé file"
        hint="PDF, Word (.docx), .txt or .md, up to 2 MB. The text appears in the editor for you to check; nothing is saved until you press Save résumé."
        errors={fields.file.errors}
        inputProps={{ ...getInputProps(fields.file, { type: "file" }), accept: RESUME_FILE_ACCEPT }}
      />
      <FormErrors id={form.errorId} errors={form.errors} />
      <button type="submit" className="btn-secondary" disabled={uploading}>
        {uploading ? "Reading your file…" : "Upload and review"}
      </button>
    </Form>
  );
}

export const meta: Route.MetaFunction = () => [{ title: "Your résumé — ai-interviewer" }];

export const headers: Route.HeadersFunction = formActionHeaders;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
