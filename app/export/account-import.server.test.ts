import { describe, expect, test } from "vitest";
import { accountData, accountDataV2, IDS, V2_IDS } from "#tests/fixtures/account-export-data.ts";
import type { AccountExport } from "./account-export.ts";
import { buildAccountExport, type AccountExportData } from "./account-export.server.ts";
import { importKey, planImport, previewImport, type ImportTarget } from "./account-import.server.ts";

const KINDS = new Set(["question_generation", "answer_evaluation", "session_feedback"]);
const emptyAccount = (imported: ReadonlyMap<string, string> = new Map()): ImportTarget => ({
  imported,
  hasOwnData: false,
  hasOwnResume: false,
  settings: { aiModel: null, monthlyBudgetMicros: null, priceOverrides: {} },
  operationKinds: KINDS,
});
const counter = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const build = (data: AccountExportData = accountData()): AccountExport =>
  buildAccountExport(data, {
    exportId: "11111111-1111-4111-8111-111111111111",
    now: new Date("2026-12-04T10:00:00Z"),
    appVersion: "0.1.0",
    redact: false,
  });

describe("planning an import", () => {
  test("into an empty account: everything, with every link pointing at the new rows", () => {
    const doc = build();
    const plan = planImport(doc, emptyAccount(), counter());
    expect(plan.refused).toBeNull();
    expect(plan.resume).toMatchObject({ originalId: IDS.resume, createdAt: new Date("2026-11-02T09:01:00Z") });
    const postingId = plan.jobPostings.find((p) => p.originalId === IDS.posting)!.id;
    const [first, retake] = plan.interviews;
    expect(first!.session).toMatchObject({ originalId: IDS.interview, jobPostingId: postingId, originalSessionId: null });
    expect(retake!.session).toMatchObject({ originalId: IDS.retake, jobPostingId: postingId, originalSessionId: first!.session.id });
    // Every message, evaluation and debrief of an interview gets its own new id.
    const ids = first!.ids;
    expect(new Set([...ids.values()]).size).toBe(7);
    expect(ids.get(IDS.a1)).not.toBe(IDS.a1);
    expect(plan.usage.map((u) => u.sessionId)).toEqual([first!.session.id, first!.session.id, first!.session.id, retake!.session.id]);
    expect(plan.remember.map((r) => r.kind).sort()).toEqual(
      ["interview", "interview", "job_posting", "job_posting", "operation", "operation", "operation", "operation", "resume"].sort(),
    );
  });

  test("the preview counts what will be created and explains what will not", () => {
    const doc = build();
    const preview = previewImport(doc, planImport(doc, emptyAccount(), counter()));
    expect(preview).toMatchObject({
      refused: null,
      nothingToDo: false,
      create: { resume: 1, jobPostings: 2, interviews: 2, questions: 3, answers: 2, evaluations: 2, feedback: 1, usageRecords: 4 },
      unknownUsageKinds: 1,
      settings: { aiModel: "gpt-4o-mini", monthlyBudgetMicros: 5_000_000, priceOverrides: { "llama3.1:8b": { input: 0, output: 0 } } },
      notes: ["1 interview was in progress; it is imported paused — resume when you like."],
    });
  });

  test("an interview running where it was exported arrives paused", () => {
    const plan = planImport(build(), emptyAccount(), counter());
    expect(plan.interviews.map((i) => i.session.interview.status)).toEqual(["completed", "paused"]);
  });

  test("importing the same file again creates nothing", () => {
    const doc = build();
    const first = planImport(doc, emptyAccount(), counter());
    const imported = new Map(first.remember.map((r) => [importKey(r.kind, r.originalId), r.id]));
    const again = planImport(doc, { ...emptyAccount(imported), hasOwnResume: false }, counter());
    const preview = previewImport(doc, again);
    expect(Object.values(preview.create).every((n) => n === 0)).toBe(true);
    expect(Object.keys(preview.create)).toHaveLength(12);
    expect(preview.alreadyImported).toMatchObject({ resume: 1, jobPostings: 2, interviews: 2, usageRecords: 4 });
    expect(again.remember).toEqual([]);
  });

  test("a later export of the same account adds only what is new, linked to what was imported before", () => {
    const before = planImport(build(), emptyAccount(), counter());
    const imported = new Map(before.remember.map((r) => [importKey(r.kind, r.originalId), r.id]));
    const later = accountData();
    const third = structuredClone(later.interviews[1]!);
    Object.assign(third, {
      id: "00000000-0000-4000-8000-000000000099",
      retakeNumber: 3,
      status: "completed",
      messages: [],
      evaluations: [],
    });
    later.interviews.push(third);
    const plan = planImport(build(later), emptyAccount(imported), counter());
    expect(plan.interviews).toHaveLength(1);
    expect(plan.interviews[0]!.session).toMatchObject({
      originalId: third.id,
      jobPostingId: imported.get(importKey("job_posting", IDS.posting)),
      originalSessionId: imported.get(importKey("interview", IDS.interview)),
    });
  });

  test("an account with data of its own is not imported into", () => {
    const doc = build();
    const plan = planImport(doc, { ...emptyAccount(), hasOwnData: true, hasOwnResume: true }, counter());
    expect(plan.refused).toMatch(/already has a résumé, job postings or interviews of its own\. Import into a new, empty account/);
    expect(previewImport(doc, plan)).toMatchObject({ nothingToDo: false, create: { interviews: 0 } });
    expect(plan.remember).toEqual([]);
  });

  test("settings fill in only what the account has not chosen; an AI endpoint is never applied", () => {
    const data = accountData();
    data.profile.aiBaseUrl = "https://llm.example/v1";
    const target = {
      ...emptyAccount(),
      settings: { aiModel: "gpt-4.1-mini", monthlyBudgetMicros: null, priceOverrides: { "llama3.1:8b": { input: 1 } } },
    };
    const plan = planImport(build(data), target, counter());
    expect(plan.settings).toEqual({ monthlyBudgetMicros: 5_000_000 });
    expect(plan.notes).toContain(
      "The file names the AI endpoint https://llm.example/v1. It is not applied: your key is only ever sent to an endpoint you choose in Settings here.",
    );
  });

  test("a résumé this account already has is kept", () => {
    const imported = new Map([[importKey("interview", "00000000-0000-4000-8000-0000000000aa"), "x"]]);
    const plan = planImport(build(), { ...emptyAccount(imported), hasOwnResume: true }, counter());
    expect(plan.resume).toBeNull();
    expect(plan.notes[0]).toMatch(/Your current résumé is kept/);
  });
});

describe("planning an import of version 2's data", () => {
  test("the skill map, question links, a drill's requirement, coaching and recordings get new ids, every link mapped", () => {
    const data = accountDataV2();
    Object.assign(data.interviews[1]!, { kind: "drill", drillTopic: "Event streaming", drillRequirementId: V2_IDS.reqKafka });
    const doc = build(data);
    const plan = planImport(doc, emptyAccount(), counter());
    const posting = plan.jobPostings.find((p) => p.originalId === IDS.posting)!;
    const kafka = posting.requirements.find((r) => r.originalId === V2_IDS.reqKafka)!;
    expect(kafka.id).toMatch(/^new-/);
    const [first, drill] = plan.interviews;
    expect(first!.requirementIds.get(V2_IDS.reqKafka)).toBe(kafka.id);
    expect(drill!.session.interview.drillRequirementId).toBe(V2_IDS.reqKafka);
    for (const id of [V2_IDS.modelAnswer, V2_IDS.starCheck, V2_IDS.keptClip, V2_IDS.droppedClip])
      expect(first!.ids.get(id)).toMatch(/^new-/);
    expect(previewImport(doc, plan).create).toMatchObject({ requirements: 2, modelAnswers: 1, starChecks: 1, recordings: 2 });
    expect(plan.remember.filter((r) => r.kind === "requirement")).toHaveLength(2);

    // Again: the posting is skipped with its skill map, and a new interview's links reach the requirements imported before.
    const imported = new Map(plan.remember.map((r) => [importKey(r.kind, r.originalId), r.id]));
    const again = planImport(doc, emptyAccount(imported), counter());
    expect(again.jobPostings).toEqual([]);
    expect(previewImport(doc, again).alreadyImported).toMatchObject({ requirements: 2, recordings: 2 });
  });

  test("grader and voice settings fill in only what the account left at its default", () => {
    const doc = build(accountDataV2());
    const plan = planImport(
      doc,
      {
        ...emptyAccount(),
        settings: {
          ...emptyAccount().settings,
          aiGraderModel: null,
          voice: {
            transcriptionModel: "gpt-4o-transcribe",
            readAloud: "off",
            speechModel: null,
            speechVoice: null,
            keepRecordings: false,
            maxRecordingSeconds: 300,
          },
        },
      },
      counter(),
    );
    expect(plan.settings).toMatchObject({
      aiGraderModel: "gpt-4o",
      voice: { readAloud: "browser", keepRecordings: true, maxRecordingSeconds: 120 },
    });
    expect(plan.settings.voice).not.toHaveProperty("transcriptionModel");
  });
});
