import { describe, expect, it } from "vitest";
import {
  cleanTechStack,
  isHttpUrl,
  JobPostingFormSchema,
  PostingUrlSchema,
  splitTechStack,
  TechStackSchema,
  toJobPostingInput,
} from "./job-posting-validation.ts";

const DESCRIPTION = "Build and run payment services in TypeScript on PostgreSQL.";

describe("the tech stack", () => {
  it("splits on commas and line breaks, trims, collapses spaces and drops empty entries", () => {
    expect(splitTechStack(" TypeScript ,,React\nNode.js ,  Google   Cloud ,")).toEqual(["TypeScript", "React", "Node.js", "Google Cloud"]);
  });

  it("removes duplicates ignoring case, keeping the first spelling", () => {
    expect(cleanTechStack(["React", "react", "REACT ", "Vue"])).toEqual(["React", "Vue"]);
  });

  it("allows 30 items of up to 40 characters, counted after removing duplicates", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => `Tech${i}`);
    expect(TechStackSchema.safeParse([...thirty, "tech0", "TECH1"]).success).toBe(true);
    expect(TechStackSchema.safeParse([...thirty, "Tech30"]).error?.issues[0]?.message).toContain("That's 31 technologies");
    expect(TechStackSchema.safeParse(["x".repeat(40)]).success).toBe(true);
    expect(TechStackSchema.safeParse(["x".repeat(41)]).error?.issues[0]?.message).toContain("at most 40 characters");
  });

  it("takes a list or the comma-separated text", () => {
    expect(TechStackSchema.parse("Go, go, Rust")).toEqual(["Go", "Rust"]);
    expect(TechStackSchema.parse(["Go", " Rust "])).toEqual(["Go", "Rust"]);
    expect(TechStackSchema.safeParse([1]).success).toBe(false);
  });
});

describe("the posting link", () => {
  it("accepts only http and https URLs with a host", () => {
    expect(isHttpUrl("https://jobs.example.com/1")).toBe(true);
    expect(isHttpUrl("http://localhost:3000/job")).toBe(true);
    for (const bad of [
      "javascript:alert(1)",
      "ftp://example.com",
      "mailto:hr@example.com",
      "example.com/job",
      "https://",
      "data:text/html,hi",
    ]) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
  });

  it("turns an empty link into null and trims the rest", () => {
    expect(PostingUrlSchema.parse("  ")).toBeNull();
    expect(PostingUrlSchema.parse(" https://example.com/job ")).toBe("https://example.com/job");
  });
});

describe("the form schema", () => {
  it("cleans a full submission into what is stored", () => {
    const value = JobPostingFormSchema.parse({
      title: "  Staff Engineer ",
      company: " Acme ",
      description: `  ${DESCRIPTION}\r\n\r\nMore.  `,
      experienceLevel: "staff",
      techStack: "Go, go",
      url: "https://acme.example/jobs/1",
    });
    expect(toJobPostingInput(value)).toEqual({
      title: "Staff Engineer",
      company: "Acme",
      description: `${DESCRIPTION}\n\nMore.`,
      experienceLevel: "staff",
      techStack: ["Go"],
      url: "https://acme.example/jobs/1",
    });
  });

  it("stores omitted optional fields as null and an empty stack", () => {
    expect(toJobPostingInput(JobPostingFormSchema.parse({ title: "Engineer", description: DESCRIPTION }))).toEqual({
      title: "Engineer",
      company: null,
      description: DESCRIPTION,
      experienceLevel: null,
      techStack: [],
      url: null,
    });
  });

  it("counts the description after trimming: 30 is enough, 29 is not", () => {
    expect(JobPostingFormSchema.safeParse({ title: "T", description: ` ${"d".repeat(30)} ` }).success).toBe(true);
    const short = JobPostingFormSchema.safeParse({ title: "T", description: ` ${"d".repeat(29)} ` });
    expect(short.error?.issues[0]?.message).toContain("at least 30 characters (it has 29)");
  });
});
