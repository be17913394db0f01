import type { Route } from "./+types/interviews.$id.events";
import { requireUserId } from "#app/utils/auth.server.ts";
import { db } from "#app/utils/db.server.ts";
import { listening, onEventsClosing, subscribe } from "#app/utils/events.server.ts";
import { pageId, pageNotFound } from "#app/utils/not-found.server.ts";

/**
 * Server-Sent Events for one interview: "operation" when an AI step of the
 * session finishes, "partial" while a question is being written. The page
 * revalidates on "operation" and shows "partial" text as it streams; polling
 * remains the fallback and a no-JS page refreshes itself.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const userId = await requireUserId(request);
  const sessionId = pageId(params.id);
  if (!(await db.interviewSession.count({ where: { id: sessionId, userId } }))) pageNotFound();

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribe(sessionId, (event) => write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
      // Keeps proxies from closing an idle stream; tells the browser how soon to reconnect.
      const ping = setInterval(() => write(": ping\n\n"), 15_000);
      const stopOnShutdown = onEventsClosing(() => cleanup());
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(ping);
        unsubscribe();
        stopOnShutdown();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
      // "ready" lets the page catch up on anything that finished before it subscribed.
      write(`retry: 2000\nevent: ready\ndata: ${JSON.stringify({ listening: listening() })}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
