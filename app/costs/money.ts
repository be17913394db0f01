/**
 * Money is counted in whole micro-dollars (1 USD = 1,000,000 µ$): sums are
 * exact integers (no 0.1 + 0.2 drift), one cheap call is still visible
 * (gpt-4o-mini's 1,000 input tokens cost 150 µ$), and a BIGINT column holds
 * any total. Only dollars, because the price table and the providers' bills
 * are in dollars. Client-safe.
 */

export type Micros = number;

export const MICROS_PER_USD = 1_000_000;

/** Dollars (from the price table, a number with at most 6 decimals) to micro-dollars. */
export function usdToMicros(usd: number): Micros {
  return Math.round(usd * MICROS_PER_USD);
}

/**
 * A dollar amount typed by a person ("5", "12.50", "$0.25", "1,000") to
 * micro-dollars, without passing through a float. Null when it is not an
 * amount (negative, more than 6 decimals, letters).
 */
export function parseUsd(text: string): Micros | null {
  const match = /^\$?\s*(\d{1,9}|\d{1,3}(?:,\d{3}){1,2})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]!.replaceAll(",", ""));
  const fraction = Number((match[2] ?? "").padEnd(6, "0"));
  return whole * MICROS_PER_USD + fraction;
}

// Built once: `toLocaleString` with options builds a new formatter on every call, which showed up in page-render profiles.
const dollarFormats = new Map<number, Intl.NumberFormat>();
const dollars = (micros: Micros, decimals: number) => {
  let format = dollarFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    dollarFormats.set(decimals, format);
  }
  return format.format(micros / MICROS_PER_USD);
};

/** An exact amount such as a budget: "$5.00", "$1,250.00", "$0.0042" (sub-cent amounts keep 4 decimals). */
export function formatUsd(micros: Micros): string {
  return `$${dollars(micros, micros !== 0 && Math.abs(micros) < 10_000 ? 4 : 2)}`;
}

/**
 * An estimated cost, always marked as one: "≈ $0.0042", "≈ $1.27", "< $0.0001",
 * "$0.00" for nothing spent, "unknown" when it cannot be estimated.
 * `cents` rounds to whole cents for summaries ("< $0.01" below one cent).
 */
export function formatCost(micros: Micros | null, options: { precision?: "fine" | "cents" } = {}): string {
  if (micros === null) return "unknown";
  if (micros === 0) return "$0.00";
  const floor = options.precision === "cents" ? 10_000 : 100;
  if (micros < floor) return `< $${dollars(floor, options.precision === "cents" ? 2 : 4)}`;
  return `≈ $${dollars(micros, options.precision !== "cents" && micros < 10_000 ? 4 : 2)}`;
}
