import dns from "node:dns";
import net from "node:net";
import { Agent } from "undici";
import { env } from "./env.server.ts";

/**
 * SSRF guard for the user-chosen AI base URL: the worker will call it, so it
 * must not reach loopback, private, link-local (cloud metadata) or other
 * special-purpose addresses — unless the operator allows it
 * (AI_ALLOW_PRIVATE_BASE_URLS, for Ollama/LM Studio on the same host, and
 * tests). Checked when the URL is saved and again on every connection, so a
 * DNS answer that changes later (rebinding) is caught too.
 */

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
] as const) {
  blocked.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [
  ["::", 127], // :: and ::1
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
  ["fd00:ec2::", 32],
] as const) {
  blocked.addSubnet(prefix, bits, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return blocked.check(mapped[1]!, "ipv4");
    return blocked.check(address, "ipv6");
  }
  return true; // not an IP at all: refuse rather than guess
}

export class BlockedUrlError extends Error {
  override name = "BlockedUrlError";
}

const privateAllowed = () => env().AI_ALLOW_PRIVATE_BASE_URLS;

/** Validate a base URL a user wants to save; throws BlockedUrlError with a message for the form. */
export async function assertPublicBaseUrl(raw: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedUrlError("Enter a full URL, like https://api.openai.com/v1");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new BlockedUrlError("The URL must start with https:// or http://");
  if (url.username || url.password) throw new BlockedUrlError("Put credentials in the API key field, not in the URL");
  if (url.search || url.hash) throw new BlockedUrlError("The base URL cannot have a query string or fragment");
  if (!privateAllowed()) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    let addresses: string[];
    try {
      addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new BlockedUrlError(`We couldn't find the host “${url.hostname}”. Check the URL.`);
    }
    if (addresses.some(isPrivateAddress)) {
      throw new BlockedUrlError(
        "That URL points at a private or local network address, which this server does not call. Ask your administrator to allow private AI endpoints if you run one.",
      );
    }
  }
  return url.toString().replace(/\/+$/, "");
}

function guardedLookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as dns.LookupAddress[];
    if (list.some((a) => isPrivateAddress(a.address))) {
      const error: NodeJS.ErrnoException = new BlockedUrlError(`Refusing to connect to a private address for ${hostname}`);
      error.code = "EBLOCKED";
      return callback(error, "");
    }
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

let guardedAgent: Agent | undefined;

/** The HTTP dispatcher for calls to user-chosen AI endpoints (connection-time address check). */
export function outboundDispatcher(): Agent | undefined {
  if (privateAllowed()) return undefined;
  guardedAgent ??= new Agent({ connect: { lookup: guardedLookup as never } });
  return guardedAgent;
}
