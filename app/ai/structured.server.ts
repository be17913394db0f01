import { BadRequestError, ContentFilterFinishReasonError, LengthFinishReasonError } from "openai/error";
import { zodResponseFormat } from "openai/helpers/zod";
import { parseChatCompletion } from "openai/lib/parser";
import { ZodError, type z } from "zod";
import { cleanStrings } from "#app/utils/clean-text.ts";
import { AiError, classifyAiError, createAiClient, type AiSettings } from "./client.server.ts";
import { recordAiUsage } from "./usage-meter.server.ts";
import { chatUsage, unknownUsage } from "./usage.ts";

/**
 * One structured-output call: the reply must parse as JSON, fit the zod
 * schema and pass `accept` (our own checks, e.g. "not a repeat"). An unusable
 * reply is retried once with a note saying what was wrong; when the second is
 * unusable too, `lastResort` may still pick one of the replies that were only
 * refused by `accept` (the caller decides which are good enough); otherwise the
 * operation fails with a clear message. Transport errors (429/5xx/timeouts) are
 * retried by the SDK itself before they reach us.
 *
 * Every reply the provider sends is metered (app/ai/usage-meter.server.ts),
 * the unusable ones too: they were paid for. That is why the plain path
 * creates the completion and parses it in two steps (what `parse` does in
 * one), so a reply that fails to parse still reports its usage.
 */

export class UnusableOutput extends Error {
  override name = "UnusableOutput";
}

const INVALID_OUTPUT_MESSAGE = "The AI returned an answer we couldn't use. Try again.";

type Messages = Array<{ role: "system" | "user"; content: string }>;

export async function generateStructured<S extends z.ZodObject>(options: {
  settings: AiSettings;
  schema: S;
  name: string;
  messages: (correction?: string) => Messages;
  accept?: (value: z.output<S>) => string | null;
  /** Called when no attempt was accepted: a reply to use after all (one that `accept` saw), or null to fail. */
  lastResort?: () => z.output<S> | null;
  /** Streams the reply and reports the partially parsed object as it grows (first words within TTFT). */
  onPartial?: (partial: Partial<z.output<S>>) => void;
  /**
   * Sampling settings (the grader asks for temperature 0 and a fixed seed, for repeatable scores).
   * A provider that rejects one of them with a 400 naming it gets the same request again without it.
   */
  sampling?: { temperature?: number; seed?: number };
  /** Client settings instead of the environment's (stand-alone scripts such as `npm run eval`). */
  client?: { timeoutMs: number; maxRetries: number };
  /** Every reply received (also the ones then refused): its token usage and the sampling settings it was asked with. */
  onReply?: (reply: { usage: { promptTokens: number; completionTokens: number } | null; sampling: Record<string, number> }) => void;
}): Promise<z.output<S>> {
  const client = createAiClient(options.settings, options.client);
  const sampling: Record<string, number> = { ...options.sampling };
  let correction: string | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      const body = {
        model: options.settings.model,
        messages: options.messages(correction),
        response_format: zodResponseFormat(options.schema, options.name),
        ...sampling,
      };
      const completion = options.onPartial ? await streamed(client, body, options.onPartial) : await plain(client, body);
      const usage = completion.usage;
      options.onReply?.({
        usage: usage ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } : null,
        sampling: { ...sampling },
      });
      const message = completion.choices[0]?.message;
      if (message?.refusal) throw new UnusableOutput(`you refused (${message.refusal.slice(0, 200)}); answer the task as asked`);
      // Model output is untrusted text like any user input: cleaned before anything checks or stores it.
      const parsed = cleanStrings(message?.parsed as z.output<S> | null | undefined);
      if (!parsed) throw new UnusableOutput("the reply was empty; return the JSON object");
      const problem = options.accept?.(parsed);
      if (problem) throw new UnusableOutput(problem);
      return parsed;
    } catch (error) {
      const rejected = rejectedSamplingSetting(error, sampling);
      if (rejected) {
        // Not every OpenAI-compatible provider takes `seed` (or temperature 0, e.g. reasoning models):
        // ask again without it rather than fail; the reply is still checked the same way.
        delete sampling[rejected];
        attempt--;
        continue;
      }
      // The streaming parser wraps JSON and schema failures in an OpenAIError with the cause attached.
      const cause = (error as { cause?: unknown }).cause;
      const unusable =
        error instanceof UnusableOutput ||
        error instanceof SyntaxError ||
        error instanceof ZodError ||
        cause instanceof SyntaxError ||
        cause instanceof ZodError ||
        error instanceof LengthFinishReasonError ||
        error instanceof ContentFilterFinishReasonError;
      if (!unusable) throw classifyAiError(error, options.settings);
      // A reply the SDK could not parse was received all the same (its usage is lost with it).
      if (!(error instanceof UnusableOutput)) options.onReply?.({ usage: null, sampling: { ...sampling } });
      correction =
        error instanceof UnusableOutput ? error.message : "the reply was not valid JSON matching the schema; return only the JSON object";
    }
  }
  const fallback = options.lastResort?.();
  if (fallback) return fallback;
  throw new AiError("invalid_output", INVALID_OUTPUT_MESSAGE);
}

/** The sampling setting a 400 complains about ("Unrecognized request argument supplied: seed"), if we sent it. */
function rejectedSamplingSetting(error: unknown, sampling: Record<string, number>): string | null {
  if (!(error instanceof BadRequestError)) return null;
  const param = error.param ?? "";
  return Object.keys(sampling).find((name) => param === name || new RegExp(`\\b${name}\\b`, "i").test(error.message)) ?? null;
}

type Client = ReturnType<typeof createAiClient>;
type StreamBody = Parameters<Client["chat"]["completions"]["stream"]>[0];
type ParseBody = Parameters<Client["chat"]["completions"]["parse"]>[0];

async function plain<B extends ParseBody>(client: Client, body: B) {
  const completion = await client.chat.completions.create(body);
  recordAiUsage(chatUsage(completion.usage, completion.model, body.model));
  return parseChatCompletion(completion, body);
}

/**
 * The streamed variant. The SDK's timeout and retries cover the request until
 * the response starts; a stream that stalls after that is aborted by our own
 * idle timer (same length as the per-call timeout). Usage comes in a last
 * chunk when asked for (`include_usage`); a provider that ignores the option,
 * or a stream cut short, leaves it unknown.
 */
async function streamed<T>(client: Client, body: StreamBody, onPartial: (partial: T) => void) {
  const stream = client.chat.completions.stream({ ...body, stream_options: { include_usage: true } });
  let answered = false;
  let model: string | undefined;
  let usage: Parameters<typeof chatUsage>[0];
  stream.on("chunk", (chunk) => {
    answered = true;
    model ||= chunk.model;
    if (chunk.usage) usage = chunk.usage;
  });
  let idle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stream.abort(), client.timeout);
  };
  stream.on("connect", arm);
  stream.on("chunk", arm);
  stream.on("content.delta", ({ parsed }) => {
    if (parsed && typeof parsed === "object") onPartial(parsed as T);
  });
  try {
    return await stream.finalChatCompletion();
  } finally {
    clearTimeout(idle);
    // Read on success and failure alike: a reply that fails the schema was still paid for.
    if (answered) recordAiUsage(usage ? chatUsage(usage, model, body.model) : unknownUsage(model || body.model));
  }
}
