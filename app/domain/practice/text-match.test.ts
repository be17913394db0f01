import { describe, expect, it } from "vitest";
import { contentTerms, mentionsTopic, requirementKey, stem, termTokens, wordTokens } from "./text-match.ts";

describe("words for matching", () => {
  it("folds case, accents, possessives and inner dots, and keeps each word's place", () => {
    const text = "Résumé's Node.js and C++ at ACME";
    const tokens = wordTokens(text);
    expect(tokens.map((t) => t.word)).toEqual(["resume", "nodejs", "and", "c++", "at", "acme"]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(["Résumé's", "Node.js", "and", "C++", "at", "ACME"]);
  });

  it("reads .NET as dotnet but “net” alone as a word", () => {
    expect(wordTokens("We use .NET daily").map((t) => t.word)).toContain("dotnet");
    expect(wordTokens("net revenue").map((t) => t.word)).toEqual(["net", "revenue"]);
  });

  it("stems plurals and -ing/-ed forms of a word to one stem", () => {
    for (const group of [
      ["service", "services"],
      ["database", "databases"],
      ["mentor", "mentoring", "mentored", "mentors"],
      ["plan", "planning", "planned"],
      ["manage", "managed", "managing", "manages"],
      ["technology", "technologies"],
      ["process", "processes"],
      ["install", "installing"],
    ]) {
      expect(new Set(group.map(stem)).size, group.join("/")).toBe(1);
    }
    expect(stem("aws")).toBe("aws");
    expect(stem("redis")).toBe("redis");
    expect(stem("c++")).toBe("c++");
  });

  it("maps known synonyms to one canonical name, covering the whole phrase", () => {
    const text = "Postgres, k8s, Amazon Web Services and node.js";
    const terms = termTokens(text);
    expect(terms.map((t) => t.base)).toEqual(["postgresql", "kubernetes", "aws", "and", "node"]);
    expect(termTokens("Node")[0]!.word).toBe(terms.at(-1)!.word);
    const aws = terms.find((t) => t.word === "aws")!;
    expect(text.slice(aws.start, aws.end)).toBe("Amazon Web Services");
  });

  it("drops filler words from a requirement's name", () => {
    expect(contentTerms("Strong experience with Kafka")).toEqual(["kafka"]);
    expect(contentTerms("Mentoring junior engineers")).toEqual(["mentor", "junior", "engineer"]);
  });
});

describe("requirementKey", () => {
  it("gives the same key to the same requirement written differently", () => {
    expect(requirementKey("PostgreSQL")).toBe(requirementKey("postgres"));
    expect(requirementKey("Kubernetes (k8s)")).not.toBe(requirementKey("Kubernetes"));
    expect(requirementKey("K8s")).toBe(requirementKey("Kubernetes"));
    expect(requirementKey("Strong Kafka experience")).toBe(requirementKey("Kafka"));
    expect(requirementKey("Mentoring engineers")).toBe(requirementKey("mentored engineer"));
  });

  it("keeps different requirements apart", () => {
    expect(requirementKey("Java")).not.toBe(requirementKey("JavaScript"));
    expect(requirementKey("Go")).not.toBe(requirementKey("Rust"));
  });
});

describe("mentionsTopic", () => {
  it("is true when a meaningful word of the topic, or a synonym, is in the text", () => {
    expect(mentionsTopic("How would you tune a slow Postgres query?", "PostgreSQL query tuning")).toBe(true);
    expect(mentionsTopic("Plan capacity for Black Friday.", "Capacity planning")).toBe(true);
    expect(mentionsTopic("Tell me about a conflict in your team.", "Capacity planning")).toBe(false);
  });
});
