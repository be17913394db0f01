import { useEffect, useEffectEvent, useState } from "react";
import { Form, Link, useRevalidator } from "react-router";
import type { OperationState } from "#app/models/interview-view.server.ts";
import { pollDelay } from "./poll-schedule.ts";

export type OperationSummary = Pick<OperationState, "id" | "kind" | "status" | "errorCode" | "errorMessage"> & { createdAt: Date };

const WORKING: Record<OperationSummary["kind"], string> = {
  question_generation: "Generating your question…",
  answer_evaluation: "Analyzing your answer…",
  session_feedback: "Writing your interview feedback…",
  answer_regrade: "Getting a second opinion on your answer…",
  transcribe_answer: "Transcribing your recording…",
  speak_question: "Getting the question read aloud by your provider…",
  extract_requirements: "Reading the job posting's requirements…",
  write_model_answer: "Writing a strong answer from your résumé…",
  check_star: "Checking your answer's structure (STAR)…",
};

// Failures the user fixes in Settings, not by retrying as-is.
const SETTINGS_CODES = new Set([
  "api_key_rejected",
  "no_api_key",
  "key_unreadable",
  "model_not_found",
  "base_url_blocked",
  "base_url_redirect",
  "quota_exhausted",
  "unsupported_model",
]);

export const SLOW_AFTER_SECONDS = 30;

export const isRunning = (o: Pick<OperationSummary, "status"> | null | undefined) => o?.status === "pending" || o?.status === "processing";

/** Seconds since `start`, ticking every second once JavaScript runs. */
function useElapsedSeconds(start: Date, serverNow: Date) {
  const [now, setNow] = useState(() => serverNow.getTime());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.round((now - start.getTime()) / 1000));
}

/**
 * The state of one AI step, in words: working (with elapsed time, and a note
 * when the provider is slow), or failed with the reason and a Retry button
 * that starts a new operation. The surrounding page owns the live region.
 */
export function OperationStatus({
  operation,
  serverNow,
  compact = false,
}: {
  operation: OperationSummary;
  serverNow: Date;
  compact?: boolean;
}) {
  if (isRunning(operation)) return <Working operation={operation} serverNow={serverNow} compact={compact} />;
  if (operation.status !== "failed") return null;
  const fixInSettings = SETTINGS_CODES.has(operation.errorCode ?? "");
  return (
    <div className="alert-error flex flex-wrap items-center justify-between gap-3" data-testid={`operation-failed-${operation.kind}`}>
      <p>
        {operation.errorMessage ?? "This step failed."}
        {fixInSettings ? (
          <>
            {" "}
            <Link to="/settings" className="font-medium text-red-900 underline">
              Open Settings
            </Link>
          </>
        ) : null}
      </p>
      <Form method="post" className="shrink-0">
        <input type="hidden" name="intent" value="retry" />
        <input type="hidden" name="operationId" value={operation.id} />
        <button type="submit" className="btn-secondary py-1.5">
          Retry
        </button>
      </Form>
    </div>
  );
}

function Working({ operation, serverNow, compact }: { operation: OperationSummary; serverNow: Date; compact: boolean }) {
  const elapsed = useElapsedSeconds(operation.createdAt, serverNow);
  return (
    <div className={`flex items-start gap-3 ${compact ? "text-sm" : "alert-info"}`} data-testid={`operation-running-${operation.kind}`}>
      <span aria-hidden="true" className="mt-1 h-4 w-4 shrink-0 animate-spin rounded-full border-2 border-indigo-300 border-t-indigo-700" />
      <div>
        <p className="font-medium">
          {WORKING[operation.kind]}{" "}
          <span className="font-normal text-slate-600" suppressHydrationWarning>
            ({elapsed} s)
          </span>
        </p>
        {elapsed >= SLOW_AFTER_SECONDS ? (
          <p className="text-sm" suppressHydrationWarning>
            The AI service is slower than usual. We're still waiting for it; you can leave this page and come back.
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A modal dialog is asking the user something (answer-form.tsx: leave with unsaved words?). React Router
 * drops a blocked navigation when any revalidation completes, which would close that question under the
 * user's pointer and lose the click that opened it; so the page's data is not re-read meanwhile, and the
 * dialog re-reads it when the user stays.
 */
const askingTheUser = () => document.querySelector("dialog[open]") !== null;

/**
 * With JavaScript: re-read the page's data while something is in flight (the
 * no-JS page refreshes itself). Quick first checks, then every 2 s; only a
 * slow safety poll while push events are connected.
 */
export function useRevalidateWhile(active: boolean, options: { pushed?: boolean } = {}) {
  const revalidator = useRevalidator();
  const revalidate = useEffectEvent(() => {
    if (!askingTheUser()) void revalidator.revalidate();
  });
  const pushed = Boolean(options.pushed);
  useEffect(() => {
    if (!active) return;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      if (document.visibilityState === "visible") revalidate();
      timer = setTimeout(tick, pollDelay(++attempt, pushed));
    };
    timer = setTimeout(tick, pollDelay(attempt, pushed));
    return () => clearTimeout(timer);
  }, [active, pushed]);
}

export type PartialQuestion = { operationId: string; text: string };

/**
 * With JavaScript: one Server-Sent-Events connection for the interview while
 * it is not finished. A finished AI step revalidates the page at once; a
 * question being written arrives word by word. Falls back to polling when the
 * stream is not connected.
 */
export function useInterviewEvents(sessionId: string, enabled: boolean) {
  const revalidator = useRevalidator();
  const revalidate = useEffectEvent(() => {
    if (!askingTheUser()) void revalidator.revalidate();
  });
  const [connected, setConnected] = useState(false);
  const [partial, setPartial] = useState<PartialQuestion | null>(null);
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource(`/interviews/${sessionId}/events`);
    source.addEventListener("ready", () => {
      setConnected(true);
      revalidate(); // anything that finished before we were listening
    });
    source.addEventListener("partial", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as PartialQuestion;
      setPartial({ operationId: data.operationId, text: data.text });
    });
    source.addEventListener("operation", () => revalidate());
    // Deleted elsewhere: the stream has ended; revalidating shows the page's "not found".
    source.addEventListener("deleted", () => {
      source.close();
      setConnected(false);
      revalidate();
    });
    source.addEventListener("error", () => setConnected(false));
    return () => {
      source.close();
      setConnected(false);
    };
  }, [sessionId, enabled]);
  return { connected, partial };
}

/** Without JavaScript: refresh the page while something is in flight. */
export function NoScriptRefresh({ seconds = 3 }: { seconds?: number }) {
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds)} />
    </noscript>
  );
}
