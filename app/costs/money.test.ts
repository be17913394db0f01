import { describe, expect, test } from "vitest";
import { formatCost, formatUsd, parseUsd, usdToMicros } from "./money.ts";

describe("money in micro-dollars", () => {
  test("dollars from the price table become whole micro-dollars", () => {
    expect(usdToMicros(0.075)).toBe(75_000);
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000);
  });

  test.each([
    ["5", 5_000_000],
    ["12.50", 12_500_000],
    ["$0.25", 250_000],
    [" 1,000 ", 1_000_000_000],
    ["0.000001", 1],
    ["0", 0],
  ])("parses a typed amount %j", (text, micros) => {
    expect(parseUsd(text)).toBe(micros);
  });

  test.each(["", "-5", "5.1234567", "five", "1,00", "1e3", "$"])("refuses %j", (text) => {
    expect(parseUsd(text)).toBeNull();
  });

  test("exact amounts keep cents, or four decimals below a cent", () => {
    expect(formatUsd(5_000_000)).toBe("$5.00");
    expect(formatUsd(1_250_000_000)).toBe("$1,250.00");
    expect(formatUsd(4_200)).toBe("$0.0042");
    expect(formatUsd(0)).toBe("$0.00");
  });

  test("estimates are marked as estimates, tiny ones as below a floor, unknown ones as unknown", () => {
    expect(formatCost(4_200)).toBe("≈ $0.0042");
    expect(formatCost(1_270_000)).toBe("≈ $1.27");
    expect(formatCost(42)).toBe("< $0.0001");
    expect(formatCost(0)).toBe("$0.00");
    expect(formatCost(null)).toBe("unknown");
    expect(formatCost(4_200, { precision: "cents" })).toBe("< $0.01");
    expect(formatCost(12_345, { precision: "cents" })).toBe("≈ $0.01");
  });
});
