/**
 * The four score bands every 0–100 score is shown with — an answer's four
 * dimensions, its average, a debrief's dimensions and an interview's overall
 * score alike — so a band name means one thing everywhere. The grading rubric
 * (app/ai/grading/rubric.ts) writes out what each band looks like per
 * dimension and tells the grader; the "How scores work" page shows both.
 *
 * Changing a name or a boundary changes what a score means: bump the rubric's
 * RUBRIC_VERSION (evaluations store it) and its fingerprint in rubric.test.ts.
 */

export const BAND_NAMES = ["Missing", "Partial", "Solid", "Strong"] as const;
export type BandName = (typeof BAND_NAMES)[number];

export type Band = {
  name: BandName;
  /** Lowest score in the band (inclusive). */
  min: number;
  /** Highest score in the band (inclusive). */
  max: number;
  /** The score whose description is written out: what a typical answer in this band earns. */
  anchor: number;
  /** One line on what the band means, whatever the dimension. */
  meaning: string;
};

/** Band edges sit halfway between neighbouring anchors (20|50 → 35, 50|75 → 63, 75|90 → 83). */
export const BANDS: readonly Band[] = [
  { name: "Missing", min: 0, max: 34, anchor: 20, meaning: "Not there yet: the answer does not show this." },
  { name: "Partial", min: 35, max: 62, anchor: 50, meaning: "Some of it is there, with real gaps or errors." },
  { name: "Solid", min: 63, max: 82, anchor: 75, meaning: "What a good candidate says, with minor gaps." },
  { name: "Strong", min: 83, max: 100, anchor: 90, meaning: "Complete and precise: an interviewer would remember it." },
];

const clamp = (score: number) => Math.max(0, Math.min(100, Math.round(score)));

/**
 * The band a 0–100 score falls in (scores outside 0–100 are clamped; fractions rounded, so an
 * interview's overall 62.5 — a mean of four — is Solid, as its rounded 63 would be).
 */
export function bandFor(score: number): Band {
  const s = clamp(score);
  return BANDS.find((b) => s >= b.min && s <= b.max)!;
}

/** 0 (Missing) … 3 (Strong): the ordinal the agreement figures compare. */
export function bandIndex(score: number): number {
  return BANDS.indexOf(bandFor(score));
}

export function bandByName(name: BandName): Band {
  return BANDS.find((b) => b.name === name)!;
}
