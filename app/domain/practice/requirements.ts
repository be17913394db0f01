import { requirementKey } from "./text-match.ts";

/**
 * The requirements of a job posting — its skill map's rows — and the rules
 * for the user's edits and for re-extraction. Client-safe: no I/O.
 *
 * Identity: two names are the same requirement when they have the same
 * `requirementKey` (meaningful words, case/accents/plurals ignored, synonyms
 * applied: "Postgres" = "PostgreSQL", "Strong Kafka experience" = "Kafka").
 * An extracted requirement also keeps the key of the name the extractor first
 * gave it (`extractedKey`), so a re-extraction still recognises it after the
 * user renamed it.
 *
 * Re-extraction never overwrites the user: a renamed, re-weighted or removed
 * requirement stays as the user left it (a removal is kept as a tombstone so
 * the requirement does not come back), the user's own requirements are never
 * touched, and only requirements not in the list yet are added. Only where
 * the posting states a requirement (its evidence) is refreshed on every
 * match: that is the posting's fact, not the user's choice. Requirements
 * the new extraction no longer returns are kept (their history of questions
 * and scores hangs off them; a model that merely forgot one this time must not
 * erase it) and reported, so the page can say "not found in the posting any more".
 */

export const REQUIREMENT_KINDS = ["technology", "skill", "responsibility", "seniority"] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

export type RequirementWeight = 1 | 2 | 3;
export const REQUIREMENT_WEIGHTS: readonly RequirementWeight[] = [1, 2, 3];
export const WEIGHT_LABELS: Record<RequirementWeight, string> = { 1: "Nice to have", 2: "Important", 3: "Essential" };

/** The extractor keeps at most this many (the most important first): a map to practise against, not an inventory. */
export const EXTRACTED_CAP = 15;
/** Including the user's own additions, a posting keeps at most this many active requirements. */
export const MAX_REQUIREMENTS = 30;
export const REQUIREMENT_NAME_MAX = 80;

export type PostingField = "title" | "experience_level" | "tech_stack" | "description";

/** Where the posting states a requirement: offsets in that field's text (the tech stack's text is its items joined by ", "). */
export type PostingEvidence = { field: PostingField; start: number; end: number; text: string };

/** A requirement as the extractor returns it, after our checks. */
export type ExtractedRequirement = {
  key: string;
  name: string;
  kind: RequirementKind;
  weight: RequirementWeight;
  evidence: PostingEvidence[];
};

/** A requirement as kept for a posting (phase 2's Requirement row). */
export type PostingRequirement = {
  id: string;
  name: string;
  kind: RequirementKind;
  weight: RequirementWeight;
  source: "extracted" | "user";
  /** The key of the name the extractor gave it; null for a requirement the user added. */
  extractedKey: string | null;
  nameEdited: boolean;
  weightEdited: boolean;
  /** Removed by the user: kept so that re-extraction does not bring it back. */
  removed: boolean;
  evidence: PostingEvidence[];
};

export type NewRequirement = Omit<PostingRequirement, "id">;
export type RequirementChanges = Partial<Omit<PostingRequirement, "id" | "source" | "extractedKey">>;

/** True when `name` (or an extracted key) is the same requirement as `requirement`. */
export function isSameRequirement(requirement: Pick<PostingRequirement, "name" | "extractedKey">, key: string) {
  return key === requirement.extractedKey || key === requirementKey(requirement.name);
}

export type MergePlan = {
  /** New requirements to create, most important first. */
  add: NewRequirement[];
  /** Changes to existing requirements (only fields the user did not edit; evidence is always refreshed). */
  update: Array<{ id: string; changes: RequirementChanges }>;
  /** Extracted again but left alone because the user removed them, or not added because the list is full. */
  skipped: Array<{ name: string; reason: "removed" | "full" }>;
  /** Active extracted requirements the new extraction did not return (kept). */
  notExtracted: string[];
};

export function mergeRequirements(existing: readonly PostingRequirement[], extracted: readonly ExtractedRequirement[]): MergePlan {
  const plan: MergePlan = { add: [], update: [], skipped: [], notExtracted: [] };
  const matched = new Set<string>();
  let activeExtracted = existing.filter((r) => !r.removed && r.source === "extracted").length;
  let active = existing.filter((r) => !r.removed).length;

  for (const item of extracted) {
    const same = existing.filter((r) => isSameRequirement(r, item.key));
    if (same.length) {
      for (const r of same) matched.add(r.id);
      const live = same.filter((r) => !r.removed);
      if (!live.length) plan.skipped.push({ name: item.name, reason: "removed" });
      for (const r of live) {
        const changes: RequirementChanges = {};
        if (JSON.stringify(r.evidence) !== JSON.stringify(item.evidence)) changes.evidence = item.evidence;
        // A requirement the user added or edited in any way is theirs; an untouched one follows the posting.
        if (r.source === "extracted" && !r.nameEdited && !r.weightEdited) {
          if (r.weight !== item.weight) changes.weight = item.weight;
          if (r.kind !== item.kind) changes.kind = item.kind;
        }
        if (Object.keys(changes).length) plan.update.push({ id: r.id, changes });
      }
      continue;
    }
    if (plan.add.some((a) => a.extractedKey === item.key)) continue;
    if (activeExtracted >= EXTRACTED_CAP || active >= MAX_REQUIREMENTS) {
      plan.skipped.push({ name: item.name, reason: "full" });
      continue;
    }
    plan.add.push({
      name: item.name,
      kind: item.kind,
      weight: item.weight,
      source: "extracted",
      extractedKey: item.key,
      nameEdited: false,
      weightEdited: false,
      removed: false,
      evidence: item.evidence,
    });
    activeExtracted++;
    active++;
  }
  plan.notExtracted = existing.filter((r) => r.source === "extracted" && !r.removed && !matched.has(r.id)).map((r) => r.id);
  return plan;
}

/** The list after a merge plan (what phase 2's transaction writes; used by tests and previews). */
export function applyMergePlan(existing: readonly PostingRequirement[], plan: MergePlan, newId: (index: number) => string) {
  const changes = new Map(plan.update.map((u) => [u.id, u.changes]));
  return [
    ...existing.map((r) => ({ ...r, ...changes.get(r.id) })),
    ...plan.add.map((r, i): PostingRequirement => ({ ...r, id: newId(i) })),
  ];
}

// --- The user's edits ----------------------------------------------------------

export type EditResult<T> = { ok: true; value: T } | { ok: false; message: string };

function checkName(name: string, others: readonly PostingRequirement[]): EditResult<string> {
  const clean = name.replace(/\s+/g, " ").trim();
  if (!clean) return { ok: false, message: "Enter a name for the requirement." };
  if (clean.length > REQUIREMENT_NAME_MAX) return { ok: false, message: `Keep the name to ${REQUIREMENT_NAME_MAX} characters.` };
  const key = requirementKey(clean);
  const clash = others.find((r) => !r.removed && isSameRequirement(r, key));
  if (clash) return { ok: false, message: `“${clash.name}” is already in the list.` };
  return { ok: true, value: clean };
}

/**
 * A requirement the user adds. Adding a requirement the user removed earlier
 * brings that one back (with its history) instead of creating a twin.
 */
export function addRequirement(
  list: readonly PostingRequirement[],
  input: { name: string; kind: RequirementKind; weight: RequirementWeight },
): EditResult<{ create: NewRequirement } | { restore: string; changes: RequirementChanges }> {
  const name = checkName(input.name, list);
  if (!name.ok) return name;
  if (list.filter((r) => !r.removed).length >= MAX_REQUIREMENTS) {
    return { ok: false, message: `A posting keeps at most ${MAX_REQUIREMENTS} requirements. Remove one first.` };
  }
  const removed = list.find((r) => r.removed && isSameRequirement(r, requirementKey(name.value)));
  if (removed) {
    return {
      ok: true,
      value: {
        restore: removed.id,
        changes: { removed: false, name: name.value, nameEdited: true, weight: input.weight, weightEdited: true },
      },
    };
  }
  return {
    ok: true,
    value: {
      create: {
        name: name.value,
        kind: input.kind,
        weight: input.weight,
        source: "user",
        extractedKey: null,
        nameEdited: true,
        weightEdited: true,
        removed: false,
        evidence: [],
      },
    },
  };
}

export function renameRequirement(list: readonly PostingRequirement[], id: string, name: string): EditResult<RequirementChanges> {
  const result = checkName(
    name,
    list.filter((r) => r.id !== id),
  );
  return result.ok ? { ok: true, value: { name: result.value, nameEdited: true } } : result;
}

export function reweightRequirement(weight: number): EditResult<RequirementChanges> {
  if (!REQUIREMENT_WEIGHTS.includes(weight as RequirementWeight)) return { ok: false, message: "Choose a weight from 1 to 3." };
  return { ok: true, value: { weight: weight as RequirementWeight, weightEdited: true } };
}

export function removeRequirement(): RequirementChanges {
  return { removed: true };
}
