import { describe, expect, it } from "vitest";
import {
  HOLD_MS,
  IDLE,
  levelFromTimeDomain,
  microphoneProblem,
  pickRecordingMimeType,
  press,
  recordingUnavailable,
  release,
  type PressState,
} from "./recording-logic.ts";

/** Plays presses and releases at the given times; returns the actions taken. */
function play(events: Array<["press" | "release", number]>) {
  let state: PressState = IDLE;
  const actions: string[] = [];
  for (const [kind, at] of events) {
    const [next, action] = (kind === "press" ? press : release)(state, at);
    state = next;
    if (action) actions.push(`${action}@${at}`);
  }
  return { actions, state };
}

describe("the Record button: toggle or push-to-talk", () => {
  it("a quick press starts, and the next press stops (toggle)", () => {
    expect(
      play([
        ["press", 0],
        ["release", 100],
        ["press", 5000],
        ["release", 5080],
      ]),
    ).toEqual({ actions: ["start@0", "stop@5000"], state: IDLE });
  });

  it("holding records until release (push-to-talk)", () => {
    expect(
      play([
        ["press", 0],
        ["release", HOLD_MS + 2000],
      ]),
    ).toEqual({ actions: ["start@0", `stop@${HOLD_MS + 2000}`], state: IDLE });
  });

  it("ignores a held key's repeats and a stray release", () => {
    expect(
      play([
        ["release", 0],
        ["press", 10],
        ["press", 40],
        ["press", 70],
        ["release", 2000],
      ]).actions,
    ).toEqual(["start@10", "stop@2000"]);
  });

  it("counts a hold of exactly HOLD_MS as push-to-talk", () => {
    expect(
      play([
        ["press", 0],
        ["release", HOLD_MS],
      ]).actions,
    ).toEqual(["start@0", `stop@${HOLD_MS}`]);
  });
});

describe("recording format, level and problems", () => {
  it("prefers Opus in WebM, then Ogg, then MP4, else the browser's default", () => {
    expect(pickRecordingMimeType(() => true)).toBe("audio/webm;codecs=opus");
    expect(pickRecordingMimeType((t) => t === "audio/mp4")).toBe("audio/mp4");
    expect(pickRecordingMimeType((t) => t.startsWith("audio/ogg"))).toBe("audio/ogg;codecs=opus");
    expect(
      pickRecordingMimeType(() => {
        throw new Error("old browser");
      }),
    ).toBeUndefined();
  });

  it("reads silence as 0 and a full-scale signal as 1", () => {
    expect(levelFromTimeDomain(new Uint8Array(256).fill(128))).toBe(0);
    expect(levelFromTimeDomain(new Uint8Array(256).map((_, i) => (i % 2 ? 255 : 1)))).toBe(1);
    const quiet = levelFromTimeDomain(new Uint8Array(256).map((_, i) => (i % 2 ? 138 : 118))); // RMS 10/128
    expect(quiet).toBeCloseTo((10 / 128) * 3, 5);
    expect(levelFromTimeDomain(new Uint8Array(0))).toBe(0);
  });

  it("tells why the microphone can't be used, from the browser's error", () => {
    const named = (name: string) => Object.assign(new Error("x"), { name });
    expect(microphoneProblem(new DOMException("denied", "NotAllowedError"))).toBe("blocked");
    expect(microphoneProblem(named("NotFoundError"))).toBe("no_microphone");
    expect(microphoneProblem(named("OverconstrainedError"))).toBe("no_microphone");
    expect(microphoneProblem(named("NotReadableError"))).toBe("busy");
    expect(microphoneProblem(named("TypeError"))).toBe("unsupported");
    expect(microphoneProblem("something else")).toBe("failed");
    expect(recordingUnavailable({ isSecureContext: false, hasGetUserMedia: false, hasMediaRecorder: true })).toBe("insecure");
    expect(recordingUnavailable({ isSecureContext: true, hasGetUserMedia: true, hasMediaRecorder: false })).toBe("unsupported");
    expect(recordingUnavailable({ isSecureContext: true, hasGetUserMedia: true, hasMediaRecorder: true })).toBeNull();
  });
});
