import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type { RecommendationItem } from "#app/ai/schemas.ts";
import { formatCost } from "#app/costs/money.ts";
import {
  accountExportFileName,
  buildAccountExport,
  recordingsWithAudioThatFits,
  type AccountExportData,
  type ExportOptions,
} from "#app/export/account-export.server.ts";
import type { AccountExport } from "#app/export/account-export.ts";
import { renderDebriefMarkdown, type InterviewDebrief } from "#app/export/debrief-markdown.ts";
import { redactionFor, redactText } from "#app/export/redact.ts";
import { exportReviewItems } from "./review-transfer.server.ts";
import { db } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import { readGrading, readSecondOpinion } from "./answer-grading.server.ts";
import { consume, waitTime } from "./rate-limit.server.ts";
import { centsToMicros, getInterviewUsage, readOverrides } from "./usage.server.ts";
import { storedVoiceSettings, voiceSettingsSelect } from "./voice.server.ts";

/**
 * Taking one's data along (issue 20): the complete account export (one JSON
 * document, app/export/account-export.ts, docs/export-format.md) and one
 * interview's debrief as Markdown. Both read only this user's rows; the export
 * schema is the allow-list of what leaves the server (no secrets).
 */

const APP_VERSION: string = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const recommendationList = (value: unknown): RecommendationItem[] => (Array.isArray(value) ? (value as RecommendationItem[]) : []);
const jsonList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A second opinion as the export writes it (dates as ISO strings). */
function secondOpinionOf(row: Parameters<typeof readSecondOpinion>[0]) {
  const opinion = readSecondOpinion(row);
  if (!opinion) return null;
  const { average: _average, gradedAt, ...rest } = opinion;
  return { ...rest, gradedAt: iso(gradedAt) };
}

/**
 * Everything of the user's that the export holds, as the export's data (ISO dates) — but the kept
 * recordings' audio only by its size (`audioBytes`, recording id → bytes): withKeptAudio reads what the file carries.
 */
async function accountData(userId: string): Promise<{ data: AccountExportData; audioBytes: Map<string, number> }> {
  const [user, resume, postings, sessions, usage] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        email: true,
        createdAt: true,
        aiModel: true,
        aiGraderModel: true,
        aiBaseUrl: true,
        monthlyBudgetCents: true,
        priceOverrides: true,
        ...voiceSettingsSelect,
      },
    }),
    db.resume.findUnique({ where: { userId } }),
    db.jobPosting.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: { requirements: { orderBy: { createdAt: "asc" } } },
    }),
    db.interviewSession.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: {
        messages: {
          orderBy: { createdAt: "asc" },
          include: {
            requirementLinks: { select: { requirementId: true } },
            modelAnswers: { orderBy: { createdAt: "asc" } },
            starCheck: true,
          },
        },
        evaluations: { orderBy: { createdAt: "asc" } },
        feedback: true,
        // The audio only of kept recordings: a clip waiting for its transcription is not the user's to take yet.
        audioClips: { orderBy: { createdAt: "asc" }, omit: { bytes: true } },
      },
    }),
    db.aiUsage.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
  ]);
  const audioBytes = new Map(
    (await db.audioClip.findMany({ where: { userId, kept: true, bytes: { not: null } }, select: { id: true, byteLength: true } })).map(
      (c) => [c.id, c.byteLength],
    ),
  );
  const data: AccountExportData = {
    profile: {
      email: user.email,
      createdAt: iso(user.createdAt),
      aiModel: user.aiModel,
      aiGraderModel: user.aiGraderModel,
      aiBaseUrl: user.aiBaseUrl,
      monthlyBudgetMicros: centsToMicros(user.monthlyBudgetCents),
      priceOverrides: readOverrides(user.priceOverrides),
      voice: storedVoiceSettings(user),
    },
    resume: resume ? { id: resume.id, content: resume.content, createdAt: iso(resume.createdAt), updatedAt: iso(resume.updatedAt) } : null,
    jobPostings: postings.map((p) => ({
      id: p.id,
      title: p.title,
      company: p.company,
      description: p.description,
      experienceLevel: p.experienceLevel,
      techStack: p.techStack,
      url: p.url,
      createdAt: iso(p.createdAt),
      updatedAt: iso(p.updatedAt),
      requirementsExtractedAt: isoOrNull(p.requirementsExtractedAt),
      requirements: p.requirements.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        weight: r.weight,
        source: r.source,
        extractedKey: r.extractedKey,
        nameEdited: r.nameEdited,
        weightEdited: r.weightEdited,
        removedAt: isoOrNull(r.removedAt),
        evidence: jsonList(r.evidence) as never,
        createdAt: iso(r.createdAt),
        updatedAt: iso(r.updatedAt),
      })),
    })),
    interviews: sessions.map((s) => ({
      id: s.id,
      jobPostingId: s.jobPostingId,
      originalInterviewId: s.originalSessionId,
      retakeNumber: s.retakeNumber,
      status: s.status,
      focus: s.focus,
      targetQuestions: s.targetQuestions,
      currentQuestionNumber: s.currentQuestionNumber,
      answeredCount: s.answeredCount,
      repeatQuestions: s.repeatQuestions,
      posting: {
        title: s.postingTitle,
        company: s.postingCompany,
        description: s.postingDescription,
        experienceLevel: s.postingExperienceLevel,
        techStack: s.postingTechStack,
      },
      resumeText: s.resumeText,
      createdAt: iso(s.createdAt),
      updatedAt: iso(s.updatedAt),
      completedAt: isoOrNull(s.completedAt),
      kind: s.kind,
      drillTopic: s.drillTopic,
      drillRequirementId: s.drillRequirementId,
      messages: s.messages.map((m) => ({
        id: m.id,
        kind: m.kind,
        content: m.content,
        createdAt: iso(m.createdAt),
        questionNumber: m.questionNumber,
        questionType: m.questionType,
        isFollowUp: m.isFollowUp,
        probes: m.probes,
        questionId: m.questionId,
        requirementIds: m.requirementLinks.map((l) => l.requirementId),
        deliveryMetrics: (m.deliveryMetrics ?? null) as JsonValue,
      })),
      evaluations: s.evaluations.map((e) => ({
        id: e.id,
        answerId: e.answerId,
        relevance: e.relevanceScore,
        completeness: e.completenessScore,
        technicalCorrectness: e.technicalCorrectness,
        clarity: e.clarityScore,
        summary: e.summary,
        strengths: e.strengths,
        improvements: e.improvements,
        knowledgeGaps: e.knowledgeGaps,
        recommendations: recommendationList(e.recommendations),
        createdAt: iso(e.createdAt),
        grading: readGrading(e),
        secondOpinion: secondOpinionOf(e),
      })),
      feedback: s.feedback
        ? {
            id: s.feedback.id,
            technicalAccuracy: s.feedback.technicalAccuracyScore,
            communicationClarity: s.feedback.communicationClarityScore,
            problemSolving: s.feedback.problemSolvingScore,
            relevance: s.feedback.relevanceScore,
            overall: s.feedback.overallScore,
            technicalFeedback: s.feedback.technicalFeedback,
            communicationFeedback: s.feedback.communicationFeedback,
            problemSolvingFeedback: s.feedback.problemSolvingFeedback,
            relevanceFeedback: s.feedback.relevanceFeedback,
            overallComments: s.feedback.overallComments,
            knowledgeGaps: s.feedback.knowledgeGaps,
            learningRecommendations: recommendationList(s.feedback.learningRecommendations),
            createdAt: iso(s.feedback.createdAt),
            updatedAt: iso(s.feedback.updatedAt),
            claims: Array.isArray(s.feedback.claims) ? (s.feedback.claims as never) : null,
            rubricVersion: s.feedback.rubricVersion,
            graderModel: s.feedback.graderModel,
          }
        : null,
      modelAnswers: s.messages.flatMap((m) =>
        m.modelAnswers.map((a) => ({
          id: a.id,
          answerId: a.answerId,
          text: a.text,
          placeholders: jsonList(a.placeholders) as never,
          flags: jsonList(a.flags) as never,
          checked: a.checked,
          createdAt: iso(a.createdAt),
        })),
      ),
      starChecks: s.messages.flatMap((m) =>
        m.starCheck
          ? [
              {
                id: m.starCheck.id,
                answerId: m.starCheck.answerId,
                checklist: m.starCheck.checklist as JsonValue,
                complete: m.starCheck.complete,
                resultQuantified: m.starCheck.resultQuantified,
                saysI: m.starCheck.saysI,
                createdAt: iso(m.starCheck.createdAt),
              },
            ]
          : [],
      ),
      recordings: s.audioClips.map((c) => {
        return {
          id: c.id,
          questionId: c.questionId,
          answerId: c.answerId,
          source: c.source,
          format: c.format as never,
          mimeType: c.mimeType,
          byteLength: c.byteLength,
          recordedSeconds: c.recordedSeconds,
          durationSeconds: c.durationSeconds,
          transcript: c.transcript,
          words: (c.words ?? null) as JsonValue,
          transcriptionModel: c.transcriptionModel,
          transcribedAt: isoOrNull(c.transcribedAt),
          kept: c.kept,
          createdAt: iso(c.createdAt),
          audioBase64: null,
          audioLeftOut: "not_kept" as const,
        };
      }),
    })),
    usage: usage.map((u) => ({
      id: u.id,
      operationId: u.operationId,
      interviewId: u.sessionId,
      kind: u.kind,
      status: u.failed ? ("failed" as const) : ("completed" as const),
      createdAt: iso(u.createdAt),
      model: u.model,
      inputTokens: u.inputTokens,
      cachedInputTokens: u.cachedInputTokens,
      outputTokens: u.outputTokens,
      audioSeconds: u.audioSeconds,
      speechCharacters: u.speechCharacters,
    })),
  };
  return { data, audioBytes };
}

/**
 * The data with the audio of the kept recordings the file has room for, read for those alone (none for a
 * redacted export: a voice cannot be redacted); each other kept recording says why its audio is left out.
 * An export reads at most the audio it writes.
 */
async function withKeptAudio(
  userId: string,
  data: AccountExportData,
  audioBytes: ReadonlyMap<string, number>,
  options: ExportOptions,
): Promise<AccountExportData> {
  const carried = recordingsWithAudioThatFits(data, audioBytes, options);
  const rows = carried.size
    ? await db.audioClip.findMany({ where: { userId, id: { in: [...carried] } }, select: { id: true, bytes: true } })
    : [];
  const audio = new Map(rows.flatMap((c) => (c.bytes ? [[c.id, Buffer.from(c.bytes).toString("base64")] as const] : [])));
  return {
    ...data,
    interviews: data.interviews.map((interview) => ({
      ...interview,
      recordings: interview.recordings?.map((r) => {
        if (!audioBytes.has(r.id)) return r;
        const base64 = audio.get(r.id);
        if (base64 !== undefined) return { ...r, audioBase64: base64, audioLeftOut: null };
        // Deleted since it was sized (carried but gone), else too large for the file, or redacted.
        const why = carried.has(r.id) ? "not_kept" : options.redact ? "redacted" : "size_limit";
        return { ...r, audioBase64: null, audioLeftOut: why };
      }),
    })),
  };
}

export type AccountExportFile = { fileName: string; document: AccountExport };

export class ExportRefused extends Refusal<"too_many_exports"> {
  override name = "ExportRefused";
}

/**
 * The user's complete account export, optionally with personal details replaced by placeholders.
 * Each takes a slot of the user's hourly exports (RATE_LIMIT_EXPORTS_PER_HOUR): an export reads the whole account.
 */
export async function exportAccount(userId: string, options: { redact: boolean }): Promise<AccountExportFile> {
  const refused = await consume(["export_user", userId]);
  if (refused) {
    throw new ExportRefused(
      "too_many_exports",
      `You have exported your data ${env().RATE_LIMIT_EXPORTS_PER_HOUR} times in the last hour. Please wait ${waitTime(refused.retryAfterSeconds)} and export again.`,
      429,
      { retryAfterSeconds: refused.retryAfterSeconds },
    );
  }
  const exportOptions: ExportOptions = { exportId: randomUUID(), now: new Date(), appVersion: APP_VERSION, redact: options.redact };
  const { data, audioBytes } = await accountData(userId);
  // ── issue 19: review items ──
  const withReviews = { ...data, reviewItems: await exportReviewItems(userId) };
  const document = buildAccountExport(await withKeptAudio(userId, withReviews, audioBytes, exportOptions), exportOptions);
  return { fileName: accountExportFileName(document), document };
}

export type InterviewDownload = {
  id: string;
  title: string;
  company: string | null;
  startedAt: Date;
  status: "active" | "paused" | "completed";
  /** The debrief page exists (and prints as a PDF). */
  hasFeedback: boolean;
};

/** The user's newest interviews, for Settings' "one interview as Markdown or PDF" list, and how many there are. */
export async function listInterviewDownloads(userId: string, limit = 20): Promise<{ items: InterviewDownload[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.interviewSession.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, postingTitle: true, postingCompany: true, createdAt: true, status: true, feedback: { select: { id: true } } },
    }),
    db.interviewSession.count({ where: { userId } }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.postingTitle,
      company: r.postingCompany,
      startedAt: r.createdAt,
      status: r.status,
      hasFeedback: r.feedback !== null,
    })),
    total,
  };
}

export type DebriefFile = { fileName: string; markdown: string };

/** One interview of this user as a Markdown debrief (null when it is not theirs), optionally redacted. */
export async function interviewDebriefMarkdown(
  userId: string,
  sessionId: string,
  options: { redact: boolean },
): Promise<DebriefFile | null> {
  const session = await db.interviewSession.findFirst({
    where: { id: sessionId, userId },
    include: {
      messages: { orderBy: [{ createdAt: "asc" }] },
      evaluations: true,
      feedback: true,
    },
  });
  if (!session) return null;
  const usage = await getInterviewUsage(userId, sessionId);
  const answers = new Map(session.messages.filter((m) => m.kind === "answer" && m.questionId).map((m) => [m.questionId!, m]));
  const evaluations = new Map(session.evaluations.map((e) => [e.answerId, e]));
  const questions = session.messages.filter((m) => m.kind === "question").sort((a, b) => (a.questionNumber ?? 0) - (b.questionNumber ?? 0));
  const debrief: InterviewDebrief = {
    postingTitle: session.postingTitle,
    company: session.postingCompany,
    status: session.status,
    focus: session.focus,
    retakeNumber: session.retakeNumber,
    startedAt: session.createdAt,
    completedAt: session.completedAt,
    exchanges: questions.map((q) => {
      const answer = answers.get(q.id) ?? null;
      const e = answer ? evaluations.get(answer.id) : undefined;
      return {
        number: q.questionNumber ?? 0,
        type: q.questionType ?? "technical",
        isFollowUp: q.isFollowUp,
        question: q.content,
        answer: answer?.content ?? null,
        evaluation: e
          ? {
              relevance: e.relevanceScore,
              completeness: e.completenessScore,
              technicalCorrectness: e.technicalCorrectness,
              clarity: e.clarityScore,
              summary: e.summary,
              strengths: e.strengths.map((text) => ({ text })),
              improvements: e.improvements.map((text) => ({ text })),
              knowledgeGaps: e.knowledgeGaps,
              recommendations: recommendationList(e.recommendations),
            }
          : null,
      };
    }),
    feedback: session.feedback
      ? {
          technicalAccuracy: session.feedback.technicalAccuracyScore,
          communicationClarity: session.feedback.communicationClarityScore,
          problemSolving: session.feedback.problemSolvingScore,
          relevance: session.feedback.relevanceScore,
          overall: session.feedback.overallScore,
          technicalFeedback: session.feedback.technicalFeedback,
          communicationFeedback: session.feedback.communicationFeedback,
          problemSolvingFeedback: session.feedback.problemSolvingFeedback,
          relevanceFeedback: session.feedback.relevanceFeedback,
          overallComments: session.feedback.overallComments,
          knowledgeGaps: session.feedback.knowledgeGaps,
          learningRecommendations: recommendationList(session.feedback.learningRecommendations),
        }
      : null,
    cost: usage && usage.calls ? `${formatCost(usage.costMicros)} (estimate)` : null,
  };
  let markdown = renderDebriefMarkdown(debrief);
  if (options.redact) markdown = redactText(markdown, redactionFor({ resume: null, interviews: [{ resumeText: session.resumeText }] }));
  const day = session.createdAt.toISOString().slice(0, 10);
  return { fileName: `interview-debrief-${day}-${session.id.slice(0, 8)}${options.redact ? "-redacted" : ""}.md`, markdown };
}
