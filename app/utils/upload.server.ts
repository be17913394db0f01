/**
 * Reading a form body (urlencoded or multipart) with a hard size cap. A
 * declared Content-Length over the cap is refused before a byte is read; a
 * body without one (chunked) is counted as it streams and refused the moment
 * it passes the cap, so an upload can never make the server buffer more.
 * A refused body is left unread, so the answer to it must close the
 * connection (CLOSE_CONNECTION): a keep-alive socket with unread bytes in it
 * would stall the client's next request on that socket.
 */

export const CLOSE_CONNECTION = { Connection: "close" } as const;

export class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes.`);
    this.maxBytes = maxBytes;
  }
}

export class MalformedFormError extends Error {
  override name = "MalformedFormError";
  constructor() {
    super("The form data could not be read.");
  }
}

/**
 * Run a guard (sign-in check) before the body is read. A Response it throws
 * (401, redirect to /login) leaves the body unread, so it must close the
 * connection too.
 */
export async function beforeReadingBody<T>(guard: () => Promise<T>): Promise<T> {
  try {
    return await guard();
  } catch (error) {
    if (error instanceof Response) error.headers.set("Connection", "close");
    throw error;
  }
}

export function isMultipart(request: Request) {
  return /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");
}

/**
 * The whole body, counted as it streams: PayloadTooLargeError the moment it passes `maxBytes` (a
 * declared Content-Length over it before a byte is read). The rest is left unread.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);

  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // Stop reading (the server discards the rest once the response is sent).
      if (total > maxBytes) throw new PayloadTooLargeError(maxBytes);
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

export async function readFormDataWithin(request: Request, maxBytes: number): Promise<FormData> {
  const body = await readBodyWithin(request, maxBytes);
  try {
    return await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new MalformedFormError();
  }
}
