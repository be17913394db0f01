/**
 * Issue 19's measure: the share of questions in a "Weakest skills first"
 * interview that target a weak or not-yet-probed requirement (goal ≥ 80 %),
 * with the fake model, through the real app: a fresh posting is saved (its
 * requirements are extracted by the worker), an interview with the default
 * number of questions is answered through the form, and each question's
 * recorded requirements are judged against the skill map's state at the
 * moment it was asked (targetingShare, app/domain/practice/targeting.ts).
 */
import { TARGET_QUESTIONS } from "../../app/domain/interview-rules.ts";
import type { SkillStateName } from "../../app/domain/practice/skill-state.ts";
import { targetingShare, TARGETING_SHARE_GOAL } from "../../app/domain/practice/targeting.ts";
import type { HttpClient } from "../../tests/support/http-client.ts";

const POSTING = {
  title: "Staff Backend Engineer",
  company: "Bench Payments",
  description:
    "We are looking for a staff engineer to own the reliability of our payment ledger. You will design APIs, lead incident reviews, " +
    "and scale PostgreSQL to millions of transactions per day. Experience with distributed systems, Kafka and mentoring is essential. " +
    "You will run code reviews, take part in the on-call rotation and work with stakeholders across finance. Docker and AWS are a plus.",
  experience_level: "staff",
  tech_stack: ["TypeScript", "PostgreSQL", "Kafka"],
};

type Message = {
  id: string;
  message_type: string;
  question_id?: string;
  created_at: string;
  requirement_ids?: string[];
  evaluation?: unknown;
};
type Change = {
  at: string;
  from: string;
  to: string;
  answer_id: string;
  question_id: string;
  score: number;
  average: number;
  answers_counted: number;
};
type SkillMap = { extraction: { operation_id: string; status: string } | null; requirements: Array<{ id: string; changes: Change[] }> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function measureTargeting(client: HttpClient, options: { questions?: number } = {}) {
  const questions = options.questions ?? TARGET_QUESTIONS.default;
  const created = await client.json("POST", "/api/v1/job-postings", POSTING);
  if (created.status !== 201) throw new Error(`posting: ${created.status} ${await created.text()}`);
  const postingId = ((await created.json()) as { id: string }).id;
  const skills = () => client.get(`/api/v1/job-postings/${postingId}/skills`).then((r) => r.json() as Promise<SkillMap>);
  const extracted = await until(async () => {
    const map = await skills();
    return map.extraction?.status === "completed" ? map : null;
  }, "the requirements");

  const started = await client.post("/interviews/new", {
    jobPostingId: postingId,
    targetQuestions: String(questions),
    focus: "weakest_first",
  });
  if (started.status !== 302) throw new Error(`start: ${started.status} ${await started.text()}`);
  const sessionId = started.headers.get("location")!.split("/").pop()!;
  const messages = () => client.get(`/api/v1/sessions/${sessionId}/messages`).then((r) => r.json() as Promise<Message[]>);

  for (let n = 1; n <= questions; n++) {
    const open = await until(async () => {
      const all = await messages();
      const answered = new Set(all.filter((m) => m.message_type === "answer").map((m) => m.question_id));
      // The previous answer is scored (the map has moved) before the next question is judged.
      if (all.some((m) => m.message_type === "answer" && !m.evaluation)) return null;
      return all.filter((m) => m.message_type === "question" && !answered.has(m.id)).at(-1) ?? null;
    }, `question ${n}`);
    const res = await client.post(`/interviews/${sessionId}`, {
      intent: "answer",
      questionId: open.id,
      answer: `A bench answer to question ${n}.`,
    });
    if (res.status !== 302) throw new Error(`answer ${n}: ${res.status}`);
  }
  await until(async () => ((await messages()).some((m) => m.message_type === "answer" && !m.evaluation) ? null : true), "the last score");

  const asked = (await messages()).filter((m) => m.message_type === "question");
  const map = await skills();
  const share = targetingShare(
    asked.map((q) => ({ askedAt: new Date(q.created_at), requirementIds: q.requirement_ids ?? [] })),
    map.requirements.map((r) => ({
      id: r.id,
      changes: r.changes.map((c) => ({
        at: new Date(c.at),
        from: c.from as SkillStateName,
        to: c.to as SkillStateName,
        answerId: c.answer_id,
        questionId: c.question_id,
        score: c.score,
        average: c.average,
        answersCounted: c.answers_counted,
      })),
    })),
  );
  // Every change names the answer that caused it (the second measure).
  const changes = map.requirements.flatMap((r) => r.changes);
  return {
    requirements: extracted.requirements.length,
    questions: share.total,
    targeted: share.targeted,
    share: share.share,
    goal: TARGETING_SHARE_GOAL,
    meetsGoal: share.meetsGoal,
    stateChanges: changes.length,
    changesWithAnswer: changes.filter((c) => c.answer_id).length,
  };
}
