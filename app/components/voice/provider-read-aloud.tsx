import { useEffect, useEffectEvent, useRef, useState } from "react";
import { useFetcher } from "react-router";
import { useHydrated } from "remix-utils/use-hydrated";
import { isRunning, OperationStatus, type OperationSummary } from "#app/components/interview/operation-status.tsx";
import { READ_ALOUD_SHORTCUT, ReadAloud } from "./read-aloud.tsx";

/** The open question read aloud by the provider (from the interview view): its audio, if made, and the latest request. */
export type ProviderSpeechState = {
  audio: { model: string; voice: string } | null;
  operation: OperationSummary | null;
};

const isShortcut = (event: KeyboardEvent) => event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyR";

/**
 * "Read questions aloud: Provider voice" (issue 18). The first Read aloud asks
 * the page's `speak-question` intent for the audio (billed by the provider, so
 * only on request: one operation per question, kept for replays); while the
 * worker gets it the step's status shows, a failure shows its reason with
 * Retry, and once the audio is there it plays at once (with JavaScript:
 * ReadAloud's Play/Replay, Stop and Alt+Shift+R; without: the browser's own
 * audio controls). A change of model or voice in Settings asks again.
 */
export function ProviderReadAloud({
  audioSrc,
  questionId,
  questionText,
  speech,
  choice,
  serverNow,
}: {
  audioSrc: string;
  questionId: string;
  questionText: string;
  speech: ProviderSpeechState;
  choice: { model: string; voice: string };
  serverNow: Date;
}) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ error?: string }>();
  // Asked on this page view: play as soon as the audio arrives.
  const [asked, setAsked] = useState(false);
  const askForm = useRef<HTMLFormElement>(null);
  const ready = speech.audio !== null && speech.audio.model === choice.model && speech.audio.voice === choice.voice;
  const working = fetcher.state !== "idle" || isRunning(speech.operation);
  const refused = fetcher.state === "idle" && fetcher.data?.error ? fetcher.data.error : null;

  // The shortcut asks for the audio too, until ReadAloud (rendered once it is there) takes it over.
  const ask = useEffectEvent(() => {
    if (!working && askForm.current) {
      setAsked(true);
      void fetcher.submit(askForm.current, { preventScrollReset: true });
    }
  });
  useEffect(() => {
    if (ready || !hydrated) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event)) return;
      event.preventDefault();
      ask();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ready, hydrated]);

  if (ready) {
    // Cache-busting by model and voice: a new voice is new audio at the same address.
    const src = `${audioSrc}?v=${encodeURIComponent(`${choice.model}:${choice.voice}`)}`;
    return hydrated ? (
      <ReadAloud text={questionText} audioSrc={src} autoPlay={asked} label="Read the question aloud with your provider's voice" />
    ) : (
      <div className="space-y-1">
        <p className="text-sm text-slate-700" id={`speech-${questionId}`}>
          The question read aloud by your provider:
        </p>
        <audio controls preload="none" src={src} aria-describedby={`speech-${questionId}`} data-testid="question-audio" />
      </div>
    );
  }

  return (
    <div className="space-y-2" data-testid="provider-read-aloud">
      <fetcher.Form
        method="post"
        ref={askForm}
        onSubmit={() => setAsked(true)}
        preventScrollReset
        className="flex flex-wrap items-center gap-2"
      >
        <input type="hidden" name="intent" value="speak-question" />
        <input type="hidden" name="questionId" value={questionId} />
        <button type="submit" className="btn-secondary" disabled={working} aria-keyshortcuts={hydrated ? READ_ALOUD_SHORTCUT : undefined}>
          <span aria-hidden="true">▶</span>
          Read aloud
        </button>
        <span className="hint mt-0">
          Your AI provider&apos;s voice ({choice.voice}); billed by your provider.{hydrated ? ` Shortcut: ${READ_ALOUD_SHORTCUT}` : ""}
        </span>
      </fetcher.Form>
      {refused ? (
        <p className="alert-error" role="alert" data-testid="read-aloud-refused">
          {refused}
        </p>
      ) : null}
      {speech.operation && speech.operation.status !== "completed" ? (
        <OperationStatus operation={speech.operation} serverNow={serverNow} compact />
      ) : null}
    </div>
  );
}
