/**
 * The parts of the recorder that are decisions, not browser plumbing, kept
 * pure so they are unit-tested: what a press and a release of the Record
 * button (or Space) mean, which format to record in, how loud the microphone
 * is, and what to tell the person when the microphone can't be used.
 */

/**
 * One button, two ways to use it. A quick press starts recording and the next
 * press stops it (toggle); holding it for HOLD_MS or longer records until it
 * is released (push-to-talk).
 */
export const HOLD_MS = 350;

export type PressState = { phase: "idle" } | { phase: "held"; since: number } | { phase: "latched" };
export type PressAction = "start" | "stop" | null;

export const IDLE: PressState = { phase: "idle" };

export function press(state: PressState, now: number): [PressState, PressAction] {
  if (state.phase === "idle") return [{ phase: "held", since: now }, "start"];
  if (state.phase === "latched") return [IDLE, "stop"];
  return [state, null]; // a key repeating while held
}

export function release(state: PressState, now: number): [PressState, PressAction] {
  if (state.phase !== "held") return [state, null];
  return now - state.since >= HOLD_MS ? [IDLE, "stop"] : [{ phase: "latched" }, null];
}

/**
 * What to record in: Opus in WebM (Chrome, Firefox, Edge), else Opus in Ogg,
 * else MP4 (Safari), else the browser's default. All are formats the
 * transcription endpoint reads.
 */
export const RECORDING_MIME_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];

export function pickRecordingMimeType(isTypeSupported: (type: string) => boolean): string | undefined {
  return RECORDING_MIME_TYPES.find((type) => {
    try {
      return isTypeSupported(type);
    } catch {
      return false;
    }
  });
}

/** Speech needs no more: 5 minutes of Opus at 64 kbit/s is about 2.4 MB. */
export const RECORDING_BITS_PER_SECOND = 64_000;

/**
 * Loudness 0–1 from an AnalyserNode's time-domain bytes (128 = silence): the
 * RMS, scaled so that normal speech (RMS around 0.1–0.3 of full scale) fills
 * most of the meter.
 */
export function levelFromTimeDomain(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const byte of samples) {
    const v = (byte - 128) / 128;
    sum += v * v;
  }
  return Math.min(1, Math.sqrt(sum / samples.length) * 3);
}

export type RecorderProblem = "unsupported" | "insecure" | "blocked" | "no_microphone" | "busy" | "failed";

export const RECORDER_MESSAGES: Record<RecorderProblem, string> = {
  unsupported: "This browser can't record audio. Upload a recording of your answer instead, or type it.",
  insecure: "Recording needs a secure (https) connection to this site. Upload a recording of your answer instead, or type it.",
  blocked:
    "Microphone access is blocked. Allow the microphone for this site in your browser's settings, then press Record again — or upload a recording instead.",
  no_microphone: "No microphone was found. Connect one and press Record again, or upload a recording instead.",
  busy: "Your microphone couldn't be started — another app may be using it. Close that app and press Record again.",
  failed: "Recording stopped because of an error. Press Record to try again, or upload a recording instead.",
};

/** Why the browser can't record at all, or null when it can. */
export function recordingUnavailable(env: {
  isSecureContext: boolean;
  hasGetUserMedia: boolean;
  hasMediaRecorder: boolean;
}): RecorderProblem | null {
  if (!env.isSecureContext) return "insecure";
  if (!env.hasGetUserMedia || !env.hasMediaRecorder) return "unsupported";
  return null;
}

/** getUserMedia's failure, by DOMException name (and the older names some browsers still use). */
export function microphoneProblem(error: unknown): RecorderProblem {
  const name =
    error instanceof Error || (typeof error === "object" && error !== null && "name" in error) ? String((error as Error).name) : "";
  if (["NotAllowedError", "PermissionDeniedError", "SecurityError"].includes(name)) return "blocked";
  if (["NotFoundError", "DevicesNotFoundError", "OverconstrainedError"].includes(name)) return "no_microphone";
  if (["NotReadableError", "TrackStartError", "AbortError"].includes(name)) return "busy";
  if (name === "NotSupportedError" || name === "TypeError") return "unsupported";
  return "failed";
}
