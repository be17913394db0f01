/**
 * The answer → next-question loop, measured the way a user experiences it:
 * from the answer POST to the next question being visible, minus the model's
 * own time (the fake answers after a fixed latency). Two clients: "push"
 * (Server-Sent Events, then one data fetch — what the page does with JS) and
 * "polling" (the page's fallback schedule: quick first checks, then every 2 s).
 */
import { pollDelay } from "../../app/components/interview/poll-schedule.ts";
import type { HttpClient } from "../../tests/support/http-client.ts";
import { listenToEvents } from "../../tests/support/sse.ts";
import { percentile, round } from "./stats.ts";

type Mode = "push" | "polling";

/** The interview's event stream; returns the function that closes it. */
async function sse(client: HttpClient, path: string, onEvent: (event: string, data: Record<string, unknown>) => void) {
  const stream = await listenToEvents(new URL(path, client.baseUrl).toString(), { cookie: client.cookieHeader() }, onEvent);
  return () => void stream.stop();
}

type SessionJson = { messages: Array<{ id: string; message_type: string; question_number?: number }>; status: string };

async function openQuestion(client: HttpClient, sessionId: string) {
  // What the page's loader would show: the latest question without an answer.
  const res = await client.get(`/api/v1/sessions/${sessionId}`);
  const session = (await res.json()) as SessionJson;
  const answered = new Set(
    session.messages.filter((m) => m.message_type === "answer").map((m) => (m as { question_id?: string }).question_id),
  );
  return session.messages.filter((m) => m.message_type === "question" && !answered.has(m.id)).at(-1) ?? null;
}

export async function measureLoop(client: HttpClient, options: { answers: number; mode: Mode; modelLatencyMs: number; postingId: string }) {
  const overheads: number[] = [];
  const firstWords: number[] = [];
  let sessionId: string | null = null;
  let stop = () => {};
  let waiting: ((event: string, data: Record<string, unknown>) => void) | null = null;
  while (overheads.length < options.answers) {
    if (!sessionId) {
      const started = await client.post("/interviews/new", { jobPostingId: options.postingId, targetQuestions: "15", focus: "balanced" });
      sessionId = started.headers.get("location")!.split("/").pop()!;
      if (options.mode === "push") stop = await sse(client, `/interviews/${sessionId}/events`, (e, d) => waiting?.(e, d));
      for (let i = 0; i < 200 && !(await openQuestion(client, sessionId)); i++) await new Promise((r) => setTimeout(r, 100));
    }
    const question = await openQuestion(client, sessionId);
    if (!question) throw new Error(`no open question: ${await (await client.get(`/api/v1/sessions/${sessionId}`)).text()}`);
    const t0 = performance.now();
    let firstWordAt = 0;
    const questionReady =
      options.mode === "push"
        ? new Promise<void>((resolve) => {
            waiting = (event, data) => {
              if (event === "partial" && !firstWordAt) firstWordAt = performance.now();
              if (event === "operation" && data.kind === "question_generation") resolve();
            };
          })
        : null;
    const res = await client.post(`/interviews/${sessionId}`, {
      intent: "answer",
      questionId: question.id,
      answer: "A concise, structured answer with an example.",
    });
    if (res.status !== 302) throw new Error(`answer POST answered ${res.status}`);
    const isLast = question.question_number === 15;
    if (isLast) {
      stop();
      sessionId = null;
      continue; // the last answer completes the session: no next question to time
    }
    if (options.mode === "push") {
      await questionReady;
      await openQuestion(client, sessionId!); // the revalidation the page does on the event
    } else {
      // The page's own polling schedule once it has rendered after the redirect.
      for (let attempt = 0; ; attempt++) {
        await new Promise((r) => setTimeout(r, pollDelay(attempt)));
        const next = await openQuestion(client, sessionId!);
        if (next && next.id !== question.id) break;
      }
    }
    overheads.push(performance.now() - t0 - options.modelLatencyMs);
    if (firstWordAt) firstWords.push(firstWordAt - t0 - options.modelLatencyMs);
  }
  stop();
  return {
    mode: options.mode,
    answers: overheads.length,
    overheadP50: round(percentile(overheads, 50), 0),
    overheadP95: round(percentile(overheads, 95), 0),
    firstWordsP50: firstWords.length ? round(percentile(firstWords, 50), 0) : null,
    firstWordsP95: firstWords.length ? round(percentile(firstWords, 95), 0) : null,
  };
}
