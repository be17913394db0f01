import { z } from "zod";
import type { Resume } from "#app/models/resume.server.ts";
import { Id, Timestamp } from "./json.ts";

/** The API's JSON shape. */
export const ResumeJson = z
  .object({
    id: Id,
    content: z.string(),
    word_count: z.number().int().nonnegative(),
    character_count: z.number().int().nonnegative(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .describe("The user's résumé (one per user).");
export type ResumeJson = z.infer<typeof ResumeJson>;

export function resumeJson(resume: Resume): ResumeJson {
  return {
    id: resume.id,
    content: resume.content,
    word_count: resume.wordCount,
    character_count: resume.characterCount,
    created_at: resume.createdAt.toISOString(),
    updated_at: resume.updatedAt.toISOString(),
  };
}
