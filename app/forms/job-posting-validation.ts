import { z } from "./zod.ts";
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
  .check(
    z.overwrite(cleanText),
    z.trim(),
    z.minLength(1, "Give the posting a title, like “Senior Backend Engineer”"),
    z.maxLength(POSTING_LIMITS.title, `Keep the title to ${POSTING_LIMITS.title} characters`),
  );

export const CompanySchema = z.pipe(
  z
    .string({ error: "The company must be text" })
    .check(
      z.overwrite(cleanText),
      z.trim(),
      z.maxLength(POSTING_LIMITS.company, `Keep the company name to ${POSTING_LIMITS.company} characters`),
    ),
  z.transform((v: string) => v || null),
);

export const DescriptionSchema = z
  .pipe(
    z.string({ error: "Paste the job description" }),
    z.transform((v: string) => cleanText(v.replace(/\r\n?/g, "\n")).trim()),
  )
  .check(
    z.superRefine((text, ctx) => {
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
    }),
  );

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

function checkTechStack(items: string[], ctx: z.core.$RefinementCtx<string[]>) {
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
  .pipe(
    z
      .string({ error: "List technologies separated by commas" })
      .check(z.maxLength(5_000, "That list is far too long. Keep it to the main technologies, separated by commas")),
    z.transform(splitTechStack),
  )
  .check(z.superRefine(checkTechStack));

/** The API's tech stack: a list of strings, or the same comma-separated text the form takes. */
export const TechStackSchema = z
  .pipe(
    z.union(
      [
        z
          .array(z.string({ error: "Each technology must be text" }).check(z.maxLength(1_000, "That entry is far too long")))
          .check(z.maxLength(200, "That list is far too long")),
        z.string().check(z.maxLength(5_000, "That list is far too long")),
      ],
      { error: 'Send the tech stack as a list of strings, like ["TypeScript", "React"]' },
    ),
    z.transform((value: string | string[]) => (typeof value === "string" ? splitTechStack(value) : cleanTechStack(value))),
  )
  .check(z.superRefine(checkTechStack));

export function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export const PostingUrlSchema = z.pipe(
  z.string({ error: "The link must be text" }).check(
    z.overwrite(cleanText),
    z.trim(),
    z.maxLength(POSTING_LIMITS.url, "That link is too long. Use the posting's own address"),
    z.refine((v) => v === "" || isHttpUrl(v), "Enter the full link, starting with https:// or http://"),
  ),
  z.transform((v: string) => v || null),
);

/** One schema for the create and edit form (conform leaves empty fields undefined). */
export const JobPostingFormSchema = z.object({
  title: TitleSchema,
  company: z.optional(CompanySchema),
  description: DescriptionSchema,
  experienceLevel: z.optional(ExperienceLevelSchema),
  techStack: z.optional(TechStackTextSchema),
  url: z.optional(PostingUrlSchema),
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
