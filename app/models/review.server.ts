import type { QuestionTypeName } from "#app/ai/schemas.ts";
import { isMissed, nextReview, REVIEW_INTERVALS_DAYS, type ReviewAttempt } from "#app/domain/practice/review-schedule.ts";
import { answerScore } from "#app/domain/practice/skill-state.ts";
import type { Prisma } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/utils/db.server.ts";
import { postingSnapshotSelect } from "./interview.server.ts";

/**
 * Spaced review of missed answers (issue 19). An answer scoring below 60 — in
 * an interview or a drill — opens a review item; the item comes back as a
 * review drill (one fresh wording of the question) 1, 3, 7 and 14 days later,
 * by the rule of app/domain/practice/review-schedule.ts. The item's schedule
 * columns are that rule's result over the missed answer and the answers of the
 * item's review drills, rewritten in the transaction that stores each of their
 * evaluations, so "due" is one indexed query.
 */

const scoreSelect = { relevanceScore: true, completenessScore: true, technicalCorrectness: true, clarityScore: true } as const;

type ScoreRow = { relevanceScore: number; completenessScore: number; technicalCorrectness: number; clarityScore: number };

const scoreOf = (e: ScoreRow) =>
  answerScore({
    relevance: e.relevanceScore,
    completeness: e.completenessScore,
    technicalCorrectness: e.technicalCorrectness,
    clarity: e.clarityScore,
  });

/**
 * After an answer is scored (in the evaluation's transaction): a review drill's answer moves its
 * item's schedule; any other missed answer opens an item due one day later.
 */
export async function trackReview(tx: Tx, answerId: string) {
  const answer = await tx.sessionMessage.findUnique({
    where: { id: answerId },
    select: {
      id: true,
      createdAt: true,
      evaluation: { select: { ...scoreSelect, knowledgeGaps: true } },
      session: { select: { userId: true, drillTopic: true, drillRequirementId: true, reviewItemId: true } },
      question: {
        select: { probes: true, requirementLinks: { select: { requirement: { select: { id: true, name: true, removedAt: true } } } } },
      },
    },
  });
  if (!answer?.evaluation) return;
  if (answer.session.reviewItemId) return reschedule(tx, answer.session.reviewItemId);
  const score = scoreOf(answer.evaluation);
  if (!isMissed(score)) return;
  const requirement = answer.question?.requirementLinks.map((l) => l.requirement).find((r) => r.removedAt === null) ?? null;
  // The fresh wording must name this topic: the requirement probed, else the drill's topic, else what the answer lacked.
  const topic = (
    requirement?.name ??
    answer.session.drillTopic ??
    answer.evaluation.knowledgeGaps[0] ??
    answer.question?.probes ??
    ""
  ).trim();
  if (!topic) return;
  const state = nextReview([{ answerId, at: answer.createdAt, score }])!;
  await tx.reviewItem.upsert({
    where: { missedAnswerId: answerId },
    update: {},
    create: {
      userId: answer.session.userId,
      missedAnswerId: answerId,
      topic: topic.slice(0, 200),
      requirementId: requirement?.id ?? answer.session.drillRequirementId,
      status: state.status,
      step: state.step,
      dueAt: state.dueAt,
      reviews: state.reviews,
    },
  });
}

/** Replay the item's history (the missed answer, then each scored review) through the schedule rule. */
async function reschedule(tx: Tx, itemId: string) {
  // One writer at a time per item: two reviews scored at once must both be counted.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM review_items WHERE id = ${itemId}::uuid FOR UPDATE`;
  if (!locked.length) return;
  const item = await tx.reviewItem.findUniqueOrThrow({
    where: { id: itemId },
    select: {
      missedAnswer: { select: { id: true, createdAt: true, evaluation: { select: scoreSelect } } },
      drills: {
        select: { messages: { where: { kind: "answer" }, select: { id: true, createdAt: true, evaluation: { select: scoreSelect } } } },
      },
    },
  });
  const history: ReviewAttempt[] = [item.missedAnswer, ...item.drills.flatMap((d) => d.messages)].flatMap((a) =>
    a.evaluation ? [{ answerId: a.id, at: a.createdAt, score: scoreOf(a.evaluation) }] : [],
  );
  const state = nextReview(history);
  if (!state) return;
  await tx.reviewItem.update({
    where: { id: itemId },
    data: { status: state.status, step: state.step, dueAt: state.dueAt, reviews: state.reviews },
  });
}

export type DueReview = {
  id: string;
  topic: string;
  requirementId: string | null;
  dueAt: Date;
  /** The interval now running, in days (1, 3, 7 or 14). */
  intervalDays: number;
  reviews: number;
  missed: {
    answerId: string;
    sessionId: string;
    question: string;
    questionNumber: number;
    score: number | null;
    answeredAt: Date;
    postingTitle: string;
  };
};

/** The user's review items due at `now`, the longest overdue first, as a relation of the user (see `toDueReviews`). */
export const dueReviewsArgs = (now: Date) =>
  ({
    where: { status: "scheduled", dueAt: { lte: now } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: 50,
    select: {
      id: true,
      topic: true,
      requirementId: true,
      dueAt: true,
      step: true,
      reviews: true,
      missedAnswer: {
        select: {
          id: true,
          sessionId: true,
          createdAt: true,
          evaluation: { select: scoreSelect },
          question: { select: { content: true, questionNumber: true } },
          session: { select: { postingTitle: true } },
        },
      },
    },
  }) satisfies Prisma.User$reviewItemsArgs;

type DueReviewRow = Prisma.ReviewItemGetPayload<{ select: ReturnType<typeof dueReviewsArgs>["select"] }>;

export function toDueReviews(rows: DueReviewRow[]): DueReview[] {
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    requirementId: r.requirementId,
    dueAt: r.dueAt!,
    intervalDays: REVIEW_INTERVALS_DAYS[r.step ?? 0] ?? REVIEW_INTERVALS_DAYS[0],
    reviews: r.reviews,
    missed: {
      answerId: r.missedAnswer.id,
      sessionId: r.missedAnswer.sessionId,
      question: r.missedAnswer.question?.content ?? "",
      questionNumber: r.missedAnswer.question?.questionNumber ?? 0,
      score: r.missedAnswer.evaluation ? scoreOf(r.missedAnswer.evaluation) : null,
      answeredAt: r.missedAnswer.createdAt,
      postingTitle: r.missedAnswer.session.postingTitle,
    },
  }));
}

/** The user's review items due now, the longest overdue first ("Due for review"). */
export async function listDueReviews(userId: string, now = new Date()): Promise<DueReview[]> {
  const { where, ...args } = dueReviewsArgs(now);
  return toDueReviews(await db.reviewItem.findMany({ where: { userId, ...where }, ...args }));
}

/** What a review drill starts from: the item (not graduated) with its missed answer's interview snapshot; null when not this user's. */
export async function reviewToStart(userId: string, itemId: string) {
  return db.reviewItem.findFirst({
    where: { id: itemId, userId },
    select: {
      id: true,
      topic: true,
      status: true,
      requirementId: true,
      requirement: { select: { removedAt: true } },
      missedAnswer: {
        select: {
          session: { select: postingSnapshotSelect },
        },
      },
    },
  });
}

/** What the worker rewords (app/ai/practice/drills.ts ReviewQuestionInput): the missed question and answer, and every wording used so far. */
export async function reviewQuestionFacts(userId: string, itemId: string, currentSessionId: string) {
  const item = await db.reviewItem.findFirst({
    where: { id: itemId, userId },
    select: {
      missedAnswer: {
        select: {
          content: true,
          evaluation: { select: { improvements: true } },
          question: { select: { content: true, questionType: true } },
        },
      },
      drills: {
        where: { id: { not: currentSessionId } },
        select: { messages: { where: { kind: "question" }, select: { content: true } } },
      },
    },
  });
  if (!item?.missedAnswer.question) return null;
  return {
    missed: {
      question: item.missedAnswer.question.content,
      type: (item.missedAnswer.question.questionType ?? "technical") as QuestionTypeName,
      answer: item.missedAnswer.content,
      improvements: item.missedAnswer.evaluation?.improvements ?? [],
    },
    earlierWordings: item.drills.flatMap((d) => d.messages.map((m) => m.content)),
  };
}
