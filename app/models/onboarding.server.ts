import { db } from "#app/utils/db.server.ts";
import { listPostingOptions } from "./job-posting.server.ts";

/** The three things an interview needs, and whether this user has them yet. */
export async function getOnboarding(userId: string) {
  // One query (the relations are joined): the dashboard asks on every visit.
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { apiKeyLast4: true, resume: { select: { id: true } }, _count: { select: { jobPostings: true } } },
  });
  const steps = { apiKey: user.apiKeyLast4 !== null, resume: user.resume !== null, jobPosting: user._count.jobPostings > 0 };
  return { ...steps, complete: steps.apiKey && steps.resume && steps.jobPosting };
}

/** The "start an interview" form: the user's postings (newest first) and whether the résumé and key are there yet. */
export async function getStartOptions(userId: string) {
  const [postings, onboarding] = await Promise.all([listPostingOptions(userId, "newest"), getOnboarding(userId)]);
  return { postings, readiness: { resume: onboarding.resume, apiKey: onboarding.apiKey } };
}
