import { eventStream } from "remix-utils/sse/server";
import type { Route } from "./+types/interviews.$id.events";
import { getSessionSummary } from "#app/models/interview.server.ts";
import { requireSession } from "#app/utils/auth.server.ts";
import { env } from "#app/utils/env.server.ts";
import { claimStreamSlot, listening, onEventsClosing, subscribe, type InterviewEvent } from "#app/utils/events.server.ts";
import { pageId, pageNotFound } from "#app/utils/not-found.server.ts";
import { isSessionActive } from "#app/utils/session.server.ts";

/**
 * Server-Sent Events for one interview: "operation" when an AI step of the
 * session finishes, "partial" while a question is being written, "deleted" (and
 * the end of the stream) when the interview is deleted. The page revalidates on
 * "operation" and "deleted" and shows "partial" text as it streams; polling
 * remains the fallback and a no-JS page refreshes itself.
 *
 * A stream lives no longer than its login session: every event is sent only
 * after the session is confirmed still signed in (logout, a password change or
 * reset, account deletion all end it), and a timer re-checks a quiet stream.
 * It also ends after EVENT_STREAM_MAX_SECONDS; the browser's EventSource
 * reconnects by itself and the "ready" event lets the page catch up.
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requireSession(context);
  const interviewId = pageId(params.id);
  if (!(await getSessionSummary(session.user.id, interviewId))) pageNotFound();

  const config = env();
  const release = claimStreamSlot(session.user.id, config.EVENT_STREAMS_PER_USER);
  if (!release) {
    return new Response("Too many live-update connections are open for your account. Close some tabs; this page keeps updating anyway.", {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }

  // The stream ends when the client hangs up or its time is up. We end it ourselves rather than hand
  // eventStream the signal: its close throws from inside the abort listener — an uncaught exception
  // that ends the process — when the hang-up has already cancelled the stream.
  const ends = AbortSignal.any([request.signal, AbortSignal.timeout(config.EVENT_STREAM_MAX_SECONDS * 1000)]);
  const response = eventStream(
    new AbortController().signal,
    (send, close) => {
      let ended = false;
      let unsubscribe = () => {};
      // The client may have hung up a moment before the stream hears of it: nothing to send, nothing to close.
      const end = () => {
        try {
          close();
        } catch {
          // already closed
        }
      };
      const write = (message: { event: string; data: string }) => {
        try {
          send(message);
        } catch {
          end();
        }
      };
      // One message at a time, each after one look-up confirms the login session is still signed in.
      let delivery = Promise.resolve();
      const deliver = (message: { event: string; data: string }) => {
        delivery = delivery
          .then(async () => {
            if (ended) return;
            if (await isSessionActive(session.sessionId)) write(message);
            else end();
          })
          .catch(end);
      };
      const forward = (event: InterviewEvent) => {
        deliver({ event: event.type, data: JSON.stringify(event) });
        // Nothing more can happen to a deleted interview: the stream ends once that is sent.
        if (event.type === "deleted") delivery = delivery.then(end);
      };
      // A quiet stream is re-checked too; the keep-alive also stops proxies from closing an idle connection.
      const keepAlive = setInterval(() => deliver({ event: "ping", data: "" }), config.EVENT_STREAM_CHECK_SECONDS * 1000);
      const stopOnShutdown = onEventsClosing(end);
      if (ends.aborted)
        queueMicrotask(end); // hung up while we were checking: end once set up
      else ends.addEventListener("abort", end, { once: true });
      subscribe(interviewId, forward).then((off) => {
        if (ended) return off();
        unsubscribe = off;
        // "ready" lets the page catch up on anything that finished before it subscribed.
        write({ event: "ready", data: JSON.stringify({ listening: listening() }) });
      }, end);
      return () => {
        ended = true;
        clearInterval(keepAlive);
        unsubscribe();
        stopOnShutdown();
        ends.removeEventListener("abort", end);
        release();
      };
    },
    { headers: { "X-Accel-Buffering": "no" } },
  );
  // eventStream says no-cache; a private stream must not be stored, nor compressed by a proxy on the way.
  response.headers.set("Cache-Control", "no-store, no-transform");
  return response;
}
