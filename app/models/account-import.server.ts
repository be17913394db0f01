import { randomUUID } from "node:crypto";
import { PriceOverrides } from "#app/costs/prices.ts";
import type { AccountExportV1 } from "#app/export/account-export.ts";
import {
  importKey,
  planImport,
  previewImport,
  readAccountExport,
  type ImportCounts,
  type ImportPlan,
  type ImportPreview,
  type ImportTarget,
} from "#app/export/account-import.server.ts";
import { OperationKind } from "#app/generated/prisma/enums.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/utils/db.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { importReviewItems } from "./review-transfer.server.ts";

/**
 * Bringing an account export in (issue 20): check the file (JSON, our format,
 * a version this installation reads, unchanged since export, valid), show what
 * it will create, and — once the user confirms — write all of it in one
 * transaction. A refused file writes nothing. Importing is idempotent: every
 * record created remembers its original id (ImportedRecord), so importing the
 * same file again creates nothing twice. The pure steps are in app/export/.
 */

export type ImportRefusalCode =
  "not_json" | "not_an_export" | "wrong_version" | "tampered" | "invalid" | "account_not_empty" | "file_too_large" | "not_found";

const STATUS: Record<ImportRefusalCode, number> = {
  not_json: 422,
  not_an_export: 422,
  wrong_version: 422,
  tampered: 422,
  invalid: 422,
  account_not_empty: 409,
  file_too_large: 413,
  not_found: 404,
};

export class ImportRefused extends Refusal<ImportRefusalCode> {
  override name = "ImportRefused";
  constructor(code: ImportRefusalCode, message: string) {
    super(code, message, STATUS[code]);
  }
}

/** The largest export file accepted (about 5,000 interviews' worth of text). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

function readOrRefuse(text: string): AccountExportV1 {
  const read = readAccountExport(text);
  if (!read.ok) throw new ImportRefused(read.problem.code, read.problem.message);
  return read.document;
}

/** What this account has and imported before, as the plan needs it. */
async function importTarget(executor: Tx | typeof db, userId: string): Promise<ImportTarget> {
  const [user, records, resume, postings, sessions] = await Promise.all([
    executor.user.findUniqueOrThrow({ where: { id: userId }, select: { aiModel: true, monthlyBudgetCents: true, priceOverrides: true } }),
    executor.importedRecord.findMany({ where: { userId }, select: { kind: true, originalId: true, newId: true } }),
    executor.resume.findUnique({ where: { userId }, select: { id: true } }),
    executor.jobPosting.findMany({ where: { userId }, select: { id: true } }),
    executor.interviewSession.findMany({ where: { userId }, select: { id: true } }),
  ]);
  const imported = new Map(records.map((r) => [importKey(r.kind as Parameters<typeof importKey>[0], r.originalId), r.newId]));
  const importedIds = new Set(records.map((r) => r.newId));
  const own = (row: { id: string }) => !importedIds.has(row.id);
  const overrides = PriceOverrides.safeParse(user.priceOverrides);
  return {
    imported,
    hasOwnData: Boolean(resume && own(resume)) || postings.some(own) || sessions.some(own),
    hasOwnResume: Boolean(resume && own(resume)),
    settings: {
      aiModel: user.aiModel,
      monthlyBudgetMicros: user.monthlyBudgetCents === null ? null : user.monthlyBudgetCents * 10_000,
      priceOverrides: overrides.success ? overrides.data : {},
    },
    operationKinds: new Set(Object.values(OperationKind)),
  };
}

async function plan(executor: Tx | typeof db, userId: string, document: AccountExportV1) {
  const importPlan = planImport(document, await importTarget(executor, userId), randomUUID);
  return { importPlan, preview: previewImport(document, importPlan) };
}

export type ImportView = { id: string; status: "previewed" | "applied"; preview: ImportPreview | null; appliedAt: Date | null };

/**
 * Step 1: check an uploaded file and keep it for the confirmation. Refused (nothing kept) when the
 * file is not a valid export, or when this account has data of its own.
 */
export async function previewAccountImport(userId: string, fileText: string): Promise<{ importId: string; preview: ImportPreview }> {
  const document = readOrRefuse(fileText);
  const { preview } = await plan(db, userId, document);
  if (preview.refused) throw new ImportRefused("account_not_empty", preview.refused);
  const row = await db.accountImport.create({
    data: { userId, exportId: document.exportId, document: document as unknown as Prisma.InputJsonObject },
    select: { id: true },
  });
  return { importId: row.id, preview };
}

/** An import of this user's, with what it would create now (null once applied), or null when it is not theirs. */
export async function getAccountImport(userId: string, importId: string): Promise<ImportView | null> {
  const row = await db.accountImport.findFirst({ where: { id: importId, userId } });
  if (!row) return null;
  if (row.status === "applied" || !row.document) return { id: row.id, status: "applied", preview: null, appliedAt: row.appliedAt };
  const { preview } = await plan(db, userId, row.document as unknown as AccountExportV1);
  return { id: row.id, status: "previewed", preview, appliedAt: null };
}

/**
 * Step 2, on the user's confirmation: write what the plan creates, in one transaction. The user's
 * row is locked for it, so two confirmations (a double click, two tabs) run one after the other and
 * the second finds everything already imported. Confirming an applied import again does nothing.
 */
export async function applyAccountImport(userId: string, importId: string): Promise<{ created: ImportCounts | null }> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
      const row = await tx.accountImport.findFirst({ where: { id: importId, userId } });
      if (!row) throw new ImportRefused("not_found", "This import was not found. Upload the file again.");
      if (row.status === "applied" || !row.document) return { created: null };
      const created = await writePlan(tx, userId, row.document as unknown as AccountExportV1);
      await tx.accountImport.update({ where: { id: row.id }, data: { status: "applied", document: Prisma.DbNull, appliedAt: new Date() } });
      return { created };
    },
    { timeout: 60_000 },
  );
}

/** The API's one-step import: check, plan and write in one go (or only preview, with dryRun). */
export async function importAccountFile(userId: string, fileText: string, options: { dryRun: boolean }) {
  const document = readOrRefuse(fileText);
  if (options.dryRun) {
    const { preview } = await plan(db, userId, document);
    if (preview.refused) throw new ImportRefused("account_not_empty", preview.refused);
    return { preview, created: null };
  }
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
      const { preview } = await plan(tx, userId, document);
      const created = await writePlan(tx, userId, document);
      return { preview, created };
    },
    { timeout: 60_000 },
  );
}

async function writePlan(tx: Tx, userId: string, document: AccountExportV1): Promise<ImportCounts> {
  const { importPlan, preview } = await plan(tx, userId, document);
  if (importPlan.refused) throw new ImportRefused("account_not_empty", importPlan.refused);
  await write(tx, userId, importPlan);
  await importReviewItems(tx, userId, document.reviewItems, importPlan.interviews); // ── issue 19: review items ──
  return preview.create;
}

async function write(tx: Tx, userId: string, p: ImportPlan) {
  if (p.resume) {
    const { id, content, createdAt, updatedAt } = p.resume;
    await tx.resume.create({ data: { id, userId, content, createdAt, updatedAt } });
  }
  if (p.jobPostings.length) {
    await tx.jobPosting.createMany({
      data: p.jobPostings.map(({ originalId: _o, ...posting }) => ({ ...posting, userId })),
    });
  }
  for (const { session, ids } of p.interviews) {
    const i = session.interview;
    const mapId = (original: string | null) => (original ? (ids.get(original) ?? null) : null);
    await tx.interviewSession.create({
      data: {
        id: session.id,
        userId,
        jobPostingId: session.jobPostingId,
        originalSessionId: session.originalSessionId,
        retakeNumber: i.retakeNumber,
        status: i.status,
        focus: i.focus,
        targetQuestions: i.targetQuestions,
        currentQuestionNumber: i.currentQuestionNumber,
        answeredCount: i.answeredCount,
        repeatQuestions: i.repeatQuestions,
        postingTitle: i.posting.title,
        postingCompany: i.posting.company,
        postingDescription: i.posting.description,
        postingExperienceLevel: i.posting.experienceLevel,
        postingTechStack: i.posting.techStack,
        resumeText: i.resumeText,
        createdAt: new Date(i.createdAt),
        updatedAt: new Date(i.updatedAt),
        completedAt: i.completedAt ? new Date(i.completedAt) : null,
      },
    });
    // Questions before answers: an answer links to its question.
    const messages = [...i.messages].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "question" ? -1 : 1));
    await tx.sessionMessage.createMany({
      data: messages.map((m) => ({
        id: ids.get(m.id)!,
        sessionId: session.id,
        kind: m.kind,
        content: m.content,
        questionNumber: m.questionNumber,
        questionType: m.questionType,
        isFollowUp: m.isFollowUp,
        probes: m.probes,
        questionId: mapId(m.questionId),
        createdAt: new Date(m.createdAt),
      })),
    });
    if (i.evaluations.length) {
      await tx.answerEvaluation.createMany({
        data: i.evaluations.map((e) => ({
          id: ids.get(e.id)!,
          answerId: ids.get(e.answerId)!,
          sessionId: session.id,
          relevanceScore: e.relevance,
          completenessScore: e.completeness,
          technicalCorrectness: e.technicalCorrectness,
          clarityScore: e.clarity,
          summary: e.summary,
          strengths: e.strengths,
          improvements: e.improvements,
          knowledgeGaps: e.knowledgeGaps,
          recommendations: e.recommendations,
          createdAt: new Date(e.createdAt),
        })),
      });
    }
    if (i.feedback) {
      const f = i.feedback;
      await tx.interviewFeedback.create({
        data: {
          id: ids.get(f.id)!,
          sessionId: session.id,
          technicalAccuracyScore: f.technicalAccuracy,
          communicationClarityScore: f.communicationClarity,
          problemSolvingScore: f.problemSolving,
          relevanceScore: f.relevance,
          overallScore: f.overall,
          technicalFeedback: f.technicalFeedback,
          communicationFeedback: f.communicationFeedback,
          problemSolvingFeedback: f.problemSolvingFeedback,
          relevanceFeedback: f.relevanceFeedback,
          overallComments: f.overallComments,
          knowledgeGaps: f.knowledgeGaps,
          learningRecommendations: f.learningRecommendations,
          createdAt: new Date(f.createdAt),
          updatedAt: new Date(f.updatedAt),
        },
      });
    }
  }
  if (p.usage.length) {
    await tx.aiUsage.createMany({
      data: p.usage.map((u) => ({
        id: u.id,
        userId,
        sessionId: u.sessionId,
        kind: u.kind,
        model: u.model,
        inputTokens: u.inputTokens,
        cachedInputTokens: u.cachedInputTokens,
        outputTokens: u.outputTokens,
        audioSeconds: u.audioSeconds,
        speechCharacters: u.speechCharacters,
        failed: u.status === "failed",
        imported: true,
        createdAt: u.createdAt,
      })),
    });
  }
  const { aiModel, monthlyBudgetMicros, priceOverrides } = p.settings;
  if (aiModel !== undefined || monthlyBudgetMicros !== undefined || priceOverrides !== undefined) {
    await tx.user.update({
      where: { id: userId },
      data: {
        ...(aiModel !== undefined ? { aiModel } : {}),
        ...(monthlyBudgetMicros !== undefined ? { monthlyBudgetCents: Math.round(monthlyBudgetMicros / 10_000) } : {}),
        ...(priceOverrides !== undefined ? { priceOverrides: priceOverrides as Prisma.InputJsonObject } : {}),
      },
    });
  }
  if (p.remember.length) {
    await tx.importedRecord.createMany({ data: p.remember.map((r) => ({ userId, kind: r.kind, originalId: r.originalId, newId: r.id })) });
  }
}
