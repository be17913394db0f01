import { loadAiSettings } from "#app/ai/client.server.ts";
import { isRepeatQuestion, plannedType, questionMessages, type Exchange } from "#app/ai/prompts.ts";
import { QuestionOutput, type QuestionTypeName } from "#app/ai/schemas.ts";
import { generateStructured } from "#app/ai/structured.server.ts";
import { completeOperation } from "#app/models/operation.server.ts";
import { db } from "#app/utils/db.server.ts";
import { publishEvent } from "#app/utils/events.server.ts";
import { runOperation, type Attempt } from "./run-operation.ts";

/**
 * question.generate — the next interview question, from the posting, the
 * résumé and every earlier question and answer (dual context). The model
 * decides between the planned type of the rotation and one follow-up on the
 * last answer; a repeat of any question asked in this session or an earlier
 * attempt at the same posting is refused. The question, the session counter
 * and the operation's completion are written in one transaction.
 */
export async function generateQuestion(operationId: string, attempt: Attempt) {
  return runOperation(operationId, attempt, async (operation) => {
    const session = await db.interviewSession.findUniqueOrThrow({
      where: { id: operation.sessionId! },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
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
          plannedType: planned,
          followUpAllowed,
          correction,
        }),
      accept: (o) => {
        const text = o.question.trim();
        if (text.length < 10) return "the question was empty or too short; ask a complete question";
        if (text.length > 1_500) return "the question was too long; keep it to one to three sentences";
        if (isRepeatQuestion(text, asked)) return `"${text.slice(0, 120)}" was already asked; ask a different question`;
        return null;
      },
    });
    streamQuestion.stop();
    const isFollowUp = followUpAllowed && output.is_follow_up;
    // The rotation decides the type of a new question; a follow-up takes the type that fits it.
    const type = isFollowUp ? output.type : planned;

    return db.$transaction(async (tx) => {
      // Re-check under the session lock: the user may have finished meanwhile.
      await tx.$queryRaw`SELECT id FROM interview_sessions WHERE id = ${session.id}::uuid FOR UPDATE`;
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
