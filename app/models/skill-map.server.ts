import type { PostingContext } from "#app/ai/prompts.ts";
import {
  addRequirement,
  applyMergePlan,
  mergeRequirements,
  removeRequirement,
  renameRequirement,
  reweightRequirement,
  type ExtractedRequirement,
  type PostingEvidence,
  type PostingRequirement,
  type RequirementChanges,
  type RequirementKind,
  type RequirementWeight,
} from "#app/domain/practice/requirements.ts";
import { skillMap, type ProbeFacts, type SkillMapEntry } from "#app/domain/practice/skill-map.ts";
import { answerScore } from "#app/domain/practice/skill-state.ts";
import type { Operation } from "#app/generated/prisma/client.ts";
import { db, type Prisma, type Tx } from "#app/utils/db.server.ts";
import { Refusal } from "#app/utils/refusal.server.ts";
import {
  completeOperation,
  failOperation,
  operationViewSelect,
  startOperation,
  startOperationUnlessBudgetRefuses,
  type OperationView,
} from "./operation.server.ts";

/**
 * A job posting's skill map: its requirements (extracted by the worker, edited
 * by the user) with the evidence for each — where the résumé supports it, the
 * questions that probed it, the scores of their answers across attempts, and
 * its state with the answer behind each change. The map is a query over
 * requirements → question_requirements → answers → evaluations, assembled by
 * the pure rules of app/domain/practice; no score is stored twice.
 *
 * Every write to a posting's requirements (the user's edits, the worker's
 * merge of an extraction) first locks the posting row, so they happen one
 * after another and the merge always sees the user's latest edits.
 */

/** Why an edit was refused: the message says what to change (422 in the API, like its other invalid bodies; the page answers 400). */
export class RequirementEditRefused extends Refusal<"invalid_requirement"> {
  override name = "RequirementEditRefused";
  constructor(message: string, field: string) {
    super("invalid_requirement", message, 422, { fields: { [field]: [message] } });
  }
}

type RequirementRow = Prisma.RequirementGetPayload<object>;

function toRequirement(row: RequirementRow): PostingRequirement {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    weight: row.weight as RequirementWeight,
    source: row.source,
    extractedKey: row.extractedKey,
    nameEdited: row.nameEdited,
    weightEdited: row.weightEdited,
    removed: row.removedAt !== null,
    evidence: row.evidence as PostingEvidence[],
  };
}

/** RequirementChanges as columns (a removal is a tombstone with its date). */
function toColumns(changes: RequirementChanges): Prisma.RequirementUpdateInput {
  const { removed, evidence, ...rest } = changes;
  return {
    ...rest,
    ...(evidence ? { evidence: evidence as Prisma.InputJsonValue } : {}),
    ...(removed === undefined ? {} : { removedAt: removed ? new Date() : null }),
  };
}

/** Lock this user's posting for a write to its requirements; false when it is not theirs (or gone). */
async function lockPosting(tx: Tx, userId: string, postingId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM job_postings WHERE id = ${postingId}::uuid AND user_id = ${userId}::uuid FOR UPDATE`;
  return rows.length === 1;
}

async function requirementsOf(tx: Tx, postingId: string) {
  const rows = await tx.requirement.findMany({ where: { jobPostingId: postingId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toRequirement);
}

// --- Reading the map --------------------------------------------------------------------------

export type SkillMapView = {
  posting: { id: string; title: string; company: string | null };
  entries: SkillMapEntry[];
  /** Requirements the user removed (kept so a re-extraction does not bring them back). */
  removed: Array<{ id: string; name: string }>;
  hasResume: boolean;
  /** Each probing question's number in its interview (for links to it). */
  questionNumbers: Record<string, number>;
  extraction: { extractedAt: Date | null; operation: OperationView | null };
};

/** The posting's skill map, or null when the posting is not this user's. */
export async function getSkillMap(userId: string, postingId: string): Promise<SkillMapView | null> {
  // One snapshot (REPEATABLE READ): an extraction committed between two reads must not show as
  // "completed" next to the list as it was before it (the same reason as getInterview's).
  const read = await db.$transaction(
    async (tx) => {
      const posting = await tx.jobPosting.findFirst({
        where: { id: postingId, userId },
        select: { id: true, title: true, company: true, requirementsExtractedAt: true },
      });
      if (!posting) return null;
      const rows = await tx.requirement.findMany({
        where: { jobPostingId: postingId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          questions: {
            select: {
              question: {
                select: {
                  id: true,
                  sessionId: true,
                  content: true,
                  questionNumber: true,
                  createdAt: true,
                  // issue 19: a review drill's question is a fresh wording of a missed answer's question.
                  session: { select: { reviewItem: { select: { missedAnswerId: true } } } },
                  answer: {
                    select: {
                      id: true,
                      createdAt: true,
                      evaluation: {
                        select: { relevanceScore: true, completenessScore: true, technicalCorrectness: true, clarityScore: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      });
      const resume = await tx.resume.findUnique({ where: { userId }, select: { content: true } });
      const latestExtraction = await tx.operation.findFirst({
        where: { userId, kind: "extract_requirements", subjectId: postingId },
        orderBy: { createdAt: "desc" },
        select: operationViewSelect,
      });
      return { posting, rows, resume, latestExtraction };
    },
    { isolationLevel: "RepeatableRead" },
  );
  if (!read) return null;
  const { posting, rows, resume, latestExtraction } = read;
  const probesByRequirement = new Map<string, ProbeFacts[]>();
  const questionNumbers: Record<string, number> = {};
  for (const row of rows) {
    probesByRequirement.set(
      row.id,
      row.questions.map(({ question: q }): ProbeFacts => {
        questionNumbers[q.id] = q.questionNumber ?? 0;
        const e = q.answer?.evaluation;
        return {
          questionId: q.id,
          sessionId: q.sessionId,
          question: q.content,
          askedAt: q.createdAt,
          answer: q.answer
            ? {
                id: q.answer.id,
                at: q.answer.createdAt,
                score: e
                  ? answerScore({
                      relevance: e.relevanceScore,
                      completeness: e.completenessScore,
                      technicalCorrectness: e.technicalCorrectness,
                      clarity: e.clarityScore,
                    })
                  : null,
              }
            : null,
          reviewOfAnswerId: q.session.reviewItem?.missedAnswerId ?? null,
        };
      }),
    );
  }
  const requirements = rows.map(toRequirement);
  return {
    posting: { id: posting.id, title: posting.title, company: posting.company },
    entries: skillMap(requirements, { resume: resume?.content ?? "", probesByRequirement }),
    removed: requirements.filter((r) => r.removed).map((r) => ({ id: r.id, name: r.name })),
    hasResume: Boolean(resume?.content.trim()),
    questionNumbers,
    extraction: {
      extractedAt: posting.requirementsExtractedAt,
      operation: latestExtraction,
    },
  };
}

/** How many requirements the posting's map has: "Weakest skills first" needs at least one. */
export async function countActiveRequirements(userId: string, postingId: string) {
  return db.requirement.count({ where: { userId, jobPostingId: postingId, removedAt: null } });
}

export const NO_SKILL_MAP_MESSAGE =
  "“Weakest skills first” aims at the job's requirements, and this posting has none yet. Open its skill map to extract them (or add your own), or choose another focus.";

/**
 * What a "Weakest skills first" question is aimed from: the posting's requirements with their
 * states now, which requirements this interview's questions probed so far, and those of its
 * latest question (a follow-up stays on them). Null when the interview's posting is gone or
 * its map is empty: the question is then an ordinary one.
 */
export async function questionTargeting(userId: string, sessionId: string) {
  const session = await db.interviewSession.findFirst({ where: { id: sessionId, userId }, select: { jobPostingId: true } });
  const map = session?.jobPostingId ? await getSkillMap(userId, session.jobPostingId) : null;
  if (!map?.entries.length) return null;
  const links = await db.questionRequirement.findMany({
    where: { question: { sessionId } },
    select: { requirementId: true, question: { select: { id: true, questionNumber: true } } },
  });
  const byQuestion = new Map<string, { number: number; requirementIds: string[] }>();
  for (const link of links) {
    const entry = byQuestion.get(link.question.id) ?? { number: link.question.questionNumber ?? 0, requirementIds: [] };
    entry.requirementIds.push(link.requirementId);
    byQuestion.set(link.question.id, entry);
  }
  const asked = [...byQuestion.values()].sort((a, b) => a.number - b.number);
  return {
    candidates: map.entries.map((e) => ({
      id: e.requirement.id,
      name: e.requirement.name,
      kind: e.requirement.kind,
      weight: e.requirement.weight,
      state: e.skill.state,
      average: e.skill.average,
    })),
    asked,
    lastRequirementIds: asked.at(-1)?.requirementIds ?? [],
  };
}

// --- The user's edits -------------------------------------------------------------------------

/** The weight is checked here too (1–3), whatever the caller validated. */
export type RequirementInput = { name: string; kind: RequirementKind; weight: number };

/**
 * Add a requirement of the user's own (or bring back one they removed, with its history).
 * Null when the posting is not this user's.
 */
export async function addPostingRequirement(userId: string, postingId: string, input: RequirementInput) {
  return db.$transaction(async (tx) => {
    if (!(await lockPosting(tx, userId, postingId))) return null;
    const weight = reweightRequirement(input.weight);
    if (!weight.ok) throw new RequirementEditRefused(weight.message, "weight");
    const result = addRequirement(await requirementsOf(tx, postingId), { ...input, weight: weight.value.weight! });
    if (!result.ok) throw new RequirementEditRefused(result.message, "name");
    if ("restore" in result.value) {
      const row = await tx.requirement.update({ where: { id: result.value.restore }, data: toColumns(result.value.changes) });
      return toRequirement(row);
    }
    const { removed: _removed, evidence, ...create } = result.value.create;
    const row = await tx.requirement.create({
      data: { ...create, evidence: evidence as Prisma.InputJsonValue, userId, jobPostingId: postingId },
    });
    return toRequirement(row);
  });
}

/** A rename, a new weight (or both at once), or a removal. */
export type RequirementEdit = { name?: string; weight?: number } | { remove: true };

/**
 * Change one requirement of the posting, all or nothing. Null when the posting or the
 * requirement is not this user's (or the requirement was already removed).
 */
export async function editPostingRequirement(userId: string, postingId: string, requirementId: string, edit: RequirementEdit) {
  return db.$transaction(async (tx) => {
    if (!(await lockPosting(tx, userId, postingId))) return null;
    const list = await requirementsOf(tx, postingId);
    const target = list.find((r) => r.id === requirementId && !r.removed);
    if (!target) return null;
    let changes: RequirementChanges = {};
    if ("remove" in edit) {
      changes = removeRequirement();
    } else {
      if (edit.name !== undefined && edit.name !== target.name) {
        const result = renameRequirement(list, requirementId, edit.name);
        if (!result.ok) throw new RequirementEditRefused(result.message, "name");
        changes = { ...changes, ...result.value };
      }
      if (edit.weight !== undefined && edit.weight !== target.weight) {
        const result = reweightRequirement(edit.weight);
        if (!result.ok) throw new RequirementEditRefused(result.message, "weight");
        changes = { ...changes, ...result.value };
      }
    }
    if (!Object.keys(changes).length) return target;
    const row = await tx.requirement.update({ where: { id: requirementId }, data: toColumns(changes) });
    return toRequirement(row);
  });
}

// --- Extraction (the worker's side and the on-demand request) ----------------------------------

/** The fields of a posting whose change means its requirements must be read again. */
export const POSTING_FIELDS_WITH_REQUIREMENTS = ["title", "description", "experienceLevel", "techStack"] as const;

function queueRequirementExtraction(tx: Tx, userId: string, postingId: string) {
  return startOperation(tx, { userId, kind: "extract_requirements", subjectId: postingId });
}

function runningExtraction(tx: Tx, userId: string, postingId: string) {
  return tx.operation.findFirst({
    where: { userId, kind: "extract_requirements", subjectId: postingId, status: { in: ["pending", "processing"] } },
    select: { id: true, kind: true, status: true },
  });
}

/** A new extraction when the user has an AI key to do it with and the budget allows side work (else null). */
async function startExtractionIfPossible(tx: Tx, userId: string, postingId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { apiKeyCiphertext: true } });
  // Near or at the budget the posting is saved all the same; "Extract requirements" is there for later.
  return user?.apiKeyCiphertext
    ? startOperationUnlessBudgetRefuses(tx, { userId, kind: "extract_requirements", subjectId: postingId })
    : null;
}

/**
 * Inside a posting's save transaction (created, or what it asks for edited): ask the worker to
 * read its requirements — when the user has an AI key to do it with. Without one, the skill
 * map page says so and offers "Extract requirements" once a key is saved.
 *
 * One extraction per posting at a time, however often it is saved (each one is a paid call):
 * while one is pending or processing, a save starts none. The job reads the posting as it is
 * when it runs, so a pending one reads this save's text; one already processing may have read
 * the text before it — applyExtractedRequirements sees that (the text it read is no longer the
 * posting's), merges nothing and starts the next extraction itself. The saves are serialised by
 * the posting row their UPDATE locks, and the merge takes the same lock, so a save either comes
 * before the merge (which then sees the new text) or after it (and finds nothing running).
 */
export async function queueExtractionOnSave(tx: Tx, userId: string, postingId: string) {
  await lockPosting(tx, userId, postingId); // held by the caller's save already; taken here too, as the rule above needs it
  if (await runningExtraction(tx, userId, postingId)) return;
  await startExtractionIfPossible(tx, userId, postingId);
}

/**
 * "Extract again" (page and API): a new extraction of the posting's requirements, unless one
 * is already running (then that one). Null when the posting is not this user's.
 */
export async function requestRequirementExtraction(userId: string, postingId: string) {
  return db.$transaction(async (tx) => {
    if (!(await lockPosting(tx, userId, postingId))) return null;
    return (await runningExtraction(tx, userId, postingId)) ?? queueRequirementExtraction(tx, userId, postingId);
  });
}

const postingContextSelect = { title: true, company: true, experienceLevel: true, techStack: true, description: true } as const;

/** What the extraction job reads: the posting as it is now; `done` when it was deleted meanwhile. */
export async function extractionContext(operation: Operation): Promise<{ posting: PostingContext } | { done: Record<string, unknown> }> {
  const posting = await db.jobPosting.findFirst({
    where: { id: operation.subjectId ?? undefined, userId: operation.userId },
    select: postingContextSelect,
  });
  if (!operation.subjectId || !posting) {
    await failOperation(operation.id, "missing_posting", "That job posting no longer exists.");
    return { done: { failed: "missing_posting" } };
  }
  return { posting };
}

/** Whether the posting still asks for what the extraction read (the fields a save re-extracts on). */
function postingUnchanged(read: PostingContext, now: PostingContext) {
  return POSTING_FIELDS_WITH_REQUIREMENTS.every((f) => JSON.stringify(read[f]) === JSON.stringify(now[f]));
}

/**
 * Merge an extraction into the posting's requirements and complete the operation, in one
 * transaction under the posting's lock: the user's edits made while the model was reading
 * win (the merge runs on the list as it is now), and a re-extraction never overwrites them.
 * `read` is the posting as the extraction read it. When a save changed it since, the result
 * describes text the posting no longer has: it is not merged (the operation completes as
 * skipped, "posting changed") and the next extraction is started here, to read the posting as
 * it is now — the one a save made meanwhile did not start (queueExtractionOnSave).
 */
export async function applyExtractedRequirements(
  operationId: string,
  operation: Pick<Operation, "userId" | "subjectId">,
  read: PostingContext,
  extracted: ExtractedRequirement[],
) {
  return db.$transaction(async (tx) => {
    const postingId = operation.subjectId!;
    if (!(await lockPosting(tx, operation.userId, postingId))) {
      await completeOperation(tx, operationId, { skipped: "posting deleted" });
      return { skipped: "posting deleted" };
    }
    const now = await tx.jobPosting.findUniqueOrThrow({ where: { id: postingId }, select: postingContextSelect });
    if (!postingUnchanged(read, now)) {
      await completeOperation(tx, operationId, { skipped: "posting changed" });
      const next =
        (await runningExtraction(tx, operation.userId, postingId)) ?? (await startExtractionIfPossible(tx, operation.userId, postingId));
      return { skipped: "posting changed", next: next?.id ?? null };
    }
    const existing = await requirementsOf(tx, postingId);
    const plan = mergeRequirements(existing, extracted);
    for (const { id, changes } of plan.update) await tx.requirement.update({ where: { id }, data: toColumns(changes) });
    for (const add of plan.add) {
      const { removed: _removed, evidence, ...create } = add;
      await tx.requirement.create({
        data: { ...create, evidence: evidence as Prisma.InputJsonValue, userId: operation.userId, jobPostingId: postingId },
      });
    }
    await tx.jobPosting.update({ where: { id: postingId }, data: { requirementsExtractedAt: new Date() } });
    const after = applyMergePlan(existing, plan, (i) => `new-${i}`);
    const result = {
      requirements: after.filter((r) => !r.removed).length,
      added: plan.add.map((r) => r.name),
      updated: plan.update.length,
      skipped: plan.skipped,
      notExtracted: existing.filter((r) => plan.notExtracted.includes(r.id)).map((r) => r.name),
    };
    await completeOperation(tx, operationId, result);
    return result;
  });
}

/** In the question's transaction: record which requirements it probes (any removed or deleted meanwhile are skipped). */
export async function linkQuestionToRequirements(tx: Tx, questionId: string, requirementIds: readonly string[]) {
  const live = await tx.requirement.findMany({ where: { id: { in: [...requirementIds] } }, select: { id: true } });
  if (live.length)
    await tx.questionRequirement.createMany({ data: live.map((r) => ({ questionId, requirementId: r.id })), skipDuplicates: true });
}
