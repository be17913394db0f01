import { isIP } from "node:net";
import { z } from "zod";

/**
 * Every setting the web and worker processes read, validated once at start-up.
 * A bad or missing value stops the process with one message naming every
 * problem, instead of failing later in a request.
 */

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);
const isAddressOrSubnet = (item: string) => {
  const [address = "", prefix, ...rest] = item.split("/");
  const version = isIP(address);
  return version > 0 && !rest.length && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)));
};

/**
 * Which reverse proxies to believe about the client's address (X-Forwarded-For), as Express's
 * "trust proxy" takes it: "true" is the one proxy in front (the address *it* appended), a number
 * that many hops, or the proxies' addresses and subnets ("loopback, 10.0.0.0/8"). Never "believe
 * every entry": the first one is whatever the client sent, and the per-address limits would be theirs to pick.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): false | number | string => {
    const v = (value ?? "").trim();
    if (v === "" || v === "false" || v === "0") return false;
    if (v === "true") return 1;
    if (/^\d+$/.test(v)) return Number(v);
    const items = v.split(",").map((item) => item.trim());
    if (items.every((item) => NAMED_RANGES.has(item) || isAddressOrSubnet(item))) return items.join(", ");
    ctx.addIssue({
      code: "custom",
      message: 'must be true, false, a number of proxies, or their addresses/subnets ("loopback, 10.0.0.0/8")',
    });
    return z.NEVER;
  });

const base64Key = z
  .string({ error: "is required (generate one with: openssl rand -base64 32)" })
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (postgres://user:password@host:5432/db)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    TRUST_PROXY: trustProxy,
    SESSION_SECRET: z.string({ error: "is required" }).min(32, "must be at least 32 characters"),
    ENCRYPTION_KEY: base64Key,
    // Earlier keys, comma-separated, still accepted for decryption while `npm run keys:rotate` runs.
    ENCRYPTION_KEYS_PREVIOUS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(",")
              .map((k) => k.trim())
              .filter(Boolean)
          : [],
      )
      .pipe(z.array(base64Key)),
    SESSION_MAX_AGE_HOURS: z.coerce
      .number()
      .positive()
      .default(24 * 7),
    SESSION_IDLE_TIMEOUT_HOURS: z.coerce.number().positive().default(72),
    API_TOKEN_TTL_HOURS: z.coerce.number().positive().default(24),
    // Brute-force limits per 15 minutes (login) and per hour (register, reset requests); app/models/rate-limit.server.ts.
    RATE_LIMIT_LOGIN_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().min(1).default(30),
    // Password checks (logins) waiting for a bcrypt thread, per web process; beyond it a login gets 503 + Retry-After.
    LOGIN_QUEUE_LIMIT: z.coerce.number().int().min(1).default(16),
    RATE_LIMIT_REGISTER_PER_IP: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_RESET_PER_EMAIL: z.coerce.number().int().min(1).default(3),
    RATE_LIMIT_RESET_PER_IP: z.coerce.number().int().min(1).default(10),
    // Per-user caps: uploads and interview starts per hour, and how many postings one account keeps.
    RATE_LIMIT_RESUME_UPLOADS_PER_HOUR: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_INTERVIEWS_PER_HOUR: z.coerce.number().int().min(1).default(30),
    // issue 18: recordings sent for transcription (each a paid call to the user's provider).
    RATE_LIMIT_TRANSCRIPTIONS_PER_HOUR: z.coerce.number().int().min(1).default(60),
    // issue 20: account exports (each reads the whole account) and imports (each reads a file of up to 50 MB).
    RATE_LIMIT_EXPORTS_PER_HOUR: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_IMPORTS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    MAX_JOB_POSTINGS_PER_USER: z.coerce.number().int().min(1).default(100),
    COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
    HSTS: z.enum(["auto", "true", "false"]).default("auto"),
    CORS_ORIGINS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(",")
              .map((o) => o.trim())
              .filter(Boolean)
          : [],
      ),
    OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://api.openai.com/v1"),
    OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
    // The server's default model for grading answers (issue 17); unset = OPENAI_MODEL.
    OPENAI_GRADER_MODEL: z.string().min(1).optional(),
    AI_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    AI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    // issue 18: one transcription call; a local Whisper on a CPU needs longer than a chat reply. Two tries
    // (the SDK's one retry) must end before the stuck-operation sweep (180 s by default) fails the operation.
    AI_TRANSCRIPTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(85_000).default(60_000),
    // Lets users point the worker at loopback/private hosts (Ollama, LM Studio, the test fake).
    AI_ALLOW_PRIVATE_BASE_URLS: booleanFlag,
    // AI jobs spend their time waiting on the provider, not on CPU: dozens per process are cheap.
    // A monthly AI budget in US dollars for every user who has not set their own (issue 20); unset = none.
    AI_MONTHLY_BUDGET_USD: z.coerce.number().min(0).max(1_000_000).optional(),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
    WORKER_USER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(3),
    OPERATION_STUCK_AFTER_SECONDS: z.coerce.number().int().min(10).default(180),
    // Live-update streams (Server-Sent Events): the login session is re-checked, and a keep-alive
    // sent, every EVENT_STREAM_CHECK_SECONDS; a stream ends after EVENT_STREAM_MAX_SECONDS (the
    // browser reconnects by itself); one user holds at most EVENT_STREAMS_PER_USER per web process.
    EVENT_STREAM_CHECK_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
    EVENT_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).default(900),
    EVENT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("ai-interviewer <no-reply@localhost>"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .transform((env) => {
    const appUrl = env.APP_URL ?? `http://localhost:${env.PORT || 3000}`;
    const https = appUrl.startsWith("https://");
    const localhost = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(appUrl.replace(/\/+$/, ""));
    return {
      ...env,
      APP_URL: appUrl.replace(/\/+$/, ""),
      isProduction: env.NODE_ENV === "production",
      // APP_URL on this machine (the default): only its own user can reach it.
      appIsLocal: localhost,
      // Secure cookies over HTTPS, and in production anywhere but plain-HTTP localhost (where browsers differ).
      cookieSecure: env.COOKIE_SECURE === "auto" ? https || (env.NODE_ENV === "production" && !localhost) : env.COOKIE_SECURE === "true",
      // The __Host- prefix needs Secure and is only honoured over HTTPS.
      cookieHostPrefix: https,
      hsts: env.HSTS === "auto" ? https : env.HSTS === "true",
    };
  });

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings (e.g. `FOO=` in an env file) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"} ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${problems.join("\n")}\nSee .env.example for every variable.`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
