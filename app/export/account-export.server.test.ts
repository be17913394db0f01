import { describe, expect, test } from "vitest";
import { accountData, accountDataV2, IDS, RESUME, V2_IDS } from "#tests/fixtures/account-export-data.ts";
import { AccountExportContentV1 } from "./account-export-v1.ts";
import { accountExportFileName, buildAccountExport, recordingsWithAudioThatFits } from "./account-export.server.ts";
import { readAccountExport } from "./account-import.server.ts";
import { canonicalJson, exportChecksum } from "./checksum.server.ts";

const options = {
  exportId: "11111111-1111-4111-8111-111111111111",
  now: new Date("2026-12-04T10:00:00Z"),
  appVersion: "0.1.0",
  redact: false,
};
const exported = (redact = false) => JSON.stringify(buildAccountExport(accountData(), { ...options, redact }), null, 2);

/** A file edited by hand (and its checksum left as it was). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hand edit reaches anywhere in the parsed file
function edit(file: string, change: (doc: any) => void) {
  const doc = JSON.parse(file);
  change(doc);
  return JSON.stringify(doc);
}

type Change = Parameters<typeof edit>[1];

/** A hand edit with its checksum computed again (anyone can compute one): only the schema stands in its way. */
function editWithChecksum(file: string, change: Change) {
  return edit(file, (doc) => {
    change(doc);
    doc.checksum = exportChecksum(doc);
  });
}

describe("the account export", () => {
  test("is one versioned document this installation reads back unchanged", () => {
    const file = exported();
    const read = readAccountExport(file);
    expect(read.ok).toBe(true);
    const doc = read.ok ? read.document : null;
    expect(doc).toMatchObject({
      format: "ai-interviewer/account-export",
      exportVersion: 2,
      exportId: options.exportId,
      exportedAt: "2026-12-04T10:00:00.000Z",
      appVersion: "0.1.0",
      redacted: false,
    });
    expect(doc!.interviews.map((i) => i.messages.length)).toEqual([4, 1]);
    expect(doc!.usage).toHaveLength(5);
    expect(accountExportFileName(doc!)).toBe("ai-interviewer-export-2026-12-04.json");
  });

  test("carries no secret even when the builder is handed one", () => {
    const data = accountData();
    Object.assign(data.profile, {
      passwordHash: "$2b$12$abcdefghijklmnopqrstuv",
      apiKeyCiphertext: "v1:secret-ciphertext",
      apiKeyLast4: "x9Zq",
      authSessions: [{ tokenHash: "deadbeef" }],
    });
    Object.assign(data.interviews[0]!, { userId: "22222222-2222-4222-8222-222222222222", draftAnswer: "draft" });
    const file = JSON.stringify(buildAccountExport(data, options));
    for (const secret of ["passwordHash", "$2b$12$", "apiKey", "secret-ciphertext", "x9Zq", "tokenHash", "deadbeef", "userId"]) {
      expect(file).not.toContain(secret);
    }
  });

  test("the checksum covers the canonical JSON, whatever the key order or spacing of the file", () => {
    const doc = JSON.parse(exported());
    expect(doc.checksum).toEqual(exportChecksum(doc));
    expect(canonicalJson({ b: 1, a: [true, null, "é"] })).toBe('{"a":[true,null,"é"],"b":1}');
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(doc).reverse()));
    expect(readAccountExport(reordered).ok).toBe(true);
  });

  test("a file edited after export is refused as changed", () => {
    const file = edit(exported(), (doc) => (doc.interviews[0].evaluations[0].relevance = 100));
    expect(readAccountExport(file)).toEqual({
      ok: false,
      problem: {
        code: "tampered",
        message:
          "This file was changed after it was exported (its checksum does not match), so nothing was imported. Export your data again from the original installation and import that file unchanged.",
      },
    });
    expect(readAccountExport(edit(exported(), (doc) => delete doc.checksum))).toMatchObject({ ok: false, problem: { code: "tampered" } });
  });

  test("an edit with a recomputed checksum still has to be a valid export (the checksum is no signature)", () => {
    const file = edit(exported(), (doc) => {
      doc.interviews[0].messages[1].questionId = IDS.rq1; // an answer pointing into another interview
      doc.checksum = exportChecksum(doc);
    });
    const read = readAccountExport(file);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatchObject({
      code: "invalid",
      issues: [{ path: "interviews.0.messages.1.questionId", message: "An answer must point at a question of the same interview" }],
    });
  });

  test.each([
    ["not JSON", "{ nope", "not_json", /not JSON/],
    ["another JSON file", '{"hello":"world"}', "not_an_export", /not an ai-interviewer account export/],
    [
      "a newer version",
      JSON.stringify({ format: "ai-interviewer/account-export", exportVersion: 3 }),
      "wrong_version",
      /version 3; this installation reads versions 1 and 2\. Update/,
    ],
    [
      "a version that does not exist",
      JSON.stringify({ format: "ai-interviewer/account-export", exportVersion: "1" }),
      "wrong_version",
      /version "1", which does not exist/,
    ],
  ])("%s is refused with a clear message", (_name, file, code, message) => {
    const read = readAccountExport(file);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem.code).toBe(code);
    expect(!read.ok && read.problem.message).toMatch(message);
  });

  test("a redacted export replaces the email, phone and name everywhere, keeps ids, and still reads back", () => {
    const file = exported(true);
    expect(file).not.toMatch(/alex\.example@mail\.test|910 000 000|Alex|Example/);
    const read = readAccountExport(file);
    expect(read.ok).toBe(true);
    const doc = read.ok ? read.document : null;
    expect(doc!.redacted).toBe(true);
    expect(doc!.profile.email).toBe("[email]");
    expect(doc!.resume!.content).toBe(
      RESUME.replace("Alex Example", "[name]")
        .replace("alex.example@mail.test", "[email]")
        .replace("+351 910 000 000", "[phone]")
        .replace("Alex led", "[name] led"),
    );
    expect(doc!.interviews[0]!.messages[3]!.content).toBe("[name] (me) wanted a rewrite; we shipped a migration instead.");
    expect(doc!.interviews[0]!.id).toBe(IDS.interview);
    expect(doc!.usage[0]!.model).toBe("gpt-4o-mini-2024-07-18");
    expect(accountExportFileName(doc!)).toBe("ai-interviewer-export-2026-12-04-redacted.json");
  });
});

describe("version 2: grading, voice and skill data (issues 17–19)", () => {
  const v2 = (opts: { redact?: boolean; maxBytes?: number } = {}) =>
    buildAccountExport(accountDataV2(), { ...options, redact: opts.redact ?? false, maxBytes: opts.maxBytes });

  test("carries each evaluation's grading and second opinion, the debrief's claims, voice settings, recordings with kept audio and the skill map — and reads back unchanged", () => {
    const doc = v2();
    const read = readAccountExport(JSON.stringify(doc, null, 2));
    expect(read.ok && read.document).toEqual(doc);
    const [interview] = doc.interviews;
    const evaluation = interview!.evaluations[0]!;
    expect(evaluation.grading).toMatchObject({ rubricVersion: "2026-12.1", graderModel: "gpt-4o-mini" });
    expect(evaluation.grading!.evidence.strengths.map((j) => [j.quote, j.verified])).toEqual([
      ["With a unique key per payout", true],
      ["retry safely", false],
    ]);
    expect(evaluation.secondOpinion).toMatchObject({ grading: { graderModel: "gpt-4o" }, gradedAt: "2026-11-02T09:15:00.000Z" });
    expect(interview!.feedback!.claims).toEqual([
      { section: "technicalAccuracy", claim: "Sound on idempotency (Q1).", questions: [1], verified: true },
    ]);
    expect(doc.profile).toMatchObject({ aiGraderModel: "gpt-4o", voice: { keepRecordings: true, readAloud: "browser" } });
    expect(doc.jobPostings[0]!.requirements.map((r) => [r.name, r.nameEdited, r.removedAt !== null])).toEqual([
      ["Event streaming (Kafka)", true, false],
      ["PostgreSQL", false, true],
    ]);
    expect(interview!.messages[0]!.requirementIds).toEqual([V2_IDS.reqKafka]);
    expect(interview!.modelAnswers[0]!.answerId).toBe(IDS.a1);
    expect(interview!.starChecks[0]!.answerId).toBe(IDS.a2);
    expect(interview!.recordings.map((r) => [r.id, r.audioBase64 !== null, r.audioLeftOut])).toEqual([
      [V2_IDS.keptClip, true, null],
      [V2_IDS.droppedClip, false, "not_kept"],
    ]);
  });

  test("a kept recording's audio that would take the file past the import limit is left out, saying why", () => {
    const whole = JSON.stringify(v2(), null, 2).length;
    const doc = v2({ maxBytes: whole - 100 });
    expect(doc.interviews[0]!.recordings[0]).toMatchObject({
      audioBase64: null,
      audioLeftOut: "size_limit",
      transcript: "Alex (me) wanted a rewrite",
    });
    const read = readAccountExport(JSON.stringify(doc));
    expect(read.ok).toBe(true);
  });

  test("a redacted export carries no audio (a voice cannot be redacted) and redacts transcripts", () => {
    const doc = v2({ redact: true });
    expect(doc.interviews[0]!.recordings[0]).toMatchObject({
      audioBase64: null,
      audioLeftOut: "redacted",
      transcript: "[name] (me) wanted a rewrite",
    });
    expect(doc.interviews[0]!.recordings[0]!.words).toEqual([{ word: "[name]", start: 0, end: 0.05 }]);
    expect(doc.jobPostings[0]!.requirements[0]!.extractedKey).toBe("kafka");
    expect(readAccountExport(JSON.stringify(doc)).ok).toBe(true);
  });

  test("a recording whose audio is not the audio file it describes is refused", () => {
    const file = edit(JSON.stringify(v2()), (doc) => {
      doc.interviews[0].recordings[0].audioBase64 = Buffer.from("<html>not audio</html>").toString("base64");
      doc.interviews[0].recordings[0].byteLength = 22;
      doc.checksum = exportChecksum(doc);
    });
    const read = readAccountExport(file);
    expect(!read.ok && read.problem).toMatchObject({
      code: "invalid",
      issues: [
        { path: "interviews.0.recordings.0.audioBase64", message: "The recording's audio is not the audio file the record describes" },
      ],
    });
  });

  test("a link of the new data pointing outside the file is refused", () => {
    const file = edit(JSON.stringify(v2()), (doc) => {
      doc.interviews[0].starChecks[0].answerId = IDS.q1; // a question, not an answer
      doc.checksum = exportChecksum(doc);
    });
    const read = readAccountExport(file);
    expect(!read.ok && read.problem).toMatchObject({ code: "invalid", issues: [{ path: "interviews.0.starChecks.0.answerId" }] });
  });

  test("which kept recordings' audio the file carries is known from their sizes alone, before any audio is read", () => {
    const data = accountDataV2();
    const [kept] = data.interviews[0]!.recordings!;
    const second = { ...kept!, id: "00000000-0000-4000-8000-0000000000f1" };
    data.interviews[0]!.recordings!.push(second);
    const sizes = new Map([kept!, second].map((r) => [r.id, Buffer.from(r.audioBase64!, "base64").length]));
    // The model's data before the audio is read: none carries its audio.
    const sized = structuredClone(data);
    for (const r of sized.interviews[0]!.recordings!) Object.assign(r, { audioBase64: null, audioLeftOut: "not_kept" });
    // The builder keeps 64 KB of room beside the audio; around it: both fit, one fits, none fits.
    const whole = JSON.stringify(buildAccountExport(data, options), null, 2).length + 64 * 1024;
    const half = Math.round(kept!.audioBase64!.length / 2);
    for (const [maxBytes, count] of [
      [whole + 100, 2],
      [whole - half, 1],
      [1_000, 0],
    ] as const) {
      const carried = buildAccountExport(data, { ...options, maxBytes })
        .interviews[0]!.recordings.filter((r) => r.audioBase64 !== null)
        .map((r) => r.id);
      expect(carried, `maxBytes ${maxBytes}`).toHaveLength(count);
      expect(recordingsWithAudioThatFits(sized, sizes, { ...options, maxBytes }), `maxBytes ${maxBytes}`).toEqual(new Set(carried));
    }
    // A redacted export carries none: nothing is read.
    expect(recordingsWithAudioThatFits(sized, sizes, { ...options, redact: true })).toEqual(new Set());
  });

  test("imported text is cleaned as the forms clean it (control characters out, lone surrogates replaced)", () => {
    const withEdit = (change: Change) => editWithChecksum(JSON.stringify(v2()), change);
    const cleaned = readAccountExport(
      withEdit((doc) => {
        doc.jobPostings[0].title = "Backend\u0000 Engineer\u001b[31m";
        doc.interviews[0].messages[1].content = "I led \ud800the migration";
        doc.jobPostings[0].techStack = ["Kafka\u0007"];
      }),
    );
    expect(cleaned.ok).toBe(true);
    const doc = cleaned.ok ? cleaned.document : null;
    expect(doc!.jobPostings[0]!.title).toBe("Backend Engineer[31m");
    expect(doc!.interviews[0]!.messages[1]!.content).toBe("I led \uFFFDthe migration");
    expect(doc!.jobPostings[0]!.techStack).toEqual(["Kafka"]);
  });

  test("a posting link, model or voice name the app's forms refuse is refused on import, naming the field", () => {
    const withEdit = (change: Change) => editWithChecksum(JSON.stringify(v2()), change);
    const refused = (change: Change) => {
      const read = readAccountExport(withEdit(change));
      return !read.ok && read.problem;
    };
    expect(refused((d) => (d.jobPostings[0].url = "javascript:alert(document.cookie)"))).toMatchObject({
      code: "invalid",
      message: expect.stringContaining("jobPostings.0.url — Enter the full link, starting with https:// or http://"),
    });
    expect(refused((d) => (d.jobPostings[1].url = "data:text/html,<script>alert(1)</script>"))).toMatchObject({
      issues: [{ path: "jobPostings.1.url" }],
    });
    expect(refused((d) => (d.profile.aiModel = "gpt-4o <script>"))).toMatchObject({
      issues: [{ path: "profile.aiModel", message: "Model names use letters, digits and . : / @ - _ only" }],
    });
    expect(refused((d) => (d.profile.aiGraderModel = "grader\nmodel"))).toMatchObject({ issues: [{ path: "profile.aiGraderModel" }] });
    expect(refused((d) => (d.profile.voice.speechVoice = "alloy; rm -rf"))).toMatchObject({
      issues: [{ path: "profile.voice.speechVoice", message: "Voice names use letters, digits and . _ : - only" }],
    });
    expect(refused((d) => (d.profile.voice.transcriptionModel = "whisper 1"))).toMatchObject({
      issues: [{ path: "profile.voice.transcriptionModel" }],
    });
  });

  test("a version-1 file is still read: the same history, without the data version 1 never had", () => {
    const content = AccountExportContentV1.parse({
      ...accountData(),
      format: "ai-interviewer/account-export",
      exportVersion: 1,
      exportId: options.exportId,
      exportedAt: options.now.toISOString(),
      appVersion: "0.1.0",
      redacted: false,
      skillData: { schemaVersion: 1, data: {} },
    });
    const read = readAccountExport(JSON.stringify({ ...content, checksum: exportChecksum(content) }));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const current = buildAccountExport(accountData(), options);
    const { checksum: _a, ...readBack } = read.document;
    const { checksum: _b, ...expected } = current;
    expect(readBack).toEqual(expected);
    expect(read.document.interviews[0]!.evaluations[0]!.grading).toBeNull();
    expect(read.document.jobPostings[0]!.requirements).toEqual([]);
  });
});
