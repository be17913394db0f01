import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider } from "react-router";
import { NonceProvider } from "#app/components/nonce.tsx";
import { logger } from "#app/utils/logger.server.ts";
import { cspNonceContext, requestIdContext } from "#app/utils/request-context.server.ts";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const nonce = loadContext.get(cspNonceContext);

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        // The page is sent once all of it is rendered, for every client, not only bots: a panel that
        // suspends (the interview page's lazily loaded panels, components/interview/lazy-panels.tsx)
        // would otherwise follow the shell as a hidden block that a script moves into place, which a
        // browser without JavaScript never runs. Our loaders resolve before rendering, so nothing streams.
        // And for the same reason every finished Suspense boundary is written where it stands: React sends
        // one that comes after the first 12.8 KB of HTML (its default progressiveChunkSize) as such a block.
        progressiveChunkSize: Number.POSITIVE_INFINITY,
        onAllReady() {
          shellRendered = true;
          // Everything is rendered by now, so the page goes out as one buffer: one write to the socket and
          // a Content-Length, instead of React's 2 KB chunks each crossing a web stream into its own write.
          const chunks: Buffer[] = [];
          const body = new Writable({
            write(chunk: Buffer, _encoding, callback) {
              chunks.push(chunk);
              callback();
            },
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              const html = Buffer.concat(chunks);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              responseHeaders.set("Content-Length", String(html.byteLength));
              resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
              callback();
            },
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: loadContext.get(requestIdContext) }, "render error");
        },
      },
    );
  });
}

/** Unexpected loader/action/render errors, logged once with the request id the error page shows. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // No context yet when the request failed before React Router made one (getLoadContext itself, say).
  const requestId = (context as RouterContextProvider | undefined)?.get(requestIdContext);
  logger.error({ err: error, requestId, path: new URL(request.url).pathname }, "unhandled error");
};
