/**
 * The scoring rubric: four dimensions, each with written bands anchored at
 * 20, 50, 75 and 90 (what an answer at that score looks like for that
 * dimension). The same data builds the grader's prompt and the "How scores
 * work" page, so what the model is told and what the candidate reads cannot
 * drift apart. Client-safe (no server imports): pages render it directly.
 *
 * Changing any text below, or a band's name or boundary (app/domain/score-bands.ts), changes what a score means:
 * bump RUBRIC_VERSION (evaluations store it) and its fingerprint in rubric.test.ts.
 */

import { BANDS, type BandName } from "#app/domain/score-bands.ts";

export const RUBRIC_VERSION = "2026-12.1";

export const DIMENSIONS = ["relevance", "completeness", "technicalCorrectness", "clarity"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Scores = Record<Dimension, number>;

// The band set is the app's one scale for every score (app/domain/score-bands.ts); the rubric anchors it per dimension.
export { BAND_NAMES, BANDS, bandByName, bandFor, bandIndex, type Band, type BandName } from "#app/domain/score-bands.ts";

export type DimensionRubric = {
  key: Dimension;
  /** The name shown next to a score. */
  label: string;
  /** The snake_case name the model's output and the JSON API use. */
  outputKey: "relevance" | "completeness" | "technical_correctness" | "clarity";
  question: string;
  /** What an answer at each anchor looks like, in band order (20, 50, 75, 90). */
  anchors: Record<BandName, string>;
};

export const RUBRIC: readonly DimensionRubric[] = [
  {
    key: "relevance",
    label: "Relevance",
    outputKey: "relevance",
    question: "Does the answer address the question that was asked, for this role?",
    anchors: {
      Missing:
        "Does not address the question: off-topic, a non-answer (“I don't know”, “pass”), the question repeated back, or generic text that would fit any question.",
      Partial:
        "Touches the topic but drifts: answers a nearby or easier question, or spends most of its length on background nobody asked for.",
      Solid: "Answers the question that was asked; most of it is on point, with minor digressions or a weak link to the role.",
      Strong: "Answers exactly what was asked, all of it on point, and ties it to this role (its stack, level or responsibilities).",
    },
  },
  {
    key: "completeness",
    label: "Completeness",
    outputKey: "completeness",
    question: "Does it cover what a complete answer to this question covers?",
    anchors: {
      Missing: "Covers none of the key points a complete answer needs.",
      Partial:
        "Covers some key points but leaves out important ones; a story about past work lacks what the candidate did or how it turned out.",
      Solid: "Covers most key points, with one notable gap (no trade-off, no example, or no result).",
      Strong: "Covers every key point, names trade-offs or edge cases, and gives a concrete example or result where one fits.",
    },
  },
  {
    key: "technicalCorrectness",
    label: "Technical correctness",
    outputKey: "technical_correctness",
    question:
      "Is what it says accurate? (For behavioural and situational questions: is the reasoning sound and the approach one that works in practice?)",
    anchors: {
      Missing: "Wrong on the central point, or says nothing that can be judged correct.",
      Partial: "Mixes correct points with a significant error or misconception, or stays too vague to check.",
      Solid: "Correct on the substance; a minor imprecision or a small error on a side point.",
      Strong: "Accurate and precise throughout, with the right terms; no errors.",
    },
  },
  {
    key: "clarity",
    label: "Clarity",
    outputKey: "clarity",
    question: "Can an interviewer follow it?",
    anchors: {
      Missing: "Hard or impossible to follow: incoherent, random characters, or a fragment.",
      Partial: "Understandable with effort: rambles, jumps between points, or buries the main point.",
      Solid: "Clear and organised; the main point is easy to find, with a little padding or repetition.",
      Strong: "Concise and well structured (main point first, then reasons, or situation–action–result); no filler.",
    },
  },
];

/** The rubric as the grader reads it (also what the "How scores work" page says, in prose). */
export function rubricPromptText(): string {
  const scale = BANDS.map((b) => `${b.min}–${b.max} ${b.name} (anchor ${b.anchor}): ${b.meaning}`).join("\n");
  const dimensions = RUBRIC.map((d) =>
    [`### ${d.outputKey} — ${d.question}`, ...BANDS.map((b) => `- ${b.anchor} (${b.name}): ${d.anchors[b.name]}`)].join("\n"),
  ).join("\n\n");
  return [
    `Scoring rubric (version ${RUBRIC_VERSION}). Each dimension is an integer from 0 to 100 in one of four bands:`,
    scale,
    "Score each dimension on its own. Start from the anchor whose description fits the answer best, then move within its band for how well it fits. A short answer can score well if it is precise; a long one scores low if it says little.",
    dimensions,
  ].join("\n\n");
}
