import dns from "node:dns";
import net from "node:net";
import { Agent, buildConnector } from "undici";
import { env } from "./env.server.ts";

/**
 * SSRF guard for a user-chosen AI base URL: the worker (and the Settings
 * page's key test) will call it, so it must not reach loopback, private,
 * link-local (cloud metadata) or other special-purpose addresses — unless the
 * operator allows it (AI_ALLOW_PRIVATE_BASE_URLS, for Ollama/LM Studio on the
 * same host, and tests).
 *
 * One address check, isPrivateAddress, serves both moments: saving the URL
 * (assertPublicBaseUrl) and every connection made to it (outboundDispatcher),
 * so a DNS answer that changes later (rebinding) is caught too. The AI client
 * does not follow redirects from these URLs, so every hop is a connection
 * checked here. The operator's own OPENAI_BASE_URL is not guarded: they chose it.
 */

// IANA special-purpose IPv4 ranges (RFC 6890 and successors) and the private ones.
const IPV4_BLOCKED = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local: cloud metadata services
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 3], // multicast, reserved, broadcast
] as const;

// IPv6 formats that carry an IPv4 address in their last 32 bits and really reach it: IPv4-mapped
// (a dual-stack socket connects to the IPv4 address itself) and NAT64 (what DNS64 answers on an
// IPv6-only host). They are refused exactly when the IPv4 address inside is.
const IPV4_INSIDE_IPV6 = ["::ffff:", "64:ff9b::"];

// IPv6 ranges refused whatever they hold: special-purpose and local ones, and the deprecated
// transition formats no public AI service is reached through (they can hide a private IPv4).
const IPV6_BLOCKED = [
  ["::", 96], // unspecified, loopback, and IPv4-compatible: [::127.0.0.1] parses to ::7f00:1
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT): [::ffff:0:127.0.0.1]
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID …
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (deprecated): 2002:7f00:1:: is 127.0.0.1
  ["3fff::", 20], // documentation
  ["5f00::", 16], // segment routing (SRv6)
  ["fc00::", 7], // unique local, AWS's metadata fd00:ec2::254 among them
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const;

const blocked = new net.BlockList();
for (const [prefix, bits] of IPV4_BLOCKED) {
  blocked.addSubnet(prefix, bits, "ipv4");
  for (const embedding of IPV4_INSIDE_IPV6) blocked.addSubnet(`${embedding}${prefix}`, 96 + bits, "ipv6");
}
for (const [prefix, bits] of IPV6_BLOCKED) blocked.addSubnet(prefix, bits, "ipv6");

/** Whether the server must not connect to this address (anything that is not an IP address counts as private). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  try {
    return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
  } catch {
    return true; // e.g. a zone index (fe80::1%eth0): refuse rather than guess
  }
}

export class BlockedUrlError extends Error {
  override name = "BlockedUrlError";
}

const PRIVATE_ADDRESS_MESSAGE =
  "That URL points at a private or local network address, which this server does not call. Ask your administrator to allow private AI endpoints if you run one.";

const privateAllowed = () => env().AI_ALLOW_PRIVATE_BASE_URLS;

/**
 * Check and normalise a base URL a user wants to save (the one rule for the
 * Settings page and the API); throws BlockedUrlError with a message for the field.
 */
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
    // The URL parser has already turned 2130706433, 0x7f.1 or [::ffff:127.0.0.1] into their plain forms.
    const host = url.hostname.replace(/^\[|\]$/g, "");
    let addresses: string[];
    try {
      addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new BlockedUrlError(`We couldn't find the host “${url.hostname}”. Check the URL.`);
    }
    if (addresses.some(isPrivateAddress)) throw new BlockedUrlError(PRIVATE_ADDRESS_MESSAGE);
  }
  return url.toString().replace(/\/+$/, "");
}

function blockedConnection(host: string) {
  const error: NodeJS.ErrnoException = new BlockedUrlError(`Refusing to connect to a private address for ${host}`);
  error.code = "EBLOCKED";
  return error;
}

/** Names: every address the resolver gives is checked before the socket uses one. */
function guardedLookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as dns.LookupAddress[];
    if (list.some((a) => isPrivateAddress(a.address))) return callback(blockedConnection(hostname), "");
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

const connectResolved = buildConnector({ lookup: guardedLookup as never });

/** IP literals: sockets connect to them without a lookup, so they are checked here, before connecting. */
const guardedConnect: buildConnector.connector = (options, callback) => {
  if (net.isIP(options.hostname) && isPrivateAddress(options.hostname)) return callback(blockedConnection(options.hostname), null);
  connectResolved(options, callback);
};

let guardedAgent: Agent | undefined;

/** The HTTP dispatcher for calls to user-chosen AI endpoints: every connection's address is checked. */
export function outboundDispatcher(): Agent | undefined {
  if (privateAllowed()) return undefined;
  guardedAgent ??= new Agent({ connect: guardedConnect });
  return guardedAgent;
}
