import { describe, expect, it } from "vitest";
import { mean, median, pearson, percentile, quadraticWeightedKappa, ranks, spearman } from "../../scripts/eval/stats.ts";

describe("spearman", () => {
  it("matches published values (scipy.stats.spearmanr)", () => {
    // Wikipedia's worked example (IQ against hours of TV per week): ρ = −29/165.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 12);
    // scipy's documentation example, with a tie: 0.8207826816681233.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
  });

  it("is 1 for any increasing relation, −1 for a decreasing one, and null without variation", () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1_000, 10_000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
  });

  it("ranks ties by the mean of their ranks", () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(ranks([5, 6, 7, 8, 7])).toEqual([1, 2, 3.5, 5, 3.5]);
  });
});

describe("quadraticWeightedKappa", () => {
  it("is 1 for perfect agreement and −1 for perfect reversal", () => {
    expect(quadraticWeightedKappa([0, 1, 2, 3], [0, 1, 2, 3], 4)).toBe(1);
    expect(quadraticWeightedKappa([0, 1, 2], [2, 1, 0], 3)).toBeCloseTo(-1, 12);
  });

  it("matches values worked out by hand", () => {
    // Observed disagreement Σw·O = 0.5; expected Σw·E = 1 → κ = 0.5.
    expect(quadraticWeightedKappa([0, 1, 2], [0, 2, 1], 3)).toBeCloseTo(0.5, 12);
    // Σw·O = 0.5 (two pairs one band apart, w = 1/4); margins [2,2,2] × [1,2,3] give Σw·E = 2 → κ = 0.75.
    expect(quadraticWeightedKappa([0, 0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 2], 3)).toBeCloseTo(0.75, 12);
  });

  it("punishes a two-band miss four times as hard as a one-band miss", () => {
    const oneOff = quadraticWeightedKappa([0, 1, 2, 3, 0, 3], [1, 1, 2, 3, 0, 3], 4)!;
    const twoOff = quadraticWeightedKappa([0, 1, 2, 3, 0, 3], [2, 1, 2, 3, 0, 3], 4)!;
    expect(1 - twoOff).toBeGreaterThan(3 * (1 - oneOff));
  });

  it("is undefined (null) when both raters used one label throughout, or there is nothing", () => {
    expect(quadraticWeightedKappa([1, 1], [1, 1], 4)).toBeNull();
    expect(quadraticWeightedKappa([], [], 4)).toBeNull();
  });
});

describe("summaries", () => {
  it("computes mean, median and percentiles like numpy (linear interpolation)", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55, 12);
    expect(percentile([], 50)).toBeNull();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
  });
});
