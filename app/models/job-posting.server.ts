import { db } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import type { JobPostingInput } from "#app/forms/job-posting-validation.ts";
import { POSTING_FIELDS_WITH_REQUIREMENTS, queueExtractionOnSave } from "./skill-map.server.ts";

/**
 * Job postings: many per user, every query scoped by the owner, so another
 * user's id behaves exactly like a missing one (null → 404 at the edge).
 * Callers pass input already validated and cleaned by the shared schemas.
 */

const postingSelect = {
  id: true,
  title: true,
  company: true,
  description: true,
  experienceLevel: true,
  techStack: true,
  url: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { interviewSessions: true } },
  // The newest interview that has whole-session feedback carries the latest overall score.
  interviewSessions: {
    where: { feedback: { isNot: null } },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { feedback: { select: { overallScore: true } } },
  },
} as const;

type PostingRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(userId: string, id: string) {
  return db.jobPosting.findFirst({ where: { id, userId }, select: postingSelect });
}

export type JobPosting = ReturnType<typeof toPosting>;

function toPosting(row: PostingRow) {
  const { _count, interviewSessions, ...posting } = row;
  return {
    ...posting,
    interviewCount: _count.interviewSessions,
    latestOverallScore: interviewSessions[0]?.feedback?.overallScore ?? null,
  };
}

/** The user's postings, newest first, each with its interview count and latest overall score. */
export async function listJobPostings(userId: string): Promise<JobPosting[]> {
  const rows = await db.jobPosting.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: postingSelect });
  return rows.map(toPosting);
}

/** The user's postings as a form's choices (id, title, company): by title (filters) or newest first (starting an interview). */
export function listPostingOptions(userId: string, order: "title" | "newest") {
  return db.jobPosting.findMany({
    where: { userId },
    orderBy: order === "title" ? [{ title: "asc" }, { createdAt: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, title: true, company: true },
  });
}

export async function getJobPosting(userId: string, id: string): Promise<JobPosting | null> {
  const row = await findRow(userId, id);
  return row ? toPosting(row) : null;
}

/** A user already has as many postings as one account may keep (MAX_JOB_POSTINGS_PER_USER). */
export class TooManyPostingsError extends Refusal<"too_many_job_postings"> {
  override name = "TooManyPostingsError";
  constructor(count: number) {
    super("too_many_job_postings", `You have ${count} job postings; delete one to add another.`, 422);
  }
}

export async function createJobPosting(userId: string, input: JobPostingInput): Promise<JobPosting> {
  const { id } = await db.$transaction(async (tx) => {
    // Lock the owner's row so parallel creates count one after another and the cap holds.
    // (NO KEY UPDATE: rows that merely reference the user are not held up.)
    await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;
    const count = await tx.jobPosting.count({ where: { userId } });
    if (count >= env().MAX_JOB_POSTINGS_PER_USER) throw new TooManyPostingsError(count);
    const posting = await tx.jobPosting.create({ data: { ...input, userId }, select: { id: true } });
    await queueExtractionOnSave(tx, userId, posting.id); // issue 19: the skill map
    return posting;
  });
  return (await getJobPosting(userId, id))!;
}

/** Change the given fields (all of them from the form, any of them from the API); null when not this user's posting. */
export async function updateJobPosting(userId: string, id: string, changes: Partial<JobPostingInput>): Promise<JobPosting | null> {
  const found = await db.$transaction(async (tx) => {
    const before = await tx.jobPosting.findFirst({
      where: { id, userId },
      select: { title: true, description: true, experienceLevel: true, techStack: true },
    });
    if (!before) return false;
    await tx.jobPosting.update({ where: { id }, data: changes });
    // issue 19: what the posting asks for may have changed; the skill map reads it again (keeping the user's edits).
    const changed = POSTING_FIELDS_WITH_REQUIREMENTS.some((f) => f in changes && JSON.stringify(changes[f]) !== JSON.stringify(before[f]));
    if (changed) await queueExtractionOnSave(tx, userId, id);
    return true;
  });
  return found ? getJobPosting(userId, id) : null;
}

/**
 * Delete the posting; false when not this user's. Interviews done for it stay:
 * interview_sessions.job_posting_id is ON DELETE SET NULL and each session
 * keeps its own snapshot of the posting.
 */
export async function deleteJobPosting(userId: string, id: string): Promise<boolean> {
  const { count } = await db.jobPosting.deleteMany({ where: { id, userId } });
  return count > 0;
}
