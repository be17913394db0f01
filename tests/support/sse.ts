/**
 * Read a Server-Sent-Events stream the way EventSource does, collecting the
 * events until `stop()` (or until the server ends the stream: `ended`), and
 * handing each to `onEvent` as it arrives. Used by the tests and the bench.
 */
export type ReceivedEvent = { event: string; data: Record<string, unknown>; at: number };

export async function listenToEvents(
  url: string,
  headers: Record<string, string> = {},
  onEvent?: (event: string, data: Record<string, unknown>) => void,
) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
  const events: ReceivedEvent[] = [];
  let ended = false;
  const done = (async () => {
    if (!res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = block.match(/^event: (.+)$/m)?.[1];
          const data = block.match(/^data: (.+)$/m)?.[1];
          if (!event || !data) continue;
          const received = { event, data: JSON.parse(data) as Record<string, unknown>, at: Date.now() };
          events.push(received);
          onEvent?.(received.event, received.data);
        }
      }
    } catch {
      // aborted by stop(), or the connection broke
    } finally {
      ended = true;
    }
  })();
  return {
    res,
    events,
    /** True once the stream is over (the server closed it, or stop() was called). */
    ended: () => ended,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}
