import { z } from "zod";
import { cleanText } from "#app/utils/clean-text.ts";
import { EXPERIENCE_LEVELS, POSTING_LIMITS, type ExperienceLevel } from "#app/domain/job-posting-fields.ts";

/**
 * Rules for a job posting, shared by the create/edit form (browser and
 * action) and /api/v1/job-postings. Each field schema outputs the value as it
 * is stored: trimmed, empty optional values as null, the tech stack as a
 * clean list.
 */

const count = (n: number) => new Intl.NumberFormat("en").format(n);

export const TitleSchema = z
  .string({ error: "Give the posting a title, like “Senior Backend Engineer”" })
  .overwrite(cleanText)
  .trim()
  .min(1, "Give the posting a title, like “Senior Backend Engineer”")
  .max(POSTING_LIMITS.title, `Keep the title to ${POSTING_LIMITS.title} characters`);

export const CompanySchema = z
  .string({ error: "The company must be text" })
  .overwrite(cleanText)
  .trim()
  .max(POSTING_LIMITS.company, `Keep the company name to ${POSTING_LIMITS.company} characters`)
  .transform((v) => v || null);

export const DescriptionSchema = z
  .string({ error: "Paste the job description" })
  .transform((v) => cleanText(v.replace(/\r\n?/g, "\n")).trim())
  .superRefine((text, ctx) => {
    if (text.length === 0) ctx.addIssue({ code: "custom", message: "Paste the job description" });
    else if (text.length < POSTING_LIMITS.descriptionMin) {
      ctx.addIssue({
        code: "custom",
        message: `The description needs at least ${POSTING_LIMITS.descriptionMin} characters (it has ${text.length}). Paste the full job ad so the questions match the role.`,
      });
    } else if (text.length > POSTING_LIMITS.descriptionMax) {
      ctx.addIssue({
        code: "custom",
        message: `The description is ${count(text.length)} characters; the limit is ${count(POSTING_LIMITS.descriptionMax)}. Leave out the benefits and company boilerplate.`,
      });
    }
  });

export const ExperienceLevelSchema = z.enum(EXPERIENCE_LEVELS, {
  error: `Choose one of: ${EXPERIENCE_LEVELS.join(", ")}`,
});

/**
 * "React, typescript,  React , Node.js" → ["React", "typescript", "Node.js"]:
 * trimmed, inner whitespace collapsed, empty entries dropped, duplicates
 * (ignoring case) dropped keeping the first spelling.
 */
export function cleanTechStack(items: string[]): string[] {
  const seen = new Set<string>();
  const clean: string[] = [];
  for (const raw of items) {
    const item = cleanText(raw).replace(/\s+/g, " ").trim();
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    clean.push(item);
  }
  return clean;
}

/** Commas separate items; line breaks do too (people paste lists). */
export const splitTechStack = (text: string) => cleanTechStack(text.split(/[,\n]/));

export const formatTechStack = (items: string[]) => items.join(", ");

function checkTechStack(items: string[], ctx: z.RefinementCtx) {
  if (items.length > POSTING_LIMITS.techItems) {
    ctx.addIssue({
      code: "custom",
      message: `That's ${items.length} technologies; list at most ${POSTING_LIMITS.techItems} — the ones the role really needs.`,
    });
  }
  const tooLong = items.filter((item) => item.length > POSTING_LIMITS.techItemChars);
  if (tooLong.length) {
    ctx.addIssue({
      code: "custom",
      message: `Each technology can be at most ${POSTING_LIMITS.techItemChars} characters: “${tooLong[0]!.slice(0, 50)}${tooLong[0]!.length > 50 ? "…" : ""}” is longer. Separate technologies with commas.`,
    });
  }
}

/** The form's tech stack: one comma-separated text field. */
export const TechStackTextSchema = z
  .string({ error: "List technologies separated by commas" })
  .max(5_000, "That list is far too long. Keep it to the main technologies, separated by commas")
  .transform(splitTechStack)
  .superRefine(checkTechStack);

/** The API's tech stack: a list of strings, or the same comma-separated text the form takes. */
export const TechStackSchema = z
  .union(
    [
      z
        .array(z.string({ error: "Each technology must be text" }).max(1_000, "That entry is far too long"))
        .max(200, "That list is far too long"),
      z.string().max(5_000, "That list is far too long"),
    ],
    { error: 'Send the tech stack as a list of strings, like ["TypeScript", "React"]' },
  )
  .transform((value) => (typeof value === "string" ? splitTechStack(value) : cleanTechStack(value)))
  .superRefine(checkTechStack);

export function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const PostingUrlSchema = z
  .string({ error: "The link must be text" })
  .overwrite(cleanText)
  .trim()
  .max(POSTING_LIMITS.url, "That link is too long. Use the posting's own address")
  .refine((v) => v === "" || isHttpUrl(v), "Enter the full link, starting with https:// or http://")
  .transform((v) => v || null);

/** One schema for the create and edit form (conform leaves empty fields undefined). */
export const JobPostingFormSchema = z.object({
  title: TitleSchema,
  company: CompanySchema.optional(),
  description: DescriptionSchema,
  experienceLevel: ExperienceLevelSchema.optional(),
  techStack: TechStackTextSchema.optional(),
  url: PostingUrlSchema.optional(),
});

export type JobPostingInput = {
  title: string;
  company: string | null;
  description: string;
  experienceLevel: ExperienceLevel | null;
  techStack: string[];
  url: string | null;
};

export function toJobPostingInput(value: z.output<typeof JobPostingFormSchema>): JobPostingInput {
  return {
    title: value.title,
    company: value.company ?? null,
    description: value.description,
    experienceLevel: value.experienceLevel ?? null,
    techStack: value.techStack ?? [],
    url: value.url ?? null,
  };
}
