import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/jobs.$id.skills";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { NoScriptRefresh, OperationStatus, isRunning, useRevalidateWhile } from "#app/components/interview/operation-status.tsx";
import { PanelBoundary } from "#app/components/panel-boundary.tsx";
import { AddRequirementForm, SkillMapTable, type SkillRow } from "#app/components/skills/skill-map-table.tsx";
import { secondTryRows } from "#app/components/practice/second-tries.tsx";
import { SkillChart } from "#app/components/skills/skill-chart.tsx";
import { RESUME_SUPPORT_RULE } from "#app/domain/practice/resume-support.ts";
import { describeSkillChange, SKILL_STATE_RULE } from "#app/domain/practice/skill-state.ts";
import { SkillMapActionSchema } from "#app/forms/skill-map-forms.ts";
import {
  addPostingRequirement,
  editPostingRequirement,
  getSkillMap,
  requestRequirementExtraction,
  RequirementEditRefused,
  type SkillMapView,
} from "#app/models/skill-map.server.ts";
import { DrillRefused, startDrill } from "#app/models/drill.server.ts";
import { BudgetExhausted } from "#app/models/usage.server.ts";
import { requireUserId } from "#app/utils/auth.server.ts";
import { orPageNotFound, pageId } from "#app/utils/not-found.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const userId = await requireUserId(context);
  const map = orPageNotFound(await getSkillMap(userId, pageId(params.id)));
  return { ...pageData(map), now: new Date() };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const userId = await requireUserId(context);
  const postingId = pageId(params.id);
  // Ownership before validation: someone else's posting is a 404 whatever the form says.
  orPageNotFound(await getSkillMap(userId, postingId));
  const submission = parseWithZod(await request.formData(), { schema: SkillMapActionSchema });
  if (submission.status !== "success") {
    const intent = String(submission.payload.intent ?? "unknown");
    const requirementId = typeof submission.payload.requirementId === "string" ? submission.payload.requirementId : null;
    const firstError = Object.values(submission.error ?? {}).flat()[0] ?? "That change is not valid.";
    return data({ intent, requirementId, error: firstError, result: submission.reply() }, { status: 400 });
  }
  const input = submission.value;
  try {
    switch (input.intent) {
      case "add":
        orPageNotFound(await addPostingRequirement(userId, postingId, input));
        return {
          intent: input.intent,
          requirementId: null,
          notice: `Added “${input.name}”.`,
          result: submission.reply({ resetForm: true }),
        };
      case "rename":
        orPageNotFound(await editPostingRequirement(userId, postingId, input.requirementId, { name: input.name }));
        return { intent: input.intent, requirementId: input.requirementId, notice: `Renamed to “${input.name}”.` };
      case "weight":
        orPageNotFound(await editPostingRequirement(userId, postingId, input.requirementId, { weight: input.weight }));
        return { intent: input.intent, requirementId: input.requirementId, notice: "Weight saved." };
      case "remove":
        orPageNotFound(await editPostingRequirement(userId, postingId, input.requirementId, { remove: true }));
        return { intent: input.intent, requirementId: null, notice: "Removed. Reading the posting again will not bring it back." };
      case "drill": {
        const drill = orPageNotFound(await startDrill(userId, { requirementId: input.requirementId }));
        return redirect(`/interviews/${drill.session.id}`);
      }
      case "extract":
      case "retry":
        orPageNotFound(await requestRequirementExtraction(userId, postingId));
        return { intent: "extract", requirementId: null, notice: "Reading the posting's requirements…" };
    }
  } catch (error) {
    // A name that clashes with another requirement, a full list: said next to the form that sent it.
    // …and a budget that refuses the extraction or the drill (402), said there too.
    if (error instanceof DrillRefused || error instanceof BudgetExhausted)
      return data({ intent: input.intent, requirementId: null, error: error.message }, { status: error.status });
    if (!(error instanceof RequirementEditRefused)) throw error;
    const requirementId = "requirementId" in input ? input.requirementId : null;
    const result = input.intent === "add" ? submission.reply({ fieldErrors: { name: [error.message] } }) : undefined;
    return data({ intent: input.intent, requirementId, error: error.message, result }, { status: 400 });
  }
}

/** What the page shows of the map: plain values (dates stay Dates through single fetch). */
function pageData(map: SkillMapView) {
  const rows: SkillRow[] = map.entries.map((e) => {
    const sessionOf = new Map(e.probes.map((p) => [p.questionId, p.sessionId]));
    const linkTo = (questionId: string) =>
      `/interviews/${sessionOf.get(questionId)}/feedback#q${map.questionNumbers[questionId] ?? 0}-feedback`;
    return {
      id: e.requirement.id,
      name: e.requirement.name,
      kind: e.requirement.kind,
      weight: e.requirement.weight,
      source: e.requirement.source,
      edited: e.requirement.nameEdited || e.requirement.weightEdited,
      postingLines: e.requirement.evidence.map((ev) => ev.text),
      resume: {
        supported: e.resume.supported,
        mentions: e.resume.mentions.map((m) => highlight(m.sentence.text, m.sentence.start, m.matches)),
      },
      state: e.skill.state,
      since: e.skill.since,
      average: e.skill.average,
      probes: e.probes.map((p) => ({
        questionId: p.questionId,
        question: p.question,
        askedAt: p.askedAt,
        score: p.answer?.score ?? null,
        answered: p.answer !== null,
        href: linkTo(p.questionId),
      })),
      changes: e.skill.changes.map((c) => ({ at: c.at, to: c.to, explanation: describeSkillChange(c), href: linkTo(c.questionId) })),
      secondTries: secondTryRows(e, linkTo), // issue 19
    };
  });
  const operation = map.extraction.operation;
  return {
    posting: map.posting,
    rows,
    removed: map.removed,
    hasResume: map.hasResume,
    extractedAt: map.extraction.extractedAt,
    extraction: operation
      ? {
          id: operation.id,
          kind: operation.kind,
          status: operation.status,
          errorCode: operation.errorCode,
          errorMessage: operation.errorMessage,
          createdAt: operation.createdAt,
        }
      : null,
  };
}

/** A résumé line cut into plain and matched parts, for <mark>. */
function highlight(text: string, offset: number, matches: Array<{ start: number; end: number }>) {
  const parts: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (const m of matches) {
    const start = m.start - offset;
    const end = m.end - offset;
    if (start < at || end > text.length) continue;
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}

export default function SkillMapPage({ loaderData, actionData }: Route.ComponentProps) {
  const { posting, rows, removed, hasResume, extraction, extractedAt, now } = loaderData;
  const extracting = isRunning(extraction);
  useRevalidateWhile(extracting);
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const pageError =
    actionData && "error" in actionData && !actionData.requirementId && actionData.intent !== "add" ? actionData.error : null;

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      {extracting ? <NoScriptRefresh /> : null}
      <header className="space-y-2">
        <p className="text-sm">
          <Link to={`/jobs/${posting.id}`}>← {posting.title}</Link>
        </p>
        <h1>Skill map: {posting.title}</h1>
        {posting.company ? <p className="text-slate-700">{posting.company}</p> : null}
        <p className="text-slate-700">
          What this job asks for, and how your answers show it. Each requirement is probed by interview questions; its state follows the
          scores of your answers.
        </p>
      </header>

      <div aria-live="polite" className="space-y-2">
        {notice ? (
          <p className="alert-success" role="status">
            {notice}
          </p>
        ) : null}
        {pageError ? (
          <p className="alert-error" role="alert">
            {pageError}
          </p>
        ) : null}
        {extraction ? (
          <OperationStatus
            operation={{ ...extraction, errorMessage: extraction.errorMessage }}
            serverNow={now}
            compact={extraction.status !== "failed"}
          />
        ) : null}
      </div>

      <section aria-labelledby="map-heading" className="card space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="map-heading">Requirements</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="extract" />
            <button type="submit" className="btn-secondary" disabled={extracting}>
              {extractedAt ? "Read the posting again" : "Extract requirements"}
            </button>
          </Form>
        </div>
        <p className="text-sm text-slate-700" id="state-rule">
          {SKILL_STATE_RULE} {extractedAt ? "Reading the posting again keeps your renames, weights and removals." : null}
        </p>
        {!hasResume ? (
          <p className="alert-info">
            Add your <Link to="/resume">résumé</Link> to see where it supports each requirement.
          </p>
        ) : null}
        {rows.length ? (
          <SkillMapTable rows={rows} actionData={actionData ?? null} />
        ) : (
          <p className="text-slate-700" data-testid="skill-map-empty">
            {extracting
              ? "The requirements appear here in a moment."
              : "No requirements yet. Extract them from the posting, or add your own below."}
          </p>
        )}
        <p className="text-xs text-slate-600">{RESUME_SUPPORT_RULE}</p>
      </section>

      {rows.some((r) => r.average !== null) ? (
        <section aria-labelledby="chart-heading" className="card space-y-3">
          <h2 id="chart-heading">Where you stand</h2>
          <PanelBoundary what="the chart of your skills">
            <SkillChart
              testId="skill-chart"
              labels={rows.map((r) => r.name)}
              values={rows.map((r) => r.average)}
              summary={`Bar chart of your average score on each of ${rows.length} requirements; the same numbers are in the table above.`}
            />
          </PanelBoundary>
        </section>
      ) : null}

      <section aria-labelledby="add-heading" className="card space-y-3">
        <h2 id="add-heading">Add a requirement</h2>
        <AddRequirementForm
          lastResult={actionData && "result" in actionData && actionData.intent === "add" ? actionData.result : undefined}
        />
      </section>

      {removed.length ? (
        <section aria-labelledby="removed-heading" className="card space-y-2">
          <h2 id="removed-heading">Removed</h2>
          <p className="text-sm text-slate-700">
            {removed.map((r) => r.name).join(", ")}. Reading the posting again will not bring these back; add one by its name to restore it
            with its history.
          </p>
        </section>
      ) : null}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Skill map: ${loaderData.posting.title} — ai-interviewer` : "Skill map — ai-interviewer" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
