import { randomUUID } from "node:crypto";
import type { AccountExport, ExportedInterview } from "#app/export/account-export.ts";
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
import { AUDIO_FORMATS } from "#app/domain/audio-file.ts";
import { OperationKind } from "#app/generated/prisma/enums.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { db, type Tx } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { recheckEvidence } from "#app/ai/grading/quotes.ts";
import { importReviewItems } from "./review-transfer.server.ts";
import { consume, waitTime } from "./rate-limit.server.ts";
import { centsToMicros, readOverrides } from "./usage.server.ts";
import { storedVoiceSettings, voiceSettingsSelect } from "./voice.server.ts";

/**
 * Bringing an account export in (issue 20): check the file (JSON, our format,
 * a version this installation reads, unchanged since export, valid), show what
 * it will create, and — once the user confirms — write all of it in one
 * transaction. A refused file writes nothing. Importing is idempotent: every
 * record created remembers its original id (ImportedRecord), so importing the
 * same file again creates nothing twice. The pure steps are in app/export/.
 */

export type ImportRefusalCode =
  | "not_json"
  | "not_an_export"
  | "wrong_version"
  | "tampered"
  | "invalid"
  | "account_not_empty"
  | "file_too_large"
  | "not_found"
  | "too_many_imports"
  | "too_many_job_postings";

const STATUS: Record<ImportRefusalCode, number> = {
  not_json: 422,
  not_an_export: 422,
  wrong_version: 422,
  tampered: 422,
  invalid: 422,
  account_not_empty: 409,
  file_too_large: 413,
  not_found: 404,
  too_many_imports: 429,
  too_many_job_postings: 422,
};

export class ImportRefused extends Refusal<ImportRefusalCode> {
  override name = "ImportRefused";
  constructor(code: ImportRefusalCode, message: string, details: { retryAfterSeconds?: number } = {}) {
    super(code, message, STATUS[code], details);
  }
}

/** One slot of the user's hourly imports, taken before the file is read (RATE_LIMIT_IMPORTS_PER_HOUR). */
async function takeImportSlot(userId: string) {
  const refused = await consume(["import_user", userId]);
  if (refused) {
    throw new ImportRefused(
      "too_many_imports",
      `You have uploaded ${env().RATE_LIMIT_IMPORTS_PER_HOUR} export files in the last hour. Please wait ${waitTime(refused.retryAfterSeconds)} and try again.`,
      { retryAfterSeconds: refused.retryAfterSeconds },
    );
  }
}

export { IMPORT_MAX_BYTES } from "#app/export/account-export.ts";

function readOrRefuse(text: string): AccountExport {
  const read = readAccountExport(text);
  if (!read.ok) throw new ImportRefused(read.problem.code, read.problem.message);
  return read.document;
}

/** What this account has and imported before, as the plan needs it, and how many job postings it has. */
async function importTarget(executor: Tx | typeof db, userId: string): Promise<ImportTarget & { jobPostingCount: number }> {
  // One query after another: inside the import's transaction they share one connection, where
  // parallel queries only queue (and pg deprecates sending one while another runs).
  const user = await executor.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      aiModel: true,
      aiGraderModel: true,
      monthlyBudgetCents: true,
      priceOverrides: true,
      ...voiceSettingsSelect,
    },
  });
  const records = await executor.importedRecord.findMany({ where: { userId }, select: { kind: true, originalId: true, newId: true } });
  const resume = await executor.resume.findUnique({ where: { userId }, select: { id: true } });
  const postings = await executor.jobPosting.findMany({ where: { userId }, select: { id: true } });
  const sessions = await executor.interviewSession.findMany({ where: { userId }, select: { id: true } });
  const imported = new Map(records.map((r) => [importKey(r.kind as Parameters<typeof importKey>[0], r.originalId), r.newId]));
  const importedIds = new Set(records.map((r) => r.newId));
  const own = (row: { id: string }) => !importedIds.has(row.id);
  return {
    imported,
    hasOwnData: Boolean(resume && own(resume)) || postings.some(own) || sessions.some(own),
    hasOwnResume: Boolean(resume && own(resume)),
    settings: {
      aiModel: user.aiModel,
      aiGraderModel: user.aiGraderModel,
      voice: storedVoiceSettings(user),
      monthlyBudgetMicros: centsToMicros(user.monthlyBudgetCents),
      priceOverrides: readOverrides(user.priceOverrides),
    },
    operationKinds: new Set(Object.values(OperationKind)),
    jobPostingCount: postings.length,
  };
}

/**
 * The plan, its preview and — when nothing may be imported — why (also the preview's `refused`, which the
 * preview page shows). An import is held to the per-account caps the app's own forms apply: the postings
 * it creates, with those the account has, may not pass MAX_JOB_POSTINGS_PER_USER.
 */
async function plan(executor: Tx | typeof db, userId: string, document: AccountExport) {
  const target = await importTarget(executor, userId);
  const importPlan = planImport(document, target, randomUUID);
  const refusal = importPlan.refused
    ? new ImportRefused("account_not_empty", importPlan.refused)
    : tooManyPostings(target.jobPostingCount, importPlan.jobPostings.length);
  return { importPlan, preview: { ...previewImport(document, importPlan), refused: refusal?.message ?? null }, refusal };
}

function tooManyPostings(have: number, adding: number): ImportRefused | null {
  const max = env().MAX_JOB_POSTINGS_PER_USER;
  // Adding none is never refused, even where a lowered cap leaves the account above it.
  if (adding === 0 || have + adding <= max) return null;
  const postings = (n: number) => `${n} job posting${n === 1 ? "" : "s"}`;
  return new ImportRefused(
    "too_many_job_postings",
    `This file would add ${postings(adding)}${have ? ` to the ${have} this account has` : ""}, and an account keeps at most ${postings(max)}. Nothing was imported: delete postings you no longer need (in the file's installation or here), export again and import the new file.`,
  );
}

export type ImportView = { id: string; status: "previewed" | "applied"; preview: ImportPreview | null; appliedAt: Date | null };

/**
 * Step 1: check an uploaded file and keep it for the confirmation. Refused (nothing kept) when the
 * file is not a valid export, or when this account has data of its own.
 */
export async function previewAccountImport(userId: string, fileText: string): Promise<{ importId: string; preview: ImportPreview }> {
  await takeImportSlot(userId);
  const document = readOrRefuse(fileText);
  const { preview, refusal } = await plan(db, userId, document);
  if (refusal) throw refusal;
  // One upload waits for its confirmation at a time: each keeps a whole file (up to IMPORT_MAX_BYTES) for a
  // day, so a new one replaces the older ones nobody confirmed. The user's row is locked so that parallel
  // uploads (and a confirmation running now) take turns and leave one.
  const row = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    await tx.accountImport.deleteMany({ where: { userId, status: "previewed" } });
    return tx.accountImport.create({
      data: {
        userId,
        exportId: document.exportId,
        document: document as unknown as Prisma.InputJsonObject,
        preview: preview as unknown as Prisma.InputJsonObject,
      },
      select: { id: true },
    });
  });
  return { importId: row.id, preview };
}

/** An import of this user's, with what it would create now (null once applied), or null when it is not theirs. */
/**
 * The preview page: what the upload planned (confirming plans again, under the user's lock). The stored
 * file is not read here — at up to 50 MB a view, a few reloads at once would fill the web process.
 * An upload from before previews were stored (none is older than a day) is gone: upload it again.
 */
export async function getAccountImport(userId: string, importId: string): Promise<ImportView | null> {
  const row = await db.accountImport.findFirst({
    where: { id: importId, userId },
    select: { id: true, status: true, preview: true, appliedAt: true },
  });
  if (!row) return null;
  if (row.status === "applied") return { id: row.id, status: "applied", preview: null, appliedAt: row.appliedAt };
  if (!row.preview) return null;
  const preview = row.preview as unknown as ImportPreview;
  // The account may have grown since the upload (another import): the postings' cap is counted as it is now.
  const cap = preview.refused ? null : tooManyPostings(await db.jobPosting.count({ where: { userId } }), preview.create.jobPostings);
  return { id: row.id, status: "previewed", preview: cap ? { ...preview, refused: cap.message } : preview, appliedAt: null };
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
      const created = await writePlan(tx, userId, row.document as unknown as AccountExport);
      await tx.accountImport.update({ where: { id: row.id }, data: { status: "applied", document: Prisma.DbNull, appliedAt: new Date() } });
      return { created };
    },
    { timeout: 60_000 },
  );
}

/** The API's one-step import: check, plan and write in one go (or only preview, with dryRun). */
export async function importAccountFile(userId: string, fileText: string, options: { dryRun: boolean }) {
  await takeImportSlot(userId);
  const document = readOrRefuse(fileText);
  if (options.dryRun) {
    const { preview, refusal } = await plan(db, userId, document);
    if (refusal) throw refusal;
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

/** Planned again under the user's row lock: what the account has now decides, not what it had at the preview. */
async function writePlan(tx: Tx, userId: string, document: AccountExport): Promise<ImportCounts> {
  const { importPlan, preview, refusal } = await plan(tx, userId, document);
  if (refusal) throw refusal;
  await write(tx, userId, importPlan);
  await importReviewItems(tx, userId, document.reviewItems, importPlan.interviews); // ── issue 19: review items ──
  return preview.create;
}

/**
 * The plan's rows, one step per kind of data, parents before children. New
 * data in the export format gets its own step here (and its counts in the plan).
 */
async function write(tx: Tx, userId: string, p: ImportPlan) {
  if (p.resume) {
    const { id, content, createdAt, updatedAt } = p.resume;
    await tx.resume.create({ data: { id, userId, content, createdAt, updatedAt } });
  }
  await writePostings(tx, userId, p);
  await writeInterviews(tx, userId, p);
  await writeUsage(tx, userId, p);
  await writeSettings(tx, userId, p);
  if (p.remember.length) {
    await tx.importedRecord.createMany({ data: p.remember.map((r) => ({ userId, kind: r.kind, originalId: r.originalId, newId: r.id })) });
  }
}

const asJson = (value: unknown) => (value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));
const dateOrNull = (iso: string | null) => (iso ? new Date(iso) : null);

/** Postings with their skill maps (the user's edits and removals included). */
async function writePostings(tx: Tx, userId: string, p: ImportPlan) {
  if (!p.jobPostings.length) return;
  await tx.jobPosting.createMany({
    data: p.jobPostings.map(({ originalId: _o, requirements: _r, requirementsExtractedAt, ...posting }) => ({
      ...posting,
      requirementsExtractedAt: dateOrNull(requirementsExtractedAt),
      userId,
    })),
  });
  const requirements = p.jobPostings.flatMap((posting) =>
    posting.requirements.map((r) => ({
      id: r.id,
      userId,
      jobPostingId: posting.id,
      name: r.name,
      kind: r.kind,
      weight: r.weight,
      source: r.source,
      extractedKey: r.extractedKey,
      nameEdited: r.nameEdited,
      weightEdited: r.weightEdited,
      removedAt: dateOrNull(r.removedAt),
      evidence: r.evidence,
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
    })),
  );
  if (requirements.length) await tx.requirement.createMany({ data: requirements });
}

async function writeInterviews(tx: Tx, userId: string, p: ImportPlan) {
  for (const { session, ids, requirementIds } of p.interviews) {
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
        kind: i.kind,
        drillTopic: i.drillTopic,
        drillRequirementId: i.drillRequirementId ? (requirementIds.get(i.drillRequirementId) ?? null) : null,
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
        deliveryMetrics: asJson(m.deliveryMetrics),
      })),
    });
    // Which requirements each question probed: the skill map is computed from these links.
    const links = i.messages.flatMap((m) =>
      m.requirementIds.flatMap((r) => {
        const requirementId = requirementIds.get(r);
        return requirementId ? [{ questionId: ids.get(m.id)!, requirementId }] : [];
      }),
    );
    if (links.length) await tx.questionRequirement.createMany({ data: links });
    if (i.evaluations.length) {
      // Quotes are checked again against the answers in the file: "verified" is never taken on trust.
      const answerText = (answerId: string) => i.messages.find((m) => m.id === answerId)?.content ?? "";
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
          ...(e.grading
            ? {
                rubricVersion: e.grading.rubricVersion,
                graderModel: e.grading.graderModel,
                answerClass: e.grading.answerClass,
                screeningMessage: e.grading.message,
                modelScores: asJson(e.grading.modelScores),
                completeAnswer: e.grading.completeAnswer,
                evidence: recheckEvidence(answerText(e.answerId), e.grading.evidence),
                ignoredPassages: e.grading.ignoredPassages,
                sampling: e.grading.sampling,
              }
            : {}),
          secondOpinion: asJson(
            e.secondOpinion && {
              ...e.secondOpinion,
              grading: { ...e.secondOpinion.grading, evidence: recheckEvidence(answerText(e.answerId), e.secondOpinion.grading.evidence) },
            },
          ),
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
          claims: asJson(f.claims),
          rubricVersion: f.rubricVersion,
          graderModel: f.graderModel,
        },
      });
    }
    await writeCoaching(tx, userId, i, ids);
    await writeRecordings(tx, userId, session.id, i, ids);
  }
}

/** "Show a strong answer" and the STAR checklist of the interview's answers. */
async function writeCoaching(tx: Tx, userId: string, i: ExportedInterview, ids: ReadonlyMap<string, string>) {
  if (i.modelAnswers.length) {
    await tx.modelAnswer.createMany({
      data: i.modelAnswers.map((a) => ({
        id: ids.get(a.id)!,
        userId,
        answerId: ids.get(a.answerId)!,
        text: a.text,
        placeholders: a.placeholders,
        flags: a.flags,
        checked: a.checked,
        // The operation that wrote it stays where it ran; the column only keeps a re-delivered job from storing it twice.
        operationId: randomUUID(),
        createdAt: new Date(a.createdAt),
      })),
    });
  }
  if (i.starChecks.length) {
    await tx.starCheck.createMany({
      data: i.starChecks.map((c) => ({
        id: ids.get(c.id)!,
        userId,
        answerId: ids.get(c.answerId)!,
        checklist: c.checklist as Prisma.InputJsonValue,
        complete: c.complete,
        resultQuantified: c.resultQuantified,
        saysI: c.saysI,
        operationId: randomUUID(),
        createdAt: new Date(c.createdAt),
      })),
    });
  }
}

/** Recordings: their transcripts and metadata, and the audio of those the file carries (checked as audio on reading). */
async function writeRecordings(tx: Tx, userId: string, sessionId: string, i: ExportedInterview, ids: ReadonlyMap<string, string>) {
  if (!i.recordings.length) return;
  await tx.audioClip.createMany({
    data: i.recordings.map((r) => ({
      id: ids.get(r.id)!,
      userId,
      sessionId,
      questionId: ids.get(r.questionId)!,
      answerId: r.answerId ? (ids.get(r.answerId) ?? null) : null,
      source: r.source,
      format: r.format,
      // The type the audio is served back in: the checked format's own, never the file's free text.
      mimeType: AUDIO_FORMATS[r.format].mimeType,
      byteLength: r.byteLength,
      bytes: r.audioBase64 === null ? null : Buffer.from(r.audioBase64, "base64"),
      recordedSeconds: r.recordedSeconds,
      durationSeconds: r.durationSeconds,
      transcript: r.transcript,
      words: asJson(r.words),
      transcriptionModel: r.transcriptionModel,
      transcribedAt: dateOrNull(r.transcribedAt),
      kept: r.kept,
      createdAt: new Date(r.createdAt),
    })),
  });
}

async function writeUsage(tx: Tx, userId: string, p: ImportPlan) {
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
}

async function writeSettings(tx: Tx, userId: string, p: ImportPlan) {
  const { aiModel, aiGraderModel, monthlyBudgetMicros, priceOverrides, voice } = p.settings;
  if ([aiModel, aiGraderModel, monthlyBudgetMicros, priceOverrides, voice].every((v) => v === undefined)) return;
  await tx.user.update({
    where: { id: userId },
    data: {
      ...(aiModel !== undefined ? { aiModel } : {}),
      ...(aiGraderModel !== undefined ? { aiGraderModel } : {}),
      ...(monthlyBudgetMicros !== undefined ? { monthlyBudgetCents: Math.round(monthlyBudgetMicros / 10_000) } : {}),
      ...(priceOverrides !== undefined ? { priceOverrides: priceOverrides as Prisma.InputJsonObject } : {}),
      ...(voice ?? {}),
    },
  });
}
