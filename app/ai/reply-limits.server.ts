/**
 * How much of an AI provider's reply we read, and for how long. The SSRF guard
 * (utils/outbound-url.server.ts) decides where we connect; a user-chosen base
 * URL can still be a server that answers with an endless or dripping body. The
 * SDK reads a whole body into memory (`text()`, our `arrayBuffer()`) and caps
 * no size: at network speed, even within its timeout, an endless reply would
 * grow the web process (Settings' "Test key") or the worker until it is killed.
 * Its timeout covers a JSON body, but not a stream, audio or an error's body.
 *
 * The bound is applied to the body as it is read rather than with undici's
 * Agent `maxResponseSize`: that counts bytes on the wire, before fetch undoes a
 * gzip/brotli encoding (32 MB of brotli can unpack to gigabytes), and it would
 * only cover the guarded Agent — not the operator's endpoint, nor a server that
 * allows private endpoints.
 */

/**
 * The most we read of one reply, counted as it lands in memory (decoded). The
 * largest legitimate reply is a question read aloud, at most SPEECH_MAX_BYTES
 * (16 MiB, ai/transcribe.server.ts); JSON replies are kilobytes, a long model
 * list a few hundred. Twice the audio limit leaves room for a generous encoder
 * and still stops a hostile stream well before it hurts a process.
 */
export const AI_REPLY_MAX_BYTES = 32 * 1024 * 1024;

/**
 * How long a body may take once its headers are in, as a multiple of the
 * call's timeout (a JSON body meets the SDK's own timeout first). A reply can
 * legitimately come in for longer than the wait for its first byte — a streamed
 * question, speech sent as it is made — but never for longer than the job around
 * it may run: 4 × the default 30 s is the 2-minute job expiry
 * (utils/queue-names.ts). A dripping body ends there.
 */
const BODY_TIMEOUTS = 4;

export class ReplyTooLarge extends Error {
  override name = "ReplyTooLarge";
  constructor() {
    super(`The AI provider's reply is larger than ${AI_REPLY_MAX_BYTES / 1024 / 1024} MB`);
  }
}

export class ReplyTooSlow extends Error {
  override name = "ReplyTooSlow";
  constructor(ms: number) {
    super(`The AI provider's reply took longer than ${Math.round(ms / 1000)} s to arrive`);
  }
}

// A Response with one of these statuses can't be given a body.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The same response, with a body that errors (ReplyTooLarge, ReplyTooSlow)
 * past the size limit or the deadline. Erroring it cancels the provider's
 * stream, so the connection is dropped and nothing more is read. The error
 * reaches whoever reads the body: the SDK's parse, our `arrayBuffer()`.
 */
export function boundedReply(response: Response, callTimeoutMs: number): Response {
  if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response;
  const deadlineMs = callTimeoutMs * BODY_TIMEOUTS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let read = 0;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      timer = setTimeout(() => controller.error(new ReplyTooSlow(deadlineMs)), deadlineMs);
      timer.unref(); // a body nobody reads any more must not keep the process alive
    },
    transform(chunk, controller) {
      read += chunk.byteLength;
      if (read > AI_REPLY_MAX_BYTES) {
        clearTimeout(timer);
        controller.error(new ReplyTooLarge());
      } else controller.enqueue(chunk);
    },
    flush: () => clearTimeout(timer),
  });
  const bounded = new Response(response.body.pipeThrough(limit), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A constructed Response has no URL; the SDK's logs name the request by it.
  Object.defineProperty(bounded, "url", { value: response.url });
  return bounded;
}
