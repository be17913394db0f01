import { z } from "zod";
import { QUESTION_TYPES } from "#app/ai/schemas.ts";
import { PriceOverrides } from "#app/costs/prices.ts";
import { ANSWER_LIMITS, TARGET_QUESTIONS } from "#app/domain/interview-rules.ts";
import { EXPERIENCE_LEVELS, POSTING_LIMITS } from "#app/domain/job-posting-fields.ts";
import { RESUME_MAX_CHARS } from "#app/domain/resume-text.ts";
import { cleanText } from "#app/utils/clean-text.ts";

/**
 * The account export, VERSION 1 — frozen: files of version 1 are still read
 * (app/export/account-export.ts upgrades them to the current version). Change
 * nothing here; the current version builds on these pieces.
 *
 * The account export, version 1: everything a user has here, in one JSON
 * document that another installation can read back (docs/export-format.md,
 * JSON Schema in docs/export-schema.json, generated from this file).
 *
 * The schema is also the allow-list of what may leave the server: the export
 * is built by parsing through it, and zod drops every key it does not name,
 * so a password hash, API key or login token handed to the builder by
 * mistake never reaches the file. On import the same schema bounds every
 * field by the limits the app's own forms apply, so an import cannot store
 * what the app would refuse. Minimum lengths are not enforced: history
 * written under older rules stays importable.
 *
 * Ids are the ones of the installation that wrote the file; the importer
 * maps them to new ids (app/export/account-import.server.ts).
 */

export const EXPORT_FORMAT = "ai-interviewer/account-export";
export const EXPORT_VERSION_1 = 1;

export const Id = z.uuid();
export const Timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601 date-time, UTC");
// Cleaned as the app's forms clean what people type (control characters out, lone surrogates replaced): an
// import stores what the forms would. This accepts every file it accepted before, so the format is unchanged.
export const text = (max: number) => z.string().overwrite(cleanText).max(max);
export const items = (maxItems: number, maxChars = 1_000) => z.array(text(maxChars)).max(maxItems);
export const Score = z.int().min(0).max(100);
export const Count = z.int().min(0);

// What the model wrote has no length limit of its own: generous bounds, so that no real export fails them.
export const MODEL_TEXT = 20_000;
export const MODEL_ITEM = 5_000;
export const Recommendation = z.object({ topic: text(MODEL_ITEM), resource: text(MODEL_ITEM), why: text(MODEL_ITEM) });

export const Profile = z
  .object({
    email: text(320).describe("The account's sign-in email (replaced by a placeholder in a redacted export)"),
    createdAt: Timestamp,
    aiModel: text(200).nullable().describe("The model chosen in Settings; null = the server's default"),
    aiBaseUrl: text(2_000).nullable().describe("The AI endpoint chosen in Settings; shown on import, never applied by it"),
    monthlyBudgetMicros: Count.nullable().optional().describe("Monthly AI budget in micro-dollars (1 USD = 1,000,000); null = none"),
    priceOverrides: z.optional(PriceOverrides).describe("The user's own model prices, USD per 1M tokens / per minute"),
  })
  .describe("The account, without secrets: no password hash, API key or login tokens");

export const Resume = z.object({ id: Id, content: text(RESUME_MAX_CHARS), createdAt: Timestamp, updatedAt: Timestamp });

export const JobPosting = z.object({
  id: Id,
  title: text(POSTING_LIMITS.title),
  company: text(POSTING_LIMITS.company).nullable(),
  description: text(POSTING_LIMITS.descriptionMax),
  experienceLevel: z.enum(EXPERIENCE_LEVELS).nullable(),
  techStack: items(POSTING_LIMITS.techItems, POSTING_LIMITS.techItemChars),
  url: text(POSTING_LIMITS.url).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Message = z.object({
  id: Id,
  kind: z.enum(["question", "answer"]),
  content: text(Math.max(ANSWER_LIMITS.max, 5_000)),
  createdAt: Timestamp,
  /** Questions only. */
  questionNumber: z.int().min(1).max(1_000).nullable(),
  questionType: z.enum(QUESTION_TYPES).nullable(),
  isFollowUp: z.boolean(),
  probes: text(MODEL_ITEM).nullable(),
  /** Answers only: the id of the question answered. */
  questionId: Id.nullable(),
});

const Evidence = z.object({
  about: z.enum(["strength", "improvement"]),
  text: text(MODEL_ITEM),
  quote: text(MODEL_ITEM),
  verified: z.boolean(),
});

export const Evaluation = z.object({
  id: Id,
  answerId: Id,
  relevance: Score,
  completeness: Score,
  technicalCorrectness: Score,
  clarity: Score,
  summary: text(MODEL_TEXT),
  strengths: items(50, MODEL_ITEM),
  improvements: items(50, MODEL_ITEM),
  knowledgeGaps: items(50, MODEL_ITEM),
  recommendations: z.array(Recommendation).max(50),
  /** Written by later versions of the grader (issue 17); absent in older exports. */
  evidence: z.array(Evidence).max(100).optional(),
  rubricVersion: text(50).nullable().optional(),
  graderModel: text(200).nullable().optional(),
  createdAt: Timestamp,
});

export const Feedback = z.object({
  id: Id,
  technicalAccuracy: Score,
  communicationClarity: Score,
  problemSolving: Score,
  relevance: Score,
  overall: z.number().min(0).max(100).describe("The mean of the four scores"),
  technicalFeedback: text(MODEL_TEXT),
  communicationFeedback: text(MODEL_TEXT),
  problemSolvingFeedback: text(MODEL_TEXT),
  relevanceFeedback: text(MODEL_TEXT),
  overallComments: text(MODEL_TEXT),
  knowledgeGaps: items(50, MODEL_ITEM),
  learningRecommendations: z.array(Recommendation).max(50),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Interview = z.object({
  id: Id,
  jobPostingId: Id.nullable().describe("The posting it was for, if still in the export; the snapshot below keeps the history whole"),
  originalInterviewId: Id.nullable().describe("The first attempt of a chain of retakes; null for first attempts"),
  retakeNumber: z.int().min(1).max(10_000),
  status: z.enum(["active", "paused", "completed"]),
  focus: z.enum(["balanced", "technical", "behavioral", "weakest_first"]),
  targetQuestions: z
    .int()
    .min(1)
    .max(TARGET_QUESTIONS.max * 4),
  currentQuestionNumber: Count,
  answeredCount: Count,
  repeatQuestions: z.boolean(),
  posting: z
    .object({
      title: text(POSTING_LIMITS.title),
      company: text(POSTING_LIMITS.company).nullable(),
      description: text(POSTING_LIMITS.descriptionMax),
      experienceLevel: z.enum(EXPERIENCE_LEVELS).nullable(),
      techStack: items(POSTING_LIMITS.techItems, POSTING_LIMITS.techItemChars),
    })
    .describe("The posting as it was when the interview started"),
  resumeText: text(RESUME_MAX_CHARS).describe("The résumé as it was when the interview started"),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  completedAt: Timestamp.nullable(),
  messages: z.array(Message).max(500),
  evaluations: z.array(Evaluation).max(250),
  feedback: Feedback.nullable(),
});

export const UsageRecord = z
  .object({
    id: Id.describe("This record's id (one per provider call)"),
    operationId: Id.nullable().describe("The AI operation this call served; null once it was deleted with its interview"),
    interviewId: Id.nullable().describe("The interview it was for; null for work outside an interview, or once the interview was deleted"),
    kind: text(60).describe("The kind of AI work, e.g. question_generation, answer_evaluation, session_feedback"),
    status: z.enum(["completed", "failed"]),
    createdAt: Timestamp,
    model: text(200).nullable(),
    inputTokens: Count.nullable(),
    cachedInputTokens: Count.nullable(),
    outputTokens: Count.nullable(),
    audioSeconds: z.number().min(0).nullable(),
    speechCharacters: Count.nullable(),
  })
  .describe("What one AI request (one provider call) consumed; null = the provider did not report it");

const SkillData = z
  .object({
    schemaVersion: z.int().min(1),
    data: z.json(),
  })
  .describe("Skill maps and drills (a later version fills this in; importers that do not know its schemaVersion skip it)");

export const ExportChecksum = z
  .object({ algorithm: z.literal("sha256"), value: z.string().regex(/^[0-9a-f]{64}$/) })
  .describe("SHA-256 of the canonical JSON of the document without this field: keys sorted, no whitespace");

/** The document without its checksum: what the exporter assembles and the checksum covers. */
export const AccountExportContentV1 = z.object({
  format: z.literal(EXPORT_FORMAT),
  exportVersion: z.literal(EXPORT_VERSION_1),
  exportId: Id.describe("Unique per export file"),
  exportedAt: Timestamp,
  appVersion: text(50).describe("The version of the app that wrote the file"),
  redacted: z.boolean().describe("True when email addresses, phone numbers and the résumé's names were replaced by placeholders"),
  profile: Profile,
  resume: Resume.nullable(),
  jobPostings: z.array(JobPosting).max(10_000),
  interviews: z.array(Interview).max(100_000),
  usage: z.array(UsageRecord).max(1_000_000),
  skillData: SkillData.optional(),
});
export type AccountExportContentV1 = z.infer<typeof AccountExportContentV1>;

export const AccountExportV1 = AccountExportContentV1.extend({ checksum: ExportChecksum })
  .superRefine((doc, ctx) => {
    for (const problem of integrityProblems(doc)) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
  })
  .describe("An ai-interviewer account export, version 1");

export type AccountExportV1 = z.infer<typeof AccountExportV1>;

/**
 * The links inside the document must hold, or an import would attach rows to
 * nothing (or to the wrong thing): unique ids, answers pointing at questions
 * of the same interview, evaluations at answers, retakes at interviews and
 * postings in the file.
 */
export function integrityProblems(doc: Pick<AccountExportContentV1, "resume" | "jobPostings" | "interviews" | "usage">) {
  const problems: Array<{ message: string; path: PropertyKey[] }> = [];
  const seen = new Set<string>();
  const unique = (id: string, path: PropertyKey[]) => {
    if (seen.has(id)) problems.push({ message: `The id ${id} is used twice`, path });
    seen.add(id);
  };
  if (doc.resume) unique(doc.resume.id, ["resume", "id"]);
  const postings = new Set(doc.jobPostings.map((p) => p.id));
  doc.jobPostings.forEach((p, i) => unique(p.id, ["jobPostings", i, "id"]));
  const interviews = new Set(doc.interviews.map((s) => s.id));
  doc.interviews.forEach((s, i) => {
    const at = ["interviews", i];
    unique(s.id, [...at, "id"]);
    if (s.jobPostingId && !postings.has(s.jobPostingId)) {
      problems.push({ message: "The interview's job posting is not in the file", path: [...at, "jobPostingId"] });
    }
    if (s.originalInterviewId && !interviews.has(s.originalInterviewId)) {
      problems.push({ message: "The interview's first attempt is not in the file", path: [...at, "originalInterviewId"] });
    }
    const questions = new Set(s.messages.filter((m) => m.kind === "question").map((m) => m.id));
    const answers = new Set<string>();
    const answered = new Set<string>();
    s.messages.forEach((m, j) => {
      unique(m.id, [...at, "messages", j, "id"]);
      if (m.kind === "answer") {
        answers.add(m.id);
        if (!m.questionId || !questions.has(m.questionId)) {
          problems.push({
            message: "An answer must point at a question of the same interview",
            path: [...at, "messages", j, "questionId"],
          });
        } else if (answered.has(m.questionId)) {
          problems.push({ message: "A question has two answers", path: [...at, "messages", j, "questionId"] });
        } else answered.add(m.questionId);
      } else if (m.questionNumber === null || m.questionId !== null) {
        problems.push({ message: "A question needs a number and points at no other message", path: [...at, "messages", j] });
      }
    });
    const evaluated = new Set<string>();
    s.evaluations.forEach((e, j) => {
      unique(e.id, [...at, "evaluations", j, "id"]);
      if (!answers.has(e.answerId) || evaluated.has(e.answerId)) {
        problems.push({
          message: "An evaluation must point at an answer of the same interview, once",
          path: [...at, "evaluations", j, "answerId"],
        });
      }
      evaluated.add(e.answerId);
    });
    if (s.feedback) unique(s.feedback.id, [...at, "feedback", "id"]);
  });
  doc.usage.forEach((u, i) => {
    unique(u.id, ["usage", i, "id"]);
    if (u.interviewId && !interviews.has(u.interviewId)) {
      problems.push({ message: "The usage record's interview is not in the file", path: ["usage", i, "interviewId"] });
    }
  });
  return problems;
}
