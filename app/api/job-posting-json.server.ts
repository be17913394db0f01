import { z } from "zod";
import { EXPERIENCE_LEVELS } from "#app/domain/job-posting-fields.ts";
import type { JobPosting } from "#app/models/job-posting.server.ts";
import { Id, OverallScore, Timestamp } from "./json.ts";

/** The API's JSON shapes: a posting, and a posting in a list (without the long description). */
export const JobPostingListItemJson = z
  .object({
    id: Id,
    title: z.string(),
    company: z.string().nullable(),
    experience_level: z.enum(EXPERIENCE_LEVELS).nullable(),
    tech_stack: z.array(z.string()),
    url: z.string().nullable(),
    interview_count: z.number().int().nonnegative(),
    latest_overall_score: OverallScore.nullable().describe("The overall score of the newest interview with feedback."),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .describe("A job posting in a list (without its description).");
export type JobPostingListItemJson = z.infer<typeof JobPostingListItemJson>;

export const JobPostingJson = JobPostingListItemJson.extend({ description: z.string() }).describe("A job posting.");
export type JobPostingJson = z.infer<typeof JobPostingJson>;

export function jobPostingJson(posting: JobPosting): JobPostingJson;
export function jobPostingJson(posting: JobPosting, options: { withDescription: false }): JobPostingListItemJson;
export function jobPostingJson(posting: JobPosting, options: { withDescription?: boolean } = {}): JobPostingJson | JobPostingListItemJson {
  return {
    id: posting.id,
    title: posting.title,
    company: posting.company,
    ...(options.withDescription === false ? {} : { description: posting.description }),
    experience_level: posting.experienceLevel,
    tech_stack: posting.techStack,
    url: posting.url,
    interview_count: posting.interviewCount,
    latest_overall_score: posting.latestOverallScore,
    created_at: posting.createdAt.toISOString(),
    updated_at: posting.updatedAt.toISOString(),
  };
}
