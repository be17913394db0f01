/**
 * `npm run db:seed` — demo data for trying the app without an AI key: a user
 * with a résumé, two job postings and, for the first posting, a completed
 * interview and its retake, each with questions, answers, per-answer
 * evaluations and session feedback (so history, feedback and progress pages
 * have something to show).
 *
 * Idempotent: every record is looked up by its natural key first and only
 * created when missing, so running it again adds nothing. The demo password is
 * random and printed once, when the user is created.
 *
 * DATABASE_URL selects the database; without it, the embedded Postgres of
 * `npm start` is used (attached if running, started for the command if not).
 * The database must be migrated (`npm run db:migrate`, or `npm start`).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { overallScore } from "#app/domain/progress.ts";
import { PrismaClient, type JobPosting } from "#app/generated/prisma/client.ts";
import { hashPassword, isCommonPassword } from "#app/utils/password.server.ts";

export const DEMO_EMAIL = "demo@example.com";

type Client = InstanceType<typeof PrismaClient>;
type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];

const RESUME = `Alex Rivera — Backend engineer
alex.rivera@example.com · Lisbon, Portugal

Summary
Backend engineer with 6 years of experience building APIs and data pipelines in TypeScript and Python.

Experience
Senior Software Engineer, Parcelwise (2022–present)
- Led the move of the shipment-tracking API from a monolith to three Node.js services; p95 latency 480 ms → 120 ms.
- Designed a PostgreSQL job queue (SKIP LOCKED) replacing Redis for 2M jobs a day.
- Mentored four engineers; introduced contract tests between services.

Software Engineer, Finlytics (2019–2022)
- Built the ingestion pipeline for bank statements (Python, Kafka, PostgreSQL).
- Cut monthly cloud costs by 30% by partitioning tables and archiving cold data.

Skills
TypeScript, Node.js, Python, PostgreSQL, Kafka, Docker, Kubernetes, AWS, observability (OpenTelemetry)

Education
BSc Computer Science, University of Porto (2019)`;

const POSTINGS = [
  {
    title: "Senior Backend Engineer",
    company: "Northwind Logistics",
    experienceLevel: "senior" as const,
    techStack: ["TypeScript", "Node.js", "PostgreSQL", "AWS", "Kafka"],
    url: "https://jobs.example.com/northwind/senior-backend-engineer",
    description: `Northwind moves 40,000 parcels a day across Europe. You will own the services that plan routes and track deliveries.

What you'll do
- Design and run Node.js/TypeScript services on AWS with PostgreSQL and Kafka.
- Make the tracking pipeline reliable under peak load (10x in December).
- Review designs, mentor engineers and improve our on-call practices.

What we look for
- 5+ years building backend systems in production.
- Deep PostgreSQL knowledge: indexing, query plans, locking.
- Experience with event-driven systems and their failure modes.`,
  },
  {
    title: "Platform Engineer",
    company: "Brightpath Health",
    experienceLevel: "mid" as const,
    techStack: ["Kubernetes", "Terraform", "Go", "PostgreSQL"],
    url: null,
    description: `Brightpath builds scheduling software for clinics. Our platform team gives 60 engineers a paved road to production.

What you'll do
- Run our Kubernetes clusters and the Terraform that describes them.
- Build internal tooling in Go for deployments and database migrations.
- Improve observability and incident response.

What we look for
- 3+ years of infrastructure or platform work.
- Kubernetes in production; infrastructure as code.
- Healthcare or compliance experience is a plus.`,
  },
];

type DemoAnswer = {
  question: string;
  type: "technical" | "behavioral" | "project" | "situational";
  answer: string;
  scores: [relevance: number, completeness: number, correctness: number, clarity: number];
  summary: string;
  strengths: string[];
  improvements: string[];
  knowledgeGaps: string[];
};

type DemoAttempt = {
  daysAgo: number;
  answers: DemoAnswer[];
  feedback: {
    technicalAccuracy: number;
    communicationClarity: number;
    problemSolving: number;
    relevance: number;
    technicalFeedback: string;
    communicationFeedback: string;
    problemSolvingFeedback: string;
    relevanceFeedback: string;
    overallComments: string;
    knowledgeGaps: string[];
  };
};

const RECOMMENDATION = {
  topic: "PostgreSQL locking",
  resource: "PostgreSQL documentation, chapter 13 “Concurrency Control”",
  why: "Explains row-level locks and SKIP LOCKED, which came up in your queue answer.",
};

/** The first attempt and its retake for the first posting: the retake scores better. */
const ATTEMPTS: DemoAttempt[] = [
  {
    daysAgo: 9,
    answers: [
      {
        question: "You moved the tracking API from a monolith to three services. How did you decide where to split it?",
        type: "project",
        answer:
          "We split along the data each part owned: shipments, tracking events and notifications. Each got its own database schema so teams could deploy independently.",
        scores: [78, 60, 72, 70],
        summary: "A sound split criterion, but little about the migration itself or what went wrong.",
        strengths: ["Splits by data ownership, not by technical layer"],
        improvements: ["Describe how traffic moved over (strangler pattern, dual writes)", "Mention a trade-off you accepted"],
        knowledgeGaps: ["Data consistency across services"],
      },
      {
        question: "How would you build a job queue on PostgreSQL that several workers consume safely?",
        type: "technical",
        answer:
          "A jobs table with a status column. Workers select a pending row and update it to running. We used SELECT ... FOR UPDATE so two workers don't take the same job.",
        scores: [80, 55, 62, 68],
        summary: "Correct basic idea; FOR UPDATE alone makes workers wait on each other, and retries and stuck jobs are missing.",
        strengths: ["Knows that row locks are needed"],
        improvements: ["Use FOR UPDATE SKIP LOCKED so workers skip locked rows", "Cover retries, visibility timeouts and stuck jobs"],
        knowledgeGaps: ["SKIP LOCKED", "At-least-once delivery and idempotent handlers"],
      },
      {
        question: "Tell me about a time you disagreed with a technical decision made by your team.",
        type: "behavioral",
        answer: "I thought we should use Kafka instead of RabbitMQ. I wrote a document and in the end we went with Kafka.",
        scores: [70, 45, 65, 60],
        summary: "Relevant, but the story lacks the situation, your reasoning and what you learned.",
        strengths: ["Chose a written proposal over arguing in meetings"],
        improvements: ["Use the STAR structure: situation, task, action, result", "Say how you handled the people who disagreed"],
        knowledgeGaps: [],
      },
    ],
    feedback: {
      technicalAccuracy: 64,
      communicationClarity: 66,
      problemSolving: 58,
      relevance: 76,
      technicalFeedback:
        "Your fundamentals are right, but answers stop at the first correct idea. Go one level deeper: locking modes, failure cases, retries.",
      communicationFeedback: "Clear and concise, sometimes too short: the interviewer had to guess the context of your stories.",
      problemSolvingFeedback:
        "You describe what you built more than how you weighed alternatives. Name the options and why you picked one.",
      relevanceFeedback: "Answers stay on topic and draw on experience that matches the posting well.",
      overallComments: "A solid base for a senior role. Practise structured stories and explain trade-offs explicitly.",
      knowledgeGaps: ["SKIP LOCKED and queue semantics", "Consistency across services"],
    },
  },
  {
    daysAgo: 2,
    answers: [
      {
        question: "How did you keep data consistent while moving the tracking API out of the monolith?",
        type: "project",
        answer:
          "We used the strangler pattern: a proxy sent reads to the new service first, then writes. During the switch the monolith published change events through an outbox table, so the new service caught up without dual writes. We accepted a few seconds of staleness on tracking pages.",
        scores: [88, 82, 84, 85],
        summary: "Clear migration story with a named pattern and an explicit trade-off.",
        strengths: ["Outbox pattern instead of dual writes", "States the staleness trade-off"],
        improvements: ["Add how you verified the two systems agreed before cutting over"],
        knowledgeGaps: [],
      },
      {
        question: "Your PostgreSQL job queue must survive a worker crashing mid-job. How?",
        type: "technical",
        answer:
          "Workers claim jobs with FOR UPDATE SKIP LOCKED and record a heartbeat. A supervisor re-queues jobs whose heartbeat is older than a threshold, with a retry limit and backoff. Handlers are idempotent, because delivery is at least once.",
        scores: [90, 85, 88, 84],
        summary: "Complete and correct: skip locked, heartbeats, retries and idempotency.",
        strengths: ["Covers at-least-once delivery", "Bounded retries with backoff"],
        improvements: ["Mention a dead-letter queue for jobs that keep failing"],
        knowledgeGaps: [],
      },
      {
        question: "Tell me about a time you changed your mind after a technical disagreement.",
        type: "behavioral",
        answer:
          "Situation: I pushed for Kafka for our ingestion pipeline. Task: convince a team used to RabbitMQ. Action: I ran a one-week spike measuring both with our real load and invited the sceptics to define the criteria. Result: RabbitMQ met our needs at a third of the operational cost, so I changed my proposal; we revisited Kafka a year later when volume grew.",
        scores: [86, 84, 80, 88],
        summary: "Well structured (STAR) and shows openness to evidence.",
        strengths: ["Let others define the success criteria", "Honest about being wrong"],
        improvements: ["Quantify the result a little more"],
        knowledgeGaps: [],
      },
    ],
    feedback: {
      technicalAccuracy: 86,
      communicationClarity: 84,
      problemSolving: 82,
      relevance: 88,
      technicalFeedback: "Accurate and deep: you covered failure modes without being asked.",
      communicationFeedback: "Structured answers that are easy to follow; the STAR story worked well.",
      problemSolvingFeedback: "You now name alternatives and the trade-off you accepted. Keep doing that.",
      relevanceFeedback: "Every answer tied back to the posting's focus on reliability under load.",
      overallComments: "A clear improvement on your first attempt. You are ready for this interview; polish the numbers in your stories.",
      knowledgeGaps: ["Dead-letter queues"],
    },
  },
];

export type SeedResult = {
  created: string[];
  existing: string[];
  /** Only when the user was created now (it is stored hashed, never shown again). */
  password?: string;
  userId: string;
};

function daysAgo(days: number, plusMinutes = 0) {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000 + plusMinutes * 60 * 1000);
}

async function createAttempt(
  tx: Tx,
  input: { userId: string; posting: JobPosting },
  attempt: DemoAttempt,
  retake: { number: number; originalSessionId: string | null },
) {
  const startedAt = daysAgo(attempt.daysAgo);
  const session = await tx.interviewSession.create({
    data: {
      userId: input.userId,
      jobPostingId: input.posting.id,
      status: "completed",
      targetQuestions: attempt.answers.length,
      currentQuestionNumber: attempt.answers.length,
      answeredCount: attempt.answers.length,
      retakeNumber: retake.number,
      originalSessionId: retake.originalSessionId,
      postingTitle: input.posting.title,
      postingCompany: input.posting.company,
      postingDescription: input.posting.description,
      postingExperienceLevel: input.posting.experienceLevel,
      postingTechStack: input.posting.techStack,
      resumeText: RESUME,
      createdAt: startedAt,
      completedAt: daysAgo(attempt.daysAgo, 40),
    },
  });
  for (const [index, item] of attempt.answers.entries()) {
    const question = await tx.sessionMessage.create({
      data: {
        sessionId: session.id,
        kind: "question",
        content: item.question,
        questionNumber: index + 1,
        questionType: item.type,
        createdAt: daysAgo(attempt.daysAgo, index * 10 + 1),
      },
    });
    const answer = await tx.sessionMessage.create({
      data: {
        sessionId: session.id,
        kind: "answer",
        content: item.answer,
        questionId: question.id,
        createdAt: daysAgo(attempt.daysAgo, index * 10 + 6),
      },
    });
    const [relevance, completeness, correctness, clarity] = item.scores;
    await tx.answerEvaluation.create({
      data: {
        answerId: answer.id,
        sessionId: session.id,
        relevanceScore: relevance,
        completenessScore: completeness,
        technicalCorrectness: correctness,
        clarityScore: clarity,
        summary: item.summary,
        strengths: item.strengths,
        improvements: item.improvements,
        knowledgeGaps: item.knowledgeGaps,
        recommendations: item.knowledgeGaps.length ? [RECOMMENDATION] : [],
        createdAt: daysAgo(attempt.daysAgo, index * 10 + 7),
      },
    });
  }
  const f = attempt.feedback;
  await tx.interviewFeedback.create({
    data: {
      sessionId: session.id,
      technicalAccuracyScore: f.technicalAccuracy,
      communicationClarityScore: f.communicationClarity,
      problemSolvingScore: f.problemSolving,
      relevanceScore: f.relevance,
      overallScore: overallScore(f), // the app's own rule: the mean of the four dimensions
      technicalFeedback: f.technicalFeedback,
      communicationFeedback: f.communicationFeedback,
      problemSolvingFeedback: f.problemSolvingFeedback,
      relevanceFeedback: f.relevanceFeedback,
      overallComments: f.overallComments,
      knowledgeGaps: f.knowledgeGaps,
      learningRecommendations: [RECOMMENDATION],
      createdAt: daysAgo(attempt.daysAgo, 41),
    },
  });
  return session;
}

/** Create whatever part of the demo data is missing. */
export async function seedDemoData(databaseUrl: string): Promise<SeedResult> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  const created: string[] = [];
  const existing: string[] = [];
  let password: string | undefined;
  try {
    const [migrated] = await db.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('public.users') IS NOT NULL AS exists`;
    if (!migrated?.exists) throw new Error("The database has no tables yet: run `npm run db:migrate` (or `npm start`) first.");

    let user = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
    if (user) {
      existing.push(`user ${DEMO_EMAIL}`);
    } else {
      do password = randomBytes(12).toString("base64url");
      while (isCommonPassword(password));
      user = await db.user.create({ data: { email: DEMO_EMAIL, passwordHash: await hashPassword(password) } });
      created.push(`user ${DEMO_EMAIL}`);
    }
    const userId = user.id;

    if (await db.resume.findUnique({ where: { userId } })) existing.push("résumé");
    else {
      await db.resume.create({ data: { userId, content: RESUME } });
      created.push("résumé");
    }

    const postings = [];
    for (const [index, data] of POSTINGS.entries()) {
      const found = await db.jobPosting.findFirst({ where: { userId, title: data.title, company: data.company } });
      if (found) existing.push(`job posting "${data.title}"`);
      else created.push(`job posting "${data.title}"`);
      postings.push(found ?? (await db.jobPosting.create({ data: { userId, ...data, createdAt: daysAgo(14 - index) } })));
    }

    // Two completed attempts at the first posting: the original and its retake.
    const posting = postings[0]!;
    let originalSessionId: string | null = null;
    for (const [index, attempt] of ATTEMPTS.entries()) {
      const retakeNumber = index + 1;
      const label = `completed interview for "${posting.title}" (attempt ${retakeNumber})`;
      const found = await db.interviewSession.findFirst({ where: { userId, jobPostingId: posting.id, retakeNumber } });
      if (found) {
        existing.push(label);
        originalSessionId ??= found.id;
        continue;
      }
      const session = await db.$transaction((tx) =>
        createAttempt(tx, { userId, posting }, attempt, { number: retakeNumber, originalSessionId }),
      );
      originalSessionId ??= session.id;
      created.push(`${label} with ${attempt.answers.length} questions, answers, evaluations and feedback`);
    }
    return { created, existing, password, userId };
  } finally {
    await db.$disconnect();
  }
}

/** DATABASE_URL, or the local embedded Postgres (attached when `npm start` runs it). */
async function resolveDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, close: async () => {} };
  const { localDatabase } = await import("../scripts/lib/local-database.ts");
  return localDatabase();
}

async function main() {
  const database = await resolveDatabase();
  try {
    const result = await seedDemoData(database.url);
    for (const line of result.created) console.log(`Created ${line}`);
    for (const line of result.existing) console.log(`Already there: ${line}`);
    if (result.password) {
      console.log(`\nSign in as ${DEMO_EMAIL} with the password: ${result.password}`);
      console.log("It is shown only this once (stored hashed). Change it in Settings, or delete the user and seed again.");
    } else if (!result.created.length) {
      console.log("\nNothing to do: the demo data is complete.");
    }
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    console.error(`Seeding failed: ${error.message}`);
    process.exitCode = 1;
  });
}
