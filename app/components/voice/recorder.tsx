import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from "react";
import { AUDIO_MIN_DURATION_SECONDS, formatClock, RECORDING_DEFAULT_MAX_SECONDS } from "#app/domain/audio-file.ts";
import { useHydrated } from "remix-utils/use-hydrated";
import {
  IDLE,
  levelFromTimeDomain,
  microphoneProblem,
  pickRecordingMimeType,
  press,
  RECORDER_MESSAGES,
  RECORDING_BITS_PER_SECOND,
  recordingUnavailable,
  release,
  type PressAction,
  type PressState,
} from "./recording-logic.ts";

/**
 * Records a spoken answer in the browser (MediaRecorder) and hands the audio
 * to `onRecorded`; it uploads nothing itself. One button: press to start and
 * again to stop, or hold it — with the mouse, a finger, or Space while it has
 * focus — to talk and let go to stop. A level meter shows the microphone is
 * hearing you, the elapsed time counts up to `maxSeconds` (where it stops by
 * itself), and every change is announced in a polite live region; problems
 * (blocked or missing microphone, unsupported browser) are shown as an alert.
 *
 * JavaScript only: it renders nothing until hydrated, so a page without
 * JavaScript offers its file upload alone. The page must allow the
 * microphone (Permissions-Policy `microphone=(self)`).
 */
export function Recorder({
  onRecorded,
  maxSeconds = RECORDING_DEFAULT_MAX_SECONDS,
  disabled = false,
  label = "Record your answer",
}: {
  onRecorded: (audio: Blob, durationSeconds: number) => void;
  maxSeconds?: number;
  disabled?: boolean;
  label?: string;
}) {
  const hydrated = useHydrated();
  const hintId = useId();
  const [phase, setPhase] = useState<"idle" | "starting" | "recording" | "stopping">("idle");
  const [elapsed, setElapsed] = useState(0);
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const pressState = useRef<PressState>(IDLE);
  const stopWhenStarted = useRef(false);
  const spaceDown = useRef(false);
  const session = useRef<{
    stream: MediaStream;
    recorder: MediaRecorder;
    context: AudioContext | null;
    startedAt: number;
    frame: number;
    timer: ReturnType<typeof setInterval>;
    stopReason: "button" | "limit" | "discard";
  } | null>(null);
  const meter = useRef<HTMLMeterElement>(null);
  const onRecordedRef = useRef(onRecorded);
  useEffect(() => {
    onRecordedRef.current = onRecorded;
  });

  const freeMicrophone = useCallback(() => {
    const s = session.current;
    if (!s) return;
    cancelAnimationFrame(s.frame);
    clearInterval(s.timer);
    for (const track of s.stream.getTracks()) track.stop();
    void s.context?.close().catch(() => {});
  }, []);

  const stop = useCallback((reason: "button" | "limit" | "discard") => {
    const s = session.current;
    if (!s) {
      stopWhenStarted.current = true; // released while the browser was still asking for the microphone
      return;
    }
    if (s.recorder.state === "inactive") return;
    s.stopReason = reason;
    setPhase("stopping");
    s.recorder.stop();
  }, []);

  const start = useCallback(async () => {
    const unavailable = recordingUnavailable({
      isSecureContext: window.isSecureContext,
      hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === "function",
      hasMediaRecorder: typeof MediaRecorder !== "undefined",
    });
    if (unavailable) {
      pressState.current = IDLE;
      setProblem(RECORDER_MESSAGES[unavailable]);
      return;
    }
    setProblem(null);
    setPhase("starting");
    setStatus("Starting the microphone…");
    stopWhenStarted.current = false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      pressState.current = IDLE;
      setPhase("idle");
      setStatus("");
      setProblem(RECORDER_MESSAGES[microphoneProblem(error)]);
      return;
    }

    const mimeType = pickRecordingMimeType((type) => MediaRecorder.isTypeSupported(type));
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: RECORDING_BITS_PER_SECOND });
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      pressState.current = IDLE;
      setPhase("idle");
      setProblem(RECORDER_MESSAGES[microphoneProblem(error)]);
      return;
    }
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onerror = () => {
      setProblem(RECORDER_MESSAGES.failed);
      stop("discard");
    };
    recorder.onstop = () => {
      const s = session.current;
      const seconds = s ? (performance.now() - s.startedAt) / 1000 : 0;
      const reason = s?.stopReason ?? "discard";
      freeMicrophone();
      session.current = null;
      pressState.current = IDLE;
      setPhase("idle");
      setElapsed(0);
      if (meter.current) meter.current.value = 0;
      if (reason === "discard") return setStatus("Recording discarded.");
      if (seconds < AUDIO_MIN_DURATION_SECONDS) {
        return setStatus("That was too short to keep. Press Record once to start and again to stop, or hold it while you speak.");
      }
      const durationSeconds = Math.round(Math.min(seconds, maxSeconds) * 10) / 10;
      setStatus(
        reason === "limit"
          ? `Recording stopped at the ${formatClock(maxSeconds)} limit: ${formatClock(durationSeconds)} recorded.`
          : `Recording stopped: ${formatClock(durationSeconds)} recorded.`,
      );
      onRecordedRef.current(new Blob(chunks, { type: recorder.mimeType || mimeType || "audio/webm" }), durationSeconds);
    };

    // The level meter: an analyser on the same stream, read once a frame and written straight to the <meter>.
    let context: AudioContext | null = null;
    let analyser: AnalyserNode | null = null;
    try {
      context = new AudioContext();
      analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(stream).connect(analyser);
      // Created after an await, the press no longer counts as a gesture: some browsers start it suspended.
      void context.resume().catch(() => {});
    } catch {
      context = null; // no meter, still a recording
    }
    const samples = new Uint8Array(analyser?.fftSize ?? 0);
    const startedAt = performance.now();
    const tick = () => {
      if (!session.current) return;
      if (analyser && meter.current) {
        analyser.getByteTimeDomainData(samples);
        meter.current.value = levelFromTimeDomain(samples);
      }
      session.current.frame = requestAnimationFrame(tick);
    };
    session.current = {
      stream,
      recorder,
      context,
      startedAt,
      frame: 0,
      stopReason: "button",
      timer: setInterval(() => {
        const seconds = (performance.now() - startedAt) / 1000;
        setElapsed(seconds);
        if (seconds >= maxSeconds) stop("limit");
      }, 250),
    };
    recorder.start(1000);
    session.current.frame = requestAnimationFrame(tick);
    setPhase("recording");
    setElapsed(0);
    setStatus(`Recording. Up to ${formatClock(maxSeconds)}.`);
    if (stopWhenStarted.current) stop("button");
  }, [maxSeconds, freeMicrophone, stop]);

  // Leaving the page while recording drops the recording and frees the microphone.
  useEffect(
    () => () => {
      const s = session.current;
      if (!s) return;
      s.recorder.onstop = null;
      if (s.recorder.state !== "inactive") s.recorder.stop();
      freeMicrophone();
      session.current = null;
    },
    [freeMicrophone],
  );

  const act = (action: PressAction) => {
    if (action === "start") void start();
    if (action === "stop") stop("button");
  };
  const onPress = () => {
    if (disabled || phase === "stopping") return;
    const [next, action] = press(pressState.current, performance.now());
    pressState.current = next;
    act(action);
  };
  const onRelease = () => {
    const [next, action] = release(pressState.current, performance.now());
    pressState.current = next;
    act(action);
  };

  if (!hydrated) return null;

  const recording = phase === "recording" || phase === "starting";
  return (
    <div className="space-y-2" role="group" aria-label={label}>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={recording ? "btn-danger" : "btn-secondary"}
          disabled={disabled || phase === "stopping"}
          aria-describedby={hintId}
          onPointerDown={(event: PointerEvent<HTMLButtonElement>) => {
            if (event.button !== 0) return;
            event.currentTarget.setPointerCapture(event.pointerId);
            onPress();
          }}
          onPointerUp={onRelease}
          onPointerCancel={onRelease}
          onKeyDown={(event: KeyboardEvent<HTMLButtonElement>) => {
            if (event.key !== " ") return;
            event.preventDefault(); // Space is ours (hold to talk), not the button's click
            if (spaceDown.current) return;
            spaceDown.current = true;
            onPress();
          }}
          onKeyUp={(event: KeyboardEvent<HTMLButtonElement>) => {
            if (event.key !== " ") return;
            event.preventDefault();
            spaceDown.current = false;
            onRelease();
          }}
          onBlur={() => {
            // Focus moved away while Space was held: that ends the hold.
            if (spaceDown.current) {
              spaceDown.current = false;
              onRelease();
            }
          }}
          onClick={(event: MouseEvent<HTMLButtonElement>) => {
            // Pointer presses are handled above; a click with detail 0 is the keyboard (Enter): a toggle.
            if (event.detail !== 0 || spaceDown.current) return;
            onPress();
            onRelease();
          }}
        >
          <span aria-hidden="true">{recording ? "■" : "●"}</span>
          {phase === "starting" ? "Starting…" : recording ? "Stop recording" : "Record"}
        </button>
        {recording ? (
          <>
            <meter
              ref={meter}
              min={0}
              max={1}
              low={0.15}
              high={0.85}
              optimum={0.5}
              value={0}
              aria-label="Microphone level"
              className="w-32"
            />
            <span className="font-mono text-sm tabular-nums text-slate-700">
              <span className="sr-only">Elapsed: </span>
              {formatClock(elapsed)} / {formatClock(maxSeconds)}
            </span>
          </>
        ) : null}
      </div>
      <p id={hintId} className="hint">
        Press to start and again to stop, or hold it (or Space) while you speak. Up to {formatClock(maxSeconds)}; your words appear in the
        answer box to check before you submit.
      </p>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {status}
      </p>
      {problem ? (
        <p role="alert" className="alert-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
