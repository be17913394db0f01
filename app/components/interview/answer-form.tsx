import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import {
  Form,
  useBeforeUnload,
  useBlocker,
  useFetcher,
  useNavigation,
  useRevalidator,
  type Blocker,
  type BlockerFunction,
} from "react-router";
import { useHydrated } from "remix-utils/use-hydrated";
import { DateText } from "#app/components/date-text.tsx";
import { ErrorList, FormErrors } from "#app/components/forms.tsx";
import { AnswerSchema, DraftSchema } from "#app/forms/interview-forms.ts";
import { ANSWER_LIMITS } from "#app/domain/interview-rules.ts";
import { appendTranscript } from "#app/domain/voice.ts";
import { TranscribeSchema } from "#app/forms/voice-forms.ts";
import { AudioFileField, type TranscriptionState } from "#app/components/voice/voice-panel.tsx";

/** What the page's action answers a draft save with: when it was saved, or why not. */
type DraftSaveResult = { intent: string; savedAt?: Date; error?: string; result?: SubmissionResult<string[]> };

function saveFailure(data: DraftSaveResult | undefined) {
  if (!data || data.savedAt) return null;
  return data.error ?? Object.values(data.result?.error ?? {}).flat()[0] ?? "Try again.";
}

/**
 * The box the open question's answer is written in: the draft is saved as you
 * type (and when the page is left), the answer is checked with the same
 * schema as the server, and every submit — answer, save draft, Pause —
 * carries the text. With JavaScript every save goes through one fetcher, whose
 * outcome is shown and announced; leaving the page while the text differs
 * from what the server last confirmed asks first.
 */
export function AnswerForm({
  formId,
  questionId,
  draft,
  draftUpdatedAt,
  actionResult,
  transcription = null,
  audioError = null,
}: {
  /** The form's id: the page's Pause button submits this form from outside it. */
  formId: string;
  questionId: string;
  draft: string;
  draftUpdatedAt: Date | null;
  actionResult: SubmissionResult<string[]> | undefined;
  /** The latest transcription of a recording for this question (issue 18): its text is added to the box once. */
  transcription?: TranscriptionState;
  /** Why the audio file sent with this form was refused. */
  audioError?: string | null;
}) {
  const navigation = useNavigation();
  const fetcher = useFetcher<DraftSaveResult>();
  const [text, setText] = useState(draft);
  // The latest save sent: its text, and whether the button asked for it (see the status below).
  const [sent, setSent] = useState<{ text: string; byButton: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionResult,
    constraint: getZodConstraint(AnswerSchema),
    defaultValue: { answer: draft },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => {
      const intent = formData.get("intent");
      return parseWithZod(formData, {
        schema: intent === "answer" ? AnswerSchema : intent === "transcribe" ? TranscribeSchema : DraftSchema,
      });
    },
  });
  const hydrated = useHydrated();
  const revalidator = useRevalidator();
  const saving = fetcher.state !== "idle";
  const failure = saving ? null : saveFailure(fetcher.data);
  const savedAt = fetcher.data?.savedAt ?? draftUpdatedAt;
  // A fetcher runs one submission at a time (a new one cancels the last), so its data is the latest save's.
  const savedText = !saving && fetcher.data?.savedAt && sent ? sent.text : draft;
  const unsaved = hydrated && text !== savedText;
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

  // Leaving the page with words the server has not confirmed: in the app (a link, Back) this page asks itself;
  // closing or reloading the tab, the browser asks. Submitting this form (answer, pause) is not leaving.
  // Both read the state at the moment of leaving: set in a layout effect, it is current as soon as the
  // screen is (the hooks' own passive effects can lag a click made right after typing or saving).
  const unsavedNow = useRef(false);
  useLayoutEffect(() => {
    unsavedNow.current = unsaved;
  });
  const blocker = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation, nextLocation }) => unsavedNow.current && currentLocation.pathname !== nextLocation.pathname,
      [],
    ),
  );
  useBeforeUnload(
    useCallback((event: BeforeUnloadEvent) => {
      if (unsavedNow.current) event.preventDefault();
    }, []),
  );

  // A transcript that arrived (issue 18) goes into the box once, appended to what is there now, as if typed: the
  // box's own change handler counts it and saves the draft (the server appended it to the draft it had; words
  // typed since were not in that). One already there when the page loaded is in the draft already.
  const addedTranscripts = useRef(new Set(transcription?.operation.status === "completed" ? [transcription.operation.id] : []));
  const finishedId = transcription?.operation.status === "completed" && transcription.text ? transcription.operation.id : null;
  const finishedText = finishedId ? transcription!.text! : null;
  const answerFieldId = fields.answer.id;
  useEffect(() => {
    if (!finishedId || !finishedText || addedTranscripts.current.has(finishedId)) return;
    addedTranscripts.current.add(finishedId);
    const field = document.getElementById(answerFieldId);
    if (!(field instanceof HTMLTextAreaElement) || field.value.includes(finishedText)) return;
    // React tracks a textarea's value itself: set it through the element's own setter so the input event counts.
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(
      field,
      appendTranscript(field.value, finishedText, ANSWER_LIMITS.max),
    );
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }, [finishedId, finishedText, answerFieldId]);

  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "answer";
  const counterId = `${fields.answer.id}-count`;

  function saveDraft(value: string, byButton = false) {
    clearTimeout(timer.current);
    pendingDraft.current = null;
    setSent({ text: value, byButton });
    void fetcher.submit({ intent: "save-draft", questionId, answer: value }, { method: "post" });
  }

  function scheduleDraftSave(value: string) {
    clearTimeout(timer.current);
    pendingDraft.current = value;
    timer.current = setTimeout(() => saveDraft(value), 800);
  }

  // This form's code arrives apart from the page's (ADR 0013): words typed into the server's box before
  // it came count as typed — the counter, "unsaved" and the draft's save see them.
  useEffect(() => {
    const field = document.getElementById(answerFieldId);
    if (field instanceof HTMLTextAreaElement && field.value !== draft) {
      // Reading the DOM is the point: the server's box held words React never saw typed.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setText(field.value);
      scheduleDraftSave(field.value);
    }
    // Once, when the form first runs in the browser.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

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
    // With JavaScript, Save draft stays on the page: the fetcher saves, and the status says when.
    if (submitter?.value === "save-draft" && !event.defaultPrevented) {
      event.preventDefault();
      const field = event.currentTarget.elements.namedItem("answer");
      const value = field instanceof HTMLTextAreaElement ? field.value : text;
      setText(value);
      saveDraft(value, true);
    }
  };

  return (
    // Multipart: without JavaScript the form carries an audio file to transcribe (AudioFileField).
    <Form method="post" encType="multipart/form-data" className="space-y-3" {...formProps} onSubmit={onSubmit}>
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
          setText(event.currentTarget.value);
          scheduleDraftSave(event.currentTarget.value);
        }}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <span id={counterId} className={text.length > ANSWER_LIMITS.max ? "font-medium text-red-700" : undefined}>
          {hydrated
            ? `${text.length.toLocaleString("en")} / ${ANSWER_LIMITS.max.toLocaleString("en")} characters`
            : `Up to ${ANSWER_LIMITS.max.toLocaleString("en")} characters`}
        </span>
        <span>
          {/* Announced: the outcome of a save. A save asked for with the button empties the status while it runs,
              so its outcome is announced even when the minute shown has not changed; the saves made as you
              type keep the last outcome in place, so they stay quiet until the minute changes. */}
          <span role="status" data-testid="draft-status">
            {failure ? (
              <span className="font-medium text-red-700">Draft not saved: {failure}</span>
            ) : savedAt && !(saving && sent?.byButton) ? (
              <>
                Draft saved <DateText date={savedAt} withTime />
              </>
            ) : null}
          </span>
          {saving ? <span aria-hidden="true">{savedAt && !sent?.byButton ? " · " : ""}Saving draft…</span> : null}
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
      <AudioFileField error={audioError} />
      {blocker.state === "blocked" ? (
        <LeaveWithUnsavedDraft
          blocker={blocker}
          saving={saving}
          failure={failure}
          onSave={() => saveDraft(text, true)}
          onDiscard={() => {
            clearTimeout(timer.current);
            pendingDraft.current = null;
          }}
          onStay={() => {
            document.getElementById(fields.answer.id)?.focus();
            // News that arrived while the question was open was held back (operation-status.tsx): read it now.
            void revalidator.revalidate();
          }}
          saved={!unsaved}
        />
      ) : null}
    </Form>
  );
}

/**
 * The question asked when a link or Back would leave unsaved words behind. Save and leave waits for the
 * server's word: the navigation goes on once the draft is saved, and a failure is shown here instead.
 */
function LeaveWithUnsavedDraft({
  blocker,
  saving,
  failure,
  saved,
  onSave,
  onDiscard,
  onStay,
}: {
  blocker: Extract<Blocker, { state: "blocked" }>;
  saving: boolean;
  failure: string | null;
  saved: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onStay: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (leaving && saved) blocker.proceed();
  }, [leaving, saved, blocker]);

  const stay = () => {
    // Closed first: while the modal dialog is open, the rest of the page is inert and cannot take focus.
    dialog.current?.close();
    blocker.reset();
    onStay();
  };
  return (
    <dialog
      ref={dialog}
      aria-labelledby="unsaved-draft-title"
      aria-describedby="unsaved-draft-text"
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-lg backdrop:bg-slate-900/40"
      onCancel={(event) => {
        event.preventDefault();
        stay();
      }}
      data-testid="unsaved-draft"
    >
      <h2 id="unsaved-draft-title">Your latest words aren&apos;t saved yet</h2>
      <p id="unsaved-draft-text" className="mt-2 text-slate-700">
        Save them as your draft before leaving, or leave without them. The draft keeps what was saved last.
      </p>
      {failure && leaving && !saving ? (
        <p className="alert-error mt-3" role="alert">
          The draft could not be saved: {failure}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-3">
        <button
          type="button"
          className="btn-primary"
          autoFocus
          onClick={() => {
            setLeaving(true);
            onSave();
          }}
        >
          {saving && leaving ? "Saving…" : "Save draft and leave"}
        </button>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            onDiscard();
            blocker.proceed();
          }}
        >
          Leave without saving
        </button>
        <button type="button" className="btn-secondary" onClick={stay}>
          Stay on this page
        </button>
      </div>
    </dialog>
  );
}
