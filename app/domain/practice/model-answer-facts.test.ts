import { describe, expect, it } from "vitest";
import { checkModelAnswerFacts, findNames, findNumbers, findPlaceholders } from "./model-answer-facts.ts";

const resume = [
  "Senior Backend Engineer, Acme Corporation (2019–2024)",
  "- Led the Atlas migration from MySQL to PostgreSQL, cutting p95 latency by 40 %.",
  "- Mentored five engineers; saved $1,200,000 a year in hosting.",
].join("\n");
const answer = "I moved our billing to Postgres and it got faster.";
const flagged = (modelAnswer: string, extra: Partial<Parameters<typeof checkModelAnswerFacts>[1]> = {}) =>
  checkModelAnswerFacts(modelAnswer, { resume, answer, ...extra }).flags.map((f) => f.text);

describe("checkModelAnswerFacts", () => {
  it("flags an invented employer, with its place in the text", () => {
    const modelAnswer = "At Acme, I led the Atlas migration. Before that, at Globex Corporation, I tuned PostgreSQL.";
    const { flags } = checkModelAnswerFacts(modelAnswer, { resume, answer });
    expect(flags).toEqual([
      {
        kind: "name",
        text: "Globex Corporation",
        start: modelAnswer.indexOf("Globex"),
        end: modelAnswer.indexOf("Globex") + "Globex Corporation".length,
        reason: "“Globex Corporation” is not in your résumé or your answer.",
      },
    ]);
  });

  it("accepts the résumé's employer however it is capitalised or suffixed", () => {
    expect(flagged("At ACME Corp, I led the Atlas migration.")).toEqual([]);
    expect(flagged("At acme corporation I led the migration.")).toEqual([]);
    expect(flagged("Acme Inc's billing moved to PostgreSQL.")).toEqual([]);
  });

  it("flags a name when any of its words is new, and accepts one built from the sources' words", () => {
    expect(flagged("I led Project Phoenix at Acme.")).toEqual(["Project Phoenix"]);
    expect(flagged("The Atlas Migration at Acme.")).toEqual([]);
  });

  it("accepts a number written another way: 40% = 40 %, $1.2M = $1,200,000, 5 = five", () => {
    expect(flagged("It cut p95 latency by 40% and saved $1.2M a year with 5 engineers, 2019 to 2024.")).toEqual([]);
    expect(flagged("It cut latency by 40 percent.")).toEqual([]);
  });

  it("flags numbers that are not in the sources, or are in them as another kind of quantity", () => {
    expect(flagged("It cut latency by 35% in 2018.")).toEqual(["35%", "2018"]);
    expect(flagged("It saved $40 a year.")).toEqual(["$40"]); // 40 is a percentage in the résumé, not money
    expect(flagged("We saved 1200000 a year.")).toEqual([]); // a bare number matches any kind
  });

  it("does not read sentence-opening words, pronouns, months or version-like tokens as facts", () => {
    expect(
      flagged(
        "Situation: our billing was slow. Reliability was key. Reducing latency mattered, so I moved it. Then I measured p95 in March. Finally, we shipped.",
      ),
    ).toEqual([]);
  });

  it("a sentence-opening word is a name when the text capitalises it elsewhere too, or when it is shaped like one", () => {
    expect(flagged("Globex hired me. At Globex I built things.")).toEqual(["Globex", "Globex"]);
    expect(flagged("AWS was the platform.")).toEqual(["AWS"]);
  });

  it("lets the answer echo the question, and name the job applied for", () => {
    const modelAnswer = "At Initech I would bring what I did on the Kafka pipeline.";
    expect(flagged(modelAnswer)).toEqual(["Initech", "Kafka"]);
    expect(
      flagged(modelAnswer, {
        question: "How would you scale our Kafka pipeline?",
        posting: { title: "Backend Engineer", company: "Initech" },
      }),
    ).toEqual([]);
  });

  it("never checks what is inside a placeholder", () => {
    const modelAnswer = "I cut latency by [your metric: the p95 drop, e.g. 35% at Globex] at Acme.";
    expect(checkModelAnswerFacts(modelAnswer, { resume, answer }).flags).toEqual([]);
  });

  it("counts what it checked", () => {
    expect(checkModelAnswerFacts("At Acme I saved 40%.", { resume, answer }).checked).toBe(2);
  });
});

describe("the parts of the check", () => {
  it("finds placeholders with their places", () => {
    const text = "I cut it by [your metric: the p95 drop] and [Your outcome: what changed].";
    expect(findPlaceholders(text)).toEqual([
      { marker: "[your metric: the p95 drop]", label: "your metric: the p95 drop", start: 12, end: 39 },
      { marker: "[Your outcome: what changed]", label: "Your outcome: what changed", start: 44, end: 72 },
    ]);
  });

  it("reads numbers with their units and skips digits glued to letters", () => {
    expect(findNumbers("p95, EC2, v2.1, 40 %, $5k, €3.5 million, 1,500 users, 10x, 5M rows").map((n) => [n.value, n.unit])).toEqual([
      [40, "percent"],
      [5000, "money"],
      [3_500_000, "money"],
      [1500, "plain"],
      [10, "plain"],
      [5_000_000, "plain"],
    ]);
    expect(findNumbers("five engineers and one of them", { words: true }).map((n) => n.value)).toEqual([5, 1]);
    expect(findNumbers("five engineers")).toEqual([]);
  });

  it("joins names across connectors but not across punctuation", () => {
    expect(findNames("I worked with the Bank of America and Acme, Globex.").map((n) => n.text)).toEqual([
      "Bank of America",
      "Acme",
      "Globex",
    ]);
  });
});
