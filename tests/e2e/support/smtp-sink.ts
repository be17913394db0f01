/**
 * An SMTP sink for e2e runs: the app's real nodemailer transport delivers to
 * it over 127.0.0.1 (SMTP_URL), and every message is stored as one JSON file
 * (`StoredEmail`) in the run's mail directory, where specs read it.
 * Built on `smtp-server` (by the nodemailer authors); no TLS, no auth.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export type StoredEmail = {
  /** Envelope recipients, lower-cased. */
  to: string[];
  from: string | null;
  subject: string;
  /** The decoded text body (text/plain part). */
  text: string;
  receivedAt: string;
  /** The raw message as received. */
  raw: string;
};

export type SmtpSink = { url: string; port: number; stop: () => Promise<void> };

export async function startSmtpSink(mailDir: string): Promise<SmtpSink> {
  fs.mkdirSync(mailDir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        try {
          const raw = Buffer.concat(chunks).toString("utf8");
          const parsed = parseMessage(raw);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          const email: StoredEmail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from,
            subject: parsed.subject,
            text: parsed.text,
            receivedAt: new Date().toISOString(),
            raw,
          };
          const name = `${Date.now()}-${String(++count).padStart(4, "0")}.json`;
          // Write then rename, so a reader never sees half a file.
          const tmp = path.join(mailDir, `.${name}.tmp`);
          fs.writeFileSync(tmp, JSON.stringify(email, null, 2));
          fs.renameSync(tmp, path.join(mailDir, name));
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  server.on("error", (error) => console.error(`[e2e smtp sink] ${error.message}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every stored email, oldest first. */
export function readEmails(mailDir: string): StoredEmail[] {
  if (!fs.existsSync(mailDir)) return [];
  return fs
    .readdirSync(mailDir)
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(mailDir, name), "utf8")) as StoredEmail);
}

// --- A small MIME reader: enough for what nodemailer sends (single part or multipart, QP/base64). ---

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? "" : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then split "Name: value".
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

export function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body);
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  return part.body;
}

/** RFC 2047 encoded words in headers (=?UTF-8?Q?…?= / =?UTF-8?B?…?=). */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}

function textOf(part: Part): string | null {
  const type = (part.headers.get("content-type") ?? "text/plain").toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get("content-type") ?? "")?.[1];
  if (type.startsWith("multipart/") && boundary) {
    const pieces = part.body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith("--")) break;
      const text = textOf(splitPart(piece.replace(/^\n/, "")));
      if (text !== null) return text;
    }
    return null;
  }
  return type.startsWith("text/plain") ? decodeBody(part) : null;
}

export function parseMessage(raw: string): { subject: string; text: string } {
  const root = splitPart(raw);
  return { subject: decodeHeader(root.headers.get("subject") ?? ""), text: (textOf(root) ?? "").trim() };
}
