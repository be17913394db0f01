import { db } from "#app/utils/db.server.ts";
import { listPostingOptions } from "./job-posting.server.ts";

/** The three things an interview needs, and whether this user has them yet. */
export async function getOnboarding(userId: string) {
  const [user, resume, postings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { apiKeyLast4: true } }),
    db.resume.findUnique({ where: { userId }, select: { id: true } }),
    db.jobPosting.count({ where: { userId } }),
  ]);
  const steps = { apiKey: user.apiKeyLast4 !== null, resume: resume !== null, jobPosting: postings > 0 };
  return { ...steps, complete: steps.apiKey && steps.resume && steps.jobPosting };
}

/** The "start an interview" form: the user's postings (newest first) and whether the résumé and key are there yet. */
export async function getStartOptions(userId: string) {
  const [postings, onboarding] = await Promise.all([listPostingOptions(userId, "newest"), getOnboarding(userId)]);
  return { postings, readiness: { resume: onboarding.resume, apiKey: onboarding.apiKey } };
}
