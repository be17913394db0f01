import { db } from "#app/utils/db.server.ts";
import { drillCount, recentDrillsArgs, toRecentDrills } from "./drill.server.ts";
import { onboardingSelect, toOnboarding } from "./onboarding.server.ts";
import { dueReviewsArgs, toDueReviews } from "./review.server.ts";
import { getDashboardStats } from "./stats.server.ts";
import { monthUsageSelect, toMonthUsage } from "./usage.server.ts";

/**
 * Everything the dashboard shows, in two SQL statements: the user with their
 * onboarding steps, the month's spend, due reviews and latest drills as joined
 * relations (one statement instead of six — issue 21 measured each statement
 * at about half a millisecond of CPU between Node and PostgreSQL), and the
 * interview statistics, which read every interview of the user.
 */
export async function getDashboard(userId: string, now = new Date()) {
  const [user, stats] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        ...onboardingSelect,
        ...monthUsageSelect(now),
        reviewItems: dueReviewsArgs(now),
        interviewSessions: recentDrillsArgs(),
        _count: { select: { jobPostings: true, interviewSessions: drillCount } },
      },
    }),
    getDashboardStats(userId),
  ]);
  return {
    onboarding: toOnboarding(user),
    spend: toMonthUsage(user, now),
    reviews: toDueReviews(user.reviewItems),
    drills: toRecentDrills(user._count.interviewSessions, user.interviewSessions),
    stats,
  };
}
