import { db } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { countWords } from "#app/domain/resume-text.ts";
import { consume, waitTime } from "./rate-limit.server.ts";
import { extractResumeFile, type ExtractedResume } from "./resume-extraction.server.ts";

/**
 * The résumé: one per user (resumes.user_id is unique), the text every
 * interview is built from. Callers pass text already validated and
 * normalised by ResumeContentSchema.
 */

export class ResumeExistsError extends Error {
  override name = "ResumeExistsError";
  constructor() {
    super("You already have a résumé. Replace it instead of adding another.");
  }
}

/** The user has used up this hour's résumé uploads (RATE_LIMIT_RESUME_UPLOADS_PER_HOUR). */
export class TooManyUploadsError extends Refusal<"rate_limited"> {
  override name = "TooManyUploadsError";
  constructor(retryAfterSeconds: number) {
    const message = `You can upload ${env().RATE_LIMIT_RESUME_UPLOADS_PER_HOUR} résumé files an hour. Please wait ${waitTime(retryAfterSeconds)} before uploading another, or paste your résumé's text instead.`;
    super("rate_limited", message, 429, { retryAfterSeconds });
  }
}

/**
 * The text of an uploaded résumé file, for review (the upload form and POST /api/v1/resumes/me/file).
 * Reading a PDF or Word file is the costly part, so a slot of the user's hourly allowance is taken first.
 */
export async function readResumeUpload(userId: string, file: File): Promise<ExtractedResume> {
  const refused = await consume(["resume_upload_user", userId]);
  if (refused) throw new TooManyUploadsError(refused.retryAfterSeconds);
  return extractResumeFile(file);
}

const resumeSelect = { id: true, content: true, createdAt: true, updatedAt: true } as const;

export type Resume = { id: string; content: string; createdAt: Date; updatedAt: Date; wordCount: number; characterCount: number };

function withCounts(row: { id: string; content: string; createdAt: Date; updatedAt: Date }): Resume {
  return { ...row, wordCount: countWords(row.content), characterCount: row.content.length };
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: string }).code === "P2002";
}

export async function getResume(userId: string): Promise<Resume | null> {
  const row = await db.resume.findUnique({ where: { userId }, select: resumeSelect });
  return row ? withCounts(row) : null;
}

/** A first résumé; ResumeExistsError when the user already has one (the API's 409). */
export async function createResume(userId: string, content: string): Promise<Resume> {
  try {
    return withCounts(await db.resume.create({ data: { userId, content }, select: resumeSelect }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ResumeExistsError();
    throw error;
  }
}

/** Replace the text of the existing résumé; null when there is none. */
export async function updateResume(userId: string, content: string): Promise<Resume | null> {
  const { count } = await db.resume.updateMany({ where: { userId }, data: { content } });
  return count === 0 ? null : getResume(userId);
}

/** The page's one "Save": create the résumé or replace the text of the existing one. */
export async function saveResume(userId: string, content: string): Promise<{ resume: Resume; created: boolean }> {
  const existing = await db.resume.findUnique({ where: { userId }, select: { id: true } });
  const row = await db.resume.upsert({ where: { userId }, create: { userId, content }, update: { content }, select: resumeSelect });
  return { resume: withCounts(row), created: !existing };
}

/** Delete the résumé for good; false when there was none. Past interviews keep their own copy of the text. */
export async function deleteResume(userId: string): Promise<boolean> {
  const { count } = await db.resume.deleteMany({ where: { userId } });
  return count > 0;
}
