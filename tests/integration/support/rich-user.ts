/**
 * A user who owns one of every kind of object the app stores — a posting, an
 * active interview with an open question and a draft, a paused one, a
 * completed one with feedback, a completed one whose feedback failed, AI
 * operations in both end states — signed in through the UI (cookie) and the
 * API (bearer token). The security suites aim every route at these objects.
 */
import { POSTING, readyUser } from "../../support/interviews.ts";
import { seedSession } from "../../support/seed-sessions.ts";
import type { TestApp } from "../../support/test-app.ts";
import { apiLogin } from "../../support/users.ts";

export async function userWithEverything(app: TestApp) {
  const { client, userId, email, postingId } = await readyUser(app);
  const api = await apiLogin(app, email);
  const posting = { id: postingId, title: POSTING.title, company: POSTING.company };

  const active = await seedSession(app, userId, { posting, status: "active", withExchange: true, targetQuestions: 6 });
  const openQuestion = await app.db.sessionMessage.create({
    data: {
      sessionId: active.id,
      kind: "question",
      content: "What would you change first?",
      questionNumber: 2,
      questionType: "behavioral",
    },
  });
  await app.db.interviewSession.update({
    where: { id: active.id },
    data: { currentQuestionNumber: 2, draftAnswer: "A draft in progress", draftQuestionId: openQuestion.id, draftUpdatedAt: new Date() },
  });
  const paused = await seedSession(app, userId, { posting, status: "paused", withExchange: true });
  const completed = await seedSession(app, userId, { posting, status: "completed", withExchange: true, scores: [70, 80, 90, 60] });
  const unscored = await seedSession(app, userId, { posting, status: "completed", withExchange: true });

  // Issue 17: an evaluated answer (in the completed interview), for the second-opinion routes.
  const evaluatedAnswer = await app.db.sessionMessage.findFirstOrThrow({ where: { sessionId: completed.id, kind: "answer" } });
  await app.db.answerEvaluation.create({
    data: {
      answerId: evaluatedAnswer.id,
      sessionId: completed.id,
      relevanceScore: 70,
      completenessScore: 60,
      technicalCorrectness: 75,
      clarityScore: 80,
      summary: "A fair answer.",
    },
  });

  const failedQuestion = await app.db.operation.create({
    data: { userId, sessionId: active.id, kind: "question_generation", status: "failed", errorCode: "timeout", errorMessage: "Timed out." },
  });
  const failedFeedback = await app.db.operation.create({
    data: { userId, sessionId: unscored.id, kind: "session_feedback", status: "failed", errorCode: "timeout", errorMessage: "Timed out." },
  });
  const doneOperation = await app.db.operation.create({
    data: { userId, sessionId: completed.id, kind: "session_feedback", status: "completed", finishedAt: new Date() },
  });

  // Issue 20: an account import of this user's (applied, so its page shows the outcome).
  const accountImport = await app.db.accountImport.create({
    data: { userId, exportId: crypto.randomUUID(), status: "applied", appliedAt: new Date() },
  });

  // issue 18: a recording kept for the open question (its audio is served to its owner only).
  const recording = await app.db.audioClip.create({
    data: {
      userId,
      sessionId: active.id,
      questionId: openQuestion.id,
      source: "upload",
      format: "wav",
      mimeType: "audio/wav",
      byteLength: 4,
      bytes: new Uint8Array([82, 73, 70, 70]),
      transcript: "A kept recording",
      transcribedAt: new Date(),
      kept: true,
    },
  });

  // issue 18: the open question read aloud by the provider (its audio is served to its owner only).
  await app.db.questionSpeech.create({
    data: {
      userId,
      sessionId: active.id,
      questionId: openQuestion.id,
      model: "gpt-4o-mini-tts",
      voice: "alloy",
      mimeType: "audio/mpeg",
      bytes: new Uint8Array([0xff, 0xfb, 0x90, 0xc0]),
      characters: 20,
    },
  });

  // issue 19: one requirement on the posting's skill map.
  const requirement = await app.db.requirement.create({
    data: {
      userId,
      jobPostingId: postingId,
      name: "PostgreSQL",
      kind: "technology",
      weight: 3,
      source: "extracted",
      extractedKey: "postgresql",
    },
  });

  // issue 19: an answer (of the active interview) for the coaching routes.
  const answer = await app.db.sessionMessage.findFirstOrThrow({ where: { sessionId: active.id, kind: "answer" }, select: { id: true } });

  // issue 19: a review item of that answer, due now (the dashboard's "Review now" and GET /api/v1/reviews/due).
  const reviewItem = await app.db.reviewItem.create({
    data: {
      userId,
      missedAnswerId: answer.id,
      topic: "PostgreSQL",
      requirementId: requirement.id,
      step: 0,
      dueAt: new Date(Date.now() - 60_000),
    },
  });

  return {
    requirementId: requirement.id,
    reviewItemId: reviewItem.id,
    answerId: answer.id,
    client,
    api,
    userId,
    email,
    postingId,
    sessions: { active: active.id, paused: paused.id, completed: completed.id, unscored: unscored.id },
    openQuestionId: openQuestion.id,
    evaluatedAnswerId: evaluatedAnswer.id,
    recordingId: recording.id,
    operations: { failedQuestion: failedQuestion.id, failedFeedback: failedFeedback.id, done: doneOperation.id },
    importId: accountImport.id,
  };
}

export type RichUser = Awaited<ReturnType<typeof userWithEverything>>;
