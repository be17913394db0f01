/**
 * Score and progress arithmetic, pure (no I/O) and shared by the worker (which
 * stores scores), the dashboard, the history, the per-posting progress page,
 * their JSON twins and the tests: averages, the
 * change from one scored interview to the previous one, trend words with a
 * stated threshold, totals.
 *
 * Scores are 0–100 as stored; an overall score is the mean of four whole
 * numbers, so it moves in steps of 0.25. Results are rounded to two decimals
 * so float noise never reaches the API or the page. Nothing here invents a
 * number: an interview without feedback stays `null` everywhere.
 */

export const DIMENSIONS = [
  { key: "technicalAccuracy", label: "Technical accuracy" },
  { key: "communicationClarity", label: "Communication clarity" },
  { key: "problemSolving", label: "Problem-solving approach" },
  { key: "relevance", label: "Relevance to the job" },
] as const;

export type DimensionKey = (typeof DIMENSIONS)[number]["key"];
export type DimensionScores = Record<DimensionKey, number>;

/** A score the model gave, as stored: a whole number from 0 to 100. */
export const clampScore = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/** An interview's overall score: the mean of its four dimension scores, computed by us, never taken from the model. */
export function overallScore(scores: DimensionScores) {
  return (scores.technicalAccuracy + scores.communicationClarity + scores.problemSolving + scores.relevance) / 4;
}

/**
 * A score is "improving" or "declining" when the latest scored attempt is at
 * least this many points above or below the first one; a smaller move is
 * "stable". LLM scores wobble by a few points between runs of the same
 * answer, so 5 points is the smallest change we call real.
 */
export const TREND_THRESHOLD = 5;

export type Trend = "improving" | "stable" | "declining";

export const TREND_RULE = `Improving or declining means the latest scored attempt is ${TREND_THRESHOLD} points or more above or below the first one; a smaller change counts as stable.`;

export function roundScore(value: number) {
  return Math.round(value * 100) / 100;
}

export function mean(values: readonly number[]): number | null {
  if (!values.length) return null;
  return roundScore(values.reduce((sum, v) => sum + v, 0) / values.length);
}

export function trendOf(change: number, threshold = TREND_THRESHOLD): Trend {
  if (change >= threshold) return "improving";
  if (change <= -threshold) return "declining";
  return "stable";
}

export type WithChange<T> = T & {
  /** This score minus the previous scored item's; null when unscored or when nothing scored came before. */
  change: number | null;
  /** Index (in the same list) of the scored item compared with. */
  previousIndex: number | null;
};

/** Each item with the change from the previous *scored* item (unscored items are skipped, never counted as 0). */
export function withChanges<T extends { overall: number | null }>(items: readonly T[]): Array<WithChange<T>> {
  let previousIndex: number | null = null;
  return items.map((item, index) => {
    if (item.overall === null) return { ...item, change: null, previousIndex: null };
    const previous = previousIndex === null ? null : items[previousIndex]!.overall!;
    const result = { ...item, change: previous === null ? null : roundScore(item.overall - previous), previousIndex };
    previousIndex = index;
    return result;
  });
}

export type SeriesSummary = {
  first: number | null;
  latest: number | null;
  /** latest − first; null with fewer than two scores. */
  totalChange: number | null;
  trend: Trend | null;
  count: number;
};

/** First, latest, total change (latest − first) and trend word of a series; gaps (null) are skipped. */
export function summarizeSeries(values: readonly (number | null)[], threshold = TREND_THRESHOLD): SeriesSummary {
  const scores = values.filter((v): v is number => v !== null);
  const first = scores[0] ?? null;
  const latest = scores.at(-1) ?? null;
  if (scores.length < 2) return { first, latest, totalChange: null, trend: null, count: scores.length };
  const totalChange = roundScore(latest! - first!);
  return { first, latest, totalChange, trend: trendOf(totalChange, threshold), count: scores.length };
}

// --- The dashboard -----------------------------------------------------------

export type SessionFacts = {
  id: string;
  status: "active" | "paused" | "completed";
  answeredCount: number;
  retakeNumber: number;
  createdAt: Date;
  title: string;
  company: string | null;
  jobPostingId: string | null;
  /** The overall score of the session's feedback, or null when it has none. */
  overall: number | null;
};

export type RoleSummary = {
  title: string;
  company: string | null;
  /** The posting of the most recent interview for this role that still exists (for a progress link). */
  jobPostingId: string | null;
  interviews: number;
  completed: number;
  averageOverall: number | null;
  lastPractisedAt: Date;
};

/** Completed with at least one answer: an interview ended before any answer is not a completed interview. */
const isCompleted = (s: Pick<SessionFacts, "status" | "answeredCount">) => s.status === "completed" && s.answeredCount > 0;

const byDate = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

const roleKey = (s: { title: string; company: string | null }) =>
  `${s.title.trim().toLowerCase()}\u0000${(s.company ?? "").trim().toLowerCase()}`;

/** Roles grouped by posting title and company (as snapshotted), most practised first. */
export function mostPractisedRoles(sessions: readonly SessionFacts[], limit = 5): RoleSummary[] {
  const groups = new Map<string, SessionFacts[]>();
  for (const s of [...sessions].sort(byDate)) {
    const key = roleKey(s);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const roles = [...groups.values()].map((group): RoleSummary => {
    const latest = group.at(-1)!;
    return {
      title: latest.title,
      company: latest.company,
      jobPostingId: group.findLast((s) => s.jobPostingId !== null)?.jobPostingId ?? null,
      interviews: group.length,
      completed: group.filter(isCompleted).length,
      averageOverall: mean(group.flatMap((s) => (s.overall === null ? [] : [s.overall]))),
      lastPractisedAt: latest.createdAt,
    };
  });
  roles.sort(
    (a, b) => b.interviews - a.interviews || b.lastPractisedAt.getTime() - a.lastPractisedAt.getTime() || a.title.localeCompare(b.title),
  );
  return roles.slice(0, limit);
}

export type DashboardStats = ReturnType<typeof dashboardStats>;

/**
 * The dashboard's numbers: totals, the average overall score over sessions
 * with feedback, the most practised roles, and the scored sessions in date
 * order with the change from the previous one (the last `trendLimit`; each
 * change is still measured against the session before it, shown or not).
 */
export function dashboardStats(sessions: readonly SessionFacts[], options: { trendLimit?: number; roleLimit?: number } = {}) {
  const trendLimit = options.trendLimit ?? 30;
  const scored = sessions.filter((s) => s.overall !== null).sort(byDate);
  const trend = withChanges(scored);
  return {
    totalInterviews: sessions.length,
    completedInterviews: sessions.filter(isCompleted).length,
    /** Active or paused (an interview ended unanswered is neither completed nor in progress). */
    unfinishedInterviews: sessions.filter((s) => s.status !== "completed").length,
    scoredInterviews: scored.length,
    averageOverall: mean(scored.map((s) => s.overall!)),
    totalAnswered: sessions.reduce((sum, s) => sum + s.answeredCount, 0),
    roles: mostPractisedRoles(sessions, options.roleLimit),
    trend: trend.slice(-trendLimit),
    trendTruncated: trend.length > trendLimit,
    overallTrend: summarizeSeries(scored.map((s) => s.overall)),
  };
}

// --- Attempts at one posting -------------------------------------------------

export type AttemptFacts = {
  id: string;
  retakeNumber: number;
  status: "active" | "paused" | "completed";
  answeredCount: number;
  createdAt: Date;
  completedAt: Date | null;
  scores: DimensionScores | null;
  overall: number | null;
};

/** Attempts in order: by attempt number, then date (two separate first attempts keep their start order). */
export function orderAttempts<T extends { retakeNumber: number; createdAt: Date; id: string }>(attempts: readonly T[]): T[] {
  return [...attempts].sort((a, b) => a.retakeNumber - b.retakeNumber || byDate(a, b));
}

export type PostingProgress = ReturnType<typeof postingProgress>;

/**
 * Every attempt with the change from the previous scored attempt; the overall
 * score and each dimension across the scored attempts with first, latest,
 * total change (latest − first) and a trend word.
 */
export function postingProgress<T extends AttemptFacts>(attempts: readonly T[], threshold = TREND_THRESHOLD) {
  const ordered = withChanges(orderAttempts(attempts));
  const scored = ordered.filter(
    (a): a is typeof a & { scores: DimensionScores; overall: number } => a.scores !== null && a.overall !== null,
  );
  return {
    attempts: ordered,
    scored,
    overall: summarizeSeries(
      scored.map((a) => a.overall),
      threshold,
    ),
    dimensions: DIMENSIONS.map((d) => {
      const values = scored.map((a) => a.scores[d.key]);
      return { ...d, values, ...summarizeSeries(values, threshold) };
    }),
    threshold,
  };
}

// --- Words for changes -------------------------------------------------------

const MINUS = "\u2212";

function magnitude(value: number) {
  const abs = Math.abs(roundScore(value));
  return Number.isInteger(abs) ? String(abs) : abs.toFixed(2).replace(/0$/, "");
}

/** "+5", "−3" (a real minus sign), "0". */
export function formatChange(change: number) {
  if (roundScore(change) === 0) return "0";
  return `${change > 0 ? "+" : MINUS}${magnitude(change)}`;
}

/** The change in words, so colour and arrows are never the only signal: "up 5 points", "down 0.5 points", "no change". */
export function describeChange(change: number) {
  if (roundScore(change) === 0) return "no change";
  const size = magnitude(change);
  return `${change > 0 ? "up" : "down"} ${size} ${size === "1" ? "point" : "points"}`;
}
