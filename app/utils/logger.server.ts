import { pino } from "pino";

/**
 * Structured JSON logs for web and worker. Secrets never reach the output:
 * keys that name a secret are censored wherever they sit in a logged object,
 * and strings are scrubbed of anything shaped like a provider key or bearer
 * token (provider error messages quote partial keys).
 */

const SECRET_KEY = /pass(word)?|secret|token|api_?key|authorization|cookie|ciphertext|encryption/i;
const SECRET_IN_TEXT = [
  /\bsk-[A-Za-z0-9_*.-]{6,}/g, // OpenAI-style keys, including "sk-abc***wxyz" echoes
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /([?&](token|key|api_key)=)[^&\s"]+/gi,
];

export function scrubText(text: string): string {
  let out = text;
  for (const pattern of SECRET_IN_TEXT) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}[REDACTED]` : "[REDACTED]",
    );
  }
  return out;
}

export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[…]";
  if (typeof value === "string") return scrubText(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) };
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && v != null && v !== "" ? "[REDACTED]" : scrub(v, depth + 1);
    }
    return out;
  }
  return value;
}

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: {
    level: (label) => ({ level: label }),
    log: (object) => scrub(object) as Record<string, unknown>,
  },
  hooks: {
    // Message strings are outside `formatters.log`; scrub them too.
    logMethod(args, method) {
      method.apply(this, args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>);
    },
  },
});

export type Logger = typeof logger;
