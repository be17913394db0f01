import OpenAI, {
  type ClientOptions,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";
import { fetch as undiciFetch, FormData as UndiciFormData } from "undici";
import { env } from "#app/utils/env.server.ts";
import { BlockedUrlError, outboundDispatcher } from "#app/utils/outbound-url.server.ts";
import { jobSignal } from "./job-signal.server.ts";
import { AI_REPLY_MAX_BYTES, boundedReply, ReplyTooLarge, ReplyTooSlow } from "./reply-limits.server.ts";

/**
 * The one door to the AI provider. Every call gets the user's key, model and
 * base URL (models/ai-provider.server.ts loadAiSettings), a per-call timeout and
 * the SDK's own retries (exponential backoff for 408/409/429/5xx/network/
 * timeouts; none for 401/403/400/404), and bounds on how much of a reply is
 * read and for how long (reply-limits.server.ts), and none outlives the job it
 * is made for (job-signal.server.ts). Failures become an AiError with a message
 * a person can act on.
 */

export type AiErrorCode =
  | "no_api_key"
  | "key_unreadable"
  | "api_key_rejected"
  | "quota_exhausted"
  | "rate_limited"
  | "model_not_found"
  | "invalid_request"
  | "ai_unavailable"
  | "invalid_output"
  | "base_url_blocked"
  | "base_url_redirect"
  // Audio (app/ai/transcribe.server.ts): the endpoint has no such transcription/speech model, or can't read the recording.
  | "unsupported_model"
  | "audio_unsupported";

export class AiError extends Error {
  override name = "AiError";
  readonly code: AiErrorCode;
  constructor(code: AiErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type AiSettings = { apiKey: string; model: string; baseUrl: string; userChosenBaseUrl: boolean };

export function createAiClient(settings: AiSettings, options: { timeoutMs?: number; maxRetries?: number } = {}) {
  // An endpoint the user chose gets the SSRF guard on every connection, and its redirects are not
  // followed (a redirect would be a connection the guard never saw): the 3xx comes back as an error.
  // The operator's default endpoint is trusted as configured.
  const fetchOptions = settings.userChosenBaseUrl ? { redirect: "manual", dispatcher: outboundDispatcher() } : undefined;
  const timeout = options.timeoutMs ?? env().AI_TIMEOUT_MS;
  return new JobBoundOpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    timeout,
    maxRetries: options.maxRetries ?? env().AI_MAX_RETRIES,
    fetch: aiFetch(timeout) as unknown as typeof fetch,
    // undici's dispatcher is a valid fetch option; the SDK's type only knows the DOM's RequestInit.
    ...(fetchOptions ? { fetchOptions: fetchOptions as unknown as ClientOptions["fetchOptions"] } : {}),
  });
}

/**
 * The SDK's client, with the signal of the job it works for (if any) on every
 * request. On the request rather than inside our fetch: the SDK then takes the
 * abort for the caller's own (APIUserAbortError), ends the call at once and
 * does not retry it, streamed or not; an abort it met only inside fetch it
 * would take for a timeout and retry, each retry failing at once, the call
 * ending only after its backoff — while the job's retry may already have
 * claimed the operation again. The signal reaches the connection, so the
 * provider sees the request closed.
 */
class JobBoundOpenAI extends OpenAI {
  protected override async prepareRequest(request: RequestInit) {
    const job = jobSignal();
    if (job) request.signal = request.signal ? AbortSignal.any([request.signal, job]) : job;
  }
}

/**
 * undici's fetch (which takes the SSRF-guarded dispatcher) with file uploads:
 * the SDK builds an upload (audio/transcriptions) as the platform's FormData,
 * which undici's own fetch would send as "[object FormData]"; it is copied
 * into undici's FormData first. Being a FormData, the body can be sent again,
 * so the SDK's retries work for uploads too. `Response` tells the SDK's
 * upload check that this fetch encodes the platform's FormData.
 * Every reply's body is bounded in size and time (boundedReply); the limits
 * act while the body is read, after the SDK's retry loop, so an oversized
 * reply is refused once rather than fetched again.
 */
const aiFetch = (timeoutMs: number) =>
  Object.assign(
    async (input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => {
      if (init?.body instanceof FormData) {
        const form = new UndiciFormData();
        for (const [name, value] of init.body) form.append(name, value);
        init = { ...init, body: form };
      }
      return boundedReply((await undiciFetch(input, init)) as unknown as Response, timeoutMs);
    },
    { Response },
  );

function providerCode(error: APIError): string | undefined {
  const body = error.error as { code?: string; type?: string } | undefined;
  return error.code ?? body?.code ?? body?.type ?? undefined;
}

/** Translate anything thrown by an AI call into an AiError a person can act on. */
export function classifyAiError(error: unknown, settings?: Pick<AiSettings, "model">): AiError {
  if (error instanceof AiError) return error;
  // Whatever the cut-off call threw (an abort, a stream that ended early), the cause is the job's time limit.
  if (jobSignal()?.aborted) {
    return new AiError(
      "ai_unavailable",
      "Your AI provider took longer than this task may run, so it was stopped. Try again; if it keeps happening, check the AI base URL in Settings.",
    );
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new AiError("api_key_rejected", "Your OpenAI key was rejected. Update it in Settings.");
  }
  if (error instanceof RateLimitError) {
    return providerCode(error) === "insufficient_quota"
      ? new AiError("quota_exhausted", "Your OpenAI account has no remaining quota. Add credit to your OpenAI account, then try again.")
      : new AiError("rate_limited", "Your OpenAI account is receiving too many requests right now. Wait a minute and try again.");
  }
  if (error instanceof NotFoundError) {
    return new AiError(
      "model_not_found",
      `The model “${settings?.model ?? "configured"}” isn't available with your key or endpoint. Choose another model in Settings.`,
    );
  }
  if (error instanceof BadRequestError) {
    return new AiError(
      "invalid_request",
      "The AI service refused the request. Try again; if it keeps happening, check the model in Settings.",
    );
  }
  if (error instanceof APIError && error.status !== undefined && error.status >= 300 && error.status < 400) {
    return new AiError(
      "base_url_redirect",
      "Your AI base URL answered with a redirect to another address, which this server does not follow. Enter the final address in Settings.",
    );
  }
  if (hasCause(error, ReplyTooLarge)) {
    return new AiError(
      "invalid_output",
      `Your AI provider sent an answer larger than ${AI_REPLY_MAX_BYTES / 1024 / 1024} MB, far more than any real reply, so it was refused. Check the AI base URL in Settings.`,
    );
  }
  if (hasCause(error, ReplyTooSlow)) {
    return new AiError(
      "ai_unavailable",
      "Your AI provider kept sending its answer for too long, so it was cut off. Try again; if it keeps happening, check the AI base URL in Settings.",
    );
  }
  if (error instanceof APIConnectionError && hasCause(error, BlockedUrlError)) {
    return new AiError(
      "base_url_blocked",
      "Your AI base URL points at a private network address, which this server does not call. Change it in Settings.",
    );
  }
  if (error instanceof APIConnectionTimeoutError || error instanceof APIConnectionError || error instanceof APIError) {
    return new AiError("ai_unavailable", "The AI service didn't respond. Try again.");
  }
  return new AiError("ai_unavailable", "The AI service didn't respond. Try again.");
}

function hasCause(error: unknown, type: new (...args: never[]) => Error): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof type) return true;
  }
  return false;
}

/** "Test key": one cheap, real call (list models) with the user's key; no retries, short timeout. */
export async function testApiKey(settings: AiSettings): Promise<{ ok: boolean; message: string }> {
  try {
    const client = createAiClient(settings, { timeoutMs: 10_000, maxRetries: 0 });
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    const hasModel = ids.includes(settings.model);
    return {
      ok: true,
      message:
        hasModel || ids.length === 0
          ? `Your key works. The model “${settings.model}” will be used for your interviews.`
          : `Your key works, but the model “${settings.model}” is not in its list of ${ids.length} models. Choose one of them in Provider settings below.`,
    };
  } catch (error) {
    return { ok: false, message: classifyAiError(error, settings).message };
  }
}
