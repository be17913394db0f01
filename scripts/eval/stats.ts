/**
 * The few statistics the evaluation report needs, small enough to write and
 * test here (tests/unit/eval-stats.test.ts checks them against published values).
 */

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** The p-th percentile (0–100), linear between closest ranks (like numpy's default). */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = values.toSorted((a, b) => a - b);
  const at = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function median(values: number[]): number | null {
  return percentile(values, 50);
}

/** Ranks from 1, ties sharing the mean of their ranks. */
export function ranks(values: number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).toSorted((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.i] = rank;
    start = end + 1;
  }
  return out;
}

export function pearson(x: number[], y: number[]): number | null {
  if (x.length !== y.length || x.length < 2) return null;
  const mx = mean(x)!;
  const my = mean(y)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // A constant series has no rank order to agree with.
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's rank correlation: Pearson's r of the ranks (ties averaged), as scipy.stats.spearmanr. */
export function spearman(x: number[], y: number[]): number | null {
  return pearson(ranks(x), ranks(y));
}

/**
 * Cohen's kappa with quadratic weights for two raters' ordinal labels 0…k-1
 * (as sklearn's cohen_kappa_score(weights="quadratic")): 1 is perfect
 * agreement, 0 what chance gives, below 0 worse than chance. Disagreeing by
 * two bands costs four times as much as by one.
 */
export function quadraticWeightedKappa(a: number[], b: number[], categories: number): number | null {
  if (a.length !== b.length || !a.length) return null;
  const n = a.length;
  const observed = Array.from({ length: categories }, () => new Array<number>(categories).fill(0));
  const histA = new Array<number>(categories).fill(0);
  const histB = new Array<number>(categories).fill(0);
  for (let i = 0; i < n; i++) {
    observed[a[i]!]![b[i]!]!++;
    histA[a[i]!]!++;
    histB[b[i]!]!++;
  }
  let disagreement = 0;
  let expected = 0;
  for (let i = 0; i < categories; i++) {
    for (let j = 0; j < categories; j++) {
      const w = (i - j) ** 2 / (categories - 1) ** 2;
      disagreement += w * observed[i]![j]!;
      expected += (w * histA[i]! * histB[j]!) / n;
    }
  }
  // Both raters used one and the same label throughout: kappa is undefined.
  return expected === 0 ? null : 1 - disagreement / expected;
}
