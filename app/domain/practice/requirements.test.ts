import { describe, expect, it } from "vitest";
import {
  addRequirement,
  applyMergePlan,
  EXTRACTED_CAP,
  mergeRequirements,
  MAX_REQUIREMENTS,
  removeRequirement,
  renameRequirement,
  reweightRequirement,
  type ExtractedRequirement,
  type PostingRequirement,
  type RequirementWeight,
} from "./requirements.ts";
import { requirementKey } from "./text-match.ts";

const evidence = (text: string) => [{ field: "description" as const, start: 0, end: text.length, text }];

function extracted(name: string, weight: RequirementWeight = 2, kind: ExtractedRequirement["kind"] = "technology"): ExtractedRequirement {
  return { key: requirementKey(name), name, kind, weight, evidence: evidence(`We use ${name}.`) };
}

/** The list a first extraction creates. */
function firstExtraction(items: ExtractedRequirement[]) {
  return applyMergePlan([], mergeRequirements([], items), (i) => `r${i + 1}`);
}

function edit(list: PostingRequirement[], id: string, changes: Partial<PostingRequirement>) {
  return list.map((r) => (r.id === id ? { ...r, ...changes } : r));
}

describe("mergeRequirements", () => {
  it("a first extraction adds every requirement as extracted and unedited", () => {
    const list = firstExtraction([extracted("PostgreSQL", 3), extracted("Kafka")]);
    expect(list.map((r) => [r.id, r.name, r.weight, r.source, r.nameEdited, r.weightEdited, r.removed])).toEqual([
      ["r1", "PostgreSQL", 3, "extracted", false, false, false],
      ["r2", "Kafka", 2, "extracted", false, false, false],
    ]);
  });

  it("re-extraction keeps the user's renames, weights, removals and additions, and adds only what is new", () => {
    let list = firstExtraction([extracted("PostgreSQL", 3), extracted("Kafka"), extracted("Java"), extracted("Docker", 1)]);
    const rename = renameRequirement(list, "r1", "Postgres query tuning");
    expect(rename.ok).toBe(true);
    list = edit(list, "r1", rename.ok ? rename.value : {});
    const reweight = reweightRequirement(1);
    list = edit(list, "r2", reweight.ok ? reweight.value : {});
    list = edit(list, "r3", removeRequirement());
    const add = addRequirement(list, { name: "Kubernetes", kind: "technology", weight: 3 });
    expect(add.ok && "create" in add.value).toBe(true);
    if (add.ok && "create" in add.value) list = [...list, { ...add.value.create, id: "u1" }];

    // The model now says "Postgres" (weight 2), "Kafka" (weight 3), "Java" again, "K8s", Docker now essential, and a new "Terraform".
    const again = [
      extracted("Postgres", 2),
      extracted("Kafka", 3),
      extracted("Java", 3),
      extracted("K8s", 2),
      extracted("Docker", 3),
      extracted("Terraform", 2),
    ];
    const plan = mergeRequirements(list, again);
    const after = applyMergePlan(list, plan, (i) => `n${i + 1}`);
    const byId = new Map(after.map((r) => [r.id, r]));

    expect(byId.get("r1")).toMatchObject({ name: "Postgres query tuning", nameEdited: true, weight: 3 }); // renamed: recognised by its extracted key
    expect(byId.get("r2")).toMatchObject({ name: "Kafka", weight: 1, weightEdited: true }); // the user's weight stays
    expect(byId.get("r3")).toMatchObject({ name: "Java", removed: true }); // removed stays removed
    expect(byId.get("u1")).toMatchObject({ name: "Kubernetes", weight: 3, source: "user" }); // "K8s" is the user's Kubernetes
    expect(byId.get("r4")).toMatchObject({ name: "Docker", weight: 3 }); // unedited: follows the posting
    expect(plan.add.map((r) => r.name)).toEqual(["Terraform"]);
    expect(byId.get("n1")).toMatchObject({ name: "Terraform", source: "extracted", extractedKey: requirementKey("Terraform") });
    expect(plan.skipped).toEqual([{ name: "Java", reason: "removed" }]);
    expect(after).toHaveLength(list.length + 1);
  });

  it("refreshes where the posting states a requirement, even for one the user edited", () => {
    const list = edit(firstExtraction([extracted("Kafka")]), "r1", { name: "Kafka streams", nameEdited: true });
    const moved = { ...extracted("Kafka"), evidence: evidence("Kafka is a must.") };
    const plan = mergeRequirements(list, [moved]);
    expect(plan.update).toEqual([{ id: "r1", changes: { evidence: moved.evidence } }]);
  });

  it("keeps requirements the new extraction did not return, and says which", () => {
    const list = firstExtraction([extracted("Kafka"), extracted("Redis")]);
    const plan = mergeRequirements(list, [extracted("Kafka")]);
    expect(plan.notExtracted).toEqual(["r2"]);
    expect(applyMergePlan(list, plan, () => "x").map((r) => r.name)).toEqual(["Kafka", "Redis"]);
  });

  it("a second extraction with nothing new changes nothing", () => {
    const items = [extracted("Kafka", 3), extracted("Redis", 1)];
    expect(mergeRequirements(firstExtraction(items), items)).toEqual({ add: [], update: [], skipped: [], notExtracted: [] });
  });

  it("adds no more than the cap of extracted requirements", () => {
    const many = Array.from({ length: EXTRACTED_CAP + 3 }, (_, i) => extracted(`Tool${String.fromCharCode(97 + i)}`));
    const plan = mergeRequirements([], many);
    expect(plan.add).toHaveLength(EXTRACTED_CAP);
    expect(plan.skipped).toHaveLength(3);
    expect(plan.skipped.every((s) => s.reason === "full")).toBe(true);
  });
});

describe("the user's edits", () => {
  const list = firstExtraction([extracted("PostgreSQL"), extracted("Kafka")]);

  it("refuses a blank, too long or duplicate name, with a message", () => {
    expect(renameRequirement(list, "r2", "  ")).toEqual({ ok: false, message: "Enter a name for the requirement." });
    expect(renameRequirement(list, "r2", "x".repeat(81)).ok).toBe(false);
    expect(renameRequirement(list, "r2", "postgres")).toEqual({ ok: false, message: "“PostgreSQL” is already in the list." });
    expect(addRequirement(list, { name: "Postgres", kind: "technology", weight: 2 }).ok).toBe(false);
    expect(renameRequirement(list, "r1", "Postgres")).toEqual({ ok: true, value: { name: "Postgres", nameEdited: true } });
  });

  it("refuses a weight outside 1–3", () => {
    expect(reweightRequirement(0).ok).toBe(false);
    expect(reweightRequirement(2.5).ok).toBe(false);
    expect(reweightRequirement(3)).toEqual({ ok: true, value: { weight: 3, weightEdited: true } });
  });

  it("adding a requirement the user removed brings it back instead of creating a twin", () => {
    const removed = edit(list, "r2", removeRequirement());
    const result = addRequirement(removed, { name: "kafka", kind: "technology", weight: 3 });
    expect(result).toEqual({
      ok: true,
      value: { restore: "r2", changes: { removed: false, name: "kafka", nameEdited: true, weight: 3, weightEdited: true } },
    });
  });

  it("refuses an addition beyond the maximum", () => {
    const full = Array.from({ length: MAX_REQUIREMENTS }, (_, i) => ({ ...list[0]!, id: `f${i}`, name: `Skill ${i}` }));
    expect(addRequirement(full, { name: "One more", kind: "skill", weight: 1 }).ok).toBe(false);
  });
});
