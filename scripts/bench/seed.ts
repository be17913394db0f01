/**
 * Benchmark data: one user with N completed sessions of Q questions each, all
 * answered, evaluated and scored — written straight to the database (fast and
 * deterministic), the user's password and API key stored the real way.
 */
import { randomUUID } from "node:crypto";

export const BENCH_PASSWORD = "benchmark passphrase 2026";

export async function seedBenchUser(databaseUrl: string, options: { sessions: number; questions: number; email?: string }) {
  process.env.DATABASE_URL = databaseUrl;
  Object.assign(process.env, (await import("./environment.ts")).BENCH_SECRETS);
  const { db } = await import("../../app/utils/db.server.ts");
  const { hashPassword } = await import("../../app/utils/password.server.ts");
  const { saveApiKey } = await import("../../app/models/ai-provider.server.ts");
  const { postingSnapshot } = await import("../../app/models/interview.server.ts");
  const email = options.email ?? `bench-${randomUUID().slice(0, 8)}@example.com`;
  const user = await db.user.create({ data: { email, passwordHash: await hashPassword(BENCH_PASSWORD) } });
  await saveApiKey(user.id, "sk-bench-key-000000000000");
  const resume = "Senior engineer with ten years of backend work. ".repeat(20);
  await db.resume.create({ data: { userId: user.id, content: resume } });
  const posting = await db.jobPosting.create({
    data: {
      userId: user.id,
      title: "Staff Backend Engineer",
      company: "Bench Corp",
      description: "Own the reliability of our payment ledger and scale PostgreSQL. ".repeat(10),
      techStack: ["TypeScript", "PostgreSQL", "Kafka"],
      experienceLevel: "staff",
    },
  });
  // What every session copies from the posting and résumé when it starts.
  const snapshot = { userId: user.id, ...postingSnapshot(posting), resumeText: resume };
  const sessionIds: string[] = [];
  const operationIds: string[] = [];
  const day = 24 * 60 * 60 * 1000;
  for (let s = 0; s < options.sessions; s++) {
    const sessionId = randomUUID();
    const created = new Date(Date.now() - (options.sessions - s) * day);
    sessionIds.push(sessionId);
    await db.interviewSession.create({
      data: {
        id: sessionId,
        ...snapshot,
        status: "completed",
        targetQuestions: options.questions,
        currentQuestionNumber: options.questions,
        answeredCount: options.questions,
        retakeNumber: s + 1,
        originalSessionId: s === 0 ? null : sessionIds[0],
        createdAt: created,
        completedAt: new Date(created.getTime() + 30 * 60 * 1000),
      },
    });
    const messages = [];
    const evaluations = [];
    for (let q = 1; q <= options.questions; q++) {
      const questionId = randomUUID();
      const answerId = randomUUID();
      const at = new Date(created.getTime() + q * 60_000);
      messages.push(
        {
          id: questionId,
          sessionId,
          kind: "question" as const,
          content: `Question ${q} of session ${s}: how would you scale the ledger?`,
          questionNumber: q,
          questionType: (["technical", "behavioral", "project", "situational"] as const)[q % 4],
          createdAt: at,
        },
        {
          id: answerId,
          sessionId,
          kind: "answer" as const,
          content: `A thoughtful answer number ${q}. `.repeat(15),
          questionId,
          createdAt: new Date(at.getTime() + 30_000),
        },
      );
      evaluations.push({
        answerId,
        sessionId,
        relevanceScore: 60 + ((s + q) % 35),
        completenessScore: 55 + ((s * q) % 40),
        technicalCorrectness: 65 + (q % 30),
        clarityScore: 70 + (s % 25),
        summary: "Relevant and structured; add a concrete example.",
        strengths: ["Clear structure", "Relevant example"],
        improvements: ["Quantify the impact"],
        knowledgeGaps: ["Capacity planning"],
        recommendations: [{ topic: "Capacity planning", resource: "Google SRE Book ch. 18", why: "sizing" }],
      });
    }
    await db.sessionMessage.createMany({ data: messages });
    await db.answerEvaluation.createMany({ data: evaluations });
    const scores = [60 + (s % 30), 65 + ((s * 3) % 30), 55 + ((s * 7) % 40), 70 + (s % 20)] as const;
    await db.interviewFeedback.create({
      data: {
        sessionId,
        technicalAccuracyScore: scores[0],
        communicationClarityScore: scores[1],
        problemSolvingScore: scores[2],
        relevanceScore: scores[3],
        overallScore: (scores[0] + scores[1] + scores[2] + scores[3]) / 4,
        technicalFeedback: "Solid.",
        communicationFeedback: "Clear.",
        problemSolvingFeedback: "Structured.",
        relevanceFeedback: "On target.",
        overallComments: "Good progress.",
        knowledgeGaps: ["Capacity planning"],
        learningRecommendations: [{ topic: "Capacity planning", resource: "SRE Book", why: "sizing" }],
      },
    });
    const op = await db.operation.create({
      data: {
        userId: user.id,
        sessionId,
        kind: "session_feedback",
        status: "completed",
        result: { overallScore: 70 },
        finishedAt: new Date(),
      },
    });
    operationIds.push(op.id);
  }
  /** An interview under way (question 3 of 6 waiting for its answer): the page a user spends the most time on. */
  async function seedSessionInProgress() {
    const session = await db.interviewSession.create({
      data: {
        ...snapshot,
        status: "active",
        targetQuestions: 6,
        currentQuestionNumber: 3,
        answeredCount: 2,
        retakeNumber: options.sessions + 1,
      },
    });
    for (let q = 1; q <= 3; q++) {
      const question = await db.sessionMessage.create({
        data: {
          sessionId: session.id,
          kind: "question",
          content: `Question ${q}: how would you scale the ledger?`,
          questionNumber: q,
          questionType: "technical",
        },
      });
      if (q < 3) {
        await db.sessionMessage.create({
          data: { sessionId: session.id, kind: "answer", content: `A thoughtful answer number ${q}. `.repeat(15), questionId: question.id },
        });
      }
    }
    return session.id;
  }
  return {
    email,
    userId: user.id,
    postingId: posting.id,
    sessionIds,
    operationIds,
    seedSessionInProgress,
    disconnect: async () => (await import("../../app/utils/db.server.ts")).disconnectDb(),
  };
}
