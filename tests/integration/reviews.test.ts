/**
 * Issue 19 §3, spaced review: a missed answer (score below 60) becomes a review
 * item due 1 day later; "Due for review" (dashboard and GET /api/v1/reviews/due)
 * lists it once due; a review drill asks the question in a fresh wording; a
 * better retry moves the item to 3 days, a missed one starts again at 1 day;
 * the skill map shows whether the second try was better, linked to both answers.
 *
 * Time is the database's: "a day passes" moves the item's due date back (as
 * other tests age sessions and limits), so nothing sleeps and no clock is faked.
 * Real worker, real HTTP, the fake OpenAI.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRepeatQuestion } from "../../app/ai/prompts.ts";
import { mentionsTopic } from "../../app/domain/practice/text-match.ts";
import { reviewQuestionResponder } from "../fakes/practice-responders.ts";
import { visibleText } from "../support/html.ts";
import { openQuestion, readyUser, userWithMap, waitForIdle, waitForOperation } from "../support/interviews.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";
import { apiLogin } from "../support/users.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ worker: true, env: { RATE_LIMIT_REGISTER_PER_IP: "1000" } });
});
afterAll(() => app.close());

const DAY_MS = 24 * 60 * 60 * 1000;
const MISSED_ANSWER = "Not sure, sorry.";

/** An answer the fake grader scores well: it uses the question's key words, in plain sentences, at length. */
function strongAnswer(question: string) {
  const words = [...new Set((question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 4))];
  const sentences = [];
  for (let i = 0; i < words.length; i += 3) sentences.push(`In my last role I dealt with ${words.slice(i, i + 3).join(", ")} every week.`);
  sentences.push(
    "I start from the symptoms the team reports, write down what I expect to see, and compare it with the dashboards.",
    "Then I change one thing at a time, measure again, and keep notes so the next person does not repeat my steps.",
    "Finally I share what I learned in a short write-up and pair with a colleague on the fix.",
  );
  return sentences.join(" ");
}

type Client = Awaited<ReturnType<typeof readyUser>>["client"];

/** Answer a session's open question through the page's form and wait until it is scored; the scored answer. */
async function answer(client: Client, sessionId: string, text: (question: string) => string) {
  const question = await openQuestion(app, sessionId);
  const res = await client.post(`/interviews/${sessionId}`, { intent: "answer", questionId: question.id, answer: text(question.content) });
  expect(res.status).toBe(302);
  await waitForIdle(app, sessionId);
  const row = await app.db.sessionMessage.findFirstOrThrow({ where: { questionId: question.id }, include: { evaluation: true } });
  expect(row.evaluation, "the answer is scored").not.toBeNull();
  return { question, answer: row };
}

/** A one-question drill on a requirement, answered badly: the missed answer and its review item. */
async function missedOnRequirement(user: Awaited<ReturnType<typeof userWithMap>>, name = "Kafka") {
  const requirement = await app.db.requirement.findFirstOrThrow({ where: { jobPostingId: user.postingId, name } });
  const res = await user.client.post(`/jobs/${user.postingId}/skills`, { intent: "drill", requirementId: requirement.id });
  const drillId = res.headers.get("location")!.split("/").pop()!;
  const missed = await answer(user.client, drillId, () => MISSED_ANSWER);
  const item = await app.db.reviewItem.findUniqueOrThrow({ where: { missedAnswerId: missed.answer.id } });
  return { requirement, drillId, missed, item };
}

/** "The interval passes": move the item's due date into the past. */
async function passTime(itemId: string) {
  const item = await app.db.reviewItem.findUniqueOrThrow({ where: { id: itemId } });
  await app.db.reviewItem.update({ where: { id: itemId }, data: { dueAt: new Date(Date.now() - 60_000) } });
  return item.dueAt!;
}

type DueJson = { reviews: Array<{ id: string; topic: string; interval_days: number; reviews: number; missed: { answer_id: string } }> };

describe("Spaced review", () => {
  it("a missed answer is due after 1 day; a better fresh-wording review moves it to 3 days, a missed one back to 1; the map shows the second try", async () => {
    const user = await userWithMap(app);
    const api = await apiLogin(app, user.email);
    const { requirement, missed, item } = await missedOnRequirement(user);

    // Scheduled one day after the miss, for the requirement the question probed.
    expect(item).toMatchObject({
      userId: user.userId,
      topic: "Kafka",
      requirementId: requirement.id,
      status: "scheduled",
      step: 0,
      reviews: 0,
    });
    expect(item.dueAt!.getTime() - missed.answer.createdAt.getTime()).toBe(DAY_MS);

    // Not due yet: the list is empty, on the dashboard and in the API.
    expect(((await (await api.get("/api/v1/reviews/due")).json()) as DueJson).reviews).toEqual([]);
    const dashboard = visibleText(await (await user.client.get("/dashboard")).text());
    expect(dashboard).toContain("Due for review");
    expect(dashboard).toContain("Nothing to review today.");

    await passTime(item.id);
    const due = (await (await api.get("/api/v1/reviews/due")).json()) as DueJson;
    expect(due.reviews).toHaveLength(1);
    expect(due.reviews[0]).toMatchObject({
      id: item.id,
      topic: "Kafka",
      interval_days: 1,
      reviews: 0,
      missed: { answer_id: missed.answer.id },
    });
    const html = await (await user.client.get("/dashboard")).text();
    expect(html).toContain('aria-label="Review now: Kafka"');
    expect(visibleText(html)).not.toContain("Nothing to review today.");

    // The review drill: one question, a fresh wording of the missed one, from the review prompt.
    const start = await user.client.post("/dashboard", { intent: "review", reviewItemId: item.id });
    expect(start.status).toBe(302);
    const reviewId = start.headers.get("location")!.split("/").pop()!;
    expect(await app.db.interviewSession.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({
      kind: "drill",
      reviewItemId: item.id,
      targetQuestions: 1,
      drillRequirementId: requirement.id,
    });
    expect(visibleText(await (await user.client.get(`/interviews/${reviewId}`)).text())).toContain(
      "Review: Kafka — a question you missed earlier, asked in a fresh wording.",
    );
    const better = await answer(user.client, reviewId, strongAnswer);
    expect(isRepeatQuestion(better.question.content, [missed.question.content])).toBe(false);
    expect(mentionsTopic(better.question.content, "Kafka")).toBe(true);
    const prompt = app.fake
      .chatRequests("review_question")
      .map((r) => JSON.stringify(r.body))
      .find((body) => body.includes(JSON.stringify(missed.question.content).slice(1, -1)));
    expect(prompt, "the review question was written from the missed question").toBeTruthy();

    // Passed: the next review in 3 days from the review answer; the map shows the better second try.
    let moved = await app.db.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(moved).toMatchObject({ status: "scheduled", step: 1, reviews: 1 });
    expect(moved.dueAt!.getTime() - better.answer.createdAt.getTime()).toBe(3 * DAY_MS);
    expect(((await (await api.get("/api/v1/reviews/due")).json()) as DueJson).reviews).toEqual([]);

    const map = (await (await api.get(`/api/v1/job-postings/${user.postingId}/skills`)).json()) as {
      requirements: Array<{ id: string; second_tries: Array<Record<string, unknown>> }>;
    };
    const tries = map.requirements.find((r) => r.id === requirement.id)!.second_tries;
    expect(tries).toHaveLength(1);
    expect(tries[0]).toMatchObject({
      first_answer_id: missed.answer.id,
      second_answer_id: better.answer.id,
      second_session_id: reviewId,
      better: true,
    });
    const page = await (await user.client.get(`/jobs/${user.postingId}/skills`)).text();
    expect(visibleText(page)).toMatch(/Second try better: first try \d+(\.\d)? → second try \d+(\.\d)?/);
    expect(page).toContain(`href="/interviews/${missed.answer.sessionId}/feedback#q1-feedback"`);
    expect(page).toContain(`href="/interviews/${reviewId}/feedback#q1-feedback"`);

    // Missed again at the next review: back to 1 day from that answer, and a wording not used before.
    await passTime(item.id);
    const again = await user.client.post("/dashboard", { intent: "review", reviewItemId: item.id });
    const secondReviewId = again.headers.get("location")!.split("/").pop()!;
    const worse = await answer(user.client, secondReviewId, () => MISSED_ANSWER);
    expect(isRepeatQuestion(worse.question.content, [missed.question.content, better.question.content])).toBe(false);
    moved = await app.db.reviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(moved).toMatchObject({ status: "scheduled", step: 0, reviews: 2 });
    expect(moved.dueAt!.getTime() - worse.answer.createdAt.getTime()).toBe(DAY_MS);
    // A missed review moves its item; it does not open another.
    expect(await app.db.reviewItem.count({ where: { userId: user.userId } })).toBe(1);
    expect(await app.db.operation.count({ where: { userId: user.userId, status: "failed" } })).toBe(0);
  });

  it("a good answer opens no review; a fresh wording that repeats the missed question is sent back and rewritten", async () => {
    const user = await userWithMap(app);
    const requirement = await app.db.requirement.findFirstOrThrow({ where: { jobPostingId: user.postingId, name: "PostgreSQL" } });
    const res = await user.client.post(`/jobs/${user.postingId}/skills`, { intent: "drill", requirementId: requirement.id });
    const drillId = res.headers.get("location")!.split("/").pop()!;
    const good = await answer(user.client, drillId, strongAnswer);
    expect(await app.db.reviewItem.count({ where: { missedAnswerId: good.answer.id } })).toBe(0);
    const missed = await answer(user.client, drillId, () => MISSED_ANSWER);
    const item = await app.db.reviewItem.findUniqueOrThrow({ where: { missedAnswerId: missed.answer.id } });

    // The first reply repeats the missed question word for word; later ones are fresh.
    let calls = 0;
    const repeating = reviewQuestionResponder({ repeatOriginal: true });
    const fresh = reviewQuestionResponder();
    app.fake.respond("review_question", (request, context) =>
      ++calls === 1 ? repeating(request, { ...context, count: 1 }) : fresh(request, context),
    );
    try {
      const before = app.fake.chatRequests("review_question").length;
      const start = await user.client.post("/dashboard", { intent: "review", reviewItemId: item.id });
      const reviewId = start.headers.get("location")!.split("/").pop()!;
      const question = await openQuestion(app, reviewId);
      expect(question.content).not.toBe(missed.question.content);
      expect(isRepeatQuestion(question.content, [missed.question.content])).toBe(false);
      const requests = app.fake.chatRequests("review_question").slice(before);
      expect(requests).toHaveLength(2);
      expect(JSON.stringify(requests[1]!.body)).toContain("it is the same question as before in nearly the same words");
    } finally {
      app.fake.respond("review_question", reviewQuestionResponder());
    }
  });

  it("the JSON twin starts a review drill (201); another user's item is a 404 and starts nothing; bad ids are refused", async () => {
    const owner = await userWithMap(app);
    const { item } = await missedOnRequirement(owner);
    const other = await readyUser(app);
    const ownerApi = await apiLogin(app, owner.email);
    const otherApi = await apiLogin(app, other.email);

    const before = await app.db.interviewSession.count();
    expect((await otherApi.json("POST", "/api/v1/drills", { review_item_id: item.id })).status).toBe(404);
    expect((await other.client.post("/dashboard", { intent: "review", reviewItemId: item.id })).status).toBe(404);
    expect((await other.client.post("/dashboard", { intent: "review", reviewItemId: "nope" })).status).toBe(400);
    expect((await otherApi.json("POST", "/api/v1/drills", { review_item_id: "nope" })).status).toBe(422);
    expect(await app.db.interviewSession.count()).toBe(before);
    // Someone else's due item is never listed.
    await passTime(item.id);
    expect(((await (await otherApi.get("/api/v1/reviews/due")).json()) as DueJson).reviews).toEqual([]);

    const res = await ownerApi.json("POST", "/api/v1/drills", { review_item_id: item.id });
    expect(res.status).toBe(201);
    const drill = (await res.json()) as { id: string; topic: string; target_questions: number; operation_id: string };
    expect(drill).toMatchObject({ topic: "Kafka", target_questions: 1 });
    expect((await waitForOperation(app, drill.operation_id)).status).toBe("completed");

    // A graduated item is not asked again.
    await app.db.reviewItem.update({ where: { id: item.id }, data: { status: "graduated", step: null, dueAt: null } });
    const done = await ownerApi.json("POST", "/api/v1/drills", { review_item_id: item.id });
    expect(done.status).toBe(409);
    expect(((await done.json()) as { error: { code: string } }).error.code).toBe("review_done");
  });

  it("the account export carries review items, and importing it into a new account brings them back on the imported answers", async () => {
    const source = await userWithMap(app);
    const { item, missed } = await missedOnRequirement(source);
    await passTime(item.id);
    const start = await source.client.post("/dashboard", { intent: "review", reviewItemId: item.id });
    const reviewId = start.headers.get("location")!.split("/").pop()!;
    await answer(source.client, reviewId, strongAnswer);
    const reviewed = await app.db.reviewItem.findUniqueOrThrow({ where: { id: item.id } });

    const exported = (await (await source.client.post("/settings/export", {})).json()) as {
      reviewItems: Array<{ id: string; missedAnswerId: string; reviewInterviewIds: string[]; step: number; reviews: number }>;
    };
    expect(exported.reviewItems).toEqual([
      expect.objectContaining({ id: item.id, missedAnswerId: missed.answer.id, reviewInterviewIds: [reviewId], step: 1, reviews: 1 }),
    ]);

    const target = await readyUser(app);
    await app.db.resume.deleteMany({ where: { userId: target.userId } });
    await app.db.jobPosting.deleteMany({ where: { userId: target.userId } });
    const api = await apiLogin(app, target.email);
    expect((await api.json("POST", "/api/v1/imports", exported)).status).toBe(201);
    const imported = await app.db.reviewItem.findMany({
      where: { userId: target.userId },
      include: { missedAnswer: { select: { content: true, session: { select: { userId: true } } } }, drills: { select: { id: true } } },
    });
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({
      topic: "Kafka",
      step: 1,
      reviews: 1,
      dueAt: reviewed.dueAt,
      missedAnswer: { content: MISSED_ANSWER, session: { userId: target.userId } },
    });
    expect(imported[0]!.drills).toHaveLength(1);
    // The requirement it practises came along with the posting's skill map: the same name, the new account's row.
    const requirement = await app.db.requirement.findUniqueOrThrow({ where: { id: imported[0]!.requirementId! } });
    expect(requirement).toMatchObject({ name: "Kafka" });
    expect(await app.db.jobPosting.count({ where: { id: requirement.jobPostingId, userId: target.userId } })).toBe(1);
    // Importing the same file again creates nothing twice.
    expect((await api.json("POST", "/api/v1/imports", exported)).status).toBe(201);
    expect(await app.db.reviewItem.count({ where: { userId: target.userId } })).toBe(1);
  });
});
