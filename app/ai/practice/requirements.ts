import { z } from "zod";
import type { PostingContext } from "#app/ai/prompts.ts";
import {
  EXTRACTED_CAP,
  REQUIREMENT_KINDS,
  REQUIREMENT_NAME_MAX,
  type ExtractedRequirement,
  type PostingEvidence,
  type PostingField,
  type RequirementWeight,
} from "#app/domain/practice/requirements.ts";
import { splitSentences } from "#app/domain/practice/sentences.ts";
import { requirementKey } from "#app/domain/practice/text-match.ts";
import { fenced, messages, numberedLines, PRACTICE_DATA_RULE, PROMPT_LIMITS } from "./prompt-parts.ts";

/**
 * Requirement extraction: the prompt, its output schema and the checks on the
 * reply. The posting is shown as numbered lines (title, level, tech stack,
 * then each sentence or bullet of the description) and the model cites the
 * numbers of the lines that state each requirement. A number either names a
 * line we sent or it does not, so "the posting's words that state it" is
 * checked exactly, and what the page shows is the posting's own text.
 */

export const REQUIREMENTS_SCHEMA_NAME = "posting_requirements";

export const RequirementsOutput = z.object({
  requirements: z
    .array(
      z.object({
        name: z.string().describe("A short name, 1–5 words, as a candidate would write it on a study list, e.g. 'PostgreSQL'"),
        kind: z.enum(REQUIREMENT_KINDS).describe("technology, skill, responsibility or seniority"),
        weight: z.number().int().min(1).max(3).describe("3 = essential, 2 = important, 1 = nice to have"),
        lines: z.array(z.number().int()).describe("The numbers of the posting lines that state this requirement"),
      }),
    )
    .describe("What the posting asks for, most important first, at most 15"),
});
export type RequirementsOutput = z.infer<typeof RequirementsOutput>;

/** One numbered line of the posting as the model sees it, with its place in the posting. */
export type PostingLine = PostingEvidence & { number: number; label: string | null };

/** The posting as numbered lines: title, experience level, tech stack, then the description's sentences and bullets. */
export function postingLines(posting: PostingContext): PostingLine[] {
  const fields: Array<{ field: PostingField; label: string; text: string }> = [
    { field: "title", label: "Job title", text: posting.title },
    { field: "experience_level", label: "Experience level", text: posting.experienceLevel ?? "" },
    { field: "tech_stack", label: "Tech stack", text: posting.techStack.join(", ") },
  ];
  const lines: PostingLine[] = [];
  for (const f of fields) {
    const text = f.text.trim();
    if (text) lines.push({ number: lines.length + 1, field: f.field, label: f.label, start: 0, end: f.text.length, text: f.text });
  }
  for (const s of splitSentences(posting.description.slice(0, PROMPT_LIMITS.posting))) {
    lines.push({ number: lines.length + 1, field: "description", label: null, start: s.start, end: s.end, text: s.text });
  }
  return lines;
}

export function requirementMessages(posting: PostingContext, lines: readonly PostingLine[], correction?: string) {
  return messages(
    [
      "You read a job posting and list what the employer asks of the candidate, as a short list the candidate can practise against before the interview.",
      "Kinds: technology (a named language, tool or platform: 'PostgreSQL', 'Kubernetes'); skill (an ability: 'System design', 'SQL query tuning'); responsibility (what the job holder will do: 'Mentor junior engineers', 'Own on-call'); seniority (signals of level: '5+ years of backend work', 'Leads projects end to end').",
      "Name each requirement in 1–5 words. Weight: 3 = essential (required, repeated, or central to the role), 2 = important, 1 = nice to have (a 'plus' or 'bonus').",
      "For each requirement give the numbers of the posting lines that state it, from the numbered lines below. List only what the posting states; never add what is merely typical for such a role. One item per requirement: merge duplicates ('Postgres' and 'PostgreSQL' are one). At most 15 items, the most important first.",
      PRACTICE_DATA_RULE,
    ],
    [
      `## The job posting, line by line (company: ${posting.company ?? "not given"})`,
      fenced("posting_lines", numberedLines(lines.map((l) => ({ number: l.number, text: l.label ? `${l.label}: ${l.text}` : l.text })))),
      correction ? `Your previous reply could not be used: ${correction}` : "",
    ],
  );
}

export type DroppedRequirement = { name: string; reason: "no name" | "cites no line of the posting" | "over the cap" };

/**
 * The reply made safe to keep: names tidied and capped, line numbers that
 * name no line ignored, items that cite no real line dropped, duplicates
 * (same requirementKey) merged — the higher weight and every cited line kept
 * — and at most EXTRACTED_CAP items, the heaviest first, then in the order
 * the posting states them.
 */
export function checkRequirements(output: RequirementsOutput, lines: readonly PostingLine[]) {
  const byNumber = new Map(lines.map((l) => [l.number, l]));
  const dropped: DroppedRequirement[] = [];
  const merged = new Map<string, ExtractedRequirement & { first: number }>();
  for (const item of output.requirements) {
    const name = item.name.replace(/\s+/g, " ").trim().slice(0, REQUIREMENT_NAME_MAX).trim();
    if (!name) {
      dropped.push({ name: item.name, reason: "no name" });
      continue;
    }
    const cited = [...new Set(item.lines)].filter((n) => byNumber.has(n)).sort((a, b) => a - b);
    if (!cited.length) {
      dropped.push({ name, reason: "cites no line of the posting" });
      continue;
    }
    const key = requirementKey(name);
    const weight = Math.min(3, Math.max(1, Math.round(item.weight))) as RequirementWeight;
    const evidence = cited.map((n) => {
      const { field, start, end, text } = byNumber.get(n)!;
      return { field, start, end, text };
    });
    const same = merged.get(key);
    if (same) {
      same.weight = Math.max(same.weight, weight) as RequirementWeight;
      const seen = new Set(same.evidence.map((e) => `${e.field}:${e.start}`));
      same.evidence.push(...evidence.filter((e) => !seen.has(`${e.field}:${e.start}`)));
      same.first = Math.min(same.first, cited[0]!);
    } else {
      merged.set(key, { key, name, kind: item.kind, weight, evidence, first: cited[0]! });
    }
  }
  const ordered = [...merged.values()].sort((a, b) => b.weight - a.weight || a.first - b.first);
  for (const extra of ordered.slice(EXTRACTED_CAP)) dropped.push({ name: extra.name, reason: "over the cap" });
  const requirements = ordered.slice(0, EXTRACTED_CAP).map(({ first: _first, ...r }) => r);
  return { requirements, dropped };
}

/** What to tell the model when too much of its reply could not be checked; null when the reply is usable. */
export function requirementsProblem(output: RequirementsOutput, checked: ReturnType<typeof checkRequirements>, lineCount: number) {
  const uncited = checked.dropped.filter((d) => d.reason === "cites no line of the posting");
  // An empty list is an answer (a posting that asks for nothing specific): the user can add their own.
  if (uncited.length * 2 > output.requirements.length) {
    return `these requirements cited no line number from the numbered list (1–${lineCount}): ${uncited
      .slice(0, 5)
      .map((d) => `"${d.name}"`)
      .join(", ")}. Cite the numbers of the lines that state each requirement.`;
  }
  return null;
}
