/**
 * The fake OpenAI server's replies for the practice features (issue 19):
 * requirement extraction, targeted questions, drill questions, fresh wordings
 * of missed questions, model answers and STAR checks. Deterministic, built
 * from what the prompt contains, so tests and local demos read sensibly.
 * Picked by the response_format's json_schema name like every responder;
 * tests switch to a misbehaving variant with `fake.respond(name, factory(options))`.
 *
 * Imports only types from openai-server.ts (which spreads PRACTICE_RESPONDERS
 * into its defaults), so there is no import cycle at run time.
 */
import { splitSentences } from "../../app/domain/practice/sentences.ts";
import type { Responder } from "./openai-server.ts";

/** The text between <tag> and </tag> in the prompt, or "". */
export function fencedBlock(text: string, tag: string) {
  const start = text.indexOf(`<${tag}>\n`);
  const end = text.indexOf(`\n</${tag}>`, start);
  return start < 0 || end < 0 ? "" : text.slice(start + tag.length + 3, end);
}

/** "[n] text" lines of a numbered block. */
export function numberedLines(block: string) {
  return block
    .split("\n")
    .map((line) => /^\[(\d+)\] (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ number: Number(m[1]), text: m[2]! }));
}

// --- Requirement extraction ------------------------------------------------------------

type Kind = "technology" | "skill" | "responsibility" | "seniority";

const TERMS: Array<[RegExp, string, Kind]> = [
  [/\bpostgre(?:s|sql)\b/i, "PostgreSQL", "technology"],
  [/\bkubernetes\b|\bk8s\b/i, "Kubernetes", "technology"],
  [/\btypescript\b/i, "TypeScript", "technology"],
  [/\bjavascript\b/i, "JavaScript", "technology"],
  [/\breact\b/i, "React", "technology"],
  [/\bnode(?:\.js)?\b/i, "Node.js", "technology"],
  [/\bGo\b|\bgolang\b/, "Go", "technology"],
  [/\bpython\b/i, "Python", "technology"],
  [/\bjava\b(?!script)/i, "Java", "technology"],
  [/\baws\b/i, "AWS", "technology"],
  [/\bdocker\b/i, "Docker", "technology"],
  [/\bkafka\b/i, "Kafka", "technology"],
  [/\bredis\b/i, "Redis", "technology"],
  [/\bgraphql\b/i, "GraphQL", "technology"],
  [/\bterraform\b/i, "Terraform", "technology"],
  [/\brust\b/i, "Rust", "technology"],
  [/\bmysql\b/i, "MySQL", "technology"],
  [/\bmentor/i, "Mentoring engineers", "responsibility"],
  [/\bsystem design\b|\bdesign(?:ing)? (?:scalable|distributed)/i, "System design", "skill"],
  [/\bon-?call\b/i, "On-call operations", "responsibility"],
  [/\bcode reviews?\b/i, "Code review", "responsibility"],
  [/\b(?:automated )?test(?:ing|s)\b/i, "Automated testing", "skill"],
  [/\bstakeholders?\b/i, "Stakeholder management", "responsibility"],
  [/\bperformance\b|\blatency\b|\bscalab/i, "Performance and scaling", "skill"],
  [/\bsecurity\b/i, "Security", "skill"],
  [/\bapis?\b/i, "API design", "skill"],
];

export function requirementsResponder(): Responder {
  return (_request, { text }) => {
    const lines = numberedLines(fencedBlock(text, "posting_lines"));
    const found = new Map<string, { name: string; kind: Kind; lines: number[]; central: boolean; optional: boolean }>();
    const add = (name: string, kind: Kind, line: { number: number; text: string }) => {
      const item = found.get(name) ?? { name, kind, lines: [], central: false, optional: false };
      item.lines.push(line.number);
      item.central ||= /^(Job title|Tech stack):/.test(line.text);
      item.optional ||= /nice to have|bonus|a plus/i.test(line.text);
      found.set(name, item);
    };
    for (const line of lines) {
      for (const [pattern, name, kind] of TERMS) if (pattern.test(line.text)) add(name, kind, line);
      const years = /(\d+)\+?\s*(?:years|yrs)/i.exec(line.text);
      if (years) add(`${years[1]}+ years of experience`, "seniority", line);
      const level = /^Experience level: (\w+)/.exec(line.text);
      if (level) add(`${level[1]![0]!.toUpperCase()}${level[1]!.slice(1)}-level ownership`, "seniority", line);
    }
    if (!found.size && lines[0]) add(lines[0].text.split(/\s+/).slice(0, 3).join(" "), "skill", lines[0]);
    return {
      requirements: [...found.values()].map((r) => ({
        name: r.name,
        kind: r.kind,
        weight: r.central || r.lines.length > 1 ? 3 : r.optional ? 1 : 2,
        lines: r.lines,
      })),
    };
  };
}

// --- Targeted interview questions ----------------------------------------------------------

const TYPES = ["technical", "behavioral", "project", "situational"] as const;
const TARGETED_OPENERS: Record<(typeof TYPES)[number], string[]> = {
  technical: [
    "Explain how you would approach {name} in a service that handles payments.",
    "What goes wrong most often with {name}, and how do you detect it early?",
    "Walk me through the trade-offs you weigh when using {name} at scale.",
  ],
  behavioral: [
    "Tell me about a time your work on {name} did not go to plan. What did you do?",
    "Describe a situation where you had to learn {name} quickly under pressure.",
  ],
  project: [
    "Which project on your résumé shows {name} best, and what was your own part in it?",
    "In a recent project, how did {name} shape the design you chose?",
  ],
  situational: [
    "A teammate proposes dropping {name} from a critical path a week before launch. How do you respond?",
    "Your manager asks you to own {name} for a new team tomorrow. What are your first three steps?",
  ],
};
const CONTEXTS = [
  "for a small team",
  "during an incident",
  "with a tight deadline",
  "while onboarding new colleagues",
  "for a public API",
  "with a limited budget",
  "across two time zones",
];

/** `ignoreTarget`: the reply names only the last requirement of the list, whatever the prompt aims at (tests the correction). */
export function targetedQuestionResponder(options: { ignoreTarget?: boolean } = {}): Responder {
  return (_request, { count, text }) => {
    const refs = fencedBlock(text, "requirements")
      .split("\n")
      .map((line) => /^(R\d+): (.*) \((\w+), weight \d\)/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ ref: m[1]!, name: m[2]! }));
    const aim = /Aim this question at (R\d+)/.exec(text)?.[1];
    // No aim (a balanced, technical or behavioural interview only records what it probes): one of the list in turn.
    const target =
      (options.ignoreTarget ? refs.at(-1) : aim ? refs.find((r) => r.ref === aim) : refs[(count - 1) % refs.length]) ?? refs[0];
    const type = TYPES.find((t) => new RegExp(`ask a ${t} question`, "i").test(text)) ?? TYPES[(count - 1) % 4]!;
    const openers = TARGETED_OPENERS[type];
    const name = target?.name ?? "the role's main technology";
    return {
      question: `${openers[(count - 1) % openers.length]!.replace("{name}", name)} Answer ${CONTEXTS[(count - 1) % CONTEXTS.length]}, question ${count}.`,
      type,
      is_follow_up: false,
      probes: `How well the candidate knows ${name}`,
      requirement_ids: target ? [target.ref] : [],
    };
  };
}

// --- Drill questions and fresh wordings --------------------------------------------------------------

const DRILL_QUESTIONS = [
  "What is {topic}, in your own words, and where have you needed it?",
  "What is the most common mistake people make with {topic}, and how would you avoid it?",
  "Design a small exercise that would prove someone is good at {topic}. What would a strong result look like?",
  "How would you explain a failure involving {topic} to a non-technical stakeholder?",
  "Which metric would tell you that your work on {topic} is going well, and why?",
  "Tell me about a time {topic} surprised you in production. What did you change afterwards?",
  "How do you test {topic} before it reaches users, and what do your tests leave out?",
  "If you had to teach {topic} to a junior engineer in one hour, what would you cover first?",
  "Which trade-off in {topic} do teams most often get wrong, and how do you decide it?",
  "How would you review a colleague's design that relies on {topic}? Name three things you would check.",
];

/** `offTopicFirst`: the first reply is about something else entirely (tests that a drill stays on its topic). */
export function drillQuestionResponder(options: { offTopicFirst?: boolean } = {}): Responder {
  return (_request, { count, text }) => {
    const topic = fencedBlock(text, "topic").trim() || "the topic";
    if (options.offTopicFirst && count === 1) {
      return {
        question: "Tell me about your favourite holiday destination and why you like it.",
        type: "behavioral",
        probes: "Small talk",
      };
    }
    // Like a model told what was asked before: the first wording (from this request's turn) not in the prompt yet.
    const start = Number(/question (\d+) of \d+/.exec(text)?.[1] ?? 1) + count - 1;
    const unused = DRILL_QUESTIONS.map((_, i) => DRILL_QUESTIONS[(start + i) % DRILL_QUESTIONS.length]!.replace("{topic}", topic)).find(
      (q) => !text.includes(q),
    );
    return {
      question: `${unused ?? DRILL_QUESTIONS[start % DRILL_QUESTIONS.length]!.replace("{topic}", topic)} (drill ${count})`,
      type: "technical",
      probes: `Understanding of ${topic}`,
    };
  };
}

const FRESH_WORDINGS = [
  "Imagine a new colleague asks you for help with {topic}. What do you check first, and what would you tell them to avoid?",
  "Suppose {topic} fails in production at 3 a.m. Walk me through your first thirty minutes.",
  "If you had one day to improve {topic} in an existing system, where would you spend it?",
];

/** `repeatOriginal`: the first reply is the missed question again, word for word (tests the repeat check). */
export function reviewQuestionResponder(options: { repeatOriginal?: boolean } = {}): Responder {
  return (_request, { count, text }) => {
    const topic = fencedBlock(text, "topic").trim() || "the topic";
    if (options.repeatOriginal && count === 1) return { question: fencedBlock(text, "question").trim(), probes: "The same thing again" };
    return { question: FRESH_WORDINGS[(count - 1) % FRESH_WORDINGS.length]!.replace("{topic}", topic), probes: `Recall of ${topic}` };
  };
}

// --- Model answers ------------------------------------------------------------------------------------------

const METRIC_PLACEHOLDER = "[your metric: the measurable result of this work]";

/**
 * A model answer made of the résumé's own sentences (so every name and
 * number in it is the candidate's), one sentence of their answer, and a
 * placeholder for the missing metric. `inventEmployer` adds a sentence naming
 * an employer the résumé does not have (tests that the server flags it).
 */
export function modelAnswerResponder(options: { inventEmployer?: string } = {}): Responder {
  return (_request, { text }) => {
    const resume = splitSentences(fencedBlock(text, "resume"));
    const facts = resume.filter((s) => /\d|\s\p{Lu}/u.test(s.text)).slice(0, 2);
    const fromResume = (facts.length ? facts : resume.slice(0, 2)).map((s) => s.text.replace(/[.;]?$/, "."));
    const said = splitSentences(fencedBlock(text, "answer"))[0]?.text;
    const answer = [
      "I'd answer from my own experience.",
      ...fromResume,
      said ? `As I said: ${said}` : "",
      options.inventEmployer ? `Before that, at ${options.inventEmployer}, I did the same kind of work.` : "",
      `The outcome was ${METRIC_PLACEHOLDER}, and I would take the same approach again.`,
    ]
      .filter(Boolean)
      .join(" ");
    return {
      answer,
      placeholders: [
        { marker: METRIC_PLACEHOLDER, question: "What measurable result did this work have — a number, a percentage, or time saved?" },
      ],
    };
  };
}

// --- STAR checks -----------------------------------------------------------------------------------------------

const STAR_RULES = {
  task: /\b(?:my (?:task|job|goal|role)|i (?:had|needed|was asked) to|responsible for|goal was)\b/i,
  action:
    /^(?:so |then |first,? )?(?:i|we)\b.*\b(?:built|wrote|led|set up|introduced|moved|migrated|created|designed|implemented|organi[sz]ed|talked|proposed|rolled|added|fixed|paged|decided|ran|called|split|measured|asked)\b/i,
  result: /\b(?:as a result|result|reduced|increased|improved|cut|saved|grew|dropped|fell|outcome|so that)\b|%/i,
  situation: /\b(?:when|at my|in my|last year|there was|our team|we had)\b/i,
};

/** `badNumbersFirst`: the first reply cites sentence numbers that do not exist (tests the correction). */
export function starCheckResponder(options: { badNumbersFirst?: boolean } = {}): Responder {
  return (_request, { count, text }) => {
    const sentences = numberedLines(fencedBlock(text, "answer_sentences"));
    const pick = (rule: RegExp) => sentences.filter((s) => rule.test(s.text)).map((s) => s.number);
    const result = pick(STAR_RULES.result);
    const task = pick(STAR_RULES.task);
    const action = pick(STAR_RULES.action).filter((n) => !result.includes(n));
    let situation = pick(STAR_RULES.situation).filter((n) => !action.includes(n) && !result.includes(n));
    if (!situation.length && sentences[0] && ![...task, ...action, ...result].includes(1)) situation = [1];
    const part = (numbers: number[], what: string) => ({
      sentences: options.badNumbersFirst && count === 1 ? [sentences.length + 5] : numbers,
      note: numbers.length ? `Sentence ${numbers[0]} gives the ${what}.` : `The answer does not give the ${what}.`,
    });
    return {
      situation: part(situation, "situation"),
      task: part(task, "task"),
      action: part(action, "actions"),
      result: part(result, "result"),
      result_quantified: sentences.some((s) => result.includes(s.number) && /\d/.test(s.text)),
    };
  };
}

export const PRACTICE_RESPONDERS: Record<string, Responder> = {
  posting_requirements: requirementsResponder(),
  targeted_interview_question: targetedQuestionResponder(),
  drill_question: drillQuestionResponder(),
  review_question: reviewQuestionResponder(),
  model_answer: modelAnswerResponder(),
  star_check: starCheckResponder(),
};
