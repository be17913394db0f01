import { db } from "#app/utils/db.server.ts";
import { listPostingOptions } from "./job-posting.server.ts";

/** What a user query selects for `toOnboarding` (its `_count` may count more relations). */
export const onboardingSelect = { apiKeyLast4: true, resume: { select: { id: true } } } as const;

/** The three things an interview needs, and whether this user has them yet. */
export function toOnboarding(user: { apiKeyLast4: string | null; resume: { id: string } | null; _count: { jobPostings: number } }) {
  const steps = { apiKey: user.apiKeyLast4 !== null, resume: user.resume !== null, jobPosting: user._count.jobPostings > 0 };
  return { ...steps, complete: steps.apiKey && steps.resume && steps.jobPosting };
}

export async function getOnboarding(userId: string) {
  // One query (the relations are joined): several pages ask on every visit.
  return toOnboarding(
    await db.user.findUniqueOrThrow({ where: { id: userId }, select: { ...onboardingSelect, _count: { select: { jobPostings: true } } } }),
  );
}

/** The "start an interview" form: the user's postings (newest first) and whether the résumé and key are there yet. */
export async function getStartOptions(userId: string) {
  const [postings, onboarding] = await Promise.all([listPostingOptions(userId, "newest"), getOnboarding(userId)]);
  return { postings, readiness: { resume: onboarding.resume, apiKey: onboarding.apiKey } };
}
