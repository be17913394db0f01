/**
 * The voice choices a user can make (issue 18), client-safe: the Settings form
 * and the server's AI calls (ai/transcribe.server.ts) share them.
 */

/** Off, the browser's own speech synthesis (free), or the user's provider (audio/speech, billed). */
export const READ_ALOUD_MODES = ["off", "browser", "provider"] as const;
export type ReadAloudChoice = (typeof READ_ALOUD_MODES)[number];

export const DEFAULT_TRANSCRIPTION_MODEL_NAME = "gpt-4o-mini-transcribe";
export const DEFAULT_SPEECH_MODEL_NAME = "gpt-4o-mini-tts";
export const DEFAULT_SPEECH_VOICE_NAME = "alloy";
/** OpenAI's built-in voices (tts-1 and tts-1-hd have all but ballad, verse, marin and cedar). */
export const SPEECH_VOICE_NAMES = [
  "alloy",
  "ash",
  "ballad",
  "cedar",
  "coral",
  "echo",
  "fable",
  "marin",
  "nova",
  "onyx",
  "sage",
  "shimmer",
  "verse",
] as const;

/** Up to this many characters of an answer (ANSWER_LIMITS.max): a transcript appended to a draft is cut there. */
export function appendTranscript(draft: string, transcript: string, maxLength: number) {
  const joined = draft.trim() ? `${draft.replace(/\s+$/, "")}\n\n${transcript}` : transcript;
  return joined.slice(0, maxLength);
}

/** Where the page (and an <audio> element without JavaScript) gets a question read aloud by the provider. */
export const questionSpeechUrl = (sessionId: string, questionId: string) => `/interviews/${sessionId}/questions/${questionId}/speech`;
