import { useFetcher } from "react-router";
import { AUDIO_FILE_ACCEPT, AUDIO_MAX_DURATION_SECONDS, AUDIO_MAX_FILE_BYTES, formatClock } from "#app/domain/audio-file.ts";
import { isRunning, OperationStatus, type OperationSummary } from "#app/components/interview/operation-status.tsx";
import { ProviderReadAloud, type ProviderSpeechState } from "./provider-read-aloud.tsx";
import { ReadAloud } from "./read-aloud.tsx";
import { Recorder } from "./recorder.tsx";

/** The latest transcription of a recording for the open question (from the interview view). */
export type TranscriptionState = { operation: OperationSummary; text: string | null } | null;

/**
 * Speaking an answer (issue 18), above the answer box: the question read aloud
 * (when the user turned it on), the recorder (JavaScript: the recording is
 * sent at once, through a fetcher, to the page's `transcribe` intent), and the
 * state of the latest transcription — working, failed with Retry, or done.
 * The transcript itself lands in the answer box (AnswerForm), never submitted
 * by itself. Without JavaScript the answer form's file field (AudioFileField)
 * does the same job. Sits outside the answer form: Retry is a form of its own.
 */
export function VoicePanel({
  questionId,
  questionText,
  transcription,
  maxRecordingSeconds,
  readAloud,
  providerSpeech,
  serverNow,
}: {
  questionId: string;
  questionText: string;
  transcription: TranscriptionState;
  maxRecordingSeconds: number;
  readAloud: "off" | "browser" | "provider";
  /** With readAloud "provider": where its audio is, its state, and the model and voice chosen in Settings. */
  providerSpeech?: { audioSrc: string; state: ProviderSpeechState; choice: { model: string; voice: string } };
  serverNow: Date;
}) {
  const fetcher = useFetcher<{ intent?: string; error?: string }>();
  const sending = fetcher.state !== "idle";
  const refused = !sending && fetcher.data?.error ? fetcher.data.error : null;
  const running = isRunning(transcription?.operation);

  function send(audio: Blob, seconds: number) {
    const form = new FormData();
    form.set("intent", "transcribe");
    form.set("questionId", questionId);
    form.set("source", "recorder");
    form.set("recordedSeconds", String(Math.round(seconds * 10) / 10));
    const extension = audio.type.includes("ogg") ? "ogg" : audio.type.includes("mp4") ? "m4a" : "webm";
    form.set("audio", new File([audio], `recording.${extension}`, { type: audio.type }));
    void fetcher.submit(form, { method: "post", encType: "multipart/form-data", preventScrollReset: true });
  }

  return (
    <div className="space-y-3" data-testid="voice-panel">
      {readAloud === "provider" && providerSpeech ? (
        <ProviderReadAloud
          audioSrc={providerSpeech.audioSrc}
          questionId={questionId}
          questionText={questionText}
          speech={providerSpeech.state}
          choice={providerSpeech.choice}
          serverNow={serverNow}
        />
      ) : readAloud !== "off" ? (
        <ReadAloud text={questionText} />
      ) : null}
      <Recorder onRecorded={send} maxSeconds={maxRecordingSeconds} disabled={sending || running} label="Voice recording" />
      {sending ? (
        <p className="text-sm text-slate-700" role="status">
          Sending your recording…
        </p>
      ) : null}
      {refused ? (
        <p className="alert-error" role="alert" data-testid="recording-refused">
          {refused}
        </p>
      ) : null}
      {transcription && transcription.operation.status !== "completed" ? (
        <OperationStatus operation={transcription.operation} serverNow={serverNow} compact />
      ) : null}
      {transcription?.operation.status === "completed" ? (
        <p className="text-sm text-slate-700" data-testid="transcript-added">
          Your recording was transcribed and added to your answer below. Check and correct it, then submit.
        </p>
      ) : null}
    </div>
  );
}

/**
 * The answer form's audio file field: how a spoken answer is sent without JavaScript (and an alternative to
 * the recorder with it). The file goes with the typed text; the transcript is added to the box.
 */
export function AudioFileField({ error }: { error: string | null }) {
  return (
    <fieldset className="min-w-0 space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">Or answer with an audio file</legend>
      <label htmlFor="answer-audio" className="text-sm text-slate-700">
        Audio file (MP3, M4A, WAV, WebM, Ogg or FLAC; up to {AUDIO_MAX_FILE_BYTES / 1_000_000} MB and{" "}
        {formatClock(AUDIO_MAX_DURATION_SECONDS)} minutes)
      </label>
      <input
        id="answer-audio"
        type="file"
        name="audio"
        accept={AUDIO_FILE_ACCEPT}
        capture="user"
        className="block w-full max-w-full text-sm"
        aria-describedby={error ? "answer-audio-error" : "answer-audio-hint"}
      />
      <p id="answer-audio-hint" className="hint">
        We transcribe it with your AI provider and add the text to your answer, for you to check before submitting.
      </p>
      {error ? (
        <p id="answer-audio-error" className="alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" name="intent" value="transcribe" className="btn-secondary" formNoValidate>
        Transcribe audio file
      </button>
    </fieldset>
  );
}
