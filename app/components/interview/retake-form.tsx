import { Form, useNavigation } from "react-router";

/**
 * "Retake this interview" with the option to repeat the same questions. A
 * plain POST form (works without JavaScript); `action` is the route that
 * handles the `retake` intent.
 */
export function RetakeForm({
  action,
  sessionId,
  label = "Retake this interview",
  idPrefix = "retake",
}: {
  action?: string;
  sessionId?: string;
  label?: string;
  idPrefix?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "retake";
  const checkboxId = `${idPrefix}-repeat`;
  return (
    <Form method="post" action={action} className="no-print space-y-3">
      <input type="hidden" name="intent" value="retake" />
      {sessionId ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
      <div className="flex items-start gap-2">
        <input id={checkboxId} type="checkbox" name="repeatQuestions" value="on" className="mt-1 h-4 w-4 rounded border-slate-400" />
        <label htmlFor={checkboxId} className="text-sm text-slate-800">
          Repeat the same questions
          <span className="block text-slate-600">
            Unticked, the interviewer asks new questions and avoids the ones from your earlier attempts.
          </span>
        </label>
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? "Starting your retake…" : label}
      </button>
    </Form>
  );
}
