/**
 * What one AI call (or several, summed) consumed, as the provider reported it.
 * `null` means "not reported": a provider that sends no usage gives unknown
 * figures, never a guessed zero, so the meter can say "unknown" instead of
 * showing a cost that looks exact and is not. A zero is a fact: a chat call
 * sends no audio (audioSeconds 0), a transcription writes no speech.
 * Client-safe: no I/O, shared by the worker, the pages and the export.
 */

export type Usage = {
  /** The model that answered, as the provider named it (e.g. "gpt-4o-mini-2024-07-18"); null when calls of different models were summed. */
  model: string | null;
  /** Prompt tokens, cached ones included (OpenAI's `prompt_tokens`). */
  inputTokens: number | null;
  /** The part of inputTokens served from the provider's prompt cache (`prompt_tokens_details.cached_tokens`). */
  cachedInputTokens: number | null;
  outputTokens: number | null;
  /** Seconds of audio sent for transcription (or produced by speech, when known). */
  audioSeconds: number | null;
  /** Characters of text sent to a text-to-speech model. */
  speechCharacters: number | null;
  /** How many provider calls these figures sum (a correction retry is a second call). */
  calls: number;
};

const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

/** The usage of two calls together. Unknown stays unknown: a sum with one unknown part would look exact and be too low. */
export function addUsage(a: Usage | null, b: Usage): Usage {
  if (!a) return b;
  return {
    model: a.model === b.model ? a.model : null,
    inputTokens: sum(a.inputTokens, b.inputTokens),
    cachedInputTokens: sum(a.cachedInputTokens, b.cachedInputTokens),
    outputTokens: sum(a.outputTokens, b.outputTokens),
    audioSeconds: sum(a.audioSeconds, b.audioSeconds),
    speechCharacters: sum(a.speechCharacters, b.speechCharacters),
    calls: a.calls + b.calls,
  };
}

export function totalUsage(usages: Iterable<Usage>): Usage | null {
  let total: Usage | null = null;
  for (const usage of usages) total = addUsage(total, usage);
  return total;
}

const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null);

/** The part of a chat completion (or of its last streamed chunk) that carries usage: the SDK's `CompletionUsage`. */
export type ChatUsageReport = {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
} | null;

/**
 * Usage of one chat completion. The model is the one that answered (a dated
 * snapshot, usually), else the one requested. A provider that reports prompt
 * tokens but no cache details (most local servers) gets `cachedInputTokens`
 * null: nothing is known to have come from a cache, and the price table then
 * charges every input token at the full rate.
 */
export function chatUsage(report: ChatUsageReport | undefined, answeredModel: string | null | undefined, requestedModel: string): Usage {
  return {
    model: answeredModel || requestedModel,
    inputTokens: count(report?.prompt_tokens),
    cachedInputTokens: count(report?.prompt_tokens_details?.cached_tokens),
    outputTokens: count(report?.completion_tokens),
    audioSeconds: 0,
    speechCharacters: 0,
    calls: 1,
  };
}

/**
 * Usage of one transcription (`audio/transcriptions`). Token-billed models
 * (gpt-4o-transcribe) report `usage.type = "tokens"`; duration-billed ones
 * (whisper-1) report `usage.type = "duration"` or a verbose `duration`. The
 * caller passes the length it measured from the file itself when it has one:
 * the provider's figure wins, ours is the fallback.
 *
 * `ceilingSeconds`, when given, is charged when the reply reports neither
 * tokens nor a length and nothing measured the file: the longest recording
 * allowed, so the call is never free and never of unknown cost (which the
 * budget does not count). Only a figure measured by the provider or by us is
 * used — never a length the client claimed, which could be 0 or left out.
 * The cost is then an upper bound, shown as the estimate every cost is.
 */
export function transcriptionUsage(
  response: {
    duration?: number | null;
    usage?: { type?: string; seconds?: number | null; input_tokens?: number | null; output_tokens?: number | null } | null;
  } | null,
  model: string,
  measuredSeconds: number | null = null,
  ceilingSeconds: number | null = null,
): Usage {
  const usage = response?.usage;
  const tokens = usage?.type === "tokens";
  const inputTokens = tokens ? count(usage?.input_tokens) : null;
  const outputTokens = tokens ? count(usage?.output_tokens) : null;
  const reportedSeconds =
    count(usage?.type === "duration" ? usage.seconds : undefined) ?? count(response?.duration) ?? count(measuredSeconds);
  const tokensReported = inputTokens !== null && outputTokens !== null;
  return {
    model,
    inputTokens,
    cachedInputTokens: tokensReported ? 0 : null,
    outputTokens,
    audioSeconds: reportedSeconds ?? (tokensReported ? null : count(ceilingSeconds)),
    speechCharacters: 0,
    calls: 1,
  };
}

/** Usage of one text-to-speech call (`audio/speech`): the characters sent, and the length of the audio when the caller measured it. */
export function speechUsage(model: string, characters: number, audioSeconds: number | null = null): Usage {
  return {
    model,
    inputTokens: null,
    cachedInputTokens: null,
    outputTokens: null,
    audioSeconds: count(audioSeconds),
    speechCharacters: characters,
    calls: 1,
  };
}

/** A call that got an answer but whose usage never arrived (a stream cut short, a provider that sends none). */
export function unknownUsage(model: string): Usage {
  return { model, inputTokens: null, cachedInputTokens: null, outputTokens: null, audioSeconds: 0, speechCharacters: 0, calls: 1 };
}
