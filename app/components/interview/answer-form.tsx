import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { useEffect, useRef, useState } from "react";
import { Form, useFetcher, useNavigation } from "react-router";
import { DateText } from "#app/components/date-text.tsx";
import { ErrorList, FormErrors } from "#app/components/forms.tsx";
import { useHydrated } from "#app/components/use-hydrated.ts";
import { formSchemas, useLazyValidation, type FormConstraint } from "#app/components/use-lazy-validation.ts";
import { ANSWER_LIMITS } from "#app/utils/interview-rules.ts";

/**
 * The box the open question's answer is written in: the draft is saved as you
 * type (and when the page is left), the answer is checked with the same
 * schema as the server once you interact, and every submit — answer, save
 * draft, Pause — carries the text. It is the only part of the interview page
 * that needs conform's runtime, so the page loads it apart
 * (routes/interviews.$id.tsx) and a finished interview never does.
 */
export function AnswerForm({
  formId,
  questionId,
  draft,
  draftUpdatedAt,
  constraint,
  actionResult,
}: {
  /** The form's id: the page's Pause button submits this form from outside it. */
  formId: string;
  questionId: string;
  draft: string;
  draftUpdatedAt: string | null;
  constraint: FormConstraint;
  actionResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const fetcher = useFetcher<{ intent: string; savedAt?: string }>();
  const [length, setLength] = useState(draft.length);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionResult,
    constraint,
    defaultValue: { answer: draft },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: useLazyValidation(formSchemas.interview, (schemas, formData) =>
      formData.get("intent") === "answer" ? schemas.AnswerSchema : schemas.DraftSchema,
    ),
  });
  const savedAt = fetcher.data?.savedAt ?? draftUpdatedAt;
  const hydrated = useHydrated();
  const pendingDraft = useRef<string | null>(null);
  useEffect(() => {
    // Leaving the page (a link, closing the tab) before the debounced save ran must not lose words.
    const flush = () => {
      if (pendingDraft.current === null) return;
      const body = new URLSearchParams({ intent: "save-draft", questionId, answer: pendingDraft.current });
      pendingDraft.current = null;
      void fetch(window.location.pathname, { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => {});
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      clearTimeout(timer.current);
      flush();
    };
  }, [questionId]);

  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "answer";
  const counterId = `${fields.answer.id}-count`;

  function scheduleDraftSave(value: string) {
    clearTimeout(timer.current);
    pendingDraft.current = value;
    timer.current = setTimeout(() => {
      pendingDraft.current = null;
      void fetcher.submit({ intent: "save-draft", questionId, answer: value }, { method: "post" });
    }, 800);
  }

  // Any submit of this form (answer, save draft, pause) carries the text itself.
  const formProps = getFormProps(form);
  const onSubmit: typeof formProps.onSubmit = (event) => {
    // Conform validates as you type by requesting submits with its own intent button; only ours count.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name === "intent") {
      clearTimeout(timer.current);
      pendingDraft.current = null;
    }
    formProps.onSubmit(event);
  };

  return (
    <Form method="post" className="space-y-3" {...formProps} onSubmit={onSubmit}>
      <input type="hidden" name="questionId" value={questionId} />
      <label htmlFor={fields.answer.id} className="label">
        Your answer
      </label>
      <textarea
        {...getTextareaProps(fields.answer)}
        className="input min-h-48"
        rows={10}
        aria-describedby={[counterId, fields.answer.errors ? fields.answer.errorId : null].filter(Boolean).join(" ")}
        onChange={(event) => {
          setLength(event.currentTarget.value.length);
          scheduleDraftSave(event.currentTarget.value);
        }}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span id={counterId} className={length > ANSWER_LIMITS.max ? "font-medium text-red-700" : undefined}>
          {hydrated
            ? `${length.toLocaleString("en")} / ${ANSWER_LIMITS.max.toLocaleString("en")} characters`
            : `Up to ${ANSWER_LIMITS.max.toLocaleString("en")} characters`}
        </span>
        <span aria-live="polite">
          {fetcher.state !== "idle" ? (
            "Saving draft…"
          ) : savedAt ? (
            <>
              Draft saved <DateText iso={savedAt} withTime />
            </>
          ) : null}
        </span>
      </div>
      <ErrorList id={fields.answer.errorId} errors={fields.answer.errors} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="answer" className="btn-primary" disabled={submitting}>
          {submitting ? "Submitting…" : "Submit answer"}
        </button>
        <button type="submit" name="intent" value="save-draft" className="btn-secondary" formNoValidate>
          Save draft
        </button>
      </div>
      <p className="hint">Your answer can be edited until you submit it. It is saved the moment you submit, before any AI runs.</p>
    </Form>
  );
}
