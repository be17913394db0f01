import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BANDS, bandByName, bandFor, bandIndex, DIMENSIONS, RUBRIC, RUBRIC_VERSION, rubricPromptText } from "./rubric.ts";

// What each rubric version says, fingerprinted: editing the rubric without a new RUBRIC_VERSION fails
// here, because stored evaluations name the version whose words they were graded by.
const FINGERPRINTS: Record<string, string> = {
  "2026-12.1": "4061b517c88c9abc",
};

describe("rubric", () => {
  it("has the four dimensions, each with a written anchor for every band", () => {
    expect(RUBRIC.map((d) => d.key)).toEqual([...DIMENSIONS]);
    for (const d of RUBRIC) {
      for (const b of BANDS) expect(d.anchors[b.name].length, `${d.key} ${b.name}`).toBeGreaterThan(30);
    }
  });

  it("anchors the bands at 20, 50, 75 and 90, and the bands tile 0–100 without gaps or overlaps", () => {
    expect(BANDS.map((b) => b.anchor)).toEqual([20, 50, 75, 90]);
    expect(BANDS[0]!.min).toBe(0);
    expect(BANDS.at(-1)!.max).toBe(100);
    for (let i = 1; i < BANDS.length; i++) expect(BANDS[i]!.min).toBe(BANDS[i - 1]!.max + 1);
    for (const b of BANDS) expect(bandFor(b.anchor)).toBe(b);
  });

  it("puts each score in its band, edges included", () => {
    expect(bandFor(0).name).toBe("Missing");
    expect(bandFor(34).name).toBe("Missing");
    expect(bandFor(35).name).toBe("Partial");
    expect(bandFor(62).name).toBe("Partial");
    expect(bandFor(63).name).toBe("Solid");
    expect(bandFor(82).name).toBe("Solid");
    expect(bandFor(83).name).toBe("Strong");
    expect(bandFor(100).name).toBe("Strong");
  });

  it("clamps and rounds what is not a 0–100 integer", () => {
    expect(bandFor(-5).name).toBe("Missing");
    expect(bandFor(140).name).toBe("Strong");
    expect(bandFor(62.4).name).toBe("Partial");
    expect(bandFor(62.5).name).toBe("Solid");
    expect(bandIndex(90)).toBe(3);
    expect(bandIndex(10)).toBe(0);
    expect(bandByName("Solid").anchor).toBe(75);
  });

  it("gives the grader every anchor of every dimension, with the version", () => {
    const text = rubricPromptText();
    expect(text).toContain(RUBRIC_VERSION);
    for (const d of RUBRIC) {
      expect(text).toContain(d.outputKey);
      for (const b of BANDS) expect(text).toContain(`- ${b.anchor} (${b.name}): ${d.anchors[b.name]}`);
    }
  });

  it("changes its version whenever its words change", () => {
    const fingerprint = createHash("sha256")
      .update(JSON.stringify({ BANDS, RUBRIC, prompt: rubricPromptText().replace(RUBRIC_VERSION, "") }))
      .digest("hex")
      .slice(0, 16);
    expect(FINGERPRINTS[RUBRIC_VERSION], `RUBRIC_VERSION ${RUBRIC_VERSION} has no fingerprint; the rubric's is ${fingerprint}`).toBe(
      fingerprint,
    );
  });
});
