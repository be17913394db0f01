import { describe, expect, it } from "vitest";
import { resumeSupport, wordsNeeded } from "./resume-support.ts";

const resume = [
  "Senior Backend Engineer, Acme Corporation (2019–2024)",
  "- Migrated billing from MySQL to Postgres 15, cutting query time 40%.",
  "- Mentored two junior developers through their first on-call rotation.",
  "- Ran services on k8s with Helm.",
].join("\n");

describe("resumeSupport", () => {
  it("finds a technology under another name and points at the exact words", () => {
    const support = resumeSupport("PostgreSQL", resume);
    expect(support.supported).toBe(true);
    expect(support.mentions).toHaveLength(1);
    const mention = support.mentions[0]!;
    expect(mention.sentence.text).toBe("Migrated billing from MySQL to Postgres 15, cutting query time 40%.");
    expect(mention.matches.map((m) => resume.slice(m.start, m.end))).toEqual(["Postgres"]);
    expect(resumeSupport("Kubernetes", resume).mentions[0]!.sentence.text).toBe("Ran services on k8s with Helm.");
  });

  it("ignores case, plurals and word endings, and filler words in the requirement", () => {
    expect(resumeSupport("Strong experience mentoring developers", resume).supported).toBe(true);
    expect(resumeSupport("on-call rotations", resume).supported).toBe(true);
  });

  it("needs two thirds of a long name's words in one line, and all of a short one's", () => {
    expect(wordsNeeded(1)).toBe(1);
    expect(wordsNeeded(2)).toBe(2);
    expect(wordsNeeded(3)).toBe(2);
    expect(wordsNeeded(5)).toBe(4);
    // "mentor" and "junior" are in one line; "engineers" is not, but two of three words suffice.
    expect(resumeSupport("Mentoring junior engineers", resume).supported).toBe(true);
    // "billing" and "Helm" are on different lines: no single line supports the pair.
    expect(resumeSupport("Billing Helm", resume).supported).toBe(false);
  });

  it("is unsupported when the résumé does not mention it, or the name has no meaningful words", () => {
    expect(resumeSupport("Kafka", resume)).toEqual({ supported: false, mentions: [] });
    expect(resumeSupport("Java", resume).supported).toBe(false);
    expect(resumeSupport("Strong experience", resume).supported).toBe(false);
  });
});
