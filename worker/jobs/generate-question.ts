import { loadAiSettings } from "#app/ai/client.server.ts";
import {
  closestQuestion,
  otherType,
  plannedType,
  questionMessages,
  REPEAT_SIMILARITY,
  repeatCorrection,
  type Exchange,
} from "#app/ai/prompts.ts";
import { QuestionOutput, type QuestionTypeName } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { completeOperation } from "#app/models/operation.server.ts";
import { db } from "#app/utils/db.server.ts";
import { publishEvent } from "#app/utils/events.server.ts";
import { logger } from "#app/utils/logger.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * question.generate — the next interview question, from the posting, the
 * résumé and every earlier question and answer (dual context). The model
 * decides between the planned type of the rotation and one follow-up on the
 * last answer. A repeat of any question asked in this session or an earlier
 * attempt at the same posting is sent back naming the question it repeats and
 * asking for another type; if the model repeats itself again, the least
 * similar of its replies is used (below), so a repetitive model slows the
 * interview down but never stops it. A retry (the operation's retry number)
 * starts from another type and asks for a fresh angle. The question, the
 * session counter and the operation's completion are written in one transaction.
 */
export async function generateQuestion(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const session = await db.interviewSession.findUnique({
      where: { id: operation.sessionId! },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    // Deleted meanwhile (its operations went with it): nothing to do.
    if (!session) return { skipped: "interview deleted" };
    const skip = (reason: string) => db.$transaction((tx) => completeOperation(tx, operation.id, { skipped: reason }));
    const questions = session.messages.filter((m) => m.kind === "question").sort((a, b) => a.questionNumber! - b.questionNumber!);
    const answers = new Map(session.messages.filter((m) => m.kind === "answer").map((m) => [m.questionId!, m.content]));
    if (session.status === "completed") return skip("interview finished");
    if (questions.some((q) => !answers.has(q.id))) return skip("a question is already open");
    if (session.currentQuestionNumber >= session.targetQuestions) return skip("all questions asked");

    const history: Exchange[] = questions.map((q) => ({
      number: q.questionNumber!,
      type: q.questionType as QuestionTypeName,
      isFollowUp: q.isFollowUp,
      question: q.content,
      answer: answers.get(q.id) ?? null,
    }));
    const previousAttemptQuestions = session.repeatQuestions ? [] : await questionsFromEarlierAttempts(session);
    const planned = plannedType(session.focus, history.filter((e) => !e.isFollowUp).length);
    const last = history.at(-1);
    // A follow-up digs into the last answer; never two in a row, and never as the first question.
    const followUpAllowed = Boolean(last && last.answer !== null && !last.isFollowUp);
    const asked = [...history.map((e) => e.question), ...previousAttemptQuestions];

    // A retry never replays the request that failed: it asks for another type of the rotation.
    let askFor = operation.retryNumber > 0 ? otherType(session.focus, planned, operation.retryNumber) : planned;
    // Replies refused only for repeating an earlier question, with the type each was asked for.
    const repeats: Array<{ output: QuestionOutput; type: QuestionTypeName; similarity: number }> = [];

    const settings = await loadAiSettings(session.userId);
    const streamQuestion = partialPublisher(session.id, operation.id);
    const output = await generateStructured({
      onPartial: (partial) => streamQuestion.push(partial.question),
      settings,
      schema: QuestionOutput,
      name: "interview_question",
      messages: (correction) =>
        questionMessages({
          posting: {
            title: session.postingTitle,
            company: session.postingCompany,
            experienceLevel: session.postingExperienceLevel,
            techStack: session.postingTechStack,
            description: session.postingDescription,
          },
          resume: session.resumeText,
          focus: session.focus,
          targetQuestions: session.targetQuestions,
          history,
          previousAttemptQuestions,
          plannedType: askFor,
          followUpAllowed,
          retryNumber: operation.retryNumber,
          correction,
        }),
      accept: (o) => {
        const text = o.question.trim();
        if (text.length < 10) return "the question was empty or too short; ask a complete question";
        if (text.length > 1_500) return "the question was too long; keep it to one to three sentences";
        const clash = closestQuestion(text, asked);
        if (!clash || clash.similarity < REPEAT_SIMILARITY) return null;
        repeats.push({ output: o, type: askFor, similarity: clash.similarity });
        askFor = otherType(session.focus, askFor, 1);
        return repeatCorrection(clash.question, askFor);
      },
      // The model repeated an earlier question even after being told which one and asked for another
      // type. Failing would leave the user a Retry that meets the same model and the same questions
      // again (the dead end this replaces), so the interview moves on with the least similar of the
      // replies: a near-repeat the user can answer or skip is better than an interview that cannot go on.
      lastResort: () => repeats.toSorted((a, b) => a.similarity - b.similarity)[0]?.output ?? null,
    });
    streamQuestion.stop();
    const fallback = repeats.find((r) => r.output === output);
    if (fallback) {
      logger.warn(
        { kind: "ai", operationId: operation.id, similarity: Number(fallback.similarity.toFixed(2)) },
        "the model kept repeating an earlier question; used its least similar reply",
      );
    }
    const isFollowUp = followUpAllowed && output.is_follow_up;
    // The rotation decides the type of a new question (or the type asked for instead of a repeat);
    // a follow-up takes the type that fits it.
    const type = isFollowUp ? output.type : (fallback?.type ?? askFor);

    return db.$transaction(async (tx) => {
      // Re-check under the session lock: the user may have finished, or deleted the interview, meanwhile.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM interview_sessions WHERE id = ${session.id}::uuid FOR UPDATE`;
      if (!locked.length) return { skipped: "interview deleted" };
      const current = await tx.interviewSession.findUniqueOrThrow({ where: { id: session.id } });
      if (current.status === "completed" || current.currentQuestionNumber >= current.targetQuestions) {
        await completeOperation(tx, operation.id, { skipped: "interview finished" });
        return { skipped: true };
      }
      const number = current.currentQuestionNumber + 1;
      const question = await tx.sessionMessage.create({
        data: {
          sessionId: session.id,
          kind: "question",
          content: output.question.trim(),
          questionNumber: number,
          questionType: type,
          isFollowUp,
          probes: output.probes.trim() || null,
          operationId: operation.id,
        },
      });
      await tx.interviewSession.update({ where: { id: session.id }, data: { currentQuestionNumber: number } });
      await completeOperation(tx, operation.id, {
        question_id: question.id,
        question: question.content,
        question_type: type,
        is_follow_up: isFollowUp,
        question_number: number,
        ...(fallback ? { repeat_fallback: true } : {}),
      });
      return { questionId: question.id };
    });
  });
}

/**
 * Push the question text to the waiting page as the model writes it: the
 * first words at once, then at most every 100 ms (each push is a NOTIFY).
 */
function partialPublisher(sessionId: string, operationId: string) {
  let last = 0;
  let sent = "";
  let pending: ReturnType<typeof setTimeout> | undefined;
  let latest = "";
  const send = () => {
    pending = undefined;
    if (latest === sent) return;
    sent = latest;
    last = Date.now();
    void publishEvent(db, { type: "partial", sessionId, operationId, text: latest.slice(0, 1_500) }).catch(() => {});
  };
  return {
    push(text: string | undefined) {
      if (!text) return;
      latest = text;
      if (pending) return;
      const wait = Math.max(0, 100 - (Date.now() - last));
      if (wait === 0) send();
      else pending = setTimeout(send, wait);
    },
    /** The final question is about to be stored: no more partial pushes. */
    stop() {
      clearTimeout(pending);
      sent = latest;
    },
  };
}

/** Questions asked in the user's other attempts at the same posting (by posting, or by retake chain). */
async function questionsFromEarlierAttempts(session: {
  id: string;
  userId: string;
  jobPostingId: string | null;
  originalSessionId: string | null;
}) {
  const root = session.originalSessionId ?? session.id;
  const rows = await db.sessionMessage.findMany({
    where: {
      kind: "question",
      session: {
        userId: session.userId,
        id: { not: session.id },
        OR: [...(session.jobPostingId ? [{ jobPostingId: session.jobPostingId }] : []), { id: root }, { originalSessionId: root }],
      },
    },
    orderBy: { createdAt: "asc" },
    select: { content: true },
  });
  return rows.map((r) => r.content);
}
