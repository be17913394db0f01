import { z } from "zod";
import { ANSWER_CLASSES } from "#app/ai/grading/screening.ts";
import { AUDIO_FORMATS, AUDIO_MAX_DURATION_SECONDS, AUDIO_MAX_FILE_BYTES } from "#app/domain/audio-file.ts";
import { REQUIREMENT_KINDS, REQUIREMENT_NAME_MAX } from "#app/domain/practice/requirements.ts";
import { ModelSchema } from "#app/forms/ai-settings-validation.ts";
import { PostingUrlSchema } from "#app/forms/job-posting-validation.ts";
import { VoiceFields } from "#app/forms/voice-forms.ts";
import {
  type AccountExportV1,
  Count,
  Evaluation as EvaluationV1,
  EXPORT_FORMAT,
  ExportChecksum,
  Feedback as FeedbackV1,
  Id,
  integrityProblems as integrityProblemsV1,
  Interview as InterviewV1,
  items,
  JobPosting as JobPostingV1,
  Message as MessageV1,
  MODEL_ITEM,
  MODEL_TEXT,
  Profile as ProfileV1,
  Resume,
  Score,
  text,
  Timestamp,
  UsageRecord,
} from "./account-export-v1.ts";

/**
 * The account export, version 2 (the current one): version 1
 * (./account-export-v1.ts, frozen) plus what issues 17–19 store — each
 * evaluation's grading (rubric version, grader model, evidence quotes with
 * their verified flag) and second opinion, the debrief's claims with the
 * question numbers they cite, voice settings and recordings, and the skill
 * data (requirements with the user's edits, the questions that probed them,
 * model answers, STAR checks). Version 2 because version 1's placeholder
 * `skillData` and its evaluations' `evidence` list change meaning here.
 *
 * Everything version 2 adds has a default (empty list, null), so a version-1
 * file is read by validating it against version 1 and then parsing it here
 * (`upgradeFromV1`): the same history, without the data version 1 never had.
 *
 * As in version 1, the schema is the allow-list of what leaves the server
 * (zod drops every key it does not name) and bounds every field on import.
 * Data the app computes and stores as a whole (a STAR checklist, delivery
 * metrics, transcript word timings) travels as JSON bounded in size: the app
 * reads it as it wrote it, and it is never trusted for anything but display.
 *
 * To add data (e.g. review items): a field with a default here (the importer
 * then reads older files unchanged), its links in `integrityProblems`, its
 * rows in app/models/account-export.server.ts and one write step in
 * app/models/account-import.server.ts.
 */

export { EXPORT_FORMAT, ExportChecksum } from "./account-export-v1.ts";
export const EXPORT_VERSION = 2;
/** The versions this installation reads (older ones are upgraded on reading). */
export const READABLE_EXPORT_VERSIONS = [1, 2] as const;

/**
 * The largest export file an import accepts (about 5,000 interviews' worth of
 * text). The exporter keeps a file under it by leaving out recordings' audio
 * that would not fit.
 */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** Machine-made JSON the app stores whole, bounded in size. */
const storedJson = (maxChars: number, what: string) =>
  z
    .json()
    .refine((value) => JSON.stringify(value).length <= maxChars, `${what} is larger than ${maxChars} characters`)
    .describe(`${what}, as the app stores it (JSON, at most ${maxChars} characters)`);

const TextRange = z.object({ start: Count, end: Count });
const Judgement = z.object({
  point: text(MODEL_ITEM),
  quote: text(MODEL_ITEM).describe("The words of the answer it is about, as the grader quoted them; empty when about something missing"),
  verified: z.boolean().describe("True only when the quote was found in the answer"),
  ranges: z.array(TextRange).max(50).describe("Where the quote is in the answer (empty unless verified)"),
});
const FactualError = z.object({
  quote: text(MODEL_ITEM),
  correction: text(MODEL_ITEM),
  verified: z.boolean(),
  ranges: z.array(TextRange).max(50),
});
const Scores = z.object({ relevance: Score, completeness: Score, technicalCorrectness: Score, clarity: Score });

const Grading = z
  .object({
    rubricVersion: text(50),
    graderModel: text(200),
    answerClass: z.enum(ANSWER_CLASSES).describe("What code found before the model was asked (an answer, empty, gibberish …)"),
    message: text(MODEL_ITEM).nullable().describe("What the candidate was told about a screened answer"),
    modelScores: Scores.nullable().describe("The model's own scores before code's caps; null when the model was not asked"),
    completeAnswer: items(50, MODEL_ITEM),
    evidence: z.object({
      strengths: z.array(Judgement).max(50),
      improvements: z.array(Judgement).max(50),
      factualErrors: z.array(FactualError).max(50),
    }),
    ignoredPassages: z.array(TextRange).max(100).describe("Passages addressed to the grader, cut before grading"),
    sampling: z.record(text(40), z.number()).describe("The sampling the provider accepted, e.g. { temperature: 0, seed: 17 }"),
  })
  .describe("How the answer was graded under the rubric (issue 17)");

const SecondOpinion = z
  .object({
    scores: Scores,
    summary: text(MODEL_TEXT),
    knowledgeGaps: items(50, MODEL_ITEM),
    grading: Grading,
    gradedAt: Timestamp,
  })
  .describe("A re-grade the user asked for; the first grading stays the score of record");

const Evaluation = EvaluationV1.omit({ evidence: true, rubricVersion: true, graderModel: true }).extend({
  grading: Grading.nullable().default(null).describe("Null for an evaluation written before the rubric (its lists were never checked)"),
  secondOpinion: SecondOpinion.nullable().default(null),
});

const Claim = z.object({
  section: text(60),
  claim: text(MODEL_ITEM),
  questions: z.array(z.int().min(1).max(1_000)).max(50).describe("The question numbers the claim cites"),
  verified: z.boolean().describe("Every cited question exists and was answered"),
});

const Feedback = FeedbackV1.extend({
  claims: z.array(Claim).max(200).nullable().default(null).describe("The debrief's claims with the question numbers they cite"),
  rubricVersion: text(50).nullable().default(null),
  graderModel: text(200).nullable().default(null),
});

const Message = MessageV1.extend({
  requirementIds: z.array(Id).max(50).default([]).describe("Questions only: the requirements of the skill map the question probed"),
  deliveryMetrics: storedJson(50_000, "Answers only: pace, fillers and pauses of the recordings transcribed into it")
    .nullable()
    .default(null),
});

const ModelAnswer = z
  .object({
    id: Id,
    answerId: Id,
    text: text(MODEL_TEXT),
    placeholders: z
      .array(
        z.object({ marker: text(MODEL_ITEM), label: text(MODEL_ITEM), question: text(MODEL_ITEM).optional(), start: Count, end: Count }),
      )
      .max(100),
    flags: z
      .array(z.object({ kind: z.enum(["name", "number"]), text: text(MODEL_ITEM), start: Count, end: Count, reason: text(MODEL_ITEM) }))
      .max(200)
      .describe("Names and numbers found in neither the résumé nor the answer"),
    checked: Count.describe("How many names and numbers were checked"),
    createdAt: Timestamp,
  })
  .describe("“Show a strong answer” (the newest of an answer is current)");

const StarCheck = z
  .object({
    id: Id,
    answerId: Id,
    checklist: storedJson(100_000, "The STAR checklist: each part with the answer's sentences that show it"),
    complete: z.boolean(),
    resultQuantified: z.boolean(),
    saysI: z.boolean(),
    createdAt: Timestamp,
  })
  .describe("The STAR checklist of one behavioural answer");

const AUDIO_FORMAT_NAMES = Object.keys(AUDIO_FORMATS) as [keyof typeof AUDIO_FORMATS, ...Array<keyof typeof AUDIO_FORMATS>];

export const AUDIO_LEFT_OUT = ["not_kept", "redacted", "size_limit"] as const;

const Recording = z
  .object({
    id: Id,
    questionId: Id,
    answerId: Id.nullable().describe("The answer it was transcribed into, once submitted"),
    source: z.enum(["recorder", "upload"]),
    format: z.enum(AUDIO_FORMAT_NAMES),
    mimeType: text(100),
    byteLength: z.int().min(0).max(AUDIO_MAX_FILE_BYTES),
    recordedSeconds: z
      .number()
      .min(0)
      .max(AUDIO_MAX_DURATION_SECONDS * 2)
      .nullable(),
    durationSeconds: z
      .number()
      .min(0)
      .max(AUDIO_MAX_DURATION_SECONDS * 2)
      .nullable(),
    transcript: text(50_000).nullable(),
    words: storedJson(2_000_000, "Word timings [{ word, start, end }] from the provider").nullable(),
    transcriptionModel: text(200).nullable(),
    transcribedAt: Timestamp.nullable(),
    kept: z.boolean().describe("The user kept the recording (Settings › Voice)"),
    createdAt: Timestamp,
    audioBase64: z
      .base64()
      .max(Math.ceil(AUDIO_MAX_FILE_BYTES / 3) * 4)
      .nullable()
      .describe("The audio file itself, base64; null when it is not in the file (see audioLeftOut)"),
    audioLeftOut: z
      .enum(AUDIO_LEFT_OUT)
      .nullable()
      .describe(
        "Why the audio is not in the file: not_kept (deleted after transcription, or by the user), redacted (a voice cannot be redacted), size_limit (the file would exceed what an import accepts)",
      ),
  })
  .describe("A spoken answer (issue 18): its metadata and, for a kept recording, its audio");

const Interview = InterviewV1.extend({
  kind: z.enum(["interview", "drill"]).default("interview"),
  drillTopic: text(MODEL_ITEM).nullable().default(null).describe("A drill's topic"),
  drillRequirementId: Id.nullable().default(null).describe("The requirement a drill practises"),
  messages: z.array(Message).max(500),
  evaluations: z.array(Evaluation).max(250),
  feedback: Feedback.nullable(),
  modelAnswers: z.array(ModelAnswer).max(1_000).default([]),
  starChecks: z.array(StarCheck).max(250).default([]),
  recordings: z.array(Recording).max(2_000).default([]),
});

const Requirement = z
  .object({
    id: Id,
    name: text(REQUIREMENT_NAME_MAX),
    kind: z.enum(REQUIREMENT_KINDS),
    weight: z.int().min(1).max(3).describe("1 nice to have, 2 important, 3 essential"),
    source: z.enum(["extracted", "user"]),
    extractedKey: text(200).nullable().describe("The key of the name the extractor gave it; null for one the user added"),
    nameEdited: z.boolean(),
    weightEdited: z.boolean(),
    removedAt: Timestamp.nullable().describe("Removed by the user: kept so that a new extraction does not bring it back"),
    evidence: z
      .array(
        z.object({
          field: z.enum(["title", "experience_level", "tech_stack", "description"]),
          start: Count,
          end: Count,
          text: text(MODEL_ITEM),
        }),
      )
      .max(50)
      .describe("Where the posting states it"),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .describe("A row of the posting's skill map (its scores are computed from the questions that probed it)");

const JobPosting = JobPostingV1.extend({
  // The posting form's rule: a link is http(s) (a javascript: or data: link would run where it is shown).
  url: z.nullable(PostingUrlSchema),
  requirementsExtractedAt: Timestamp.nullable().default(null),
  requirements: z.array(Requirement).max(500).default([]),
});

// Settings' rules for the names (an import fills in the account's settings with them).
const Voice = z
  .object({
    transcriptionModel: z.nullable(VoiceFields.transcriptionModel),
    readAloud: z.enum(["off", "browser", "provider"]),
    speechModel: z.nullable(VoiceFields.speechModel),
    speechVoice: z.nullable(VoiceFields.speechVoice),
    keepRecordings: z.boolean(),
    maxRecordingSeconds: z.int().min(1).max(AUDIO_MAX_DURATION_SECONDS),
  })
  .describe("Voice settings (null model = the server's default)");

// ── issue 19: review items (spaced review of missed answers) ──
const ReviewItem = z
  .object({
    id: Id,
    missedAnswerId: Id.describe("The missed answer (of an interview in this file) the item reviews"),
    reviewInterviewIds: z.array(Id).max(1_000).describe("The review drills asked for it (interviews in this file)"),
    topic: text(200),
    requirementId: Id.nullable()
      .default(null)
      .describe("The skill-map requirement it practises (a requirement in this file); null when none"),
    status: z.enum(["scheduled", "graduated"]),
    step: z.int().min(0).max(10).nullable().describe("Index of the running interval (1, 3, 7, 14 days); null once graduated"),
    dueAt: Timestamp.nullable(),
    reviews: Count,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .describe("A missed question scheduled for spaced review");
export type ExportedReviewItem = z.infer<typeof ReviewItem>;
// ── end issue 19 ──

const Profile = ProfileV1.extend({
  // Settings' rule for model names, as for the grader's below.
  aiModel: z.nullable(ModelSchema).describe("The model chosen in Settings; null = the server's default"),
  aiGraderModel: z.nullable(ModelSchema).default(null).describe("The model that grades answers; null = the server's default"),
  voice: Voice.nullable().default(null),
});

/** The document without its checksum: what the exporter assembles and the checksum covers. */
export const AccountExportContent = z.object({
  format: z.literal(EXPORT_FORMAT),
  exportVersion: z.literal(EXPORT_VERSION),
  exportId: Id.describe("Unique per export file"),
  exportedAt: Timestamp,
  appVersion: text(50).describe("The version of the app that wrote the file"),
  redacted: z.boolean().describe("True when email addresses, phone numbers and the résumé's names were replaced by placeholders"),
  profile: Profile,
  resume: Resume.nullable(),
  jobPostings: z.array(JobPosting).max(10_000),
  interviews: z.array(Interview).max(100_000),
  usage: z.array(UsageRecord).max(1_000_000),
  reviewItems: z.array(ReviewItem).max(100_000).optional(), // ── issue 19: spaced review ──
});
export type AccountExportContent = z.infer<typeof AccountExportContent>;
/** What the exporter hands to the schema (defaults may be left out). */
export type AccountExportInput = z.input<typeof AccountExportContent>;

export const AccountExport = AccountExportContent.extend({ checksum: ExportChecksum })
  .superRefine((doc, ctx) => {
    for (const problem of integrityProblems(doc)) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
  })
  .describe(`An ai-interviewer account export, version ${EXPORT_VERSION}`);

export type AccountExport = z.infer<typeof AccountExport>;
export type ExportedInterview = AccountExport["interviews"][number];

/** A version-1 file (already checked against version 1) read as the current version: the new data is empty. */
export function upgradeFromV1(document: z.infer<typeof AccountExportV1>) {
  return AccountExport.safeParse({ ...document, exportVersion: EXPORT_VERSION });
}

/**
 * Version 1's links, and those of the data version 2 adds: requirements,
 * the questions that probed them, a drill's requirement, model answers and
 * STAR checks of an answer, recordings of a question and its answer — each
 * must point inside the file (and inside the same interview where it says so).
 */
function integrityProblems(doc: AccountExportContent) {
  const problems = integrityProblemsV1(doc);
  const requirements = new Set<string>();
  doc.jobPostings.forEach((p, i) =>
    p.requirements.forEach((r, j) => {
      if (requirements.has(r.id))
        problems.push({ message: `The id ${r.id} is used twice`, path: ["jobPostings", i, "requirements", j, "id"] });
      requirements.add(r.id);
    }),
  );
  doc.interviews.forEach((s, i) => {
    const at = ["interviews", i];
    if (s.drillRequirementId && !requirements.has(s.drillRequirementId)) {
      problems.push({ message: "The drill's requirement is not in the file", path: [...at, "drillRequirementId"] });
    }
    const questions = new Set<string>();
    const answers = new Set<string>();
    s.messages.forEach((m, j) => {
      (m.kind === "question" ? questions : answers).add(m.id);
      m.requirementIds.forEach((r, k) => {
        if (m.kind !== "question" || !requirements.has(r)) {
          problems.push({ message: "A question's requirement must be in the file", path: [...at, "messages", j, "requirementIds", k] });
        }
      });
    });
    const ids = new Set<string>();
    const unique = (id: string, path: PropertyKey[]) => {
      if (ids.has(id)) problems.push({ message: `The id ${id} is used twice`, path });
      ids.add(id);
    };
    s.modelAnswers.forEach((a, j) => {
      unique(a.id, [...at, "modelAnswers", j, "id"]);
      if (!answers.has(a.answerId))
        problems.push({
          message: "A model answer must point at an answer of the same interview",
          path: [...at, "modelAnswers", j, "answerId"],
        });
    });
    const checked = new Set<string>();
    s.starChecks.forEach((c, j) => {
      unique(c.id, [...at, "starChecks", j, "id"]);
      if (!answers.has(c.answerId) || checked.has(c.answerId)) {
        problems.push({
          message: "A STAR check must point at an answer of the same interview, once",
          path: [...at, "starChecks", j, "answerId"],
        });
      }
      checked.add(c.answerId);
    });
    s.recordings.forEach((r, j) => {
      unique(r.id, [...at, "recordings", j, "id"]);
      if (!questions.has(r.questionId))
        problems.push({
          message: "A recording must point at a question of the same interview",
          path: [...at, "recordings", j, "questionId"],
        });
      if (r.answerId && !answers.has(r.answerId))
        problems.push({ message: "A recording's answer must be in the same interview", path: [...at, "recordings", j, "answerId"] });
      if ((r.audioBase64 === null) === (r.audioLeftOut === null)) {
        problems.push({
          message: "A recording has either its audio or the reason it was left out",
          path: [...at, "recordings", j, "audioBase64"],
        });
      }
    });
  });
  return problems;
}
