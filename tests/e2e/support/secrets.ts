/**
 * The secrets registry and the scan over everything captured in an e2e run
 * (issue 7 point 7): every secret a spec creates — passwords it types, API
 * keys it saves, session cookies and tokens, bearer tokens, reset tokens — is
 * recorded here; the browser's HTML/JSON responses are recorded too
 * (fixtures.ts); global teardown then searches the web/worker/postgres logs
 * and those bodies for every secret and fails the run on any hit, naming the
 * kind of secret and where it appeared, never the secret itself.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type SecretKind = "password" | "api-key" | "session-cookie" | "session-token" | "bearer-token" | "reset-token";

export type SecretAllowance = {
  /** The secret may appear in a response to a request whose URL carries it (a reset page echoing its ?token=). */
  inResponseToUrlWithIt?: boolean;
  /** The secret may appear in responses from these paths (the login endpoint that issues a bearer token). */
  inResponsesFrom?: string[];
};

export type RecordedSecret = { kind: SecretKind; value: string; test: string; allow?: SecretAllowance };

export type RecordedResponse = {
  file: string;
  url: string;
  method: string;
  status: number;
  contentType: string;
  resourceType: string;
  test: string;
  /** The browser kept no copy (a no-store stream), so the body was fetched again with the same cookies. */
  refetched?: boolean;
};

/** Append one secret to this process's registry file. Values shorter than 8 characters are refused (too likely to match by chance). */
export function appendSecret(secretsDir: string, secret: RecordedSecret) {
  if (secret.value.length < 8)
    throw new Error(`Refusing to register a ${secret.kind} shorter than 8 characters: the scan would be meaningless.`);
  fs.mkdirSync(secretsDir, { recursive: true });
  fs.appendFileSync(path.join(secretsDir, `${process.pid}.jsonl`), `${JSON.stringify(secret)}\n`);
}

let responseSeq = 0;

/** Store one response body and its metadata (called by the response recorder). */
export function appendResponse(responsesDir: string, meta: Omit<RecordedResponse, "file">, body: Buffer) {
  fs.mkdirSync(responsesDir, { recursive: true });
  const file = `${process.pid}-${String(++responseSeq).padStart(5, "0")}.body`;
  fs.writeFileSync(path.join(responsesDir, file), body);
  fs.appendFileSync(path.join(responsesDir, `${process.pid}.index.jsonl`), `${JSON.stringify({ file, ...meta })}\n`);
}

/** Note a response whose body the browser could not hand over (e.g. the page navigated on first); the report counts them. */
export function appendUnreadable(responsesDir: string, meta: Omit<RecordedResponse, "file">) {
  fs.mkdirSync(responsesDir, { recursive: true });
  fs.appendFileSync(path.join(responsesDir, `${process.pid}.unreadable.jsonl`), `${JSON.stringify(meta)}\n`);
}

function readJsonl<T>(dir: string, suffix: string): T[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .flatMap((name) =>
      fs
        .readFileSync(path.join(dir, name), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as T),
    );
}

export const readSecrets = (secretsDir: string) => readJsonl<RecordedSecret>(secretsDir, ".jsonl");
export const readResponses = (responsesDir: string) => readJsonl<RecordedResponse>(responsesDir, ".index.jsonl");
export const readUnreadable = (responsesDir: string) => readJsonl<Omit<RecordedResponse, "file">>(responsesDir, ".unreadable.jsonl");

/** The forms a secret can take in text: as is, URL-encoded, JSON-escaped, HTML-escaped. */
export function needlesFor(value: string): string[] {
  const html = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), html])];
}

/** A short fingerprint to tell secrets apart in a report without revealing them. */
export const fingerprint = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 10);

export type Finding = { kind: SecretKind; fingerprint: string; createdIn: string; where: string };

export type ScanReport = {
  secrets: Record<string, number>;
  logs: { file: string; bytes: number }[];
  responses: number;
  /** Responses the recorder saw but could not read (not scanned), as "METHOD /path status". */
  unreadable: string[];
  findings: Finding[];
  /** Positive control: reset tokens the scanner found in the captured emails (where they belong). */
  resetTokensFoundInMail: number;
};

export type ScanInput = {
  secretsDir: string;
  responsesDir: string;
  logFiles: string[];
  mailDir?: string;
  /** Paths are reported relative to this directory. */
  baseDir: string;
};

function lineOf(text: string, index: number) {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function responseAllows(secret: RecordedSecret, response: RecordedResponse): boolean {
  const allow = secret.allow;
  if (!allow) return false;
  let url: URL;
  try {
    url = new URL(response.url);
  } catch {
    return false;
  }
  if (allow.inResponseToUrlWithIt && needlesFor(secret.value).some((n) => response.url.includes(n))) return true;
  if (allow.inResponsesFrom?.includes(url.pathname)) return true;
  return false;
}

/** Search every captured log and response body for every recorded secret. */
export function scanForSecrets(input: ScanInput): ScanReport {
  const secrets = readSecrets(input.secretsDir);
  const unique = new Map<string, RecordedSecret>();
  for (const s of secrets) if (!unique.has(`${s.kind}\0${s.value}`)) unique.set(`${s.kind}\0${s.value}`, s);
  const all = [...unique.values()];
  const findings: Finding[] = [];
  const rel = (file: string) => path.relative(input.baseDir, file);

  const logs = input.logFiles.filter((f) => fs.existsSync(f));
  for (const file of logs) {
    const text = fs.readFileSync(file, "utf8");
    for (const secret of all) {
      for (const needle of needlesFor(secret.value)) {
        const index = text.indexOf(needle);
        if (index !== -1) {
          findings.push({
            kind: secret.kind,
            fingerprint: fingerprint(secret.value),
            createdIn: secret.test,
            where: `${rel(file)} line ${lineOf(text, index)}`,
          });
          break;
        }
      }
    }
  }

  const responses = readResponses(input.responsesDir);
  for (const response of responses) {
    const text = fs.readFileSync(path.join(input.responsesDir, response.file), "utf8");
    for (const secret of all) {
      if (!needlesFor(secret.value).some((n) => text.includes(n))) continue;
      if (responseAllows(secret, response)) continue;
      const url = new URL(response.url);
      findings.push({
        kind: secret.kind,
        fingerprint: fingerprint(secret.value),
        createdIn: secret.test,
        where: `${response.method} ${url.pathname} → ${response.status} ${response.contentType} (${response.resourceType}, in test "${response.test}", ${rel(path.join(input.responsesDir, response.file))})`,
      });
    }
  }

  let resetTokensFoundInMail = 0;
  if (input.mailDir && fs.existsSync(input.mailDir)) {
    const mail = fs
      .readdirSync(input.mailDir)
      .filter((n) => n.endsWith(".json"))
      .map((n) => fs.readFileSync(path.join(input.mailDir!, n), "utf8"))
      .join("\n");
    resetTokensFoundInMail = all.filter((s) => s.kind === "reset-token" && needlesFor(s.value).some((n) => mail.includes(n))).length;
  }

  const counts: Record<string, number> = {};
  for (const s of all) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  return {
    secrets: counts,
    logs: logs.map((file) => ({ file: rel(file), bytes: fs.statSync(file).size })),
    responses: responses.length,
    unreadable: readUnreadable(input.responsesDir).map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`),
    findings,
    resetTokensFoundInMail,
  };
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  - a ${f.kind} [#${f.fingerprint}] created in test "${f.createdIn}" appeared in ${f.where}`).join("\n");
}
