import { db } from "#app/utils/db.server.ts";
import { getInterview } from "./interview-view.server.ts";
import { interviewUsageRows, monthUsageSelect, summarizeInterviewUsage, toMonthUsage } from "./usage.server.ts";
import { toVoiceSettings, voiceSettingsSelect } from "./voice.server.ts";

/**
 * The interview page's reads, three SQL statements side by side (issue 21: each
 * statement costs about half a millisecond of CPU between Node and PostgreSQL):
 * the interview (one statement, one snapshot), the user's voice settings with
 * the month's spend, and this interview's usage. Null when the interview is not
 * the user's.
 */
export async function getInterviewPage(userId: string, sessionId: string, now = new Date()) {
  const [view, user, usageRows] = await Promise.all([
    getInterview(userId, sessionId),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { ...voiceSettingsSelect, ...monthUsageSelect(now) } }),
    // Filtered by the user too, so another user's interview yields nothing here before the view says 404.
    interviewUsageRows(userId, sessionId),
  ]);
  if (!view) return null;
  return { view, voice: toVoiceSettings(user), usage: summarizeInterviewUsage(usageRows, user), month: toMonthUsage(user, now) };
}
