import type { z } from "zod";
import type { PriceOverrides } from "#app/costs/prices.ts";
import { identifyAudio } from "#app/domain/audio-file.ts";
import {
  AccountExport,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  READABLE_EXPORT_VERSIONS,
  upgradeFromV1,
  type ExportedInterview,
} from "./account-export.ts";
import { AccountExportV1 } from "./account-export-v1.ts";
import { checksumMatches } from "./checksum.server.ts";

/**
 * Reading an account export back in, as pure steps the import action runs in
 * order: read and check the file (`readAccountExport`), plan what it creates
 * in this account (`planImport`), show the plan (`previewImport`), then write
 * the plan's rows in one transaction and record every original id it
 * imported (ImportRecord / imported ids, phase 2).
 *
 * Idempotent by original id: every top-level entity of the file (résumé,
 * posting, interview, usage record) carries the id it had where it was
 * exported; the account keeps the ids it imported, and a plan skips them.
 * Importing the same file twice creates nothing the second time; importing a
 * later export of the same account adds only what is new. An interview is
 * imported whole (with its questions, answers, evaluations and debrief) or
 * skipped whole: one already imported is not updated by a later file.
 *
 * Nothing in the file is trusted about this installation: every row gets a
 * new id and belongs to the importing user; links are resolved only inside
 * the file or to what this account imported before.
 */

export type ImportProblem =
  | { code: "not_json" | "not_an_export" | "wrong_version" | "tampered"; message: string }
  | { code: "invalid"; message: string; issues: Array<{ path: string; message: string }> };

export type ReadResult = { ok: true; document: AccountExport } | { ok: false; problem: ImportProblem };

const MAX_LISTED_ISSUES = 10;

/** Check an uploaded file: JSON, our format, a version this installation reads, unchanged since export, valid. */
export function readAccountExport(fileText: string): ReadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(fileText);
  } catch {
    return fail("not_json", "This file is not JSON. Choose the .json file that “Export my data” gave you.");
  }
  const head = (raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  if (head.format !== EXPORT_FORMAT) {
    return fail(
      "not_an_export",
      "This file is not an ai-interviewer account export. Choose the .json file that “Export my data” gave you.",
    );
  }
  const version = head.exportVersion;
  if (!READABLE_EXPORT_VERSIONS.includes(version as never)) {
    return fail(
      "wrong_version",
      typeof version === "number" && Number.isInteger(version) && version > EXPORT_VERSION
        ? `This file is an export of version ${version}; this installation reads versions ${READABLE_EXPORT_VERSIONS.join(" and ")}. Update ai-interviewer here, then import the file again.`
        : `This file says it is an export of version ${JSON.stringify(version ?? null)}, which does not exist. Export your data again and import the new file.`,
    );
  }
  if (!checksumMatches(head)) {
    return fail(
      "tampered",
      "This file was changed after it was exported (its checksum does not match), so nothing was imported. Export your data again from the original installation and import that file unchanged.",
    );
  }
  // A version-1 file is checked against version 1, then read as the current version (its new data empty).
  const v1 = version === 1 ? AccountExportV1.safeParse(raw) : null;
  const parsed = v1 ? (v1.success ? upgradeFromV1(v1.data) : v1) : AccountExport.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_LISTED_ISSUES).map(describeIssue);
    return {
      ok: false,
      problem: {
        code: "invalid",
        message: `This file does not fit the export format, so nothing was imported (${parsed.error.issues.length} problem${parsed.error.issues.length === 1 ? "" : "s"}; the first: ${issues[0]!.path || "the file"} — ${issues[0]!.message}).`,
        issues,
      },
    };
  }
  const audio = audioProblem(parsed.data);
  if (audio) {
    return {
      ok: false,
      problem: {
        code: "invalid",
        message: `This file does not fit the export format, so nothing was imported (${audio.path} — ${audio.message}).`,
        issues: [audio],
      },
    };
  }
  return { ok: true, document: parsed.data };
}

/** A recording's audio must be audio of the format and size the file says: checked by its bytes, as an upload is. */
function audioProblem(document: AccountExport): { path: string; message: string } | null {
  for (const [i, interview] of document.interviews.entries()) {
    for (const [j, r] of interview.recordings.entries()) {
      if (r.audioBase64 === null) continue;
      const bytes = Buffer.from(r.audioBase64, "base64");
      const found = identifyAudio(bytes);
      if (bytes.length !== r.byteLength || found.kind !== "audio" || found.format !== r.format) {
        return {
          path: `interviews.${i}.recordings.${j}.audioBase64`,
          message: "The recording's audio is not the audio file the record describes",
        };
      }
    }
  }
  return null;
}

function fail(code: "not_json" | "not_an_export" | "wrong_version" | "tampered", message: string): ReadResult {
  return { ok: false, problem: { code, message } };
}

function describeIssue(issue: z.core.$ZodIssue) {
  return { path: issue.path.map(String).join("."), message: issue.message };
}

/** The kinds of entity whose original ids an account remembers. */
export type ImportedKind = "resume" | "job_posting" | "requirement" | "interview" | "operation";
export const importKey = (kind: ImportedKind, originalId: string) => `${kind}:${originalId}`;

export type ImportTarget = {
  /** What this account imported before: importKey(kind, original id) → the id it got here. */
  imported: ReadonlyMap<string, string>;
  /** The account has a résumé, postings or interviews that did not come from an import. */
  hasOwnData: boolean;
  /** The account's résumé, if any, did not come from an import. */
  hasOwnResume: boolean;
  settings: {
    aiModel: string | null;
    aiGraderModel?: string | null;
    monthlyBudgetMicros: number | null;
    priceOverrides: PriceOverrides;
    /** The account's voice settings; a field at its default has not been chosen. */
    voice?: VoiceSettings;
  };
  /** Operation kinds this installation knows; usage records of other kinds are skipped. */
  operationKinds: ReadonlySet<string>;
};

export type VoiceSettings = NonNullable<AccountExport["profile"]["voice"]>;
/** Voice settings nobody chose (the columns' defaults). */
export const DEFAULT_VOICE: VoiceSettings = {
  transcriptionModel: null,
  readAloud: "off",
  speechModel: null,
  speechVoice: null,
  keepRecordings: false,
  maxRecordingSeconds: 300,
};

type Row<T> = T & { id: string; originalId: string };
const at = (iso: string) => new Date(iso);

export type ImportPlan = {
  /** Set when nothing may be imported into this account; the rest of the plan is then empty. */
  refused: string | null;
  resume: Row<{ content: string; createdAt: Date; updatedAt: Date }> | null;
  jobPostings: Array<
    Row<
      Omit<AccountExport["jobPostings"][number], "id" | "createdAt" | "updatedAt" | "requirements"> & {
        createdAt: Date;
        updatedAt: Date;
        /** The posting's skill map, each requirement with its new id. */
        requirements: Array<Row<AccountExport["jobPostings"][number]["requirements"][number]>>;
      }
    >
  >;
  /** In creation order: a first attempt before its retakes. */
  interviews: Array<{
    session: Row<{
      jobPostingId: string | null;
      originalSessionId: string | null;
      interview: ExportedInterview;
    }>;
    /** New ids for the interview's messages, evaluations, debrief, model answers, STAR checks and recordings: original id → new id. */
    ids: Map<string, string>;
    /** Requirement ids (the file's) → this account's; links to requirements this account does not have are dropped. */
    requirementIds: ReadonlyMap<string, string>;
  }>;
  usage: Array<
    Row<Omit<AccountExport["usage"][number], "operationId" | "interviewId" | "createdAt"> & { sessionId: string | null; createdAt: Date }>
  >;
  settings: {
    aiModel?: string;
    aiGraderModel?: string;
    monthlyBudgetMicros?: number;
    priceOverrides?: PriceOverrides;
    voice?: Partial<VoiceSettings>;
  };
  /** Ids to remember after the write, so the next import skips them. */
  remember: Array<{ kind: ImportedKind; originalId: string; id: string }>;
  skipped: { alreadyImported: ImportCounts; unknownUsageKinds: number };
  notes: string[];
};

export type ImportCounts = {
  resume: number;
  jobPostings: number;
  requirements: number;
  interviews: number;
  questions: number;
  answers: number;
  evaluations: number;
  feedback: number;
  modelAnswers: number;
  starChecks: number;
  recordings: number;
  usageRecords: number;
};

export const IMPORT_COUNT_KEYS = [
  "resume",
  "jobPostings",
  "requirements",
  "interviews",
  "questions",
  "answers",
  "evaluations",
  "feedback",
  "modelAnswers",
  "starChecks",
  "recordings",
  "usageRecords",
] as const satisfies ReadonlyArray<keyof ImportCounts>;

const zeroCounts = () => Object.fromEntries(IMPORT_COUNT_KEYS.map((k) => [k, 0])) as ImportCounts;

function countInterview(counts: ImportCounts, interview: ExportedInterview) {
  counts.interviews++;
  counts.questions += interview.messages.filter((m) => m.kind === "question").length;
  counts.answers += interview.messages.filter((m) => m.kind === "answer").length;
  counts.evaluations += interview.evaluations.length;
  counts.feedback += interview.feedback ? 1 : 0;
  counts.modelAnswers += interview.modelAnswers.length;
  counts.starChecks += interview.starChecks.length;
  counts.recordings += interview.recordings.length;
}

/** First attempts before their retakes, so every row's link points at a row already written. */
function creationOrder(interviews: ExportedInterview[]): ExportedInterview[] {
  const ordered: ExportedInterview[] = [];
  const placed = new Set<string>();
  const inFile = new Set(interviews.map((i) => i.id));
  let pending = interviews;
  while (pending.length) {
    const ready = pending.filter((i) => !i.originalInterviewId || placed.has(i.originalInterviewId) || !inFile.has(i.originalInterviewId));
    // A cycle of retakes (only a hand-made file has one): the rest goes in file order, unlinked below.
    const batch = ready.length ? ready : pending;
    for (const i of batch) {
      ordered.push(i);
      placed.add(i.id);
    }
    pending = pending.filter((i) => !placed.has(i.id));
  }
  return ordered;
}

/**
 * What importing `document` into this account creates. `newId` makes the ids
 * (crypto.randomUUID in the app; a counter in tests).
 */
export function planImport(document: AccountExport, target: ImportTarget, newId: () => string): ImportPlan {
  const plan: ImportPlan = {
    refused: null,
    resume: null,
    jobPostings: [],
    interviews: [],
    usage: [],
    settings: {},
    remember: [],
    skipped: { alreadyImported: zeroCounts(), unknownUsageKinds: 0 },
    notes: [],
  };
  if (target.hasOwnData && target.imported.size === 0) {
    plan.refused =
      "This account already has a résumé, job postings or interviews of its own. Import into a new, empty account (sign up, then import), so that nothing is mixed or overwritten.";
    return plan;
  }
  const skipped = plan.skipped.alreadyImported;
  const mapped = (kind: ImportedKind, originalId: string) => target.imported.get(importKey(kind, originalId));
  const assign = (kind: ImportedKind, originalId: string) => {
    const id = newId();
    plan.remember.push({ kind, originalId, id });
    return id;
  };

  if (document.resume) {
    const r = document.resume;
    if (mapped("resume", r.id)) skipped.resume++;
    else if (target.hasOwnResume)
      plan.notes.push(
        "Your current résumé is kept; the file's résumé was not imported (its interviews keep the résumé they were based on).",
      );
    else
      plan.resume = {
        id: assign("resume", r.id),
        originalId: r.id,
        content: r.content,
        createdAt: at(r.createdAt),
        updatedAt: at(r.updatedAt),
      };
  }

  // A posting is imported with its skill map or skipped with it, like an interview.
  const postingIds = new Map<string, string>();
  const requirementIds = new Map<string, string>();
  for (const p of document.jobPostings) {
    const existing = mapped("job_posting", p.id);
    if (existing) {
      postingIds.set(p.id, existing);
      skipped.jobPostings++;
      for (const r of p.requirements) {
        const known = mapped("requirement", r.id);
        if (known) requirementIds.set(r.id, known);
        skipped.requirements++;
      }
      continue;
    }
    const id = assign("job_posting", p.id);
    postingIds.set(p.id, id);
    const requirements = p.requirements.map((r) => {
      const rid = assign("requirement", r.id);
      requirementIds.set(r.id, rid);
      return { ...r, id: rid, originalId: r.id };
    });
    plan.jobPostings.push({ ...p, id, originalId: p.id, createdAt: at(p.createdAt), updatedAt: at(p.updatedAt), requirements });
  }

  const interviewIds = new Map<string, string>();
  for (const interview of document.interviews) {
    const existing = mapped("interview", interview.id);
    if (existing) interviewIds.set(interview.id, existing);
  }
  let paused = 0;
  for (const interview of creationOrder(document.interviews)) {
    if (interviewIds.has(interview.id)) {
      countInterview(skipped, interview);
      continue;
    }
    const id = assign("interview", interview.id);
    interviewIds.set(interview.id, id);
    const ids = new Map<string, string>();
    for (const m of interview.messages) ids.set(m.id, newId());
    for (const e of interview.evaluations) ids.set(e.id, newId());
    if (interview.feedback) ids.set(interview.feedback.id, newId());
    for (const row of [...interview.modelAnswers, ...interview.starChecks, ...interview.recordings]) ids.set(row.id, newId());
    // An interview that was running where it was exported continues here only when its owner chooses to.
    if (interview.status === "active") paused++;
    plan.interviews.push({
      session: {
        id,
        originalId: interview.id,
        jobPostingId: interview.jobPostingId ? (postingIds.get(interview.jobPostingId) ?? null) : null,
        originalSessionId: interview.originalInterviewId ? (interviewIds.get(interview.originalInterviewId) ?? null) : null,
        interview: interview.status === "active" ? { ...interview, status: "paused" } : interview,
      },
      ids,
      requirementIds,
    });
  }
  if (paused)
    plan.notes.push(
      `${paused} interview${paused === 1 ? " was" : "s were"} in progress; ${paused === 1 ? "it is" : "they are"} imported paused — resume when you like.`,
    );

  for (const u of document.usage) {
    if (mapped("operation", u.id)) {
      skipped.usageRecords++;
      continue;
    }
    if (!target.operationKinds.has(u.kind)) {
      plan.skipped.unknownUsageKinds++;
      continue;
    }
    const { id, operationId: _operationId, interviewId, createdAt, ...figures } = u;
    plan.usage.push({
      ...figures,
      id: assign("operation", id),
      originalId: id,
      sessionId: interviewId ? (interviewIds.get(interviewId) ?? null) : null,
      createdAt: at(createdAt),
    });
  }

  // Settings fill in what this account has not chosen; they never replace a choice made here.
  const profile = document.profile;
  if (profile.aiModel && !target.settings.aiModel) plan.settings.aiModel = profile.aiModel;
  if (profile.aiGraderModel && !target.settings.aiGraderModel) plan.settings.aiGraderModel = profile.aiGraderModel;
  if (profile.voice) {
    const current = target.settings.voice ?? DEFAULT_VOICE;
    const chosen = Object.entries(profile.voice).filter(
      ([key, value]) =>
        value !== DEFAULT_VOICE[key as keyof VoiceSettings] &&
        current[key as keyof VoiceSettings] === DEFAULT_VOICE[key as keyof VoiceSettings],
    );
    if (chosen.length) plan.settings.voice = Object.fromEntries(chosen);
  }
  if (profile.monthlyBudgetMicros != null && target.settings.monthlyBudgetMicros === null) {
    plan.settings.monthlyBudgetMicros = profile.monthlyBudgetMicros;
  }
  const newPrices = Object.entries(profile.priceOverrides ?? {}).filter(([model]) => !(model in target.settings.priceOverrides));
  if (newPrices.length) plan.settings.priceOverrides = { ...target.settings.priceOverrides, ...Object.fromEntries(newPrices) };
  if (profile.aiBaseUrl) {
    plan.notes.push(
      `The file names the AI endpoint ${profile.aiBaseUrl}. It is not applied: your key is only ever sent to an endpoint you choose in Settings here.`,
    );
  }
  if (document.redacted) plan.notes.push("This file is redacted: names, email addresses and phone numbers appear as placeholders.");
  const leftOut = document.interviews.flatMap((i) => i.recordings).filter((r) => r.kept && r.audioLeftOut === "size_limit").length;
  if (leftOut) {
    plan.notes.push(
      `${leftOut} kept recording${leftOut === 1 ? "'s audio was" : "s' audio was"} too large for the file: the transcript${leftOut === 1 ? " is" : "s are"} imported without it.`,
    );
  }
  return plan;
}

export type ImportPreview = {
  exportedAt: string;
  appVersion: string;
  redacted: boolean;
  refused: string | null;
  create: ImportCounts;
  alreadyImported: ImportCounts;
  unknownUsageKinds: number;
  settings: ImportPlan["settings"];
  notes: string[];
  /** Nothing to create: the file was imported before (or is empty). */
  nothingToDo: boolean;
};

/** The preview step's summary: what the import will create, what it skips and why. */
export function previewImport(document: AccountExport, plan: ImportPlan): ImportPreview {
  const create = zeroCounts();
  create.resume = plan.resume ? 1 : 0;
  create.jobPostings = plan.jobPostings.length;
  create.requirements = plan.jobPostings.reduce((n, p) => n + p.requirements.length, 0);
  for (const { session } of plan.interviews) countInterview(create, session.interview);
  create.usageRecords = plan.usage.length;
  const settingsChange = Object.keys(plan.settings).length > 0;
  return {
    exportedAt: document.exportedAt,
    appVersion: document.appVersion,
    redacted: document.redacted,
    refused: plan.refused,
    create,
    alreadyImported: plan.skipped.alreadyImported,
    unknownUsageKinds: plan.skipped.unknownUsageKinds,
    settings: plan.settings,
    notes: plan.notes,
    nothingToDo: !plan.refused && !settingsChange && Object.values(create).every((n) => n === 0),
  };
}
