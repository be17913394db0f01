/**
 * How much of each prompt repeats the start of an earlier one. Providers that
 * cache prompt prefixes (OpenAI does so automatically) charge the repeated
 * start at a discount and answer sooner, but only for an exact repeat from
 * the first character: the structured-output schema (sent ahead of the system
 * message), then the messages in order. One changed character ends the shared
 * part. So a prompt should put what stays the same for a whole interview
 * (instructions, posting, résumé) first and what changes (the count of
 * questions asked, the latest answer, the task) last. Pure; used by the
 * bench and by the tests that keep the prompts in that order.
 */

export type PromptCall = {
  /** The structured-output JSON schema sent with the call, if any. */
  schema?: unknown;
  messages: ReadonlyArray<{ role: string; content: string }>;
};

/** OpenAI's rules: prompts under 1,024 tokens are never cached; hits count in blocks of 128 tokens. */
export const CACHE_MIN_TOKENS = 1024;
export const CACHE_BLOCK_TOKENS = 128;

/** The usual rule of thumb for English text: about 4 characters per token. */
export const estimateTokens = (chars: number) => Math.ceil(chars / 4);

type Part = { label: string; start: number; text: string };

function parts(call: PromptCall): Part[] {
  const pieces = [
    ...(call.schema === undefined ? [] : [{ label: "the output schema", text: JSON.stringify(call.schema) }]),
    ...call.messages.map((m, i) => ({ label: `message ${i + 1} (${m.role})`, text: `<${m.role}>${m.content}` })),
  ];
  let start = 0;
  return pieces.map((piece) => {
    const part = { ...piece, start };
    start += piece.text.length + 1;
    return part;
  });
}

/** The prompt as a prefix cache sees it. */
export function promptText(call: PromptCall): string {
  return parts(call)
    .map((p) => p.text)
    .join("\n");
}

export function sharedPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Tokens a provider would serve from its cache for this shared start (estimated from characters). */
export function cacheableTokens(sharedChars: number, promptChars: number): number {
  const shared = Math.floor(sharedChars / 4);
  if (estimateTokens(promptChars) < CACHE_MIN_TOKENS || shared < CACHE_MIN_TOKENS) return 0;
  return shared - (shared % CACHE_BLOCK_TOKENS);
}

export type PrefixCall = {
  promptChars: number;
  /** The longest start this prompt shares with any earlier one. */
  sharedChars: number;
  /** Index of the earlier call it shares that start with (null for none). */
  sharedWith: number | null;
  cacheableTokens: number;
  /** Where it stops repeating: the part of the prompt and the line that changed. */
  divergence: { part: string; line: string } | null;
};

export type PrefixReport = {
  calls: PrefixCall[];
  promptChars: number;
  sharedChars: number;
  /** Shared characters / all prompt characters: the share a perfect prefix cache could serve. */
  sharedShare: number;
  /** Estimated tokens a provider with OpenAI's rules would serve from its cache. */
  cacheableTokens: number;
  promptTokens: number;
};

/**
 * For the calls of one interview, in the order they were made: how much of
 * each prompt repeats the start of an earlier one (any earlier one, as a
 * provider's cache holds recent prompts, not only the last).
 */
export function prefixReport(calls: PromptCall[]): PrefixReport {
  const texts = calls.map(promptText);
  const report: PrefixCall[] = texts.map((text, index) => {
    let sharedChars = 0;
    let sharedWith: number | null = null;
    for (let earlier = 0; earlier < index; earlier++) {
      const shared = sharedPrefixLength(texts[earlier]!, text);
      if (shared > sharedChars) [sharedChars, sharedWith] = [shared, earlier];
    }
    return {
      promptChars: text.length,
      sharedChars,
      sharedWith,
      cacheableTokens: cacheableTokens(sharedChars, text.length),
      divergence: index === 0 || sharedChars === text.length ? null : divergence(calls[index]!, sharedChars),
    };
  });
  const promptChars = report.reduce((n, c) => n + c.promptChars, 0);
  const sharedChars = report.reduce((n, c) => n + c.sharedChars, 0);
  return {
    calls: report,
    promptChars,
    sharedChars,
    sharedShare: promptChars ? sharedChars / promptChars : 0,
    cacheableTokens: report.reduce((n, c) => n + c.cacheableTokens, 0),
    promptTokens: report.reduce((n, c) => n + estimateTokens(c.promptChars), 0),
  };
}

function divergence(call: PromptCall, at: number): { part: string; line: string } {
  const part = parts(call).findLast((p) => p.start <= at)!;
  const offset = at - part.start;
  const lineStart = part.text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = part.text.indexOf("\n", offset);
  const line = part.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/^<[a-z]+>/, "");
  return { part: part.label, line: line.length > 120 ? `${line.slice(0, 117)}…` : line };
}
