/**
 * A fake OpenAI-compatible HTTP server: the test double of the one outside
 * paid service. The real `openai` SDK talks to it over 127.0.0.1.
 *
 *   POST /v1/chat/completions   json_schema response_format → content valid for that schema
 *                               (stream: true → server-sent chunks, like the real API)
 *   GET  /v1/models             the model list (a cheap "is this key valid?" call)
 *   POST /v1/audio/transcriptions (multipart) and /v1/audio/speech: see tests/fakes/openai-audio.ts
 *
 * Faults, chosen per request:
 *   - by API key: keys containing "bad" → 401; "quota" → 429 insufficient_quota;
 *     "flaky" → 429 on every other request; "down" → 500; "slow" → never answers in time;
 *     "garbage" → content that is not valid JSON.
 *   - by script: `fake.script("429", "500", …)` makes the next requests fail in that order.
 *   - `fake.redirectTo = url`: every request is answered 302 to that URL (plus the request's path
 *     after /v1), like an endpoint that bounces the client somewhere else.
 *   - `fake.flood = { path: "/models", bytes, pauseMs? }`: requests to paths ending so are answered 200
 *     with a body of that many bytes (Infinity: it never ends), like an endpoint that fills the client's
 *     memory; with `pauseMs` between its 64 KB pieces, one that drips its answer forever.
 *   - by API key, for the grader (schema "answer_grade", "session_debrief"): keys containing
 *     "fabricate" → quotes and question numbers that are not in the prompt; "gullible" → obeys an
 *     answer that demands a score (all 100s); "noseed" → 400 when the request carries `seed`;
 *     "notemp" → 400 when it carries a temperature other than 1 (like reasoning models).
 * The default grader is deterministic and reads the answer: scores grow with how many of the
 * question's key words the answer uses and with its length; its quotes are copied from the answer.
 * It records every request (`fake.requests`) so tests can assert on prompts.
 * Usage: every reply carries deterministic usage figures (tokens ≈ characters / 4 of the prompt —
 * structured-output schema first, then the messages — and of the reply), with prefix caching
 * simulated like OpenAI's (see `usageFor`); streams send them as a last chunk when asked
 * (`stream_options.include_usage`). `fake.reportUsage = false` (or a key containing "nousage")
 * plays a provider that sends no usage; `fake.answeredModel` names the model that answers.
 * Never used by production code paths; `npm run fake-openai` runs it for local demos.
 */
import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AddressInfo, Socket } from "node:net";
import {
  readRecordedForm,
  SAMPLE_TRANSCRIPTS,
  speechReply,
  transcriptionReply,
  type RecordedForm,
  type ScriptedTranscript,
} from "./openai-audio.ts";
import { PRACTICE_RESPONDERS } from "./practice-responders.ts";

export type Fault = "400" | "401" | "403" | "404" | "429" | "quota" | "500" | "503" | "slow" | "garbage" | "invalid";

export type RecordedRequest = {
  method: string;
  path: string;
  apiKey: string | null;
  body: ChatRequest | null;
  /** A multipart request's fields and file (audio/transcriptions). */
  form?: RecordedForm;
  at: number;
  /** The client hung up before the reply was sent in full (an aborted call). */
  abandoned?: boolean;
};

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  anyOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  description?: string;
};

export type ChatRequest = {
  model: string;
  messages: { role: string; content: string | Array<{ type: string; text?: string }> }[];
  stream?: boolean;
  response_format?: { type: string; json_schema?: { name: string; schema: JsonSchema; strict?: boolean } };
  [key: string]: unknown;
};

/** Returns the reply's content (or a promise of it, to simulate a slow answer for one kind of request). */
export type Responder = (request: ChatRequest, context: { count: number; text: string; apiKey?: string | null }) => unknown;

export function messageText(request: ChatRequest): string {
  return request.messages
    .map((m) => (typeof m.content === "string" ? m.content : m.content.map((p) => p.text ?? "").join("")))
    .join("\n\n");
}

/** A value that satisfies `schema` (enough of JSON Schema for structured outputs). */
export function sampleFromSchema(schema: JsonSchema, root: JsonSchema = schema, key = "value", seed = 0): unknown {
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop()!;
    return sampleFromSchema((root.$defs ?? root.definitions ?? {})[name] ?? {}, root, key, seed);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[seed % schema.enum.length];
  if (schema.anyOf) return sampleFromSchema(schema.anyOf.find((s) => s.type !== "null") ?? schema.anyOf[0]!, root, key, seed);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = sampleFromSchema(prop, root, name, seed);
      return out;
    }
    case "array": {
      const n = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, 2));
      return Array.from({ length: n }, (_, i) => sampleFromSchema(schema.items ?? {}, root, key, seed + i));
    }
    case "integer":
    case "number": {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? 100;
      return Math.round(min + ((max - min) * (60 + ((seed * 7) % 30))) / 100);
    }
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return `Sample ${key.replace(/_/g, " ")} ${seed + 1}`.padEnd(schema.minLength ?? 0, ".");
  }
}

export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  /** Added before every response (ms): the "model time". */
  latencyMs = 0;
  /** Delay between streamed chunks (ms). */
  chunkDelayMs = 5;
  /** Load tests: this share of requests fails at random with one of `faults` (transient kinds, retried by the SDK). */
  randomFaults: { rate: number; faults: Fault[] } = { rate: 0, faults: ["429", "500"] };
  /** When set, every request is answered 302 to this base URL (plus the path after /v1). */
  redirectTo: string | null = null;
  /** When set, requests to paths ending in `path` get a 200 body of `bytes` bytes (Infinity: endless), paused between pieces. */
  flood: { path: string; bytes: number; pauseMs?: number } | null = null;
  /** False: replies carry no usage at all, and streams ignore `include_usage` (like many local servers). */
  reportUsage = true;
  /** The model named in replies; the real API answers with a dated snapshot, e.g. gpt-4o-mini-2024-07-18. */
  answeredModel: (requested: string) => string = (requested) => requested;
  /** Recent prompts (per API key) for the simulated prefix cache. */
  private recentPrompts: Array<{ apiKey: string | null; text: string }> = [];
  private readonly responders = new Map<string, Responder>();
  private held?: { until: Promise<void>; release: () => void };
  private scripted: Fault[] = [];
  private transcripts: ScriptedTranscript[] = [];
  private counts = new Map<string, number>();
  private flakyCount = new Map<string, number>();
  private server?: http.Server;
  private sockets = new Set<Socket>();
  url = "";

  /** Responses for one response_format name (e.g. the question schema). */
  respond(schemaName: string, responder: Responder) {
    this.responders.set(schemaName, responder);
    return this;
  }

  /**
   * Holds every reply back, from now until the returned function is called: work stays in flight
   * for exactly as long as a test needs to look at it, however slow the machine. reset() releases it.
   */
  hold(): () => void {
    this.held?.release();
    const { promise, resolve } = Promise.withResolvers<void>();
    const held = {
      until: promise,
      release: () => {
        if (this.held === held) this.held = undefined;
        resolve();
      },
    };
    this.held = held;
    return held.release;
  }

  /** The next requests fail with these faults, in order. */
  script(...faults: Fault[]) {
    this.scripted.push(...faults);
    return this;
  }

  /** The next transcriptions return these, in order (then the sample answers again). */
  transcribe(...transcripts: Array<ScriptedTranscript | string>) {
    this.transcripts.push(...transcripts.map((t) => (typeof t === "string" ? { text: t } : t)));
    return this;
  }

  transcriptionRequests() {
    return this.requests.filter((r) => r.path.endsWith("/audio/transcriptions"));
  }

  speechRequests() {
    return this.requests.filter((r) => r.path.endsWith("/audio/speech"));
  }

  reset() {
    this.held?.release();
    this.requests.length = 0;
    this.scripted = [];
    this.transcripts = [];
    this.counts.clear();
    this.flakyCount.clear();
    this.responders.clear();
    this.latencyMs = 0;
    this.redirectTo = null;
    this.flood = null;
    this.reportUsage = true;
    this.answeredModel = (requested) => requested;
    this.recentPrompts = [];
  }

  chatRequests(schemaName?: string) {
    return this.requests.filter(
      (r) => r.path.endsWith("/chat/completions") && (!schemaName || r.body?.response_format?.json_schema?.name === schemaName),
    );
  }

  async start(port = 0, host = "127.0.0.1"): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}/v1`;
    return this.url;
  }

  async stop() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private faultFor(apiKey: string | null): Fault | null {
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    if (this.randomFaults.rate > 0 && Math.random() < this.randomFaults.rate) {
      return this.randomFaults.faults[Math.floor(Math.random() * this.randomFaults.faults.length)]!;
    }
    const key = apiKey ?? "";
    if (!key) return "401";
    if (key.includes("bad")) return "401";
    if (key.includes("quota")) return "quota";
    if (key.includes("down")) return "500";
    if (key.includes("slow")) return "slow";
    if (key.includes("garbage")) return "garbage";
    if (key.includes("flaky")) {
      const n = (this.flakyCount.get(key) ?? 0) + 1;
      this.flakyCount.set(key, n);
      return n % 2 === 1 ? "429" : null;
    }
    return null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const raw = rawBytes.toString("utf8");
    const path = (req.url ?? "/").split("?")[0]!;
    const apiKey = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "") || null;

    // Test control API (e2e specs drive the fake across processes).
    if (path === "/__control/requests") return this.json(res, 200, this.requests);
    if (path === "/__control/reset" && req.method === "POST") {
      this.reset();
      return this.json(res, 200, { ok: true });
    }
    if (path === "/__control/script" && req.method === "POST") {
      const body = JSON.parse(raw || "{}") as { faults?: Fault[]; latencyMs?: number; reportUsage?: boolean };
      this.script(...(body.faults ?? []));
      if (typeof body.latencyMs === "number") this.latencyMs = body.latencyMs;
      if (typeof body.reportUsage === "boolean") this.reportUsage = body.reportUsage;
      return this.json(res, 200, { ok: true });
    }
    if (path === "/__control/transcripts" && req.method === "POST") {
      this.transcribe(...((JSON.parse(raw || "{}") as { transcripts?: ScriptedTranscript[] }).transcripts ?? []));
      return this.json(res, 200, { ok: true });
    }

    // An upload (audio/transcriptions) is multipart, not JSON: null when it can't be parsed.
    const contentType = req.headers["content-type"] ?? "";
    const upload = /^multipart\/form-data/i.test(contentType) ? await readRecordedForm(rawBytes, contentType) : undefined;

    let body: ChatRequest | null = null;
    try {
      body = raw && upload === undefined ? (JSON.parse(raw) as ChatRequest) : null;
    } catch {
      return this.error(res, 400, "invalid_request_error", "Could not parse the JSON body.");
    }
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path,
      apiKey,
      body,
      ...(upload ? { form: upload.form } : {}),
      at: Date.now(),
    };
    this.requests.push(recorded);
    res.once("close", () => {
      if (!res.writableFinished) recorded.abandoned = true;
    });

    if (this.held) await this.held.until;
    if (this.redirectTo) {
      res.writeHead(302, { location: `${this.redirectTo}${path.replace(/^\/v1/, "")}` });
      return res.end();
    }
    if (this.latencyMs) await sleep(this.latencyMs);
    const fault = this.faultFor(apiKey);
    if (fault === "slow") return; // never answers: the client's timeout fires
    if (fault === "401")
      return this.error(
        res,
        401,
        "invalid_request_error",
        "Incorrect API key provided: sk-f***. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_api_key",
      );
    if (fault === "400")
      return this.error(res, 400, "invalid_request_error", "Invalid 'messages[1].content': string too long.", "string_above_max_length");
    if (fault === "403")
      return this.error(res, 403, "invalid_request_error", "You are not allowed to sample from this model", "model_not_allowed");
    if (fault === "404")
      return this.error(res, 404, "invalid_request_error", "The model does not exist or you do not have access to it.", "model_not_found");
    if (fault === "quota")
      return this.error(
        res,
        429,
        "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details.",
        "insufficient_quota",
      );
    if (fault === "429")
      return this.error(res, 429, "requests", "Rate limit reached for requests", "rate_limit_exceeded", { "retry-after-ms": "10" });
    if (fault === "500" || fault === "503")
      return this.error(res, Number(fault), "server_error", "The server had an error while processing your request.");

    if (this.flood && path.endsWith(this.flood.path)) return this.floodReply(res, path, this.flood);
    if (path.endsWith("/audio/transcriptions") && req.method === "POST") {
      const garbled = fault === "garbage" || fault === "invalid" ? fault : null;
      const reply = transcriptionReply(upload ?? null, () => this.nextTranscript(), garbled);
      return this.send(res, this.reportUsage && !apiKey?.includes("nousage") ? reply : withoutUsage(reply));
    }
    if (path.endsWith("/audio/speech") && req.method === "POST") return this.send(res, speechReply(body));
    if (path.endsWith("/models") && req.method === "GET") {
      return this.json(res, 200, {
        object: "list",
        data: ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"].map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake" })),
      });
    }
    if (path.endsWith("/chat/completions") && req.method === "POST" && body) {
      const refused = refusedSampling(apiKey, body);
      if (refused) return this.error(res, 400, "invalid_request_error", refused.message, refused.code ?? undefined, {}, refused.param);
      const content = fault === "garbage" ? '{"question": "unterminated' : await this.contentFor(body, fault === "invalid", apiKey);
      const usage = this.reportUsage && !apiKey?.includes("nousage") ? this.usageFor(apiKey, body, content) : null;
      const model = this.answeredModel(body.model);
      return body.stream ? this.stream(res, body, content, usage, model) : this.json(res, 200, completion(body, content, usage, model));
    }
    return this.error(res, 404, "invalid_request_error", `Unknown path ${path}`);
  }

  private nextTranscript(): ScriptedTranscript {
    const count = (this.counts.get("audio_transcription") ?? 0) + 1;
    this.counts.set("audio_transcription", count);
    return this.transcripts.shift() ?? { text: SAMPLE_TRANSCRIPTS[(count - 1) % SAMPLE_TRANSCRIPTS.length]! };
  }

  private send(res: http.ServerResponse, reply: { status: number; contentType: string; body: string | Uint8Array }) {
    const requestId = reply.status >= 400 ? { "x-request-id": `req_fake_${Date.now()}` } : {};
    res.writeHead(reply.status, { "content-type": reply.contentType, ...requestId });
    res.end(reply.body);
  }

  /** Audio for audio/speech (zeros), else JSON: whitespace, which JSON allows, before `{}`. Ends when the client hangs up. */
  private async floodReply(res: http.ServerResponse, path: string, { bytes, pauseMs = 0 }: { bytes: number; pauseMs?: number }) {
    const audio = path.endsWith("/audio/speech");
    res.writeHead(200, { "content-type": audio ? "audio/mpeg" : "application/json" });
    const tail = audio ? "" : "{}";
    const filler = Buffer.alloc(64 * 1024, audio ? 0 : " ");
    async function* body() {
      for (let left = bytes - tail.length; left > 0; left -= filler.length) {
        yield left >= filler.length ? filler : filler.subarray(0, left);
        if (pauseMs) await sleep(pauseMs);
      }
      if (tail) yield tail;
    }
    await pipeline(Readable.from(body()), res).catch(() => {});
  }

  private async contentFor(body: ChatRequest, invalid: boolean, apiKey: string | null = null): Promise<string> {
    const format = body.response_format?.json_schema;
    const name = format?.name ?? "text";
    const count = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, count);
    if (invalid) return JSON.stringify({ unexpected: true });
    const responder = this.responders.get(name) ?? DEFAULT_RESPONDERS[name];
    const value = responder
      ? await responder(body, { count, text: messageText(body), apiKey })
      : format
        ? sampleFromSchema(format.schema, format.schema, "value", count)
        : `Fake reply ${count}`;
    return typeof value === "string" && !format ? value : JSON.stringify(value);
  }

  /**
   * Usage of one chat request, deterministic: tokens ≈ characters / 4. The prompt is what OpenAI
   * caches by prefix: the structured-output schema first, then each message. Like OpenAI, a prompt
   * of at least 1,024 tokens whose start repeats a recent prompt (same key) gets the repeated part
   * from the cache, counted in blocks of 128 tokens.
   */
  private usageFor(apiKey: string | null, body: ChatRequest, content: string) {
    const text = promptText(body);
    const promptTokens = Math.ceil(text.length / 4);
    let shared = 0;
    for (const recent of this.recentPrompts) {
      if (recent.apiKey === apiKey) shared = Math.max(shared, sharedPrefix(recent.text, text));
    }
    const sharedTokens = Math.floor(shared / 4);
    const cached = promptTokens >= 1024 && sharedTokens >= 1024 ? Math.min(promptTokens, sharedTokens - (sharedTokens % 128)) : 0;
    this.recentPrompts = [{ apiKey, text }, ...this.recentPrompts.slice(0, 63)];
    const completionTokens = Math.ceil(content.length / 4);
    return {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
  }

  private async stream(res: http.ServerResponse, body: ChatRequest, content: string, usage: Usage | null = null, model = body.model) {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const id = `chatcmpl-fake-${Date.now()}`;
    // Asked for usage: every chunk carries `usage: null`, and a last chunk with no choices carries the figures.
    const withUsage = Boolean(usage && (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage);
    const base = {
      id,
      object: "chat.completion.chunk",
      created: Math.floor(Date.now() / 1000),
      model,
      ...(withUsage ? { usage: null } : {}),
    };
    const send = (choice: unknown) => res.write(`data: ${JSON.stringify({ ...base, choices: [choice] })}\n\n`);
    send({ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null });
    for (let i = 0; i < content.length; i += 12) {
      send({ index: 0, delta: { content: content.slice(i, i + 12) }, finish_reason: null });
      if (this.chunkDelayMs) await sleep(this.chunkDelayMs);
    }
    send({ index: 0, delta: {}, finish_reason: "stop" });
    if (withUsage) res.write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
    res.write("data: [DONE]\n\n");
    res.end();
  }

  private json(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(value));
  }

  private error(
    res: http.ServerResponse,
    status: number,
    type: string,
    message: string,
    code?: string,
    headers: Record<string, string> = {},
    param: string | null = null,
  ) {
    this.json(
      res,
      status,
      { error: { message, type, param, code: code ?? null } },
      { "x-request-id": `req_fake_${Date.now()}`, ...headers },
    );
  }
}

type Usage = ReturnType<FakeOpenAI["usageFor"]>;

function completion(body: ChatRequest, content: string, usage: Usage | null = null, model = body.model) {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null }],
    ...(usage ? { usage } : {}),
  };
}

/** The prompt as a prefix cache sees it: the structured-output schema, then each message's role and text. */
export function promptText(request: ChatRequest): string {
  const schema = request.response_format?.json_schema ? JSON.stringify(request.response_format.json_schema) : "";
  const messages = request.messages.map(
    (m) => `<${m.role}>${typeof m.content === "string" ? m.content : m.content.map((p) => p.text ?? "").join("")}`,
  );
  return [schema, ...messages].join("\n");
}

function sharedPrefix(a: string, b: string) {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Plausible content for the product's three structured outputs, so e2e runs and local demos read
// like a real interview. Tests override these with `respond()` where they need specific behaviour.
const QUESTION_TYPES = ["technical", "behavioral", "project", "situational"] as const;
const QUESTION_BANK: Record<(typeof QUESTION_TYPES)[number], string[]> = {
  technical: [
    "How would you design a rate limiter for a public API, and where would its state live?",
    "Walk me through how you would find and fix a memory leak in a long-running service.",
    "What trade-offs do you weigh when choosing between a relational database and a document store?",
    "How do you make a database migration safe to deploy without downtime?",
  ],
  behavioral: [
    "Tell me about a time you disagreed with a teammate on a technical decision. What happened?",
    "Describe a situation where you had to deliver with unclear requirements.",
    "Tell me about a mistake you made in production and what you changed afterwards.",
  ],
  project: [
    "Pick a project from your résumé you are proud of. What was the hardest problem in it?",
    "In one of your recent projects, what would you build differently today and why?",
    "Which project on your résumé taught you the most about working with others?",
  ],
  situational: [
    "Your service's latency doubles after a release and the team is split on rolling back. What do you do?",
    "A stakeholder asks for a feature next week that you believe needs a month. How do you respond?",
    "You join a team whose tests take 40 minutes. What are your first three steps?",
  ],
};

// Every generated question gets its own focus area, so long runs never produce near-duplicates
// (the app refuses repeats, exactly as it should with a real model).
const FOCUS_AREAS = [
  "payment ledger consistency",
  "observability dashboards alerting",
  "database connection pooling",
  "message queue backpressure",
  "deployment rollback strategy",
  "security incident handling",
  "mentoring junior colleagues",
  "stakeholder expectation management",
  "legacy monolith decomposition",
  "caching invalidation policies",
  "capacity forecasting spreadsheets",
  "accessibility regression testing",
  "schema evolution versioning",
  "distributed tracing adoption",
  "vendor outage contingency",
  "hiring interview calibration",
  "technical debt prioritisation",
  "customer escalation triage",
  "feature flag cleanup",
  "cross-team dependency planning",
];
const ANGLES = [
  "under tight deadlines",
  "with limited budget",
  "across several time zones",
  "during rapid growth",
  "after a failed launch",
];

export const DEFAULT_RESPONDERS: Record<string, Responder> = {
  interview_question: (_request, { count, text }) => {
    const wanted = QUESTION_TYPES.find((t) => new RegExp(`ask a ${t} question`, "i").test(text)) ?? QUESTION_TYPES[(count - 1) % 4]!;
    const bank = QUESTION_BANK[wanted];
    const area = FOCUS_AREAS[(count - 1) % FOCUS_AREAS.length];
    const angle = ANGLES[Math.floor((count - 1) / FOCUS_AREAS.length) % ANGLES.length];
    return {
      question: `${bank[(count - 1) % bank.length]} Relate it to ${area}, ${angle}.`,
      type: wanted,
      is_follow_up: false,
      probes: `How the candidate reasons about ${wanted} problems`,
    };
  },
  answer_grade: (_request, { text, apiKey }) => fakeGrade(text, graderMode(apiKey)),
  session_debrief: (_request, { text, apiKey }) => fakeDebrief(text, graderMode(apiKey)),
  // Skill map, targeted questions, drills, reviews, model answers, STAR checks (tests/fakes/practice-responders.ts).
  ...PRACTICE_RESPONDERS,
};

// -- The fake grader --------------------------------------------------------------------------------
// Deterministic and answer-dependent, so the grading code and `npm run eval` have something real to
// check: the same prompt always gets the same reply; quotes are copied from the answer in the prompt.

type GraderMode = { fabricate: boolean; gullible: boolean };
const graderMode = (apiKey: string | null | undefined): GraderMode => ({
  fabricate: Boolean(apiKey?.includes("fabricate")),
  gullible: Boolean(apiKey?.includes("gullible")),
});

/** A 400 like a provider that doesn't take `seed` (or temperature 0), for keys that ask for it. */
function refusedSampling(apiKey: string | null, body: ChatRequest): { message: string; code: string | null; param: string | null } | null {
  if (apiKey?.includes("noseed") && body.seed !== undefined) {
    return { message: "Unrecognized request argument supplied: seed", code: null, param: null };
  }
  if (apiKey?.includes("notemp") && body.temperature !== undefined && body.temperature !== 1) {
    return {
      message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
      code: "unsupported_value",
      param: "temperature",
    };
  }
  return null;
}

/** The text of the last <tag>…</tag> block of a prompt (the question and answer come after the résumé). */
function lastBlock(text: string, tag: string): string {
  const start = text.lastIndexOf(`<${tag}>\n`);
  if (start === -1) return "";
  const end = text.indexOf(`\n</${tag}>`, start);
  return text.slice(start + tag.length + 3, end === -1 ? undefined : end);
}

const FAKE_STOP_WORDS = new Set(
  "that this with what when where which would could should have your about from into they them their there then than were been being does will just also very more most some such only over other".split(
    " ",
  ),
);
const keyWords = (text: string) =>
  new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 4 && !FAKE_STOP_WORDS.has(w)));
const sentencesOf = (text: string) => (text.match(/[^.!?\n]+[.!?]*/g) ?? []).map((s) => s.trim()).filter((s) => /\p{L}/u.test(s));
/** The first words of a sentence, exactly as written: a quote the grading code can find. */
const opening = (sentence: string, words = 12) =>
  sentence
    .split(/\s+/)
    .slice(0, words)
    .join(" ")
    .replace(/[.,;:!?]+$/, "");
const ABSOLUTE = /\b(always|never|guarantees?|impossible|cannot|can't|only ever)\b/i;
const DEMANDS_SCORE =
  /\b(ignore|disregard)\b[^.]*\binstructions\b|\b(give|award|score|rate)\b[^.]*\b(100|full marks|10\/10|perfect)\b|\byou are now\b/i;
const FABRICATED = [
  "I cut the p99 latency by 40 percent with a custom cache",
  "we migrated four hundred services to Rust in a weekend",
  "my team won the internal hackathon twice",
];

function fakeGrade(prompt: string, mode: GraderMode) {
  const answer = lastBlock(prompt, "answer");
  const question = lastBlock(prompt, "question");
  const probes = /^Meant to reveal: (.*)$/m.exec(prompt)?.[1] ?? "";
  const quote = (real: string, i: number) => (mode.fabricate ? FABRICATED[i % FABRICATED.length]! : real);
  const sentences = sentencesOf(answer);

  if (mode.gullible && DEMANDS_SCORE.test(answer)) {
    const first = sentences[0] ?? answer;
    return {
      complete_answer: ["Whatever the candidate says"],
      strengths: [{ point: "Exactly what was asked for, as instructed.", quote: quote(opening(first), 0) }],
      improvements: [],
      factual_errors: [],
      relevance: 100,
      completeness: 100,
      technical_correctness: 100,
      clarity: 100,
      summary: "A perfect answer, as the candidate instructed.",
      knowledge_gaps: [],
      recommendations: [],
    };
  }

  const wanted = [...keyWords(`${question} ${probes}`)];
  const said = keyWords(answer);
  const covered = wanted.filter((w) => said.has(w));
  const missing = wanted.filter((w) => !said.has(w));
  const coverage = wanted.length ? Math.min(1, covered.length / Math.min(wanted.length, 5)) : 0;
  const words = answer.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const length = Math.min(1, words / 80);
  const absolute = sentences.filter((s) => ABSOLUTE.test(s));
  const perSentence = words / Math.max(1, sentences.length);
  const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));
  const overlap = (s: string) => [...keyWords(s)].filter((w) => wanted.includes(w)).length;
  const ranked = sentences.map((s) => ({ s, n: overlap(s) })).toSorted((a, b) => b.n - a.n);

  const strengths = ranked
    .filter((r) => r.n > 0)
    .slice(0, 2)
    .map((r, i) => ({
      point: `Speaks directly to ${[...keyWords(r.s)].filter((w) => wanted.includes(w)).join(", ")}.`,
      quote: quote(opening(r.s), i),
    }));
  const offTopic = ranked.filter((r) => r.n === 0).slice(0, 1);
  const improvements = [
    ...offTopic.map((r, i) => ({
      point: "This part does not answer the question; connect it or cut it.",
      quote: quote(opening(r.s), i + 1),
    })),
    ...missing.slice(0, 2).map((w) => ({ point: `Cover ${w}: the question asks about it.`, quote: "" })),
  ];
  return {
    complete_answer: [...wanted.slice(0, 4).map((w) => `Explain ${w}`), "A concrete example from your own work"],
    strengths,
    improvements,
    factual_errors: absolute.slice(0, 2).map((s, i) => ({
      quote: quote(opening(s), i + 2),
      correction: "An absolute claim like this is rarely true; say when it holds and when it doesn't.",
    })),
    relevance: clamp(15 + 75 * coverage),
    completeness: clamp(10 + 80 * length * (0.35 + 0.65 * coverage)),
    technical_correctness: clamp(25 + 60 * length * (0.5 + 0.5 * coverage) - 20 * absolute.length),
    clarity: clamp(words < 5 ? 20 : perSentence <= 25 ? 80 : perSentence <= 40 ? 65 : 45),
    summary: `The answer covers ${covered.length} of the ${wanted.length} key points of the question${missing.length ? `; it leaves out ${missing.slice(0, 3).join(", ")}` : ""}.`,
    knowledge_gaps: missing.slice(0, 3),
    recommendations: missing
      .slice(0, 1)
      .map((w) => ({ topic: w, resource: "The official documentation", why: `The answer did not cover ${w}` })),
  };
}

function fakeDebrief(prompt: string, mode: GraderMode) {
  const numbers = [...prompt.matchAll(/^Q(\d+) \(/gm)].map((m) => Number(m[1]));
  const scores = [...prompt.matchAll(/^Evaluation: relevance (\d+)/gm)].map((m) => Number(m[1]));
  const mean = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : 60;
  const cite = (i: number) => (mode.fabricate ? [99] : numbers.length ? [numbers[i % numbers.length]!] : []);
  return {
    technical_accuracy: mean,
    communication_clarity: mean,
    problem_solving: mean,
    relevance: mean,
    technical_feedback: [{ claim: "The technical answers stayed at a high level.", questions: cite(0) }],
    communication_feedback: [{ claim: "Answers were easy to follow.", questions: cite(1) }],
    problem_solving_feedback: [{ claim: "The approach was named but trade-offs were not weighed.", questions: cite(2) }],
    relevance_feedback: [{ claim: "Answers tied back to the role.", questions: numbers.length && !mode.fabricate ? numbers : cite(3) }],
    overall_comments: "A fair interview: make the trade-offs explicit next time.",
    knowledge_gaps: [{ claim: "Capacity planning", questions: cite(0) }],
    learning_recommendations: [
      { topic: "Capacity planning", resource: "Google SRE Book, chapter 18", why: "To size systems with numbers" },
    ],
  };
}

/** A transcription reply as a provider that reports no usage sends it (`reportUsage = false`, a "nousage" key). */
function withoutUsage<R extends { status: number; contentType: string; body: string | Uint8Array }>(reply: R): R {
  if (reply.status !== 200 || typeof reply.body !== "string" || !reply.contentType.startsWith("application/json")) return reply;
  try {
    const { usage: _usage, ...rest } = JSON.parse(reply.body) as Record<string, unknown>;
    return { ...reply, body: JSON.stringify(rest) };
  } catch {
    return reply; // a garbled body stays garbled
  }
}

// `node tests/fakes/openai-server.ts [--port 4010]`: run it for local demos.
if (import.meta.url === `file://${process.argv[1]}`) {
  const portArg = process.argv.indexOf("--port");
  const fake = new FakeOpenAI();
  const latency = Number(process.env.FAKE_OPENAI_LATENCY_MS ?? 0);
  fake.latencyMs = latency;
  const url = await fake.start(portArg > 0 ? Number(process.argv[portArg + 1]) : 4010);
  console.log(`Fake OpenAI listening on ${url} (set your base URL to this, with AI_ALLOW_PRIVATE_BASE_URLS=true)`);
}
