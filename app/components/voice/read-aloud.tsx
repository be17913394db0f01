import { useCallback, useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { useHydrated } from "remix-utils/use-hydrated";

/**
 * Reads a question aloud: with the browser's own speech synthesis, or — when
 * the user chose their provider's voice — by playing `audioSrc` (the MP3 the
 * server got from `audio/speech`). A visible Play/Replay and Stop, a keyboard
 * shortcut that works anywhere on the page (Alt+Shift+R: play, or stop while
 * speaking; Escape also stops), and the state announced in a polite live
 * region. `autoPlay` reads each new text once by itself (browsers may refuse
 * that until the person has interacted with the page: we then say so).
 *
 * JavaScript only: renders nothing until hydrated, or when the browser can
 * neither speak nor play audio.
 */
export const READ_ALOUD_SHORTCUT = "Alt+Shift+R";

const isShortcut = (event: KeyboardEvent) => event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyR";

export function ReadAloud({
  text,
  audioSrc,
  lang = "en",
  autoPlay = false,
  label = "Read the question aloud",
}: {
  text: string;
  audioSrc?: string;
  lang?: string;
  autoPlay?: boolean;
  label?: string;
}) {
  const hydrated = useHydrated();
  const hintId = useId();
  const [speaking, setSpeaking] = useState(false);
  // "Replay" once this text has been read (a new question starts at "Read aloud" again).
  const [playedText, setPlayedText] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const audio = useRef<HTMLAudioElement | null>(null);
  const canSpeak = hydrated && (Boolean(audioSrc) || typeof window.speechSynthesis !== "undefined");

  const stop = useCallback(() => {
    if (audio.current) {
      audio.current.pause();
      audio.current.currentTime = 0;
    }
    if (typeof window !== "undefined" && window.speechSynthesis?.speaking) window.speechSynthesis.cancel();
    setSpeaking(false);
  }, []);

  const blocked = useCallback(() => {
    setSpeaking(false);
    setStatus(`Your browser didn't let the page speak by itself. Press “Read aloud” or ${READ_ALOUD_SHORTCUT}.`);
  }, []);

  const play = useCallback(() => {
    stop();
    setPlayedText(text);
    setStatus("Reading the question aloud…");
    setSpeaking(true);
    const done = () => {
      setSpeaking(false);
      setStatus("");
    };
    if (audioSrc) {
      if (!audio.current || audio.current.src !== new URL(audioSrc, window.location.href).href) audio.current = new Audio(audioSrc);
      audio.current.onended = done;
      audio.current.onerror = () => {
        setSpeaking(false);
        setStatus("The question's audio couldn't be played. Try again, or read it on the page.");
      };
      audio.current.play().catch((error: unknown) => {
        if (error instanceof DOMException && error.name === "NotAllowedError") blocked();
      });
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    const voice = window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang.toLowerCase()) && v.localService);
    if (voice) utterance.voice = voice;
    utterance.onend = done;
    utterance.onerror = (event) => {
      if (event.error === "interrupted" || event.error === "canceled") return;
      if (event.error === "not-allowed") return blocked();
      setSpeaking(false);
      setStatus("Your browser couldn't read the question aloud.");
    };
    window.speechSynthesis.speak(utterance);
  }, [audioSrc, blocked, lang, stop, text]);

  // A new question: stop the old one, and read the new one if asked to.
  const readNewText = useEffectEvent(() => {
    if (autoPlay) play();
  });
  useEffect(() => {
    if (!canSpeak) return;
    // After the new question is on screen (and so that speaking is a callback, not part of rendering).
    const timer = setTimeout(readNewText, 0);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [canSpeak, text, audioSrc, stop]);

  useEffect(() => {
    if (!canSpeak) return;
    const onKey = (event: KeyboardEvent) => {
      if (isShortcut(event)) {
        event.preventDefault();
        if (speaking) stop();
        else play();
      } else if (event.key === "Escape" && speaking) {
        stop();
        setStatus("Stopped.");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canSpeak, play, speaking, stop]);

  if (!canSpeak) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={label}>
      <button type="button" className="btn-secondary" onClick={play} aria-keyshortcuts={READ_ALOUD_SHORTCUT} aria-describedby={hintId}>
        <span aria-hidden="true">▶</span>
        {playedText === text ? "Replay" : "Read aloud"}
      </button>
      {speaking ? (
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            stop();
            setStatus("Stopped.");
          }}
        >
          <span aria-hidden="true">■</span>
          Stop
        </button>
      ) : null}
      <span id={hintId} className="hint mt-0">
        Shortcut: {READ_ALOUD_SHORTCUT}
      </span>
      <span role="status" className="text-sm text-slate-700">
        {status}
      </span>
    </div>
  );
}
