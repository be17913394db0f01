/**
 * Interview sessions with known scores, written straight to the database, so
 * tests of averages, changes, trends, filters and paging can assert exact
 * numbers without running the AI loop for each one.
 */
import { POSTING, RESUME_TEXT } from "./interviews.ts";
import type { TestApp } from "./test-app.ts";

export type Scores = [technical: number, communication: number, problemSolving: number, relevance: number];

export type SeedSession = {
  posting?: { id: string | null; title: string; company: string | null };
  status?: "active" | "paused" | "completed";
  answeredCount?: number;
  targetQuestions?: number;
  retakeNumber?: number;
  originalSessionId?: string | null;
  createdAt?: Date;
  /** Feedback with these four scores (overall = their mean, as the worker computes it). */
  scores?: Scores;
  /** One question with its answer, so the session has something to show and to summarise. */
  withExchange?: boolean;
};

export const mean4 = (s: Scores) => (s[0] + s[1] + s[2] + s[3]) / 4;

export async function createPosting(app: TestApp, userId: string, fields: { title?: string; company?: string | null } = {}) {
  const posting = await app.db.jobPosting.create({
    data: {
      userId,
      ...POSTING,
      title: fields.title ?? POSTING.title,
      company: fields.company === undefined ? POSTING.company : fields.company,
    },
  });
  return { id: posting.id, title: posting.title, company: posting.company };
}

export async function seedSession(app: TestApp, userId: string, input: SeedSession = {}) {
  const status = input.status ?? "completed";
  const createdAt = input.createdAt ?? new Date();
  const posting = input.posting ?? { id: null, title: POSTING.title, company: POSTING.company };
  const session = await app.db.interviewSession.create({
    data: {
      userId,
      jobPostingId: posting.id,
      status,
      targetQuestions: input.targetQuestions ?? 6,
      currentQuestionNumber: input.answeredCount ?? (input.withExchange ? 1 : 0),
      answeredCount: input.answeredCount ?? (input.withExchange ? 1 : 0),
      retakeNumber: input.retakeNumber ?? 1,
      originalSessionId: input.originalSessionId ?? null,
      postingTitle: posting.title,
      postingCompany: posting.company,
      postingDescription: POSTING.description,
      postingTechStack: POSTING.techStack,
      resumeText: RESUME_TEXT,
      createdAt,
      completedAt: status === "completed" ? new Date(createdAt.getTime() + 30 * 60_000) : null,
    },
  });
  if (input.withExchange) {
    const question = await app.db.sessionMessage.create({
      data: {
        sessionId: session.id,
        kind: "question",
        content: "How would you keep a payment ledger consistent across services?",
        questionNumber: 1,
        questionType: "technical",
        createdAt,
      },
    });
    await app.db.sessionMessage.create({
      data: {
        sessionId: session.id,
        kind: "answer",
        content: "With idempotency keys and an outbox table, so every write is applied exactly once.",
        questionId: question.id,
        createdAt: new Date(createdAt.getTime() + 60_000),
      },
    });
  }
  if (input.scores) {
    const [t, c, p, r] = input.scores;
    await app.db.interviewFeedback.create({
      data: {
        sessionId: session.id,
        technicalAccuracyScore: t,
        communicationClarityScore: c,
        problemSolvingScore: p,
        relevanceScore: r,
        overallScore: mean4(input.scores),
        technicalFeedback: `Technical feedback for ${session.id}`,
        communicationFeedback: "Communication feedback.",
        problemSolvingFeedback: "Problem-solving feedback.",
        relevanceFeedback: "Relevance feedback.",
        overallComments: "Overall comments.",
        knowledgeGaps: ["Capacity planning"],
        learningRecommendations: [
          { topic: "Capacity planning", resource: "Google SRE Book, chapter 18", why: "Size systems with numbers" },
        ],
      },
    });
  }
  return session;
}
