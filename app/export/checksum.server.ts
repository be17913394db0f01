import { createHash } from "node:crypto";

/**
 * The export's checksum: SHA-256 over the document's canonical JSON (object
 * keys sorted by code unit, no whitespace, numbers and strings as JSON.stringify
 * writes them — the RFC 8785 rules for the values an export holds), with the
 * checksum field itself left out. It catches a file damaged in transit or
 * edited by hand without recomputing it. It is not a signature: anyone who
 * edits the file can compute a new checksum, so an import still validates
 * every field and trusts nothing in the file about other accounts.
 */

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function exportChecksum(document: Record<string, unknown>): { algorithm: "sha256"; value: string } {
  const { checksum: _checksum, ...content } = document;
  return { algorithm: "sha256", value: createHash("sha256").update(canonicalJson(content), "utf8").digest("hex") };
}

export function checksumMatches(document: Record<string, unknown>): boolean {
  const stated = document.checksum as { algorithm?: unknown; value?: unknown } | undefined;
  return stated?.algorithm === "sha256" && stated.value === exportChecksum(document).value;
}
