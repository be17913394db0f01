/**
 * A fake OpenAI-compatible HTTP server: the test double of the one outside
 * paid service. The real `openai` SDK talks to it over 127.0.0.1.
 *
 *   POST /v1/chat/completions   json_schema response_format → content valid for that schema
 *                               (stream: true → server-sent chunks, like the real API)
 *   GET  /v1/models             the model list (a cheap "is this key valid?" call)
 *
 * Faults, chosen per request:
 *   - by API key: keys containing "bad" → 401; "quota" → 429 insufficient_quota;
 *     "flaky" → 429 on every other request; "down" → 500; "slow" → never answers in time;
 *     "garbage" → content that is not valid JSON.
 *   - by script: `fake.script("429", "500", …)` makes the next requests fail in that order.
 *   - `fake.redirectTo = url`: every request is answered 302 to that URL (plus the request's path
 *     after /v1), like an endpoint that bounces the client somewhere else.
 * It records every request (`fake.requests`) so tests can assert on prompts.
 * Usage: every reply carries deterministic usage figures (tokens ≈ characters / 4 of the prompt —
 * structured-output schema first, then the messages — and of the reply), with prefix caching
 * simulated like OpenAI's (see `usageFor`); streams send them as a last chunk when asked
 * (`stream_options.include_usage`). `fake.reportUsage = false` (or a key containing "nousage")
 * plays a provider that sends no usage; `fake.answeredModel` names the model that answers.
 * Never used by production code paths; `npm run fake-openai` runs it for local demos.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault = "401" | "403" | "404" | "429" | "quota" | "500" | "503" | "slow" | "garbage" | "invalid";

export type RecordedRequest = {
  method: string;
  path: string;
  apiKey: string | null;
  body: ChatRequest | null;
  at: number;
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
export type Responder = (request: ChatRequest, context: { count: number; text: string }) => unknown;

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
  /** False: replies carry no usage at all, and streams ignore `include_usage` (like many local servers). */
  reportUsage = true;
  /** The model named in replies; the real API answers with a dated snapshot, e.g. gpt-4o-mini-2024-07-18. */
  answeredModel: (requested: string) => string = (requested) => requested;
  /** Recent prompts (per API key) for the simulated prefix cache. */
  private recentPrompts: Array<{ apiKey: string | null; text: string }> = [];
  private readonly responders = new Map<string, Responder>();
  private scripted: Fault[] = [];
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

  /** The next requests fail with these faults, in order. */
  script(...faults: Fault[]) {
    this.scripted.push(...faults);
    return this;
  }

  reset() {
    this.requests.length = 0;
    this.scripted = [];
    this.counts.clear();
    this.flakyCount.clear();
    this.responders.clear();
    this.latencyMs = 0;
    this.redirectTo = null;
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
    const raw = Buffer.concat(chunks).toString("utf8");
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

    let body: ChatRequest | null = null;
    try {
      body = raw ? (JSON.parse(raw) as ChatRequest) : null;
    } catch {
      return this.error(res, 400, "invalid_request_error", "Could not parse the JSON body.");
    }
    this.requests.push({ method: req.method ?? "GET", path, apiKey, body, at: Date.now() });

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

    if (path.endsWith("/models") && req.method === "GET") {
      return this.json(res, 200, {
        object: "list",
        data: ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"].map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake" })),
      });
    }
    if (path.endsWith("/chat/completions") && req.method === "POST" && body) {
      const content = fault === "garbage" ? '{"question": "unterminated' : await this.contentFor(body, fault === "invalid");
      const usage = this.reportUsage && !apiKey?.includes("nousage") ? this.usageFor(apiKey, body, content) : null;
      const model = this.answeredModel(body.model);
      return body.stream ? this.stream(res, body, content, usage, model) : this.json(res, 200, completion(body, content, usage, model));
    }
    return this.error(res, 404, "invalid_request_error", `Unknown path ${path}`);
  }

  private async contentFor(body: ChatRequest, invalid: boolean): Promise<string> {
    const format = body.response_format?.json_schema;
    const name = format?.name ?? "text";
    const count = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, count);
    if (invalid) return JSON.stringify({ unexpected: true });
    const responder = this.responders.get(name) ?? DEFAULT_RESPONDERS[name];
    const value = responder
      ? await responder(body, { count, text: messageText(body) })
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
  ) {
    this.json(
      res,
      status,
      { error: { message, type, param: null, code: code ?? null } },
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
  answer_evaluation: (_request, { count }) => ({
    relevance: 70 + (count % 3) * 5,
    completeness: 60 + (count % 4) * 5,
    technical_correctness: 65 + (count % 2) * 10,
    clarity: 75,
    summary: "A relevant answer with a clear structure; it would be stronger with a concrete example and numbers.",
    strengths: ["Addresses the question directly", "Explains the reasoning behind the choice"],
    improvements: ["Give one concrete example from your own work", "Quantify the impact"],
    knowledge_gaps: ["Capacity planning"],
    recommendations: [{ topic: "Capacity planning", resource: "Google SRE Book, chapter 18", why: "To size systems with numbers" }],
  }),
  session_feedback: () => ({
    technical_accuracy: 72,
    communication_clarity: 80,
    problem_solving: 68,
    relevance: 76,
    technical_feedback: "Sound fundamentals; some answers stayed high-level where specifics were expected.",
    communication_feedback: "Clear, well-structured answers that were easy to follow.",
    problem_solving_feedback: "You identified the core problem quickly; consider trade-offs more explicitly.",
    relevance_feedback: "Most answers tied back to the role's requirements.",
    overall_comments: "A solid interview. Focus on concrete examples and on naming trade-offs.",
    knowledge_gaps: ["Capacity planning", "Zero-downtime migrations"],
    learning_recommendations: [
      { topic: "Zero-downtime migrations", resource: "“Refactoring Databases” by Ambler & Sadalage", why: "Safe schema changes" },
    ],
  }),
};

// `node tests/fakes/openai-server.ts [--port 4010]`: run it for local demos.
if (import.meta.url === `file://${process.argv[1]}`) {
  const portArg = process.argv.indexOf("--port");
  const fake = new FakeOpenAI();
  const latency = Number(process.env.FAKE_OPENAI_LATENCY_MS ?? 0);
  fake.latencyMs = latency;
  const url = await fake.start(portArg > 0 ? Number(process.argv[portArg + 1]) : 4010);
  console.log(`Fake OpenAI listening on ${url} (set your base URL to this, with AI_ALLOW_PRIVATE_BASE_URLS=true)`);
}
