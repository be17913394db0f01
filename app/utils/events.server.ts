import { EventEmitter } from "node:events";
import pg from "pg";
import { env } from "./env.server.ts";
import { logger } from "./logger.server.ts";

/**
 * Push from the worker to the pages waiting on it, through Postgres
 * LISTEN/NOTIFY: the worker NOTIFYs inside the transaction that stores a
 * result (delivered on commit, never for a rolled-back write), each web process
 * holds one LISTEN connection and fans the events out to the Server-Sent-Event
 * streams of the sessions they concern. Works unchanged with many web and
 * worker replicas; polling stays as the fallback.
 */

export const EVENTS_CHANNEL = "interview_events";

export type InterviewEvent =
  | { type: "operation"; sessionId: string; operationId: string; kind: string; status: string }
  | { type: "partial"; sessionId: string; operationId: string; text: string }
  // The interview was deleted (in another tab, say): its streams say so and end.
  | { type: "deleted"; sessionId: string };

type Hub = {
  emitter: EventEmitter;
  /** Open event streams per user in this process. */
  streams: Map<string, number>;
  client: pg.Client | null;
  connecting: Promise<void> | null;
  closed: boolean;
  retryTimer?: ReturnType<typeof setTimeout>;
};

const CLOSE_EVENT = "__close";

const globalForEvents = globalThis as unknown as { __eventsHub?: Hub };

function hub(): Hub {
  globalForEvents.__eventsHub ??= {
    emitter: new EventEmitter().setMaxListeners(0),
    streams: new Map(),
    client: null,
    connecting: null,
    closed: false,
  };
  return globalForEvents.__eventsHub;
}

function connect(h: Hub): Promise<void> {
  if (h.client || h.connecting || h.closed) return h.connecting ?? Promise.resolve();
  h.connecting = (async () => {
    const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: "ai-interviewer-web-events" });
    client.on("notification", (message) => {
      if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
      try {
        const event = JSON.parse(message.payload) as InterviewEvent;
        h.emitter.emit(event.sessionId, event);
      } catch {
        // a malformed payload is not ours to act on
      }
    });
    let gone = false;
    // The connection failed or was lost ("error", "end" and a failed connect can all report the same loss: act once).
    const lost = (error?: unknown) => {
      if (gone) return;
      gone = true;
      const wasListening = h.client === client;
      if (wasListening) h.client = null;
      client.removeAllListeners();
      client.on("error", () => {}); // late errors of a dead connection must not crash the process
      client.end().catch(() => {});
      if (wasListening) {
        logger.warn({ kind: "events", err: error }, "event listener connection lost; open event streams are ended");
        // Events sent while nobody listens are lost for good: end the streams that relied on this
        // connection rather than leave them silent. Browsers reconnect on their own (retry: 2000),
        // catch up on what they missed ("ready" revalidates the page) and poll while we are down.
        h.emitter.emit(CLOSE_EVENT);
      }
      // Streams still open (subscribed while we were connecting) keep retrying; otherwise the next subscriber reconnects.
      if (!h.closed && h.emitter.eventNames().some((name) => name !== CLOSE_EVENT)) {
        clearTimeout(h.retryTimer);
        h.retryTimer = setTimeout(() => void connect(h), 1000);
      }
    };
    client.on("error", (error) => lost(error));
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      if (gone) return;
      h.client = client;
    } catch (error) {
      if (!gone) logger.warn({ kind: "events", err: error }, "could not listen for events; pages fall back to polling");
      lost(error);
    }
  })().finally(() => {
    h.connecting = null;
  });
  return h.connecting;
}

/** Receive the events of one session until the returned function is called. */
export async function subscribe(sessionId: string, listener: (event: InterviewEvent) => void): Promise<() => void> {
  const h = hub();
  h.emitter.on(sessionId, listener);
  await connect(h);
  return () => {
    h.emitter.off(sessionId, listener);
  };
}

/** Whether this process is currently receiving events (false → clients should poll). */
export function listening() {
  return hub().client !== null;
}

export async function closeEvents() {
  const h = hub();
  h.closed = true;
  clearTimeout(h.retryTimer);
  h.emitter.emit(CLOSE_EVENT);
  const client = h.client;
  h.client = null;
  await client?.end().catch(() => {});
}

/** `listener` runs when open event streams must end: the process is shutting down, or the LISTEN connection was lost. */
export function onEventsClosing(listener: () => void) {
  hub().emitter.once(CLOSE_EVENT, listener);
  return () => hub().emitter.off(CLOSE_EVENT, listener);
}

/**
 * Count one more open event stream for `userId`, or refuse (null) when the
 * user already holds `limit` of them in this web process. The count is per
 * process: with WEB_CONCURRENCY processes a user can hold up to that many
 * times `limit`, which still bounds what one cookie can pin down. Call the
 * returned function when the stream ends (more than once is harmless).
 */
export function claimStreamSlot(userId: string, limit: number): (() => void) | null {
  const { streams } = hub();
  const open = streams.get(userId) ?? 0;
  if (open >= limit) return null;
  streams.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (streams.get(userId) ?? 1) - 1;
    if (left > 0) streams.set(userId, left);
    else streams.delete(userId);
  };
}

type Executor = { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<unknown> };

/** NOTIFY the web processes (inside the caller's transaction: delivered only if it commits). */
export async function publishEvent(executor: Executor, event: InterviewEvent) {
  await executor.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}
