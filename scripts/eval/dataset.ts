import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import type { PostingContext } from "#app/ai/prompts.ts";
import { QUESTION_TYPES } from "#app/ai/schemas.ts";
import { verifyQuote } from "#app/ai/grading/quotes.ts";
import { BAND_NAMES, DIMENSIONS, type BandName, type Dimension } from "#app/ai/grading/rubric.ts";
import { ANSWER_CLASSES, type AnswerClass } from "#app/ai/grading/screening.ts";

/**
 * The simulated candidates of tests/eval/*.yaml (see tests/eval/README.md),
 * checked on load: a typo in a band name or a planted error that is not in
 * its answer stops the run with the file and field named.
 */

export const ANSWER_KINDS = [
  "strong",
  "adequate",
  "weak",
  "wrong",
  "off_topic",
  "non_answer",
  "one_word",
  "gibberish",
  "copy_of_question",
  "wrong_language",
  "injection",
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** What screening must make of each kind (an `expect_class` in the file overrides it). */
export const EXPECTED_CLASS: Record<AnswerKind, AnswerClass> = {
  strong: "answer",
  adequate: "answer",
  weak: "answer",
  wrong: "answer",
  off_topic: "answer",
  non_answer: "non_answer",
  one_word: "too_short",
  gibberish: "gibberish",
  copy_of_question: "copy_of_question",
  wrong_language: "wrong_language",
  injection: "injection",
};

/** The kinds whose scores code must cap: the "non-answers and gibberish capped" threshold. */
export const CAPPED_KINDS: ReadonlySet<AnswerKind> = new Set(["non_answer", "one_word", "gibberish", "copy_of_question", "wrong_language"]);

const Band = z.enum(BAND_NAMES);
const Bands = z.object({ relevance: Band, completeness: Band, technical_correctness: Band, clarity: Band }).strict();

const Answer = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.enum(ANSWER_KINDS),
    expect_class: z.enum(ANSWER_CLASSES).optional(),
    text: z.string(),
    bands: Bands,
    planted_error: z
      .object({ quote: z.string().min(1), description: z.string().min(1), keywords: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
  })
  .strict();

const Question = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    type: z.enum(QUESTION_TYPES),
    text: z.string().min(1),
    probes: z.string().min(1),
    answers: z.array(Answer).min(1),
  })
  .strict();

const PostingFile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    posting: z
      .object({
        title: z.string().min(1),
        company: z.string().nullable(),
        experience_level: z.string().nullable(),
        tech_stack: z.array(z.string()),
        description: z.string().min(1),
        grounding_terms: z.array(z.string().min(1)).min(1),
      })
      .strict(),
    resume: z.object({ text: z.string().min(1), grounding_terms: z.array(z.string().min(1)).min(1) }).strict(),
    questions: z.array(Question).min(1),
  })
  .strict();

export type EvalPosting = {
  id: string;
  posting: PostingContext;
  resume: string;
  postingTerms: string[];
  resumeTerms: string[];
};

export type EvalCase = {
  /** posting/question/answer, e.g. "payments-backend/idempotent-api/strong". */
  id: string;
  posting: EvalPosting;
  question: { id: string; text: string; type: (typeof QUESTION_TYPES)[number]; isFollowUp: false; probes: string };
  answer: string;
  kind: AnswerKind;
  expectClass: AnswerClass;
  bands: Record<Dimension, BandName>;
  plantedError: { quote: string; description: string; keywords: string[] } | null;
};

export type Dataset = { postings: EvalPosting[]; cases: EvalCase[] };

export class DatasetError extends Error {
  override name = "DatasetError";
}

export function loadDataset(dir: string): Dataset {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  if (!files.length) throw new DatasetError(`No *.yaml files in ${dir}.`);
  const postings: EvalPosting[] = [];
  const cases: EvalCase[] = [];
  for (const file of files) {
    const parsed = PostingFile.safeParse(YAML.parse(fs.readFileSync(path.join(dir, file), "utf8")));
    if (!parsed.success) {
      throw new DatasetError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    const data = parsed.data;
    const posting: EvalPosting = {
      id: data.id,
      posting: {
        title: data.posting.title,
        company: data.posting.company,
        experienceLevel: data.posting.experience_level,
        techStack: data.posting.tech_stack,
        description: data.posting.description,
      },
      resume: data.resume.text,
      postingTerms: data.posting.grounding_terms,
      resumeTerms: data.resume.grounding_terms,
    };
    postings.push(posting);
    for (const q of data.questions) {
      for (const a of q.answers) {
        const id = `${data.id}/${q.id}/${a.id}`;
        if (a.planted_error && !verifyQuote(a.text, a.planted_error.quote).verified) {
          throw new DatasetError(`${file}: ${id}: planted_error.quote is not in the answer text.`);
        }
        if (a.kind === "wrong" && !a.planted_error) throw new DatasetError(`${file}: ${id}: a "wrong" answer needs its planted_error.`);
        cases.push({
          id,
          posting,
          question: { id: q.id, text: q.text, type: q.type, isFollowUp: false, probes: q.probes },
          answer: a.text.trim(),
          kind: a.kind,
          expectClass: a.expect_class ?? EXPECTED_CLASS[a.kind],
          bands: Object.fromEntries(
            DIMENSIONS.map((d) => [d, a.bands[d === "technicalCorrectness" ? "technical_correctness" : d]]),
          ) as Record<Dimension, BandName>,
          plantedError: a.planted_error ?? null,
        });
      }
    }
  }
  const ids = cases.map((c) => c.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new DatasetError(`Two answers share the id ${duplicate}.`);
  return { postings, cases };
}
